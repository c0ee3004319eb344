import * as path from "node:path";

/**
 * The policy pack for connectors (`@pulumi/policy`, CrossGuard): the rules as values, for
 * tests and packs of your own, and the directory of the ready pack for
 * `pulumi preview --policy-pack`.
 *
 * @example
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { wxccPolicies } from "pulumi-wxcc-connectors/policy";
 * new PolicyPack("acme-connectors", { policies: [...wxccPolicies, myOwnRule] });
 * ```
 */
export { POLICY_PACK_NAME, wxccPolicies } from "./policies";
export { ALLOWED_HOSTS, allowedHosts, type AllowedHostsConfig } from "./rules/allowed-hosts";
export { BASIC_VALIDATION_URL, basicRequiresValidationUrl } from "./rules/basic-validation-url";
export { FORBIDDEN_GRANT_TYPES, forbiddenGrantTypes, type ForbiddenGrantTypesConfig } from "./rules/forbidden-grant-types";
export { ORG_CONNECTOR_HEADROOM, orgConnectorHeadroom, type OrgConnectorHeadroomConfig } from "./rules/org-connector-headroom";
export { SALESFORCE_AUTH_SERVERS, salesforceAuthServers, type SalesforceAuthServersConfig } from "./rules/salesforce-auth-servers";
export { hostAllowed } from "./lib/host-pattern";

/**
 * Absolute path of the runnable policy pack shipped in this package (`PulumiPolicy.yaml`
 * and its entry point): pass it to `pulumi preview --policy-pack`, e.g.
 * `node_modules/pulumi-wxcc-connectors/dist/policy/pack`.
 */
export const policyPackDir: string = path.join(__dirname, "pack");
