import * as pulumi from "@pulumi/pulumi";
import { CUSTOM_INPUT_FIELDS, SALESFORCE_INPUT_FIELDS } from "../../provider/kinds/input-fields";
import { REFUSAL_INPUT } from "../../provider/registration-refusal";
import { URN_INPUT } from "../../provider/resource-urn";
import { requireInstalledPackage } from "./installed-package";
import { registersRefusedConnectors } from "./org-check-failed";
import { OrgPlanError, orgCheckReported, planOrg, type PlannedKind } from "./org-plan";
import { logToEngine, printedByMessage } from "./program-failure";
import { ownUrn } from "./own-urn";
import { secretInput, withSecretOutputs } from "./secrets";
import { standInIfAnInputFails } from "./failed-input-stand-in";
import { secretInputsInput } from "./secret-inputs";
import { ownersInput, registerOwner } from "./stack-owners";

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
 * Every input of a kind as an `undefined` prop, overridden by the args given: Pulumi makes an
 * Output property only for the props it is handed, and every input is a typed Output of the
 * resource (`connector.orgId.apply(…)` on a connector whose org comes from the stack config
 * must not meet `undefined`). An `undefined` input is never sent to the provider.
 */
const ALL_INPUTS: Readonly<Record<PlannedKind, Record<string, undefined>>> = {
  custom: Object.fromEntries(CUSTOM_INPUT_FIELDS.map((field) => [field, undefined])),
  salesforce: Object.fromEntries(SALESFORCE_INPUT_FIELDS.map((field) => [field, undefined])),
};

/**
 * The `props` and options a connector resource hands to `pulumi.dynamic.Resource`: `args`
 * registered in the program-wide org plan, each of `secretFields` wrapped as a Pulumi secret
 * and added to `additionalSecretOutputs`, the outputs the backend fills in, and the hidden
 * input with the resource's own URN (`provider/resource-urn.ts`: progress on its row) and
 * the one listing the program's other owners (`stack-owners.ts`: one connector, one owner
 * across updates), and the one naming which of `name`, `orgId`, `connectorId` are secret
 * (`secret-inputs.ts`: the provider's messages show them as `[secret]`). The `import` option becomes the `connectorId` input (see
 * {@link importAsConnectorId}). Call `constructed(this)` right after `super(…)`: it registers
 * the resource as an owner and, in an inline program, declares a stand-in should one of its
 * inputs fail (`failed-input-stand-in.ts`).
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
  given: pulumi.CustomResourceOptions | undefined,
): ConnectorRegistration {
  requireInstalledPackage();
  try {
    return declared(kind, resource, importAsConnectorId(resource, args, given), secretFields);
  } catch (err) {
    if (!registersRefusedConnectors()) throw err;
    return refusedResource(kind, given, err);
  }
}

/** What a connector whose declaration passed the checks made at once hands to Pulumi. */
function declared<A extends CommonConnectorArgs>(
  kind: PlannedKind,
  resource: string,
  { args: adopting, opts }: { args: A; opts: pulumi.CustomResourceOptions | undefined },
  secretFields: ReadonlyArray<keyof A & string>,
): ConnectorRegistration {
  const props: pulumi.Inputs = { ...planOrg(kind, resource, adopting) };
  for (const field of secretFields) props[field] = secretInput(adopting[field] as pulumi.Input<unknown> | undefined);
  const registered: pulumi.Inputs = {
    ...ALL_INPUTS[kind],
    ...props,
    connectorId: adopting.connectorId,
    ...BACKEND_OUTPUTS,
    [URN_INPUT]: ownUrn(resource, TYPE_TOKEN[kind], opts?.parent),
    ...ownersInput(adopting.connectorId !== undefined),
    ...secretInputsInput(adopting),
  };
  const options = withSecretOutputs(opts, secretFields);
  return {
    props: registered,
    opts: options,
    constructed: (self) => {
      registerOwner(resource, adopting, self);
      standInIfAnInputFails(kind, resource, registered, options);
    },
  };
}

/**
 * The `import: id` resource option as the `connectorId: id` input, and the options without
 * it. The engine's import reads the resource before any provider call of ours can run,
 * which crashes inside `@pulumi/pulumi`'s dynamic provider (its read gets no `__provider`);
 * adoption by `connectorId` does what `import` promises (take the connector over, no second
 * connector, no diff afterwards) through the provider's own create. Throws a `RunError`
 * (the preview fails, no stack trace) when `connectorId` names a different connector or is
 * an Output (it cannot be compared while declaring), showing both IDs.
 *
 * @example
 * ```ts
 * importAsConnectorId("crm", { name: "CRM API" }, { import: "c-1a2b" });
 * // { args: { name: "CRM API", connectorId: "c-1a2b" }, opts: {} }
 * ```
 */
export function importAsConnectorId<A extends CommonConnectorArgs>(
  resource: string,
  args: A,
  opts: pulumi.CustomResourceOptions | undefined,
): { args: A; opts: pulumi.CustomResourceOptions | undefined } {
  if (opts?.import === undefined) return { args, opts };
  const { import: id, ...rest } = opts;
  if (args.connectorId !== undefined && args.connectorId !== id) {
    // A plain ID is shown (IDs are not secret); an Output cannot be compared while declaring.
    const other =
      typeof args.connectorId === "string"
        ? `[connectorId] names "${args.connectorId}"`
        : "[connectorId] is given too (an Output, which cannot be compared while declaring)";
    throw printedByMessage(
      new pulumi.RunError(
        `Resource "${resource}": the \`import\` option adopts connector "${id}" and ${other}; both adopt a connector by its ID, so keep only one of them, with the ID of the connector this resource should manage`,
      ),
    );
  }
  return { args: { ...args, connectorId: id }, opts: rest };
}

/** What a connector resource hands to `pulumi.dynamic.Resource`, and what it calls once constructed. */
interface ConnectorRegistration {
  props: pulumi.Inputs;
  opts: pulumi.CustomResourceOptions;
  constructed(self: { orgId: pulumi.Output<string>; connectorId: pulumi.Output<string> }): void;
}

/**
 * In an inline Automation API program, a connector whose declaration a check refuses at once
 * (a duplicate name or `connectorId`, an org over its limit, missing settings, `import`
 * beside another `connectorId`) registers anyway, carrying only the refusal its provider's
 * check refuses (`provider/registration-refusal.ts`), once the error has been logged to the
 * engine as the program's failure (so it is printed before the refusal ends the run). Thrown
 * instead, inside an `.apply` (a connector declared from another resource's output), it would
 * leave the connector unregistered, and the engine would delete it once the inline runtime
 * told it the program was complete (found by review).
 */
function refusedResource(kind: PlannedKind, given: pulumi.CustomResourceOptions | undefined, err: unknown): ConnectorRegistration {
  // The org check's own errors were reported when raised; any other is logged here.
  const orgCheck = err instanceof OrgPlanError;
  const reported = orgCheck ? orgCheckReported() : logToEngine(err);
  const { import: _adopt, ...opts } = given ?? {};
  return {
    props: {
      ...ALL_INPUTS[kind],
      ...BACKEND_OUTPUTS,
      connectorId: undefined,
      [REFUSAL_INPUT]: pulumi.output(reported.then(() => (orgCheck ? "org-check" : "declaration"))),
    },
    opts,
    constructed: () => undefined,
  };
}
