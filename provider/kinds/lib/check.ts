import type { z } from "zod";
import type { CheckFailure, CheckResult } from "../kind";
import { failuresFromIssues } from "./issues";

/** What one kind plugs into `runCheck`. */
export interface CheckSpec<S extends z.ZodType, I> {
  schema: S;
  resourceType: string;
  /** Known input properties, for the "not a property" message. */
  fields: readonly string[];
  /** Rules spanning several properties, run on the raw values (unknowns included). */
  crossFieldRules?: (raw: Record<string, unknown>) => CheckFailure[];
  /** Turns parsed data into checked inputs (conditional defaults). */
  finish: (data: z.output<S>) => I;
}

/** Key the dynamic provider adds to every input bag; never validated, never returned. */
export const PROVIDER_KEY = "__provider";

/**
 * The shared shape of every kind's `check`: drop `__provider` and null values, fill
 * `orgId` from the provider, run the zod schema and the cross-field rules, and return
 * either every failure at once or the checked inputs.
 */
export function runCheck<S extends z.ZodType, I>(spec: CheckSpec<S, I>, news: Record<string, unknown>, defaults: { orgId?: string }): CheckResult<I> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(news ?? {})) {
    if (k === PROVIDER_KEY || v === null || v === undefined) continue;
    raw[k] = v;
  }
  const failures: CheckFailure[] = [];
  if (raw.orgId === undefined) {
    if (defaults.orgId) {
      raw.orgId = defaults.orgId;
    } else {
      failures.push({
        property: "orgId",
        reason:
          "[orgId] is required: neither the resource nor the provider sets it; run `pulumi config set wxcc:orgId <org>` " +
          "(or set WXCC_ORG_ID), or set orgId on the resource",
      });
    }
  }
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) failures.push(...failuresFromIssues(parsed.error.issues, spec.resourceType, spec.fields));
  if (spec.crossFieldRules) failures.push(...spec.crossFieldRules(raw));
  if (failures.length > 0 || !parsed.success) return { failures: dedupe(failures) };
  return { inputs: spec.finish(parsed.data), failures: [] };
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.property}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
