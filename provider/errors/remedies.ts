import type { WxccErrorCode } from "./codes";

/** What a remedy hint may quote. `serverMessage` is already redacted. */
export interface RemedyContext {
  orgId: string;
  serverMessage?: string;
  details?: Array<{ field: string; reason: string }>;
  /** How the client authenticated: a fixed `wxcc:accessToken` (default) or a Webex OAuth client. */
  auth?: "fixed" | "oauth";
}

/** The backend's words, when it sent any, appended after a hint. */
function quote(ctx: RemedyContext): string {
  return ctx.serverMessage ? ` (backend: ${ctx.serverMessage})` : "";
}

/** A short "what happened and what to do" per code; the backend's message where it adds facts. */
export function remedyFor(code: WxccErrorCode, ctx: RemedyContext): string {
  switch (code) {
    case "VALIDATION_FAILED": {
      const fields = (ctx.details ?? []).map((d) => `[${d.field}] ${d.reason}`).join("; ");
      return `the request was invalid: ${fields || ctx.serverMessage || "no details given"}; fix the named properties`;
    }
    case "IMMUTABLE_FIELD":
      return `the connector's id and type can never change; replace the resource instead${quote(ctx)}`;
    case "UNAUTHORIZED":
      if (ctx.auth === "oauth") {
        return "the access token minted for the OAuth client was rejected, also after renewing it; check that the integration `wxcc:clientId` may manage Contact Center connectors and that `wxcc:refreshToken` is current (`pulumi config set --secret wxcc:refreshToken <token>`)";
      }
      return "the access token was rejected; check `wxcc:accessToken` (`pulumi config set --secret wxcc:accessToken <token>`) or WXCC_ACCESS_TOKEN";
    case "FORBIDDEN":
      if (ctx.auth === "oauth")
        return `the token is not valid for org "${ctx.orgId}"; check \`wxcc:orgId\` and that \`wxcc:refreshToken\` was issued by an admin of that org`;
      return `the token is not valid for org "${ctx.orgId}"; check \`wxcc:orgId\` and \`wxcc:accessToken\``;
    case "NOT_FOUND":
      return "the connector does not exist (deleted outside Pulumi?); run `pulumi refresh`";
    case "NAME_CONFLICT":
      return `${ctx.serverMessage ?? "a connector with this name already exists"}; choose another name, or adopt the existing connector with the \`connectorId\` input`;
    case "LIMIT_EXCEEDED":
      return `${ctx.serverMessage ?? "the org's connector limit is reached"}; delete an unused connector of this type first (inactive ones count)`;
    case "CONNECTOR_ACTIVE":
      return "the connector is active; deactivate it before editing or deleting";
    case "VERSION_MISMATCH":
      return `the connector changed since it was read; run \`pulumi refresh\` and try again${quote(ctx)}`;
    case "CONNECTIVITY_FAILED":
      return `connectivity validation failed: ${ctx.serverMessage ?? "no reason given"}; check the credentials and the authorization server settings`;
    case "RATE_LIMITED":
      return "the backend is rate limiting this token; wait and run again, or lower `pulumi up --parallel`";
    case "INTERNAL":
      return `the backend failed${quote(ctx)}; try again later`;
    default:
      return ctx.serverMessage ?? "unexpected response";
  }
}
