import * as pulumi from "@pulumi/pulumi";

/** What a program input turned out to be: its value, or unknown (a preview of a value another resource has yet to produce). */
export type ResolvedInput<T> = { known: true; value: T } | { known: false };

/**
 * Waits for an input (a plain value, a promise or an Output) and says whether its value is
 * known, without unwrapping secrecy anywhere else: the caller gets the raw value, the
 * program's outputs stay as they were. Rejects as the input rejects.
 *
 * A preview runs no `apply` callback on an unknown Output, so `apply` alone cannot tell "not
 * known" from "not yet": this reads the Output's `isKnown` and `promise()` members, which
 * Pulumi's own resource serializer reads of every Output (also of another copy of the SDK).
 *
 * @example
 * ```ts
 * await resolveInput(config.requireSecret("orgId")); // { known: true, value: "acme" }
 * await resolveInput(vpc.id); // in a preview, before the VPC exists: { known: false }
 * ```
 */
export async function resolveInput<T>(input: pulumi.Input<T>): Promise<ResolvedInput<T>> {
  if (!pulumi.Output.isInstance(input)) return { known: true, value: await input };
  const output = input as unknown as { isKnown: Promise<boolean>; promise(withUnknowns?: boolean): Promise<T> };
  const [known, value] = await Promise.all([output.isKnown, output.promise()]);
  return known ? { known: true, value } : { known: false };
}

/** Whether an input's value is at hand now: neither a promise nor an Output. */
export function isPlain<T>(input: pulumi.Input<T> | undefined): input is T | undefined {
  return !(input instanceof Promise) && !pulumi.Output.isInstance(input);
}
