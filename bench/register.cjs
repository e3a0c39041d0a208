// Runs the bench's TypeScript (and the engine's, from plugin/) in Node: each .ts file outside
// node_modules is compiled to CommonJS by @swc/core (a devDependency) as it is required.
const fs = require('fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTs(module, filename) {
  if (filename.includes(`${require('path').sep}node_modules${require('path').sep}`)) {
    throw new Error(`bench/register.cjs compiles the repo's own TypeScript only, not ${filename}`);
  }
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
