/** The registry of connector kinds. Re-exports only, plus `kindFor`. */
import type { ConnectorType } from "../../contract";
import { customKind } from "./custom";
import type { ConnectorInputs, CustomConnectorInputs, SalesforceConnectorInputs } from "./inputs";
import type { ConnectorKind } from "./kind";
import { salesforceKind } from "./salesforce";

export { salesforceKind, DEFAULT_AUTH_SERVER_URL } from "./salesforce";
export { customKind } from "./custom";
// The zod schemas (`salesforce-schema`, `custom-schema`) are not re-exported: importing this
// registry must not load zod (read and delete never validate).
export type { ConnectorInputs, ConnectorOutputs, ConnectorComputed, CustomConnectorInputs, SalesforceConnectorInputs } from "./inputs";
export type { CheckFailure, CheckResult, ConnectivityOptions, ConnectivityResult, ConnectorKind } from "./kind";
export { UNKNOWN, isUnknown } from "./lib/unknown";

/**
 * The kind for a backend connector type.
 *
 * @example
 * const kind = kindFor(connector.type); // salesforceKind | customKind
 */
export function kindFor(type: "SALESFORCE"): ConnectorKind<SalesforceConnectorInputs>;
export function kindFor(type: "CUSTOM"): ConnectorKind<CustomConnectorInputs>;
export function kindFor(type: ConnectorType): ConnectorKind<ConnectorInputs>;
export function kindFor(type: ConnectorType): ConnectorKind<ConnectorInputs> {
  switch (type) {
    case "SALESFORCE":
      return salesforceKind;
    case "CUSTOM":
      return customKind;
    default:
      throw new TypeError(`unknown connector type ${JSON.stringify(type)}; expected "SALESFORCE" or "CUSTOM"`);
  }
}
