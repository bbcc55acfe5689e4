import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
/**
 * A port for a spec's own server (an app with SMTP, an identity provider), offset from the run's, so
 * two runs on one machine with different E2E_PORTs do not collide. Offsets: oidc 1-2, email 3-4,
 * operations 5.
 */
export const portBeside = (offset: 1 | 2 | 3 | 4 | 5) => port + offset;
// A fresh database per run (removed before the server starts): the end-to-end tests start from the demo data.
// Named by port, not pid: test workers open it read-only to look up ids.
export const databasePath = path.join(os.tmpdir(), `agendawerk-e2e-${port}.sqlite`);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `test-results/${port}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "nl-NL",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -f ${databasePath} ${databasePath}-wal ${databasePath}-shm && npx tsx server.ts`,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, NODE_ENV: "production" },
  },
});
