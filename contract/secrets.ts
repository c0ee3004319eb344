import type { ConnectorType } from "./wire";

/**
 * The write-only fields of each connector type: accepted on write, never returned
 * (SPEC §3). The SDK and provider use the same property names.
 */
export const SECRET_FIELDS = {
  SALESFORCE: ["privateKey"],
  CUSTOM: ["password", "clientSecret"],
} as const satisfies Record<ConnectorType, readonly string[]>;

/** A secret field of any connector type. */
export type SecretField = (typeof SECRET_FIELDS)[ConnectorType][number];
