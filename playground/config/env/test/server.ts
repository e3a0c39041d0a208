// Merged over config/server.ts under NODE_ENV=test: no start-up banner, no update check.
export default {
  logger: {
    startup: { enabled: false },
    updates: { enabled: false },
  },
};
