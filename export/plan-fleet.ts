import type { Connector } from "../provider/client";
import { argsOf, secretKeyFor, type ConnectorArgs, type Kind, type SecretField } from "./declaration";
import { identifiersFor } from "./naming/identifier";
import { assignLogicalNames } from "./naming/logical-names";
import { compare } from "./plan-org";

/** One org to export: its id, the stack that will manage it, its live connectors. */
export interface OrgExport {
  orgId: string;
  stack: string;
  connectors: readonly Connector[];
}

/** A connector declaration as config: `kind`, fields, `secretFields` (field → secret key). */
export type DeclaredConfig = Record<string, unknown>;

/** A secret config key a stack must be given, and what it is for. */
export interface SecretToFill {
  key: string;
  field: SecretField;
  logicalName: string;
  connectorId: string;
  connectorName: string;
}

/**
 * The base-set + per-org-overrides shape of `examples/multi-org`: `base` goes to
 * `Pulumi.yaml` (`<project>:connectors`), `overrides[stack]` to `Pulumi.<stack>.yaml`
 * (`<project>:overrides`). In an override, `null` removes a base field for that org.
 */
export interface FleetPlan {
  base: Record<string, DeclaredConfig>;
  overrides: Record<string, Record<string, DeclaredConfig>>;
  secrets: Record<string, SecretToFill[]>;
}

/** Connectors of several orgs that are "the same": same kind, same name up to case and NFKC. */
interface Group {
  kind: Kind;
  /** Stack → that org's connector and its args, in the order the orgs were given. */
  members: Array<{ stack: string; connector: Connector; args: ConnectorArgs }>;
}

/**
 * Merges several orgs into one declaration per connector name (SPEC §8, issue 10).
 *
 * - Connectors with the same kind and name (case-insensitive) in several orgs become one
 *   base declaration; each field takes the value most of those orgs have (ties: the
 *   earliest org given), and an org that differs gets an override of just that field
 *   (`null` when it lacks a field the base has). Orgs without it get `enabled: false`.
 * - A connector found in only one of several orgs is declared whole in that org's
 *   overrides (`kind` included), not in the base set.
 * - `connectorId` is always per org, in its overrides.
 * - Logical names follow `assignLogicalNames` over the groups (earliest-created member
 *   stands for the group); secret keys are shared by the group, each stack sets its own.
 *
 * @example
 * const plan = planFleet([{ orgId: "acme", stack: "acme", connectors: a }, { orgId: "globex", stack: "globex", connectors: g }]);
 * plan.overrides.globex["crm-api"]; // { connectorId: "c-77…", scope: "crm.read crm.write" }
 */
export function planFleet(orgs: readonly OrgExport[]): FleetPlan {
  const groups = new Map<string, Group>();
  for (const org of orgs) {
    for (const connector of org.connectors) {
      const args = argsOf(connector, org.orgId);
      const key = `${args.kind}\u0000${connector.name.normalize("NFKC").toLowerCase()}`;
      const group = groups.get(key) ?? { kind: args.kind, members: [] };
      group.members.push({ stack: org.stack, connector, args });
      groups.set(key, group);
    }
  }
  const representative = (g: Group) =>
    [...g.members].sort((a, b) => compare(a.connector.createdAt, b.connector.createdAt) || compare(a.connector.id, b.connector.id))[0].connector;
  const names = assignLogicalNames([...groups.values()].map(representative));
  const named = [...groups.values()].map((g) => ({ group: g, logicalName: names.get(representative(g).id)!, connectorId: representative(g).id }));
  named.sort((a, b) => compare(a.logicalName, b.logicalName));
  const identifiers = identifiersFor(named);

  const plan: FleetPlan = { base: {}, overrides: {}, secrets: {} };
  for (const org of orgs) {
    plan.overrides[org.stack] = {};
    plan.secrets[org.stack] = [];
  }
  for (const { group, logicalName } of named) {
    const identifier = identifiers.get(logicalName)!;
    const declared = group.members.map((m) => ({ stack: m.stack, connector: m.connector, config: declaredConfig(m.args, identifier) }));
    for (const m of group.members) {
      plan.secrets[m.stack].push(
        ...m.args.secrets.map((field) => ({
          key: secretKeyFor(identifier, field),
          field,
          logicalName,
          connectorId: m.connector.id,
          connectorName: m.connector.name,
        })),
      );
    }
    const shared = orgs.length === 1 || group.members.length > 1;
    if (!shared) {
      const only = declared[0];
      plan.overrides[only.stack][logicalName] = { connectorId: only.connector.id, ...only.config };
      continue;
    }
    const base = majority(declared.map((d) => d.config));
    plan.base[logicalName] = base;
    for (const org of orgs) {
      const mine = declared.find((d) => d.stack === org.stack);
      if (!mine) {
        plan.overrides[org.stack][logicalName] = { enabled: false };
        continue;
      }
      const override: DeclaredConfig = { connectorId: mine.connector.id };
      for (const field of unionKeys([base, mine.config])) {
        if (same(base[field], mine.config[field])) continue;
        override[field] = mine.config[field] === undefined ? null : mine.config[field];
      }
      plan.overrides[org.stack][logicalName] = override;
    }
  }
  return plan;
}

/** `kind`, the non-secret fields, `secretFields` (field → config key). */
function declaredConfig(args: ConnectorArgs, identifier: string): DeclaredConfig {
  const out: DeclaredConfig = { kind: args.kind };
  for (const [field, value] of args.fields) out[field] = value;
  out.secretFields = Object.fromEntries(args.secrets.map((field) => [field, secretKeyFor(identifier, field)]));
  return out;
}

/** Per field, the value most declarations have (absent counts as a value); ties go to the earliest. */
function majority(configs: DeclaredConfig[]): DeclaredConfig {
  const out: DeclaredConfig = {};
  for (const field of unionKeys(configs)) {
    const counts = new Map<string, { value: unknown; n: number }>();
    for (const c of configs) {
      const k = JSON.stringify(c[field] ?? null);
      const entry = counts.get(k) ?? { value: c[field], n: 0 };
      entry.n++;
      counts.set(k, entry);
    }
    // Map keeps insertion order, so on a tie the earliest org's value is met first and kept.
    let best: { value: unknown; n: number } | undefined;
    for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
    if (best!.value !== undefined) out[field] = best!.value;
  }
  return out;
}

function unionKeys(configs: DeclaredConfig[]): string[] {
  return [...new Set(configs.flatMap((c) => Object.keys(c)))];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
