import type { z } from "zod";
import type { CheckFailure } from "../kind";

/**
 * Turns zod issues into Pulumi check failures. Messages are written in the schemas;
 * here only the property path is derived and union wrappers (from `unknownable`) are
 * unwrapped to the real schema's issue.
 */
export function failuresFromIssues(issues: readonly z.core.$ZodIssue[], resourceType: string, known: readonly string[]): CheckFailure[] {
  const out: CheckFailure[] = [];
  const visit = (issue: z.core.$ZodIssue, prefix: PropertyKey[]) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // The last branch is the real schema; the first only admits the unknown sentinel.
      for (const inner of issue.errors[issue.errors.length - 1]) visit(inner, path);
      return;
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          property: key,
          reason: `[${key}] is not a property of ${resourceType}; remove it (known properties: ${known.join(", ")})`,
        });
      }
      return;
    }
    out.push({ property: path.map(String).join("."), reason: issue.message });
  };
  for (const issue of issues) visit(issue, []);
  return out;
}
