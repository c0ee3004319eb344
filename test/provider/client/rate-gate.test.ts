import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator } from "../../../emulator/index";
import { ConnectorsClient } from "../../../provider/client/connectors-client";
import { gateFor, type GatePass, RateGate } from "../../../provider/client/rate-gate";

/** Acquires and records the order in which passes are granted. */
function acquireAll(
  gate: RateGate,
  reqs: Array<{ name: string; urgent?: boolean; retry?: boolean; window?: boolean }>,
  order: string[],
): Map<string, Promise<GatePass>> {
  return new Map(
    reqs.map((r) => [
      r.name,
      gate.acquire(r).then((p) => {
        order.push(r.name);
        return p;
      }),
    ]),
  );
}

describe("RateGate, the provider process's shared limiter", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("never delays anything while the backend has not rate limited: 64 requests go at once", async () => {
    const gate = new RateGate();
    const order: string[] = [];
    acquireAll(
      gate,
      Array.from({ length: 64 }, (_, i) => ({ name: `r${i}` })),
      order,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toHaveLength(64);
  });

  it("after a 429 pauses new requests for the Retry-After, halves the concurrency and spaces request starts", async () => {
    const gate = new RateGate();
    const first = await gate.acquire();
    first.done("throttled", 1000);
    expect(gate.state).toMatchObject({ limit: 32, spacingMs: 250, pausedForMs: 1000 });
    const order: string[] = [];
    acquireAll(gate, [{ name: "a" }, { name: "b" }], order);
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(250);
    expect(order).toEqual(["a", "b"]);
  });

  it("after a 429 asking for more than 30 s pauses new requests 1 s only: that call fails at once, and the others learn their own answer", async () => {
    const gate = new RateGate();
    (await gate.acquire()).done("throttled", 86_400_000);
    expect(gate.state).toMatchObject({ limit: 32, spacingMs: 250, pausedForMs: 1000 });
    const order: string[] = [];
    acquireAll(gate, [{ name: "next" }], order);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(["next"]);
  });

  it("lets re-sends go ahead of first attempts, so calls already begun finish first", async () => {
    const gate = new RateGate();
    (await gate.acquire()).done("throttled", 500);
    const order: string[] = [];
    acquireAll(gate, [{ name: "new-1" }, { name: "retry-1", retry: true }, { name: "new-2" }, { name: "retry-2", retry: true }], order);
    await vi.advanceTimersByTimeAsync(2000);
    expect(order).toEqual(["retry-1", "retry-2", "new-1", "new-2"]);
  });

  it("counts one burst of 429s as one cut, and cuts down to one request at a time at most", async () => {
    const gate = new RateGate();
    const passes = await Promise.all(Array.from({ length: 8 }, () => gate.acquire()));
    for (const p of passes) p.done("throttled", 1000);
    expect(gate.state.limit).toBe(32);
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(5000);
      (await gate.acquire()).done("throttled", 0);
    }
    expect(gate.state.limit).toBe(1);
    expect(gate.state.spacingMs).toBe(2000);
  });

  it("grows back with every answer that is not a 429", async () => {
    const gate = new RateGate();
    (await gate.acquire()).done("throttled", 0);
    for (let i = 0; i < 200; i++) {
      const pass = gate.acquire();
      await vi.advanceTimersByTimeAsync(300);
      (await pass).done("answered");
    }
    expect(gate.state.limit).toBeGreaterThan(32);
    expect(gate.state.spacingMs).toBe(0);
  });

  it("lets calls of a down window go at once: no queue and no pause, whatever other calls' 429s asked", async () => {
    const gate = new RateGate();
    (await gate.acquire()).done("throttled", 2000);
    const order: string[] = [];
    acquireAll(gate, [{ name: "queued" }, { name: "urgent", urgent: true }], order);
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(["urgent"]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(order).toEqual(["urgent", "queued"]);
  });

  it("lets any number of connectors be down at once until the backend rate limits, then one at a time", async () => {
    const gate = new RateGate();
    const closes = await Promise.all(Array.from({ length: 10 }, () => gate.openWindow()));
    expect(gate.state.windows).toBe(10);
    for (const close of closes) close();
    (await gate.acquire({ urgent: true })).done("throttled", 0);
    expect(gate.state.limit).toBe(32);
    const first = await gate.openWindow();
    let second = false;
    const pending = gate.openWindow().then((close) => {
      second = true;
      return close;
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(second).toBe(false);
    first();
    (await pending)();
    expect(second).toBe(true);
    expect(gate.state.windows).toBe(0);
  });

  it("once the backend limits, takes one connector down at a time and holds every other call while it is down", async () => {
    const gate = new RateGate();
    (await gate.acquire()).done("throttled", 1000);
    const order: string[] = [];
    const first = gate.openWindow().then((close) => {
      order.push("window-1");
      return close;
    });
    const second = gate.openWindow().then((close) => {
      order.push("window-2");
      return close;
    });
    acquireAll(gate, [{ name: "preflight" }, { name: "retry", retry: true }], order);
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(["window-1"]);
    acquireAll(gate, [{ name: "deactivate", window: true }], order);
    await vi.advanceTimersByTimeAsync(1000);
    // The window's own call went at the end of the pause; the others wait for the window to close.
    expect(order).toEqual(["window-1", "deactivate"]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(order).toEqual(["window-1", "deactivate"]);
    (await first)();
    await vi.advanceTimersByTimeAsync(0);
    // Re-sends first, then the next window: it was asked for before the first attempt.
    expect(order.slice(2)).toEqual(["retry", "window-2"]);
    (await second)();
    await vi.advanceTimersByTimeAsync(5000);
    expect(order.slice(4)).toEqual(["preflight"]);
  });

  it("once the backend limits, sends no deactivation while another connector is down, even in windows opened before", async () => {
    const gate = new RateGate();
    const [a, b] = await Promise.all([gate.openWindow(), gate.openWindow()]);
    a.wentDown();
    (await gate.acquire({ window: true })).done("throttled", 0);
    const order: string[] = [];
    acquireAll(gate, [{ name: "b-deactivate", window: true }], order);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(order).toEqual([]);
    // a's own calls (urgent) still go; once a is back up, b may go down.
    acquireAll(gate, [{ name: "a-activate", urgent: true }], order);
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(["a-activate"]);
    a();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(["a-activate", "b-deactivate"]);
    expect(gate.state).toMatchObject({ windows: 1, down: 0 });
    b();
  });

  it("tells a window request and a deactivation held for other connectors' windows that they wait, once each, and the deactivation when its turn comes", async () => {
    const gate = new RateGate();
    const [a, b] = await Promise.all([gate.openWindow(), gate.openWindow()]);
    a.wentDown();
    (await gate.acquire({ window: true })).done("throttled", 0);
    const heard: string[] = [];
    const hook = (name: string) => () => {
      heard.push(`${name} waits`);
      return () => heard.push(`${name}'s turn`);
    };
    const deactivation = gate.acquire({ window: true, onHeld: hook("b-deactivate") });
    const third = gate.openWindow(hook("c-window"));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(heard).toEqual(["b-deactivate waits", "c-window waits"]);

    a();
    (await deactivation).done("answered");
    expect(heard).toEqual(["b-deactivate waits", "c-window waits", "b-deactivate's turn"]);
    b();
    (await third)();
    expect(heard).toEqual(["b-deactivate waits", "c-window waits", "b-deactivate's turn", "c-window's turn"]);
  });

  it("tells nothing to requests that do not wait for other connectors' windows", async () => {
    const gate = new RateGate();
    const heard: string[] = [];
    const hook = () => {
      heard.push("waits");
      return undefined;
    };
    const close = await gate.openWindow(hook);
    (await gate.acquire({ window: true, onHeld: hook })).done("throttled", 1000);
    // A pause after a 429 is a wait of another kind: the call's own retry line reports it.
    const retry = gate.acquire({ window: true, retry: true, onHeld: hook });
    await vi.advanceTimersByTimeAsync(1000);
    (await retry).done("answered");
    close();
    expect(heard).toEqual([]);
  });

  it("runs what it tells a waiter in that waiter's async context, whichever connector's call ends the wait", async () => {
    const rows = new AsyncLocalStorage<string>();
    const gate = new RateGate();
    const [a, b] = await Promise.all([gate.openWindow(), gate.openWindow()]);
    a.wentDown();
    (await gate.acquire({ window: true })).done("throttled", 0);
    const heard: Array<string | undefined> = [];
    const held = rows.run("row b", () =>
      gate.acquire({
        window: true,
        onHeld: () => {
          heard.push(rows.getStore());
          return () => heard.push(rows.getStore());
        },
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    rows.run("row a", () => a());
    (await held).done("answered");
    b();
    expect(heard).toEqual(["row b", "row b"]);
  });

  it("holds nothing back for open windows when the backend does not limit", async () => {
    const gate = new RateGate();
    await gate.openWindow();
    const order: string[] = [];
    acquireAll(gate, [{ name: "a" }, { name: "b", window: true }], order);
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(["a", "b"]);
  });

  it("is one per backend in the process", () => {
    expect(gateFor("http://127.0.0.1:1")).toBe(gateFor("http://127.0.0.1:1"));
    expect(gateFor("http://127.0.0.1:1")).not.toBe(gateFor("http://127.0.0.1:2"));
  });
});

describe("clients sharing the gate against a rate-limited emulator", () => {
  it("all succeed: 30 concurrent calls at --rate-limit 10 with only 1 re-send each for other failures", async () => {
    const emu = await startEmulator({ port: 0, orgs: [{ orgId: "acme", token: "acme-token" }], rateLimit: 10 });
    try {
      const gate = new RateGate();
      const clients = [0, 1].map(() => new ConnectorsClient({ baseUrl: emu.url, accessToken: "acme-token", gate, maxRetries: 1, retryBaseMs: 1 }));
      const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => clients[i % 2]!.list("acme")));
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(gate.state.limit).toBeLessThan(64);
    } finally {
      await emu.close();
    }
  }, 30_000);
});
