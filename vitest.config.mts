import path from "node:path";
import { defineConfig } from "vitest/config";

/** Unit + integration tests; integration tests talk to a real etcd started in global setup. */
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server condition; in tests it's a no-op.
      "server-only": path.resolve(import.meta.dirname, "test/helpers/empty.ts"),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    setupFiles: ["test/helpers/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
