import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CUSTOM_CONNECTOR } from "../lib/facts";
import { knownString } from "../lib/fields";
import { configKey, list, violation } from "../lib/message";

/** The OAuth 2.0 grant types a custom connector can use (SPEC §1). */
const GRANT_TYPES = ["client_credentials", "password"] as const;

/** Config of `wxcc-forbidden-grant-types`. Default: `{ grantTypes: ["password"] }`. */
export interface ForbiddenGrantTypesConfig {
  grantTypes?: Array<(typeof GRANT_TYPES)[number]>;
}

export const FORBIDDEN_GRANT_TYPES = "wxcc-forbidden-grant-types";
const DEFAULT_FORBIDDEN: readonly string[] = ["password"];

/**
 * OAuth 2.0 custom connectors must not use a forbidden grant type; by default the password
 * grant, which hands a user's password to the connector. `grantType` defaults to
 * `client_credentials` when unset, as the service does.
 */
export const forbiddenGrantTypes: ResourceValidationPolicy = {
  name: FORBIDDEN_GRANT_TYPES,
  description: "OAuth 2.0 custom connectors must not use a forbidden grant type (default: the password grant).",
  configSchema: {
    properties: {
      grantTypes: {
        type: "array",
        items: { type: "string", enum: [...GRANT_TYPES] },
        default: [...DEFAULT_FORBIDDEN],
        description: "Grant types no connector may use.",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== CUSTOM_CONNECTOR) return;
    if (knownString(args.props, "authenticationType", "basic") !== "oauth2") return;
    const forbidden = args.getConfig<ForbiddenGrantTypesConfig>().grantTypes ?? DEFAULT_FORBIDDEN;
    const grantType = knownString(args.props, "grantType", "client_credentials");
    const match = forbidden.find((g) => g === grantType);
    if (match === undefined) return;
    const allowed = GRANT_TYPES.filter((g) => !forbidden.includes(g));
    const fix = allowed.length
      ? `declare grantType "${allowed[0]}" (with credentials of the connector's own), or remove "${match}" from ${configKey(FORBIDDEN_GRANT_TYPES, "grantTypes")}`
      : `remove "${match}" from ${configKey(FORBIDDEN_GRANT_TYPES, "grantTypes")}`;
    reportViolation(violation(args, "grantType", `is the "${match}" grant, which policy forbids (forbidden: ${list(forbidden)})`, fix));
  },
};
