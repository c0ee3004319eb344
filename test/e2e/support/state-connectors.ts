import { spawnSync } from "node:child_process";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
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

/** The URN the e2e program (stack `e2e`, project `wxcc-e2e`) gives a CustomConnector named `resource`. */
export function customConnectorUrn(resource: string): string {
  return `urn:pulumi:e2e::wxcc-e2e::pulumi-nodejs:dynamic/wxcc:CustomConnector::${resource}`;
}

/** The logical names of the connectors the stack's state holds, sorted. */
export async function stateResources(stack: E2EStack): Promise<string[]> {
  return (await connectorState(stack)).connectors.map((c) => c.resource).sort();
}

/**
 * `pulumi state delete <urn> --yes` through the CLI, as the ownership messages tell a user to
 * run it; its output joins the stack's (secret scans see it).
 */
export function stateDelete(stack: E2EStack, urn: string): void {
  const env = { ...process.env, ...(stack.stack.workspace as LocalWorkspace).envVars };
  const r = spawnSync("pulumi", ["state", "delete", urn, "--yes", "--stack", "e2e", "--non-interactive"], { cwd: stack.dir, env, encoding: "utf8" });
  stack.output += r.stdout + r.stderr;
  if (r.status !== 0) throw new Error(`pulumi state delete failed (${r.status}): ${r.stderr}`);
}
