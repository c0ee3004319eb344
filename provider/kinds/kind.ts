import type { ConnectivityOptions, ConnectivityResult } from "../../connectivity";
import type { Connector, ConnectorType, ConnectorWrite } from "../../contract";
import type { ConnectorInputs } from "./inputs";

/** One property-level `check` failure, as Pulumi shows it under the resource. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** What `ConnectorKind.check` returns: `inputs` only when there are no failures. */
export interface CheckResult<I> {
  inputs?: I;
  failures: CheckFailure[];
}

export type { ConnectivityOptions, ConnectivityResult };

/**
 * Everything the provider needs to know about one kind of connector: how to validate
 * its inputs offline, how they map to the backend's wire shape and back, and how to
 * verify its credentials.
 */
export interface ConnectorKind<I extends ConnectorInputs> {
  /** The backend's connector type. */
  readonly type: ConnectorType;
  /** `"SalesforceConnector"` | `"CustomConnector"`, for messages and type tokens. */
  readonly resourceType: string;
  /** Input properties that are secret and never returned by the backend. */
  readonly secretFields: readonly string[];
  /** Every input property this kind knows, in a stable order. */
  readonly inputFields: readonly string[];
  /**
   * Offline validation (SPEC §1/§4) + defaults. Never touches the network. Async only because
   * the zod schema (`*-schema.ts`) loads on the first call: hooks that never validate (read,
   * delete) never load zod.
   */
  check(news: Record<string, unknown>, defaults: { orgId?: string }): Promise<CheckResult<I>>;
  /** The full PUT/POST body, secrets included. */
  toWrite(inputs: I): ConnectorWrite;
  /**
   * Inputs as the live connector has them (for refresh/adopt); secrets are taken from
   * `secrets` since the backend never returns them (a secret not given there, or one the
   * live auth/grant type does not use, is left out); `active` from status. `connectorId`
   * is included only when `secrets.connectorId` is set, i.e. pass the previous inputs to
   * keep a declared (adopting) `connectorId`.
   */
  fromConnector(c: Connector, secrets: Partial<I>): I;
  /**
   * Names of input properties whose values differ (stable order; ignores undefined vs
   * absent; compares secrets too). `connectorId` counts only when `news` sets it.
   */
  changedFields(olds: Partial<I>, news: I): string[];
  /** The §4 connectivity check for these inputs (used by the preflight). */
  verifyConnectivity(inputs: I, opts?: ConnectivityOptions): Promise<ConnectivityResult>;
}
