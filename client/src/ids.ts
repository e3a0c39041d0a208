/** Random ids (a visitor id, an event id) from the Web Crypto API: browsers, Node 20, edge runtimes. */
export const randomId = (): string =>
  // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere: 128 random bits.
  crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('-');
