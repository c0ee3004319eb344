import type * as pulumi from "@pulumi/pulumi";
import { URN_INPUT } from "../../provider/resource-urn";
import { planOrg, type PlannedKind } from "./org-plan";
import { ownUrn } from "./own-urn";
import { secretInput, withSecretOutputs } from "./secrets";

/** The args every connector kind has; the program-wide org plan reads them. */
interface CommonConnectorArgs {
  name: pulumi.Input<string>;
  orgId?: pulumi.Input<string>;
  connectorId?: pulumi.Input<string>;
}

/** The type token `pulumi.dynamic.Resource` registers each kind as (module `wxcc`). */
const TYPE_TOKEN: Readonly<Record<PlannedKind, string>> = {
  salesforce: "pulumi-nodejs:dynamic/wxcc:SalesforceConnector",
  custom: "pulumi-nodejs:dynamic/wxcc:CustomConnector",
};

/** Outputs only the backend fills in; listed as `undefined` props so the engine returns them. */
const BACKEND_OUTPUTS = { status: undefined, version: undefined, createdAt: undefined, updatedAt: undefined };

/**
 * The `props` and options a connector resource hands to `pulumi.dynamic.Resource`: `args`
 * registered in the program-wide org plan, each of `secretFields` wrapped as a Pulumi secret
 * and added to `additionalSecretOutputs`, the outputs the backend fills in, and the hidden
 * input with the resource's own URN (`provider/resource-urn.ts`: progress on its row).
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
    props: { ...props, connectorId: args.connectorId, ...BACKEND_OUTPUTS, [URN_INPUT]: ownUrn(resource, TYPE_TOKEN[kind], opts?.parent) },
    opts: withSecretOutputs(opts, secretFields),
  };
}
