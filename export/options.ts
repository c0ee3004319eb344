import { ExportError } from "./errors";
import type { OrgSource } from "./read-org";

/** Everything `wxcc-export` needs, checked. */
export interface ExportOptions {
  baseUrl: string;
  orgs: Array<OrgSource & { stack: string }>;
  outDir: string;
  project: string;
  multiOrg: boolean;
  force: boolean;
}

/** The flags as commander hands them over (all optional before checking). */
export interface RawFlags {
  org?: string[];
  stack?: string[];
  baseUrl?: string;
  accessToken?: string;
  out?: string;
  project: string;
  multiOrg?: boolean;
  force?: boolean;
}

/** Pulumi's rule for project and stack names. */
const PULUMI_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** `WXCC_ACCESS_TOKEN_<ORG>`: the org id upper-cased, every other character `_`. */
export function orgTokenEnv(orgId: string): string {
  return `WXCC_ACCESS_TOKEN_${orgId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** A stack name for an org id: Pulumi's allowed characters, anything else `-`. */
export function defaultStackName(orgId: string): string {
  return orgId.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 100);
}

/**
 * Checks the flags against the environment the way the provider reads its config
 * (`WXCC_BASE_URL`, `WXCC_ORG_ID`, `WXCC_ACCESS_TOKEN`), plus a per-org token
 * `WXCC_ACCESS_TOKEN_<ORG>` that wins over the shared one.
 *
 * @throws {ExportError} `USAGE`, naming the flag and the fix; never echoes a token.
 */
export function resolveOptions(flags: RawFlags, env: NodeJS.ProcessEnv): ExportOptions {
  const usage = (msg: string) => new ExportError("USAGE", msg);
  const baseUrl = checkBaseUrl(flags.baseUrl ?? env.WXCC_BASE_URL, usage);
  const orgIds = flags.org?.length ? flags.org : env.WXCC_ORG_ID ? [env.WXCC_ORG_ID] : [];
  if (orgIds.length === 0) throw usage("[--org] is required: name the org(s) to export, e.g. --org acme --org globex (or set WXCC_ORG_ID)");
  const dup = orgIds.find((o, i) => orgIds.indexOf(o) !== i);
  if (dup !== undefined) throw usage(`[--org] ${JSON.stringify(dup)} is given twice; name each org once`);

  const stackOf = new Map<string, string>();
  for (const pair of flags.stack ?? []) {
    const eq = pair.lastIndexOf("=");
    const [orgId, stack] = eq > 0 ? [pair.slice(0, eq), pair.slice(eq + 1)] : ["", ""];
    if (!orgIds.includes(orgId)) throw usage(`[--stack] ${JSON.stringify(pair)} must be ORG=STACK for an org given with --org`);
    stackOf.set(orgId, stack);
  }
  if (!PULUMI_NAME.test(flags.project))
    throw usage(`[--project] ${JSON.stringify(flags.project)} is not a Pulumi project name; use letters, digits, "_", "." and "-"`);

  const orgs = orgIds.map((orgId) => {
    const stack = stackOf.get(orgId) ?? defaultStackName(orgId);
    if (!PULUMI_NAME.test(stack))
      throw usage(`[--stack] ${JSON.stringify(stack)} for org ${JSON.stringify(orgId)} is not a Pulumi stack name; use letters, digits, "_", "." and "-"`);
    const perOrg = orgTokenEnv(orgId);
    const [accessToken, tokenSource] = env[perOrg]
      ? [env[perOrg]!, perOrg]
      : flags.accessToken
        ? [flags.accessToken, "--access-token"]
        : [env.WXCC_ACCESS_TOKEN ?? "", "WXCC_ACCESS_TOKEN"];
    if (!accessToken) throw usage(`no access token for org ${JSON.stringify(orgId)}: set ${perOrg} or WXCC_ACCESS_TOKEN (or pass --access-token)`);
    return { orgId, stack, baseUrl, accessToken, tokenSource };
  });
  const stacks = orgs.map((o) => o.stack);
  const twice = stacks.find((s, i) => stacks.indexOf(s) !== i);
  if (twice !== undefined) throw usage(`[--stack] two orgs would share stack ${JSON.stringify(twice)}; give one of them its own with --stack ORG=STACK`);

  return { baseUrl, orgs, outDir: flags.out ?? flags.project, project: flags.project, multiOrg: flags.multiOrg ?? false, force: flags.force ?? false };
}

/** https:// anywhere, http:// only on a loopback host (the token is sent to it), no credentials, query or fragment. */
function checkBaseUrl(value: string | undefined, usage: (m: string) => ExportError): string {
  const fix = "pass --base-url https://… (http:// only on a loopback host such as the emulator's http://127.0.0.1:8787) or set WXCC_BASE_URL";
  if (!value) throw usage(`[--base-url] is required; ${fix}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usage(`[--base-url] is not a URL; ${fix}`);
  }
  const loopback = url.hostname === "localhost" || url.hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.username || url.password || url.search || url.hash) throw usage(`[--base-url] must not contain credentials, a query or a fragment; ${fix}`);
  if (!(url.protocol === "https:" || (url.protocol === "http:" && loopback)))
    throw usage(`[--base-url] must use https:// (the access token is sent to it); ${fix}`);
  return value.replace(/\/+$/, "");
}
