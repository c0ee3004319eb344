import type { ConnectorsClient } from "../client/connectors-client";
import type { Connector } from "../../contract";
import type { ConnectorComputed, ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import type { ConnectivityOptions, ConnectorKind } from "../kinds/kind";
import type { Subject } from "./subject";

/** Everything one lifecycle operation needs; built per call by `ConnectorProvider`. */
export interface LifecycleContext<I extends ConnectorInputs> {
  kind: ConnectorKind<I>;
  client: ConnectorsClient;
  /** `wxcc:preflight`: verify new credentials before taking a live connector down. */
  preflight: boolean;
  /** Transport options for the preflight's connectivity checks (tests inject a dispatcher). */
  connectivity?: ConnectivityOptions;
}

/** The subject of messages about `inputs`, optionally with the connector's ID. */
export function subjectOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, inputs: Partial<I>, connectorId?: string): Subject {
  return {
    resourceType: kind.resourceType,
    name: typeof inputs.name === "string" ? inputs.name : "?",
    orgId: typeof inputs.orgId === "string" ? inputs.orgId : "?",
    connectorId: connectorId ?? (typeof inputs.connectorId === "string" ? inputs.connectorId : undefined),
  };
}

/**
 * A property bag as the dynamic-provider plugin passes it to a hook: checked inputs or old
 * outputs, plus the plugin's own `__provider`. Only `ConnectorProvider` sees one; it turns
 * it into `I` or `ConnectorOutputs<I>` with {@link inputsOf} / {@link stateOf}.
 */
export type PropertyBag = Record<string, unknown>;

/** Outputs the backend assigns, and the provider's own `adopted` (see `ConnectorComputed`). */
const COMPUTED_FIELDS = ["connectorId", "status", "version", "createdAt", "updatedAt", "adopted"] as const;

/** The named, defined properties of `values`. */
function pick(values: object, fields: readonly string[]): PropertyBag {
  const source: PropertyBag = { ...values };
  const picked: PropertyBag = {};
  for (const field of fields) {
    if (source[field] !== undefined) picked[field] = source[field];
  }
  return picked;
}

/**
 * The kind's input properties out of checked inputs (a bag with `__provider`) or old
 * outputs (dropping what the backend assigned). The one place a bag becomes `I`: `check`
 * produced these values from the kind's schema.
 */
export function inputsOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, values: object): I {
  return pick(values, kind.inputFields) as I;
}

/** The state's outputs of a connector (old outputs as the engine passes them), typed. */
export function stateOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, props: PropertyBag): ConnectorOutputs<I> {
  return { ...inputsOf(kind, props), ...(pick(props, COMPUTED_FIELDS) as ConnectorComputed) };
}

/** The kind's secret inputs out of `values`; the backend never returns them. */
export function secretsOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, values: Partial<I>): Partial<I> {
  const source: PropertyBag = { ...values };
  const picked: PropertyBag = {};
  for (const field of kind.secretFields) {
    if (typeof source[field] === "string") picked[field] = source[field];
  }
  return picked as Partial<I>;
}

/**
 * Outputs = the given inputs + the fields the backend assigns (+ `adopted` when the inputs
 * declare `connectorId`); no undefined values (protobuf rejects them).
 */
export function outputsOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, inputs: I, c: Connector): ConnectorOutputs<I> {
  const computed: ConnectorComputed = { connectorId: c.id, status: c.status, version: c.version, createdAt: c.createdAt, updatedAt: c.updatedAt };
  if (typeof inputs.connectorId === "string") computed.adopted = true;
  return { ...inputsOf(kind, inputs), ...computed };
}

/** Outputs describing the live connector, with the secrets we believe it holds. */
export function liveOutputsOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, c: Connector, secrets: Partial<I>): ConnectorOutputs<I> {
  return outputsOf(kind, kind.fromConnector(c, secrets), c);
}
