import type { BackendErrorCode } from "./types";

/** What a user should do about each backend refusal; appended to error messages. */
export function remedyFor(code: BackendErrorCode | string, orgId: string): string {
  switch (code) {
    case "UNAUTHORIZED":
      return "the access token is missing, expired or unknown: check `wxcc:accessToken` (pulumi config set --secret wxcc:accessToken <token>)";
    case "FORBIDDEN":
      return `the access token is not valid for org "${orgId}": check \`wxcc:orgId\` and \`wxcc:accessToken\` belong together`;
    case "NOT_FOUND":
      return "the connector does not exist (deleted by hand?): run `pulumi refresh`";
    case "NAME_CONFLICT":
      return `another connector in org "${orgId}" already has this name (names are case-insensitive): rename it, or adopt the existing one with \`connectorId\``;
    case "LIMIT_EXCEEDED":
      return `org "${orgId}" already has the maximum number of connectors of this kind (5 Salesforce, 10 custom, inactive ones included): delete or adopt one`;
    case "CONNECTOR_ACTIVE":
      return "the connector is active; it must be deactivated before it can be edited or deleted";
    case "VERSION_MISMATCH":
      return "the connector changed while this update ran: run `pulumi refresh`, then `pulumi up` again";
    case "CONNECTIVITY_FAILED":
      return "the service could not authenticate with these credentials: check them with the authorization server";
    case "RATE_LIMITED":
      return "the backend is rate limiting this token: retry later or lower `--parallel`";
    case "VALIDATION_FAILED":
      return "fix the fields listed";
    case "IMMUTABLE_FIELD":
      return "a connector's ID and type can never change: replace the resource instead";
    default:
      return "the backend failed: retry; if it persists, report the trackingId";
  }
}
