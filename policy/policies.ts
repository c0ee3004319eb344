import type { Policies } from "@pulumi/policy";
import { allowedHosts } from "./rules/allowed-hosts";
import { basicRequiresValidationUrl } from "./rules/basic-validation-url";
import { forbiddenGrantTypes } from "./rules/forbidden-grant-types";
import { orgConnectorHeadroom } from "./rules/org-connector-headroom";
import { salesforceAuthServers } from "./rules/salesforce-auth-servers";

/** The pack's name, as `pulumi preview` prints it next to each violation. */
export const POLICY_PACK_NAME = "wxcc-connectors";

/**
 * Every rule of the pack, in the order `pulumi preview` reports them. Each one's enforcement
 * level defaults to the pack's (`mandatory`) and is set per rule in the policy pack config:
 * `{ "wxcc-allowed-hosts": "advisory" }` or `{ "wxcc-allowed-hosts": { "enforcementLevel": "disabled" } }`.
 */
export const wxccPolicies: Policies = [allowedHosts, forbiddenGrantTypes, basicRequiresValidationUrl, salesforceAuthServers, orgConnectorHeadroom];
