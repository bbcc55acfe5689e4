import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The app's "~/" alias (tsconfig paths), so tests can import route modules.
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/collab/**/*.test.ts"],
    // Tests open real SQLite files and real sockets; two cores do not gain from more forks.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
