import { z } from "zod";
import { isEmail } from "../../../contract/email";
import { codePointLength, EMAIL_MAX, NAME_MAX, URL_MAX } from "../../../contract/lengths";
import { nameProblem } from "../../../contract/name";
import { UNKNOWN } from "./unknown";
import { urlProblem, type UrlRule } from "./url";

/**
 * Zod building blocks shared by the kinds. Every message names the property in brackets
 * and says the fix, and never quotes the value: a secret can sit in any property (pasted
 * into the wrong one, or in a URL), and what a message quotes reaches the CLI output. A
 * wrong value is described by its type or by the rule it breaks. Each field also accepts
 * Pulumi's unknown sentinel (see `unknownable`).
 */

/**
 * A string property; `fix` completes "set <prop> to …". `max` is the contract's length
 * limit for the field (`contract/lengths.ts`, counted in code points).
 */
export function text(property: string, fix: string, opts: { optional?: boolean; max?: number } = {}) {
  const schema = z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? `[${property}] is required; set ${property} to ${fix}`
          : `[${property}] must be a string (got ${typeOf(iss.input)}); set ${property} to ${fix}`,
    })
    .refine((v) => v.trim().length > 0, {
      error: `[${property}] must not be empty; set ${property} to ${fix}${opts.optional ? `, or remove ${property}` : ""}`,
      abort: true, // an empty value needs no further complaints
    });
  const max = opts.max;
  if (max === undefined) return schema;
  return schema.refine((v) => codePointLength(v) <= max, {
    error: (iss) => `[${property}] must be at most ${max} characters (got ${codePointLength(iss.input as string)}); shorten it`,
    abort: true,
  });
}

const NAME_REASON = {
  control: "[name] must not contain control characters (newlines, tabs, …); remove them",
  "outer-whitespace": "[name] must not start or end with whitespace; trim it",
} as const;

/** A connector name by the contract's rule (`contract/name.ts`): non-empty, ≤ 128 code points, no control characters, no outer spaces. */
export function connectorName() {
  return text("name", "the connector's display name", { max: NAME_MAX }).superRefine((v, ctx) => {
    const problem = nameProblem(v);
    if (problem === "control" || problem === "outer-whitespace") ctx.addIssue({ code: "custom", message: NAME_REASON[problem] });
  });
}

/** An email address property, by the contract's rule (`contract/email.ts`). */
export function email(property: string, fix: string) {
  return text(property, fix, { max: EMAIL_MAX }).refine((v) => isEmail(v), {
    error: `[${property}] must be an email address (one "@", no spaces, a dotted domain); set ${property} to ${fix}`,
  });
}

/** A URL property with the contract's https rule of SPEC §4 (`contract/url.ts`). */
export function url(property: string, rule: UrlRule & { optional?: boolean }) {
  return text(property, rule.what, { optional: rule.optional, max: URL_MAX }).superRefine((v, ctx) => {
    const problem = urlProblem(property, v, rule);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A boolean property. */
export function flag(property: string, meaning: string) {
  return z.boolean({ error: (iss) => `[${property}] must be true or false (got ${typeOf(iss.input)}); ${meaning}` });
}

/** One of a few string literals. */
export function oneOf<const T extends readonly [string, ...string[]]>(property: string, values: T) {
  const list = values.map((v) => `"${v}"`).join(" or ");
  return z.enum(values, {
    error: (iss) =>
      `[${property}] must be ${list} (${typeof iss.input === "string" ? "spelled exactly so: values are case-sensitive" : `got ${typeOf(iss.input)}`}); set one of them or omit ${property} for the default`,
  });
}

/** The org ID: optional on the resource (provider config fills it in). */
export function orgId() {
  return text("orgId", "the Webex Contact Center organization ID", { optional: true }).refine((v) => !/[\s/?#]/.test(v), {
    error: `[orgId] must not contain whitespace, "/", "?" or "#"; set orgId to the organization ID`,
  });
}

/** `connectorId`: adopt an existing connector by ID. */
export function connectorId() {
  return text("connectorId", "the ID of an existing connector to adopt", { optional: true });
}

/** `schema`, but also accepting the unknown sentinel (which then skips its rules). */
export function unknownable<T extends z.ZodType>(schema: T) {
  return z.union([z.literal(UNKNOWN), schema]);
}

/** Same as `schema`, optional and also accepting the unknown sentinel. */
export function opt<T extends z.ZodType>(schema: T) {
  return unknownable(schema).optional();
}

/** Same as `schema`, accepting the unknown sentinel. */
export function req<T extends z.ZodType>(schema: T) {
  return unknownable(schema);
}

/** What a wrong value is, for a message: its type only, never the value. */
function typeOf(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}
