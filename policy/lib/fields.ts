import { UnknownValueError } from "@pulumi/policy";

/**
 * A resource property as a rule sees it: absent, not known yet (an output of another resource
 * during `pulumi preview`), or known. Values are read only to be tested, never to be printed:
 * the engine hands policies secret inputs in plaintext, without marking them.
 */
export type Field = { state: "absent" } | { state: "unknown" } | { state: "known"; value: unknown };

/**
 * Reads `props[name]` through `@pulumi/policy`'s unknown-checking proxy without throwing.
 * An unknown value is reported as such, so a rule can skip it during preview: the engine runs
 * the pack again at `pulumi up`, before the resource is created, with the value known.
 *
 * @example
 * const domain = readField(args.props, "domainUrl");
 * if (domain.state === "known" && typeof domain.value === "string") { ... }
 */
export function readField(props: Record<string, unknown>, name: string): Field {
  try {
    const value = props[name];
    return value === undefined || value === null ? { state: "absent" } : { state: "known", value };
  } catch (err) {
    if (err instanceof UnknownValueError) return { state: "unknown" };
    throw err;
  }
}

/** The known string value of `props[name]`, `fallback` when absent, `undefined` when unknown. */
export function knownString(props: Record<string, unknown>, name: string, fallback?: string): string | undefined {
  const field = readField(props, name);
  if (field.state === "unknown") return undefined;
  if (field.state === "absent") return fallback;
  return typeof field.value === "string" ? field.value : undefined;
}
