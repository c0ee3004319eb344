// The product facts the rules enforce come from the contract, so the pack never keeps copies.
export { DEFAULT_AUTH_SERVER_URL, ORG_LIMITS } from "../../contract";

/** Type tokens of the two connector resources (SPEC §2); a policy matches resources by them. */
export const SALESFORCE_CONNECTOR = "pulumi-nodejs:dynamic/wxcc:SalesforceConnector";
export const CUSTOM_CONNECTOR = "pulumi-nodejs:dynamic/wxcc:CustomConnector";

/** The class name users write, for messages: `CustomConnector 'crm'`. */
export function kindLabel(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}
