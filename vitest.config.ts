import { defineConfig } from "vitest/config";

// Two projects: `unit` runs in-process suites (schemas, client, hooks, emulator over
// loopback HTTP); `e2e` drives the real Pulumi CLI and needs `npm run build` first.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // Each file runs real `pulumi` processes; two cores, so one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
