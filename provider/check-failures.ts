import type { CheckFailure } from "./kinds/kind";

/**
 * Check failures as the engine must receive them: with an empty `property`, each reason
 * starting with the `[field]` it is about.
 *
 * Why: for a failure that names a property, the engine prints
 * `property <name> value <inputs[name]> has a problem: <reason>` with the raw input value,
 * secret or not (pulumi/pulumi `pkg/resource/deploy/step_generator.go`, `issueCheckFailures`),
 * and the CLI masks only values that came verbatim from secret config. A secret transformed
 * with `.apply`, read from a file or taken from another resource's output would print in
 * plaintext, and so would a secret put in the wrong property. With `property: ""` the engine
 * prints `<type> resource '<name>' has a problem: <reason>` and no value at all. The kinds'
 * reasons never quote a value either (test/provider/kinds/messages.test.ts).
 *
 * @example
 * forEngine([{ property: "privateKey", reason: "[privateKey] is not an RSA key (it is an EC key); …" }]);
 * // [{ property: "", reason: "[privateKey] is not an RSA key (it is an EC key); …" }]
 */
export function forEngine(failures: readonly CheckFailure[]): CheckFailure[] {
  return failures.map((f) => ({ property: "", reason: named(f) }));
}

/** The reason, starting with `[property]` (every kind's reason already does; this keeps it so). */
function named(f: CheckFailure): string {
  if (f.property === "" || f.reason.startsWith(`[${f.property}]`)) return f.reason;
  return `[${f.property}] ${f.reason}`;
}
