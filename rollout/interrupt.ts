/** The signals a rollout answers by cancelling cleanly. */
export type StopSignal = "SIGINT" | "SIGTERM";

/**
 * What an operator's Ctrl-C (SIGINT) or a CI runner's SIGTERM does to a rollout: the first
 * one aborts `signal` (the Automation API then sends SIGINT to every running Pulumi CLI,
 * which finishes its in-flight resource steps, writes its state and releases its lock) and
 * stops new stacks from starting; a second one calls `onForce` (the caller exits at once,
 * telling how to clear what Pulumi may leave behind).
 *
 * @example
 * ```ts
 * const interruption = Interruption.listen();
 * interruption.onForce = () => process.exit(130);
 * await stack.up({ signal: interruption.signal });
 * interruption.dispose();
 * ```
 */
export class Interruption {
  private readonly controller = new AbortController();
  /** The signal received first, once one was. */
  received?: StopSignal;
  /** Called at the first signal, after `signal` aborted. */
  onFirst?: (s: StopSignal) => void;
  /** Called at a second signal: the caller gives up waiting (and may exit). */
  onForce?: (s: StopSignal) => void;

  private constructor(
    private readonly dispose_: () => void,
    /** Ends the process (a listening interruption) or does nothing (a library call). */
    readonly exit: (code: number) => void = () => undefined,
  ) {}

  /** Aborted at the first SIGINT/SIGTERM; pass it to every Automation API operation. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the operator asked the rollout to stop. */
  get requested(): boolean {
    return this.received !== undefined;
  }

  /** Stops listening (the process's default signal handling comes back). */
  dispose(): void {
    this.dispose_();
  }

  /** Aborts as a signal would (also what the process signal handlers call). */
  stop(signal: StopSignal): void {
    if (this.received) {
      this.onForce?.(signal);
      return;
    }
    this.received = signal;
    this.controller.abort();
    this.onFirst?.(signal);
  }

  /** Listens for SIGINT and SIGTERM on this process until {@link dispose}. */
  static listen(): Interruption {
    const handlers = new Map<StopSignal, () => void>();
    const interruption: Interruption = new Interruption(
      () => {
        for (const [sig, h] of handlers) process.off(sig, h);
      },
      (code) => process.exit(code),
    );
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      const h = () => interruption.stop(sig);
      handlers.set(sig, h);
      process.on(sig, h);
    }
    return interruption;
  }

  /** One that never fires (library calls without signal handling). */
  static none(): Interruption {
    return new Interruption(() => undefined);
  }
}

/** The conventional exit code of a process stopped by `signal` (130 SIGINT, 143 SIGTERM). */
export function exitCodeFor(signal: StopSignal): number {
  return signal === "SIGINT" ? 130 : 143;
}
