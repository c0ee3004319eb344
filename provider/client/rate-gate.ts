import { AsyncResource } from "node:async_hooks";
import { DOWN_WAIT_BOUND_MS, MAX_RETRY_AFTER_MS } from "./retry-policy";

/** Concurrency a fresh gate allows: above Pulumi's default `--parallel` (4 × CPUs) on most machines, so an unthrottled run never waits here. */
const INITIAL_LIMIT = 64;
const MAX_LIMIT = 256;
/** First spacing between request starts after a 429, in ms; doubles with each further cut. */
const FIRST_SPACING_MS = 250;
const MAX_SPACING_MS = 2_000;
/**
 * Pause after a 429 that names no `Retry-After`, or one over the cap: the call that got that
 * one fails at once instead of waiting (see `nextWait`), so pausing every other call for 30 s
 * would only delay each of them learning the same answer (6 connectors took minutes).
 */
const DEFAULT_PAUSE_MS = 1_000;

/**
 * Told that a request waits for other connectors' down windows (while the backend limits,
 * one connector goes down at a time): called once when the gate first holds the request
 * back for that reason; the function it returns, if any, is called once the request is
 * admitted after all. Progress lines use it ("waiting for another connector's change…",
 * then "deactivating…"). Waits of other kinds (a pause after a 429, the spacing) are not
 * reported here.
 */
export type HeldHook = () => (() => void) | undefined;

/** How a caller asks for its turn. */
export interface GateRequest {
  /**
   * A call made while a connector the provider deactivated is down: it goes at once,
   * skipping the queue, the concurrency limit, the spacing and any pause (its own
   * `Retry-After` and backoff, each ≤ {@link DOWN_WAIT_BOUND_MS}, are its only waits).
   */
  urgent?: boolean;
  /** A re-send: goes ahead of first attempts, so calls already begun finish first. */
  retry?: boolean;
  /**
   * A call for a connector whose down window is open but that is not down yet (its
   * deactivation): goes ahead of every other queued call and is not held back by open windows.
   */
  window?: boolean;
  /** See {@link HeldHook}. */
  onHeld?: HeldHook;
}

/**
 * A connector's down window, from `openWindow`: call it once the connector is back up or
 * gone (closing the window), and `wentDown()` once its deactivation landed.
 */
export interface DownWindow {
  (): void;
  wentDown(): void;
}

/** What the answer said about the backend's load, reported when the request ends. */
export type GateOutcome = "throttled" | "answered" | "no-answer";

/** One admitted request; call `done` exactly once. */
export interface GatePass {
  done(outcome: GateOutcome, retryAfterMs?: number): void;
}

interface Waiter {
  /** A request for a down window (from `openWindow`), or one call's turn. */
  kind: "window" | "call";
  req: GateRequest;
  admit: () => void;
  /** Once held back for other connectors' windows: what to call when admitted (`null`: nothing). */
  resume?: (() => void) | null;
}

/** Queue order: window calls, then re-sends, then first attempts and window requests in arrival order. */
function rank(w: Waiter): number {
  if (w.kind === "call" && w.req.window) return 0;
  if (w.kind === "call" && w.req.retry) return 1;
  return 2;
}

/**
 * The provider process's shared limiter for one backend: every resource's requests pass
 * through it, so when the backend answers 429 all of them slow down together instead of
 * each burning its retries (SPEC §7, issue 12 "rate limits make it slower, not red").
 *
 * AIMD, as TCP does: a 429 halves the allowed concurrency, doubles the spacing between
 * request starts and pauses new requests for the `Retry-After` (1 s when it names none or
 * more than 30 s, which no call waits for); each other
 * answer grows the concurrency by 1/limit and shrinks the spacing by 10 %. At most one cut
 * per spacing interval, so one burst of 429s counts once. Without 429s it never delays anything.
 *
 * Down windows first (SPEC §7 "Never down for long"): while the backend limits (a 429 not yet
 * grown out of), one connector at a time is taken down, and while it is down only its own
 * calls are sent; every other call waits until it is back up. So the backend's whole budget
 * goes to ending the down window, instead of the window's calls competing with everyone else's.
 *
 * @example
 * ```ts
 * const pass = await gateFor(baseUrl).acquire({ retry: attempt > 1 });
 * const out = await send();
 * pass.done(out.status === 429 ? "throttled" : "answered", retryAfterMs);
 * ```
 */
export class RateGate {
  private limit = INITIAL_LIMIT;
  private spacingMs = 0;
  private inFlight = 0;
  private resumeAt = 0;
  private nextStartAt = 0;
  private lastCutAt = -Infinity;
  private readonly queue: Waiter[] = [];
  /** Open down windows: connectors the provider is taking down or has taken down. */
  private windows = 0;
  /** Of those, the connectors whose deactivation landed: down right now. */
  private down = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {}

  /** Resolves when the request may be sent. */
  acquire(req: GateRequest = {}): Promise<GatePass> {
    return new Promise((resolve) => {
      const admit = () => {
        this.inFlight++;
        resolve(this.pass());
      };
      const waiter: Waiter = { kind: "call", req: { ...req, onHeld: inCallerContext(req.onHeld) }, admit };
      if (req.urgent) {
        // A down window's call never waits here: its own Retry-After and backoff (each ≤ 5 s)
        // are its only waits, so pauses set by other connectors' 429s never add to them.
        admit();
        return;
      }
      this.enqueue(waiter);
      this.pump();
    });
  }

  /**
   * Waits until one more connector may be taken down, and returns the function to call once
   * it is back up (or gone). As many connectors may be down at once as requests may be in
   * flight while the backend does not limit; once it does, one window opens at a time, no
   * deactivation is sent while another connector is down, and other calls wait while a
   * window is open. Requests for windows take their turn in arrival order with first
   * attempts of other calls, so neither starves the other. `onHeld` hears when this one
   * waits for another connector's window (see {@link HeldHook}).
   *
   * @example
   * ```ts
   * const close = await gate.openWindow();
   * try { await deactivate(); close.wentDown(); await edit(); await activate(); } finally { close(); }
   * ```
   */
  openWindow(onHeld?: HeldHook): Promise<DownWindow> {
    return new Promise((resolve) => {
      const admit = () => {
        this.windows++;
        let closed = false;
        let isDown = false;
        const close = () => {
          if (closed) return;
          closed = true;
          this.windows--;
          if (isDown) this.down--;
          this.pump();
        };
        resolve(
          Object.assign(close, {
            wentDown: () => {
              if (closed || isDown) return;
              isDown = true;
              this.down++;
            },
          }),
        );
      };
      this.enqueue({ kind: "window", req: { onHeld: inCallerContext(onHeld) }, admit });
      this.pump();
    });
  }

  /** Current limits, for tests and the bench. */
  get state(): { limit: number; spacingMs: number; inFlight: number; queued: number; pausedForMs: number; windows: number; down: number } {
    return {
      limit: Math.floor(this.limit),
      spacingMs: Math.round(this.spacingMs),
      inFlight: this.inFlight,
      queued: this.queue.length,
      pausedForMs: Math.max(0, this.resumeAt - this.now()),
      windows: this.windows,
      down: this.down,
    };
  }

  /** Lets a waiter go; one that was told it waits hears that its turn came. */
  private admit(w: Waiter): void {
    w.resume?.();
    w.admit();
  }

  /** Inserts behind every waiter of the same or a higher rank. */
  private enqueue(waiter: Waiter): void {
    const r = rank(waiter);
    const i = this.queue.findIndex((w) => rank(w) > r);
    this.queue.splice(i < 0 ? this.queue.length : i, 0, waiter);
  }

  /** True from a 429 until the spacing it set has grown out and its pause has passed. */
  private limiting(now: number): boolean {
    return this.spacingMs > 0 || this.resumeAt > now;
  }

  private pass(): GatePass {
    let settled = false;
    return {
      done: (outcome, retryAfterMs) => {
        if (settled) return;
        settled = true;
        this.inFlight--;
        if (outcome === "throttled") this.throttled(retryAfterMs);
        else if (outcome === "answered") this.answered();
        this.pump();
      },
    };
  }

  private throttled(retryAfterMs?: number): void {
    const now = this.now();
    const pauseMs = retryAfterMs === undefined || retryAfterMs > MAX_RETRY_AFTER_MS ? DEFAULT_PAUSE_MS : retryAfterMs;
    this.resumeAt = Math.max(this.resumeAt, now + pauseMs);
    if (now - this.lastCutAt < Math.max(this.spacingMs, FIRST_SPACING_MS)) return;
    this.lastCutAt = now;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.spacingMs = Math.min(MAX_SPACING_MS, this.spacingMs ? this.spacingMs * 2 : FIRST_SPACING_MS);
  }

  private answered(): void {
    this.limit = Math.min(MAX_LIMIT, this.limit + 1 / this.limit);
    this.spacingMs = this.spacingMs < 10 ? 0 : this.spacingMs * 0.9;
  }

  /** Admits waiting requests while the limits allow; otherwise wakes up when they will. */
  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const now = this.now();
    const limiting = this.limiting(now);
    let wakeAt = Infinity;
    for (let i = 0; i < this.queue.length; ) {
      const w = this.queue[i]!;
      if (w.kind === "window") {
        if (this.windows < (limiting ? 1 : Math.floor(this.limit))) {
          this.queue.splice(i, 1);
          this.admit(w);
        } else {
          // Held without a 429 only beyond 64 windows: not a wait for the backend's limit, so not told.
          if (limiting) held(w);
          i++;
        }
        continue;
      }
      // While the backend limits, a connector that is down gets its whole budget: no other
      // call goes while a window is open, and no other connector is taken down meanwhile.
      if (limiting && (w.req.window ? this.down > 0 : this.windows > 0)) {
        held(w);
        i++;
        continue;
      }
      if (this.inFlight >= Math.floor(this.limit)) break;
      const at = Math.max(this.resumeAt, this.nextStartAt);
      if (at > now) {
        wakeAt = Math.min(wakeAt, at);
        break;
      }
      this.nextStartAt = now + this.spacingMs;
      this.queue.splice(i, 1);
      this.admit(w);
    }
    // Limiting ends with time alone when only the pause set it: look again then.
    if (limiting && this.spacingMs === 0 && this.queue.length > 0) wakeAt = Math.min(wakeAt, this.resumeAt);
    if (wakeAt !== Infinity) this.timer = setTimeout(() => this.pump(), Math.max(0, wakeAt - now));
  }
}

/**
 * `hook` (and what it returns), run in the async context of the caller that passed it,
 * whichever call's answer or timer makes the gate notice the wait: a progress line finds the
 * row of `pulumi up` it belongs to through that context (`progress.ts`).
 */
function inCallerContext(hook: HeldHook | undefined): HeldHook | undefined {
  if (!hook) return undefined;
  const inCaller = AsyncResource.bind(<T>(fn: () => T): T => fn());
  return () => {
    const resume = inCaller(hook);
    return resume && (() => inCaller(resume));
  };
}

/** Tells a waiter, once, that it waits for other connectors' windows. */
function held(w: Waiter): void {
  if (w.resume !== undefined || !w.req.onHeld) return;
  w.resume = w.req.onHeld() ?? null;
}

const gates = new Map<string, RateGate>();

/**
 * The process-wide gate of one backend (by base URL): the dynamic-provider plugin runs every
 * connector resource of a `pulumi up` in one process, so they all share it.
 *
 * @example
 * ```ts
 * const gate = gateFor("http://127.0.0.1:8787");
 * ```
 */
export function gateFor(baseUrl: string): RateGate {
  let gate = gates.get(baseUrl);
  if (!gate) {
    gate = new RateGate();
    gates.set(baseUrl, gate);
  }
  return gate;
}
