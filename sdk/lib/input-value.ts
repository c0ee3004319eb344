import * as pulumi from "@pulumi/pulumi";

/**
 * What a program input turned out to be: its value and whether the program marked it secret
 * (`pulumi.secret`, a secret config value, or derived from one), or unknown (a preview of a
 * value another resource has yet to produce).
 */
export type ResolvedInput<T> = { known: true; value: T; secret: boolean } | { known: false };

/**
 * Waits for an input (a plain value, a promise or an Output) and says whether its value is
 * known, without unwrapping secrecy anywhere else: the caller gets the raw value, the
 * program's outputs stay as they were. Rejects as the input rejects.
 *
 * A preview runs no `apply` callback on an unknown Output, so `apply` alone cannot tell "not
 * known" from "not yet": this reads the Output's `isKnown`, `isSecret` and `promise()` members, which
 * Pulumi's own resource serializer reads of every Output (also of another copy of the SDK).
 *
 * @example
 * ```ts
 * await resolveInput(config.requireSecret("orgId")); // { known: true, value: "acme", secret: true }
 * await resolveInput(vpc.id); // in a preview, before the VPC exists: { known: false }
 * ```
 */
export async function resolveInput<T>(input: pulumi.Input<T>): Promise<ResolvedInput<T>> {
  if (!pulumi.Output.isInstance(input)) return { known: true, value: await input, secret: false };
  const output = input as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean>; promise(withUnknowns?: boolean): Promise<T> };
  const [known, secret, value] = await Promise.all([output.isKnown, output.isSecret, output.promise()]);
  return known ? { known: true, value, secret } : { known: false };
}

/** Whether an input's value is at hand now: neither a promise nor an Output. */
export function isPlain<T>(input: pulumi.Input<T> | undefined): input is T | undefined {
  return !(input instanceof Promise) && !pulumi.Output.isInstance(input);
}
