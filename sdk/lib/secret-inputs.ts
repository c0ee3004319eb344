import * as pulumi from "@pulumi/pulumi";
import { QUOTED_INPUTS, type QuotedInput, SECRET_INPUTS } from "../../provider/secret-inputs";

/**
 * The hidden `__wxccSecretInputs` input of a connector resource: which of the inputs its
 * provider's messages quote (`name`, `orgId`, `connectorId`) the program marked secret, so
 * the provider shows their values as `[secret]` (see `provider/secret-inputs.ts`). An Output
 * of its own, known in every preview and never secret (it holds field names, no values),
 * that waits only for those inputs; nothing at all (no input, nothing new in the state) when
 * none is secret. An input that rejects counts as not secret: its own rejection fails the
 * resource anyway.
 *
 * @example
 * ```ts
 * const props = { ...args, ...secretInputsInput({ name: pulumi.secret("Secret CRM"), orgId: "acme" }) };
 * // props.__wxccSecretInputs resolves to ["name"]
 * ```
 */
export function secretInputsInput(args: Partial<Record<QuotedInput, pulumi.Input<string> | undefined>>): pulumi.Inputs {
  const outputs = QUOTED_INPUTS.filter((f) => pulumi.Output.isInstance(args[f]));
  if (outputs.length === 0) return {};
  const secret = (f: QuotedInput) => (args[f] as unknown as { isSecret: Promise<boolean> }).isSecret.catch(() => false);
  const fields = Promise.all(outputs.map(secret)).then((flags) => {
    const listed = outputs.filter((_, i) => flags[i]);
    return listed.length > 0 ? listed : undefined;
  });
  return { [SECRET_INPUTS]: pulumi.output(fields) };
}
