import { kindLabel } from "./facts";

/** The resource a violation is about, as `@pulumi/policy` hands it to a rule. */
export interface Subject {
  type: string;
  name: string;
}

/**
 * A violation message in the project's shape: the resource, the `[field]`, what is wrong and
 * the fix. Callers never pass property values (they may be secrets); config values are fine.
 *
 * @example
 * violation({ type: CUSTOM_CONNECTOR, name: "crm" }, "validationUrl", "is missing", "set it");
 * // "CustomConnector 'crm': [validationUrl] is missing. Fix: set it."
 */
export function violation(subject: Subject, field: string, problem: string, fix: string): string {
  return `${kindLabel(subject.type)} '${subject.name}': [${field}] ${problem}. Fix: ${fix}.`;
}

/** `"wxcc-allowed-hosts"` → how the fix names a config key of that policy. */
export function configKey(policy: string, key: string): string {
  return `[${key}] of policy "${policy}" in the policy pack config (--policy-pack-config)`;
}

/** A config list for a message: `a, b, c` or `(none)`. */
export function list(values: readonly string[]): string {
  return values.length ? values.join(", ") : "(none)";
}
