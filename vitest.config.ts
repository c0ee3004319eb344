import * as path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects. `unit` runs in-process suites (schemas, client, hooks, emulator over
// loopback HTTP) against the sources, never `dist/`. `e2e` (files named `*.e2e.test.ts`,
// and everything under test/e2e/) drives the real Pulumi CLI or the built package, and
// needs `npm run build` first: the engine loads the provider as compiled JS.
const E2E = ["test/e2e/**/*.test.ts", "test/**/*.e2e.test.ts"];

// A unit test that imports the package by name gets the sources, never the build.
const SOURCES = [
  { find: /^pulumi-wxcc-connectors$/, replacement: path.join(__dirname, "sdk", "index.ts") },
  { find: /^pulumi-wxcc-connectors\/dist\/(.*)$/, replacement: path.join(__dirname, "$1") },
];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: SOURCES },
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...E2E, "node_modules/**"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: E2E,
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // Each file runs real `pulumi` processes; two cores, so one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
