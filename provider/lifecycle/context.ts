import type { ConnectorsClient } from "../client/connectors-client";
import type { Connector } from "../../contract";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
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

/** The kind's input properties out of a property bag (old outputs, news with `__provider`…). */
export function inputsOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, props: Record<string, unknown>): I {
  const picked: Record<string, unknown> = {};
  for (const field of kind.inputFields) {
    if (props[field] !== undefined) picked[field] = props[field];
  }
  return picked as unknown as I;
}

/** The kind's secret inputs out of a property bag; the backend never returns them. */
export function secretsOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, props: Record<string, unknown>): Partial<I> {
  const picked: Record<string, unknown> = {};
  for (const field of kind.secretFields) {
    if (typeof props[field] === "string") picked[field] = props[field];
  }
  return picked as Partial<I>;
}

/** Outputs = the given inputs + the fields the backend assigns; no undefined values (protobuf rejects them). */
export function outputsOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, inputs: I, c: Connector): ConnectorOutputs<I> {
  const outs: Record<string, unknown> = { ...inputsOf(kind, inputs as unknown as Record<string, unknown>) };
  Object.assign(outs, { connectorId: c.id, status: c.status, version: c.version, createdAt: c.createdAt, updatedAt: c.updatedAt });
  return outs as unknown as ConnectorOutputs<I>;
}

/** Outputs describing the live connector, with the secrets we believe it holds. */
export function liveOutputsOf<I extends ConnectorInputs>(kind: ConnectorKind<I>, c: Connector, secrets: Partial<I>): ConnectorOutputs<I> {
  return outputsOf(kind, kind.fromConnector(c, secrets), c);
}
