/**
 * pulumi-wxcc-connectors: Webex Contact Center connectors as Pulumi resources.
 *
 * @example
 * import { SalesforceConnector, CustomConnector } from "pulumi-wxcc-connectors";
 */
export { SalesforceConnector, type SalesforceConnectorArgs } from "./salesforce-connector";
export {
  CustomConnector,
  type CustomConnectorArgs,
  type CustomConnectorBasicArgs,
  type CustomConnectorClientCredentialsArgs,
  type CustomConnectorPasswordGrantArgs,
} from "./custom-connector";
