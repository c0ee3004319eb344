import * as pulumi from "@pulumi/pulumi";
import { customHooks, salesforceHooks } from "../../provider/hooks";
import { REFUSAL_INPUT } from "../../provider/registration-refusal";
import { registersRefusedConnectors } from "./org-check-failed";
import type { PlannedKind } from "./org-plan";

/** The type each kind registers as (module `wxcc`), and its hooks. */
const KINDS: Readonly<Record<PlannedKind, { type: string; hooks: pulumi.dynamic.ResourceProvider }>> = {
  custom: { type: "CustomConnector", hooks: customHooks },
  salesforce: { type: "SalesforceConnector", hooks: salesforceHooks },
};

/** The inputs that settle later: Outputs' and promises' own promises. */
function pendingInputs(inputs: readonly unknown[]): Promise<unknown>[] {
  return inputs.flatMap((input) => {
    if (pulumi.Output.isInstance(input)) return [(input as unknown as { promise(): Promise<unknown> }).promise()];
    return input instanceof Promise ? [input] : [];
  });
}

/** Registers under a connector's URN with nothing but the refusal; its check refuses it. */
class RefusedConnector extends pulumi.dynamic.Resource {
  constructor(kind: PlannedKind, resource: string, opts: pulumi.CustomResourceOptions | undefined) {
    super(KINDS[kind].hooks, resource, { [REFUSAL_INPUT]: "input" }, opts, "wxcc", KINDS[kind].type);
  }
}

/**
 * In an inline Automation API program, stands in for a connector one of whose inputs rejects
 * (an `.apply` callback that throws, a rejected promise): Pulumi never registers such a
 * resource, and an inline program's runtime tells the engine the program is complete before it
 * reports the error, so the engine would take the connector for one the program deleted, and
 * delete it (Pulumi does the same to any resource there). The stand-in registers under the
 * same URN (same name, type, parent and aliases), refused by its provider's check
 * (`provider/registration-refusal.ts`): the run fails before the engine deletes anything.
 * Nothing under the CLI's runner (a failed program never signals completion), `setMocks` or
 * without an engine. Call it right after the connector's `super(…)`, with its props and options.
 *
 * @example
 * ```ts
 * standInIfAnInputFails("custom", name, props, opts);
 * ```
 */
export function standInIfAnInputFails(
  kind: PlannedKind,
  resource: string,
  props: pulumi.Inputs,
  opts: pulumi.CustomResourceOptions | undefined,
  register: boolean = registersRefusedConnectors(),
): void {
  if (!register) return;
  let declared = false;
  const standIn = () => {
    if (declared) return;
    declared = true;
    new RefusedConnector(kind, resource, opts);
  };
  // Declared in the rejection's own reaction, attached before Pulumi's serializer awaits the
  // same inputs: the stand-in's registration starts long before the failed one settles, so
  // the runtime waits for it before it tells the engine the program is complete.
  for (const input of pendingInputs(Object.values(props))) input.then(undefined, standIn);
}
