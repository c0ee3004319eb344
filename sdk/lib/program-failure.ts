import * as pulumi from "@pulumi/pulumi";
import type { OrgPlanErrorCode } from "../../provider/errors";

/**
 * The error that fails a program when the SDK's program-wide org check finds a problem;
 * `code` names the rule or the failure (`NAME_CONFLICT`, `LIMIT_EXCEEDED`, `OWNER_CONFLICT`,
 * `CONFIG_MISSING`, `UNAUTHORIZED`, `NETWORK_ERROR`…). A `RunError`, and its `stack` is its
 * message: Pulumi prints a `RunError` raised while the program runs by its message alone,
 * but one that surfaces after the program's main module returned by its `stack`. Its
 * message cannot be changed after construction.
 */
export class OrgPlanError extends pulumi.RunError {
  constructor(
    readonly code: OrgPlanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OrgPlanError";
    printedByMessage(this);
    // Every connector held by a failed check fails with this one object, so Pulumi logs it
    // once; its serializer would prefix `error serializing property "name": ` to the message
    // in place, once per connector. The failure is the program's, not a property's: keep it.
    Object.defineProperty(this, "message", { get: () => message, set: () => undefined, configurable: true, enumerable: false });
  }
}

/**
 * `err` with its `stack` set to its message, and returned: Pulumi prints a `RunError` raised
 * while the program runs by its message alone, but one that surfaces later (thrown inside an
 * `.apply`, after the program's main module returned) by its `stack`, a trace of our code
 * that says nothing to the user (found by review). Call it before anything reads `stack`.
 */
export function printedByMessage<E extends Error>(err: E): E {
  Object.defineProperty(err, "stack", { value: err.message, configurable: true, writable: true });
  return err;
}

/**
 * Hands a failure to Pulumi exactly once, as an unhandled rejection: Pulumi's handler logs it
 * (once per error object) and makes the program exit with an error, so the engine never takes
 * the missing connectors for deleted ones. Never awaited on purpose.
 */
export function rejectUnhandled(err: OrgPlanError): void {
  void Promise.reject(err);
}

/**
 * Logs a failure as an error of the run, in an inline Automation API program, and resolves
 * once the engine has acknowledged it (never rejects). An error logged there fails the run
 * (Pulumi ends it with "One or more errors occurred"), as an unhandled rejection would; but
 * Pulumi's own handler of a rejection logs it later, without a promise to wait for, and a
 * connector refused for the failure could reach the engine first: the engine then ended the
 * deployment at that connector's refusal, and the reason was never printed (found by review:
 * a duplicate `connectorId` declared inside an `.apply`). Refused connectors register once
 * this resolves ({@link ProgramFailures.reported}). A `RunError` is logged by its message,
 * any other error by its stack, as Pulumi's handler does.
 */
export function logToEngine(err: unknown): Promise<void> {
  const message = pulumi.RunError.isInstance(err)
    ? err.message
    : err instanceof Error
      ? `Unhandled exception: ${err.stack ?? err.message}`
      : `Unhandled exception: ${String(err)}`;
  return pulumi.log.error(message).then(
    () => undefined,
    () => undefined,
  );
}

/**
 * The failures of one program run: each distinct message is reported once, however many
 * connectors run into it, and once any is reported every gated connector fails with the first.
 * Every message passes through `shown` first (the run's secret values as `[secret]`).
 */
export class ProgramFailures {
  /** Each reported error by its message, in the order reported. */
  private readonly byMessage = new Map<string, OrgPlanError>();
  /** Each report's delivery (see {@link logToEngine}); settled reports resolve at once. */
  private readonly delivered: Promise<unknown>[] = [];

  constructor(
    private readonly report: (err: OrgPlanError) => unknown,
    private readonly shown: (message: string) => string = (m) => m,
  ) {}

  /** Whether the program has failed. */
  get failed(): boolean {
    return this.byMessage.size > 0;
  }

  /**
   * The first failure reported: what every held connector's registration fails with. The same
   * object, so Pulumi (which logs each error object once) prints it once, however many fail.
   */
  get first(): OrgPlanError | undefined {
    return this.byMessage.values().next().value;
  }

  /** Resolves once every failure reported so far has been delivered (never rejects). */
  async reported(): Promise<void> {
    await Promise.all(this.delivered);
  }

  /**
   * Reports `err` unless an error with the same message was reported already, and returns the
   * error as reported (its message as `shown`): the one to throw into the program.
   */
  add(err: OrgPlanError): OrgPlanError {
    const message = this.shown(err.message);
    const known = this.byMessage.get(message);
    if (known) return known;
    const shown = message === err.message ? err : new OrgPlanError(err.code, message);
    this.byMessage.set(message, shown);
    this.delivered.push(Promise.resolve(this.report(shown)).catch(() => undefined));
    return shown;
  }
}
