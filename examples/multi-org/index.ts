// One stack per org: the shared base set (project config `multi-org:connectors`) merged with
// the org's overrides (stack config `multi-org:overrides`). Roll it out with `wxcc-rollout`.
import * as pulumi from "@pulumi/pulumi";
import { CustomConnector, SalesforceConnector } from "pulumi-wxcc-connectors";

interface Declared {
  kind: "custom" | "salesforce";
  /** false drops a base connector from this org. */
  enabled?: boolean;
  /** connector field → secret config key (namespace `multi-org`). */
  secretFields?: Record<string, string>;
  [field: string]: unknown;
}

const config = new pulumi.Config("multi-org");
const wxcc = new pulumi.Config("wxcc");
const baseUrl = wxcc.get("baseUrl") || process.env.WXCC_BASE_URL || "http://127.0.0.1:8787";

const base = config.requireObject<Record<string, Declared>>("connectors");
const overrides = config.getObject<Record<string, Partial<Declared>>>("overrides") || {};

/** Base connector fields, then the org's fields on top (a new key adds a connector). */
function merged(): Record<string, Declared> {
  const out: Record<string, Declared> = {};
  for (const key of Array.from(new Set([...Object.keys(base), ...Object.keys(overrides)]))) {
    const d = { ...(base[key] || {}), ...(overrides[key] || {}) } as Declared;
    if (!d.kind) throw new Error(`multi-org:overrides.${key} adds a connector without [kind] (custom or salesforce)`);
    if (d.enabled !== false) out[key] = d;
  }
  return out;
}

const expand = (v: unknown) => (typeof v === "string" ? v.split("{baseUrl}").join(baseUrl) : v);

export const connectors: Record<string, pulumi.Output<{ connectorId: string; status: string }>> = {};
for (const [key, d] of Object.entries(merged())) {
  const { kind, enabled, secretFields, ...fields } = d;
  const args: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) args[field] = expand(value);
  for (const [field, secretKey] of Object.entries(secretFields || {})) args[field] = config.requireSecret(secretKey);
  const connector =
    // biome-ignore lint/suspicious/noExplicitAny: the args come from stack config; the provider checks them at preview
    kind === "salesforce" ? new SalesforceConnector(key, args as any) : new CustomConnector(key, args as any);
  connectors[key] = pulumi.all([connector.connectorId, connector.status]).apply(([connectorId, status]) => ({ connectorId, status }));
}
