import type { E2EStack } from "./e2e-stack";

/** A connector resource as the Pulumi state holds it. */
export interface StateConnector {
  /** The resource name in the program, e.g. `sales-0`. */
  resource: string;
  /** The connector ID the state recorded. */
  id: string;
}

/** What the stack's checkpoint says about connectors after an operation. */
export interface ConnectorState {
  connectors: StateConnector[];
  /** Operations the engine started and never saw finish (left by a crashed CLI). */
  pendingOperations: unknown[];
}

const CONNECTOR_TYPE = /^pulumi-nodejs:dynamic\/wxcc:(Salesforce|Custom)Connector$/;

/**
 * Reads the connectors and pending operations from the stack's state (`pulumi stack export`).
 *
 * @example
 * ```ts
 * const { connectors, pendingOperations } = await connectorState(stack);
 * ```
 */
export async function connectorState(stack: E2EStack): Promise<ConnectorState> {
  const { deployment } = await stack.stack.exportStack();
  const resources = (deployment?.resources ?? []) as Array<{ urn: string; type: string; id?: string }>;
  return {
    connectors: resources.filter((r) => CONNECTOR_TYPE.test(r.type)).map((r) => ({ resource: r.urn.slice(r.urn.lastIndexOf("::") + 2), id: r.id ?? "" })),
    pendingOperations: (deployment?.pending_operations ?? []) as unknown[],
  };
}
