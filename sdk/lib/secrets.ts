import * as pulumi from "@pulumi/pulumi";

/** `value` wrapped as a Pulumi secret, or undefined when not given. */
export function secretInput<T>(value: pulumi.Input<T> | undefined): pulumi.Input<T> | undefined {
  return value === undefined ? undefined : (pulumi.secret(value) as pulumi.Input<T>);
}

/** `opts` with `fields` added to `additionalSecretOutputs` (the user's own entries kept). */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, fields: readonly string[]): pulumi.CustomResourceOptions {
  const merged = [...new Set([...(opts?.additionalSecretOutputs ?? []), ...fields])];
  return { ...opts, additionalSecretOutputs: merged };
}
