import { idSuffix } from "./id-suffix";

/** Words TypeScript will not take as a variable name, and names the generated program uses itself. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield await any boolean constructor " +
    "declare get module require number set string symbol type from of undefined arguments eval pulumi config connectorIds"
  ).split(" "),
);

/** `crm-api-2` → `crmApi_2`: a letter after a dash is upper-cased, a digit after a dash gets `_`. */
function camel(asciiSlug: string): string {
  const joined = asciiSlug.replace(/-([a-z0-9])/g, (_m, ch: string) => (/[a-z]/.test(ch) ? ch.toUpperCase() : `_${ch}`));
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/**
 * A TypeScript variable name for a connector, ASCII only (TypeScript's identifier tables
 * lag Unicode, and it is also the stem of shell-friendly secret config keys). A pure
 * function of the logical name and the connector id, so it never changes when other
 * connectors come and go, and distinct for distinct logical names:
 *
 * - an ASCII logical name is camel-cased: `crm-api` → `crmApi`, `crm-api-2` → `crmApi_2`,
 *   `1st-line` → `_1stLine`, a reserved word gets a trailing `_` (`class` → `class_`);
 * - any other gets its ASCII letters (accents stripped) camel-cased, or `connector`, then
 *   `__` and the id suffix: `zahlungsdienst-ü` → `zahlungsdienstU__8e7d6c`, `顧客` → `connector__8e7d6c`.
 *   (`__` never occurs in the first form, so the two forms never meet.)
 *
 * @example
 * identifierFor("crm-api", "c-1"); // "crmApi"
 * identifierFor("顧客-api", "c-9f8e7d6c"); // "api__8e7d6c"
 */
export function identifierFor(logicalName: string, connectorId: string, suffixLength?: number): string {
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(logicalName)) {
    const id = camel(logicalName);
    return RESERVED.has(id) ? `${id}_` : id;
  }
  const ascii = logicalName
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${ascii ? camel(ascii) : "connector"}__${idSuffix(connectorId, suffixLength)}`;
}

/**
 * {@link identifierFor} of every connector (map keyed by logical name). Should two
 * non-ASCII names share their ASCII part and id tail, both get a longer id suffix.
 */
export function identifiersFor(items: ReadonlyArray<{ logicalName: string; connectorId: string }>): Map<string, string> {
  const out = new Map<string, string>();
  for (let length = 6; ; length += 2) {
    out.clear();
    for (const i of items) out.set(i.logicalName, identifierFor(i.logicalName, i.connectorId, length));
    if (new Set(out.values()).size === out.size || length > 64) return out;
  }
}
