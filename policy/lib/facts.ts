// The product facts the rules enforce, imported from where they live today so the pack never
// keeps copies. (ORG_LIMITS and the default authorization server move to `contract/`; only
// these two lines change then.)
export { ORG_LIMITS } from "../../sdk/lib/org-plan";
export { DEFAULT_AUTH_SERVER_URL } from "../../provider/kinds/salesforce";

/** Type tokens of the two connector resources (SPEC §2); a policy matches resources by them. */
export const SALESFORCE_CONNECTOR = "pulumi-nodejs:dynamic/wxcc:SalesforceConnector";
export const CUSTOM_CONNECTOR = "pulumi-nodejs:dynamic/wxcc:CustomConnector";

/** The class name users write, for messages: `CustomConnector 'crm'`. */
export function kindLabel(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}
