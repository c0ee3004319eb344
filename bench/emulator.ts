/**
 * Emulator throughput and memory: requests/second for create, get and list over
 * loopback (keep-alive undici Pool, bounded request counts), then RSS with 10,000
 * connectors across 1,000 orgs. Run: `node dist/bench/emulator.js` (after `npm run build`).
 *
 * Connectors are Custom Basic without a validation URL, so no IdP round trip is timed:
 * this measures the emulator itself.
 */
import { Pool } from "undici";
import { startEmulator } from "../emulator/index";

const CONCURRENCY = 16;
const CREATE_ORGS = 200; // 10 CUSTOM connectors each = 2,000 creates
const GETS = 5_000;
const LISTS = 5_000;
const SEED_ORGS = 1_000;
const SEED_PER_ORG = 10;

const org = (prefix: string, i: number) => ({ orgId: `${prefix}-${i}`, token: `${prefix}-token-${i}` });
const body = (name: string) =>
  JSON.stringify({
    type: "CUSTOM",
    name,
    custom: { authenticationType: "BASIC", domainUrl: "https://api.example.com", username: "svc", password: "bench-password" },
  });

interface Row {
  phase: string;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

/** Runs `total` requests built by `make(i)` with CONCURRENCY workers; fails on an unexpected status. */
async function run(
  pool: Pool,
  phase: string,
  total: number,
  expected: number,
  make: (i: number) => Parameters<Pool["request"]>[0],
): Promise<{ row: Row; bodies: unknown[] }> {
  const latencies: number[] = [];
  const bodies: unknown[] = new Array(total);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const res = await pool.request(make(i));
        const text = await res.body.text();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== expected) throw new Error(`${phase}: request ${i} answered ${res.statusCode}: ${text}`);
        bodies[i] = text ? JSON.parse(text) : undefined;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { row: { phase, requests: total, seconds, rps: total / seconds, p50: pct(0.5), p99: pct(0.99) }, bodies };
}

const post = (o: { orgId: string; token: string }, name: string) => ({
  method: "POST" as const,
  path: `/v1/organizations/${o.orgId}/connectors`,
  headers: { authorization: `Bearer ${o.token}`, "content-type": "application/json" },
  body: body(name),
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const createOrgs = Array.from({ length: CREATE_ORGS }, (_, i) => org("bench", i));
  const emu = await startEmulator({ port: 0, orgs: createOrgs });
  const pool = new Pool(emu.url, { connections: CONCURRENCY, pipelining: 1 });
  const rows: Row[] = [];
  try {
    const created = await run(pool, "create (POST)", CREATE_ORGS * 10, 201, (i) => post(createOrgs[i % CREATE_ORGS]!, `bench ${i}`));
    rows.push(created.row);
    const ids = (created.bodies as Array<{ id: string; orgId: string }>).map((c) => c);
    const tokenOf = new Map(createOrgs.map((o) => [o.orgId, o.token]));
    rows.push(
      (
        await run(pool, "get (GET /{id})", GETS, 200, (i) => {
          const c = ids[i % ids.length]!;
          return { method: "GET", path: `/v1/organizations/${c.orgId}/connectors/${c.id}`, headers: { authorization: `Bearer ${tokenOf.get(c.orgId)}` } };
        })
      ).row,
    );
    rows.push(
      (
        await run(pool, "list (GET, 10 items)", LISTS, 200, (i) => {
          const o = createOrgs[i % CREATE_ORGS]!;
          return { method: "GET", path: `/v1/organizations/${o.orgId}/connectors`, headers: { authorization: `Bearer ${o.token}` } };
        })
      ).row,
    );
  } finally {
    await pool.close();
    await emu.close();
  }

  // Memory: a fresh emulator seeded with 10,000 connectors across 1,000 orgs.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const seedOrgs = Array.from({ length: SEED_ORGS }, (_, i) => org("seed", i));
  const seeded = await startEmulator({ port: 0, orgs: seedOrgs });
  const seedPool = new Pool(seeded.url, { connections: CONCURRENCY });
  let seedRow: Row;
  try {
    seedRow = (await run(seedPool, "seed 10,000 creates", SEED_ORGS * SEED_PER_ORG, 201, (i) => post(seedOrgs[i % SEED_ORGS]!, `seed ${i}`))).row;
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;
    const heap = process.memoryUsage().heapUsed;

    console.log(`\nwxcc-emulator benchmark (loopback, in-process, keep-alive, concurrency ${CONCURRENCY})\n`);
    const header = ["phase", "requests", "seconds", "req/s", "p50 ms", "p99 ms"];
    const table = [...rows, seedRow].map((r) => [r.phase, String(r.requests), r.seconds.toFixed(2), r.rps.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2)]);
    const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c]!.length)));
    const line = (cells: string[]) => cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of table) console.log(line(r));
    console.log(`\nmemory with ${SEED_ORGS * SEED_PER_ORG} connectors across ${SEED_ORGS} orgs:`);
    console.log(`  RSS ${mb(rssAfter)} (before seeding ${mb(rssBefore)}, +${mb(rssAfter - rssBefore)}); heap used ${mb(heap)}`);
    console.log(`  (bench client and server share this process; logs keep up to 50,000 requests)\n`);
  } finally {
    await seedPool.close();
    await seeded.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
