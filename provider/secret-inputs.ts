import { redactSecrets } from "../contract/redact";

/**
 * "No secret printed" (SPEC §7) for the inputs messages quote. Every progress line and error
 * names its connector: `CustomConnector "<name>" (<connectorId>) in org "<orgId>"`. A program
 * may mark any of those secret (`pulumi.secret`, a secret config value, or an `.apply` of
 * one), but the dynamic-provider plugin hands hooks plain values (it tells the engine it
 * accepts no secrets), so the provider cannot see which they are. The SDK therefore names
 * them in this hidden input (`sdk/lib/secret-inputs.ts`), e.g. `["name", "orgId"]`;
 * `providerFor` (connector-provider.ts) takes it off every bag, puts it back on what the hook
 * returns (so read and delete, which get the state's outputs, see it too), and shows each of
 * those values as `[secret]` in every line and message the hook produces. Like `__wxccUrn`,
 * its `__` prefix keeps it out of every diff display; states written before it existed
 * simply lack it (and print as before).
 */
export const SECRET_INPUTS = "__wxccSecretInputs";

/** The inputs messages quote, so the ones the hidden input may list. */
export const QUOTED_INPUTS = ["name", "orgId", "connectorId"] as const;

/** One of {@link QUOTED_INPUTS}. */
export type QuotedInput = (typeof QUOTED_INPUTS)[number];

/** A property bag as the dynamic-provider plugin passes it to a hook. */
type Bag = Record<string, unknown>;

/** What `[secret]` stands for in a message: the CLI's own word for a secret config value. */
export const SECRET_PLACEHOLDER = "[secret]";

/**
 * Splits the hidden input off a property bag; entries other than {@link QUOTED_INPUTS} are
 * dropped.
 *
 * @example
 * ```ts
 * takeSecretInputs({ name: "Secret CRM", __wxccSecretInputs: ["name"] });
 * // { fields: ["name"], props: { name: "Secret CRM" } }
 * ```
 */
export function takeSecretInputs(bag: Bag): { fields: QuotedInput[]; props: Bag } {
  if (!(SECRET_INPUTS in bag)) return { fields: [], props: bag };
  const { [SECRET_INPUTS]: raw, ...props } = bag;
  const fields = Array.isArray(raw) ? QUOTED_INPUTS.filter((f) => raw.includes(f)) : [];
  return { fields, props };
}

/** `bag` with the hidden input put back (unchanged when no field is listed or there is no bag). */
export function withSecretInputs<T extends Bag | undefined>(bag: T, fields: readonly QuotedInput[]): T {
  return fields.length > 0 && bag ? { ...bag, [SECRET_INPUTS]: [...fields] } : bag;
}

/**
 * The values `fields` hold in `bag` (strings only: the values messages can quote).
 *
 * @example
 * ```ts
 * secretValues(["name"], { name: "Secret CRM", orgId: "acme" }); // ["Secret CRM"]
 * ```
 */
export function secretValues(fields: readonly QuotedInput[], bag: Bag | undefined): string[] {
  return fields.flatMap((f) => (typeof bag?.[f] === "string" && bag[f] !== "" ? [bag[f] as string] : []));
}

/**
 * `text` with each of `secrets` shown as `[secret]`, however short, and in any case: the
 * backend compares names case-insensitively and may quote the spelling it holds ("a
 * connector named "CASE CLASH" already exists" about the secret name "case clash").
 *
 * @example
 * ```ts
 * hideSecretInputs('CustomConnector "Secret CRM" in org "acme"', ["secret crm"]);
 * // 'CustomConnector "[secret]" in org "acme"'
 * ```
 */
export function hideSecretInputs(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets, { as: SECRET_PLACEHOLDER, minLength: 1, ignoreCase: true });
}

/**
 * Runs a hook and, when it fails, hides `secrets` in what the plugin shows of the error: its
 * message, its stack, and a partial failure's reasons. The same error object is rethrown,
 * so its code, id and properties stay as they were.
 *
 * @example
 * ```ts
 * await hidingSecretInputs(["Secret CRM"], () => provider.delete(id, props));
 * ```
 */
export async function hidingSecretInputs<T>(secrets: readonly string[], run: () => Promise<T>): Promise<T> {
  if (secrets.length === 0) return run();
  try {
    return await run();
  } catch (err) {
    throw hideInError(err, secrets);
  }
}

function hideInError(err: unknown, secrets: readonly string[]): unknown {
  if (!(err instanceof Error)) return typeof err === "string" ? hideSecretInputs(err, secrets) : err;
  const e = err as Error & { reasons?: unknown };
  rewrite(e, "message", secrets);
  rewrite(e, "stack", secrets);
  if (Array.isArray(e.reasons)) e.reasons = e.reasons.map((r) => (typeof r === "string" ? hideSecretInputs(r, secrets) : r));
  return e;
}

/** Rewrites one string property of an error in place, as an own property (it may be a getter). */
function rewrite(e: Error, key: "message" | "stack", secrets: readonly string[]): void {
  const value = e[key];
  if (typeof value !== "string") return;
  const hidden = hideSecretInputs(value, secrets);
  if (hidden !== value) Object.defineProperty(e, key, { value: hidden, configurable: true, writable: true, enumerable: false });
}
