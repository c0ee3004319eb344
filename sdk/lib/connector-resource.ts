import type * as pulumi from "@pulumi/pulumi";
import { planOrg, type PlannedKind } from "./org-plan";
import { secretInput, withSecretOutputs } from "./secrets";

/** The args every connector kind has; the program-wide org plan reads them. */
interface CommonConnectorArgs {
  name: pulumi.Input<string>;
  orgId?: pulumi.Input<string>;
  connectorId?: pulumi.Input<string>;
}

/** Outputs only the backend fills in; listed as `undefined` props so the engine returns them. */
const BACKEND_OUTPUTS = { status: undefined, version: undefined, createdAt: undefined, updatedAt: undefined };

/**
 * The `props` and options a connector resource hands to `pulumi.dynamic.Resource`: `args`
 * registered in the program-wide org plan, each of `secretFields` wrapped as a Pulumi secret
 * and added to `additionalSecretOutputs`, and the outputs the backend fills in.
 *
 * @example
 * ```ts
 * constructor(name: string, args: CustomConnectorArgs, opts?: pulumi.CustomResourceOptions) {
 *   const resource = connectorResource("custom", name, args, ["password", "clientSecret"], opts);
 *   super(customHooks, name, resource.props, resource.opts, "wxcc", "CustomConnector");
 * }
 * ```
 */
export function connectorResource<A extends CommonConnectorArgs>(
  kind: PlannedKind,
  resource: string,
  args: A,
  secretFields: ReadonlyArray<keyof A & string>,
  opts: pulumi.CustomResourceOptions | undefined,
): { props: pulumi.Inputs; opts: pulumi.CustomResourceOptions } {
  const props: pulumi.Inputs = { ...planOrg(kind, resource, args) };
  for (const field of secretFields) props[field] = secretInput(args[field] as pulumi.Input<unknown> | undefined);
  return {
    props: { ...props, connectorId: args.connectorId, ...BACKEND_OUTPUTS },
    opts: withSecretOutputs(opts, secretFields),
  };
}
