import type { SecretField } from "../declaration";
import { SECRET_WHAT } from "../declaration";

/** One stack to set up: where its project is and which secret keys it needs. */
export interface StackSteps {
  /** Project directory as the user should `cd` into it (relative or absolute). */
  dir: string;
  stack: string;
  orgId: string;
  secrets: Array<{ key: string; field: SecretField; connectorName: string; connectorId: string; kind: "salesforce" | "custom" }>;
  connectorCount: number;
}

/** A word quoted for POSIX shells when it holds anything but plain characters. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A comment-safe rendering of a connector name: one line, quoted, control characters escaped. */
function named(name: string): string {
  return JSON.stringify(name)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The commands that make a generated project ready, per stack: `pulumi stack init`, the
 * access token, one `pulumi config set --secret` per connector secret, then preview and up.
 * Secret commands carry no value: the CLI prompts for it without echo, or reads stdin
 * (private keys: `< <key>.pem`), so no secret lands in shell history. Never prints a value.
 *
 * @example
 * renderNextSteps([{ dir: "wxcc-export", stack: "acme", orgId: "acme", connectorCount: 1,
 *   secrets: [{ key: "crmApiClientSecret", field: "clientSecret", connectorName: "CRM API", connectorId: "c-1", kind: "custom" }] }]);
 * // …  pulumi config set --secret --stack acme crmApiClientSecret   # clientSecret of custom connector "CRM API" (c-1): the OAuth 2.0 client secret
 */
export function renderNextSteps(stacks: readonly StackSteps[]): string {
  const out: string[] = [];
  for (const s of stacks) {
    const st = shellWord(s.stack);
    out.push(`# stack ${st}: org ${named(s.orgId)}, ${s.connectorCount} connector(s) to adopt`);
    out.push(`cd ${shellWord(s.dir)}`);
    out.push(`pulumi stack init ${st}   # once; add --secrets-provider to choose how secrets are encrypted`);
    out.push(`pulumi config set --secret --stack ${st} wxcc:accessToken   # an access token for org ${named(s.orgId)}`);
    for (const secret of s.secrets) {
      const stdin = secret.field === "privateKey" ? ` < ${shellWord(`${secret.key}.pem`)}` : "";
      out.push(
        `pulumi config set --secret --stack ${st} ${shellWord(secret.key)}${stdin}   # ${secret.field} of ${secret.kind} connector ${named(secret.connectorName)} (${/^[\w.-]+$/.test(secret.connectorId) ? secret.connectorId : named(secret.connectorId)}): ${SECRET_WHAT[secret.field]}`,
      );
    }
    out.push(`pulumi preview --stack ${st}   # one "create" per connector: each adopts the live one by connectorId; none is made or deleted`);
    out.push(`pulumi up --stack ${st}`);
    out.push(`cd - >/dev/null`, "");
  }
  out.push(
    "# Each `pulumi config set --secret` above without a value prompts for it (no echo) or reads it",
    "# from stdin; private keys are read from a PEM file named after the key (replace the file name).",
  );
  return `${out.join("\n")}\n`;
}
