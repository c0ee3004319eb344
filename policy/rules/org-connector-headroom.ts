import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { CUSTOM_CONNECTOR, ORG_LIMITS, SALESFORCE_CONNECTOR, kindLabel } from "../lib/facts";
import { readField } from "../lib/fields";
import { configKey } from "../lib/message";

/** Config of `wxcc-org-connector-headroom`. Default: `{ share: 0.8 }` (4 of 5, 8 of 10). */
export interface OrgConnectorHeadroomConfig {
  share?: number;
}

export const ORG_CONNECTOR_HEADROOM = "wxcc-org-connector-headroom";
const DEFAULT_SHARE = 0.8;

const KINDS = [
  { type: SALESFORCE_CONNECTOR, limit: ORG_LIMITS.SALESFORCE, slots: "Salesforce" },
  { type: CUSTOM_CONNECTOR, limit: ORG_LIMITS.CUSTOM, slots: "custom" },
] as const;

/** The group of connectors that do not set `orgId`: the org of the stack's provider config. */
const STACK_ORG = Symbol("the stack's org");

/**
 * The org a connector belongs to, or `undefined` while its `orgId` is not known (preview).
 * Used only to group: messages name the resources, not the org ID, since an input may be a
 * secret and the engine hands policies secrets in plaintext.
 */
function orgOf(resource: PolicyResource): string | typeof STACK_ORG | undefined {
  const field = readField(resource.props, "orgId");
  if (field.state === "unknown") return undefined;
  return field.state === "known" && typeof field.value === "string" ? field.value : STACK_ORG;
}

/**
 * No org may use more than `share` of its connector slots (5 Salesforce, 10 custom; the
 * service's limits, SPEC §1), so administrators keep free slots for hand-made emergency
 * connectors. Allowed per org and kind: `floor(share × limit)`. Connectors whose `orgId` is
 * unknown during preview are counted at `pulumi up`.
 */
export const orgConnectorHeadroom: StackValidationPolicy = {
  name: ORG_CONNECTOR_HEADROOM,
  description: "No org may use more than a configured share of its 5 Salesforce / 10 custom connector slots.",
  configSchema: {
    properties: {
      share: {
        type: "number",
        exclusiveMinimum: 0,
        maximum: 1,
        default: DEFAULT_SHARE,
        description: "Share of each org's connector slots a stack may use (0 < share <= 1); the rest stays free for hand-made connectors.",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const share = args.getConfig<OrgConnectorHeadroomConfig>().share ?? DEFAULT_SHARE;
    for (const kind of KINDS) {
      const allowed = Math.floor(share * kind.limit + 1e-9);
      const byOrg = new Map<string | typeof STACK_ORG, string[]>();
      for (const resource of args.resources) {
        if (resource.type !== kind.type) continue;
        const org = orgOf(resource);
        if (org === undefined) continue;
        byOrg.set(org, [...(byOrg.get(org) ?? []), `'${resource.name}'`]);
      }
      for (const [org, names] of byOrg) {
        if (names.length <= allowed) continue;
        const label = kindLabel(kind.type);
        const over = names.length - allowed;
        const which = org === STACK_ORG ? "the stack's org (wxcc:orgId)" : "one org [orgId]";
        const declared =
          names.length === 1
            ? `1 ${label} resource (${names[0]}) of ${which} uses`
            : `${names.length} ${label} resources (${names.sort().join(", ")}) of ${which} use`;
        reportViolation(
          `${declared} more than ${allowed} of its ${kind.limit} ${kind.slots} connector slots ` +
            `(share ${share}; policy keeps ${kind.limit - allowed} free for hand-made emergency connectors). ` +
            `Fix: remove ${over} ${label} from this org or move ${over === 1 ? "it" : "them"} to another org's stack, ` +
            `or raise ${configKey(ORG_CONNECTOR_HEADROOM, "share")}.`,
        );
      }
    }
  },
};
