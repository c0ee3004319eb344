import * as pulumi from "@pulumi/pulumi";
import { REFUSAL_INPUT } from "../../provider/registration-refusal";
import { usingMocks } from "./installed-package";

/**
 * Whether this process is the Pulumi CLI's program runner (`pulumi up` runs a program inside
 * `@pulumi/pulumi/cmd/run`). There, an unhandled rejection fails the run by itself: the runner
 * exits with an error and never tells the engine the program is complete, so the engine
 * deletes nothing.
 */
export function inProgramRunner(main: string | undefined = require.main?.filename): boolean {
  return /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run[\\/]/.test(main ?? "");
}

/**
 * Whether connectors that waited for a failed org check must still register, each refused by
 * its own check (`provider/registration-refusal.ts`): in a program that a Pulumi engine runs
 * outside the CLI's runner, that is an inline Automation API program. Not under `setMocks`
 * (a user's unit tests: nothing would refuse them) nor without a monitor (the SDK's tests).
 */
export function registersRefusedConnectors(): boolean {
  const monitor = pulumi.runtime.getMonitor();
  return monitor !== undefined && !usingMocks() && !inProgramRunner();
}

/**
 * The inputs that make a connector wait for its program's org check (`checked`): its `name`,
 * which settles once the check is done, and, where failed connectors must register
 * ({@link registersRefusedConnectors}, unless `register` says otherwise), the hidden input that
 * is `"org-check"` after a failure. Elsewhere the name rejects with the check's error, so the
 * connector never registers, and the program fails.
 *
 * @example
 * ```ts
 * const props = { ...args, ...waitingForCheck(args.name, gate(plan)) };
 * ```
 */
export function waitingForCheck(
  name: pulumi.Input<string>,
  checked: Promise<void>,
  register: boolean = registersRefusedConnectors(),
): { name: pulumi.Output<string>; [REFUSAL_INPUT]?: pulumi.Output<"org-check" | undefined> } {
  if (!register) return { name: pulumi.output(checked.then(() => name)) };
  return {
    name: pulumi.output(
      checked.then(
        () => name,
        () => name,
      ),
    ),
    [REFUSAL_INPUT]: pulumi.output(
      checked.then(
        () => undefined,
        () => "org-check" as const,
      ),
    ),
  };
}
