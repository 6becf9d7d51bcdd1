import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: tests need the `~` alias but none of the Remix build.
export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // Forks, not threads: PGlite and the schema engine are WebAssembly instances with process-wide
    // state, and each file should get its own process and in-memory database.
    pool: "forks",
    testTimeout: 30_000,
    // Starting an in-memory PGlite and migrating it takes ~3 s, more on a loaded machine.
    hookTimeout: 60_000,
    globalSetup: ["tests/setup/global-db.ts"],
    setupFiles: ["tests/setup/per-file-db.ts"],
  },
});
