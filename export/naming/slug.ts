/** Longest slug, in code points: logical names stay readable in `pulumi preview` and URNs. */
export const MAX_SLUG_LENGTH = 48;

/** What a slug falls back to when a name has no letter or digit at all (e.g. "—"). */
export const EMPTY_SLUG = "connector";

/**
 * The logical-name stem of a connector name: NFKC-normalized, lower-cased, every run of
 * characters that is not a letter, digit or combining mark turned into one `-`, no `-` at
 * either end, at most {@link MAX_SLUG_LENGTH} code points. Letters of every script are
 * kept (so "Zahlungsdienst Ü" → "zahlungsdienst-ü", "顧客 API" → "顧客-api"); a name with no
 * letter or digit gives {@link EMPTY_SLUG}. Depends on the name alone, so a connector's slug
 * never changes when other connectors come and go.
 *
 * Names that differ only in case or punctuation ("CRM API", "crm_api") share a slug; see
 * `assignLogicalNames` for how such collisions are told apart.
 *
 * @example
 * slugify("CRM API (prod)"); // "crm-api-prod"
 * slugify('Say "hi"\n\\ there'); // "say-hi-there"
 */
export function slugify(name: string): string {
  const normalized = name.normalize("NFKC").toLowerCase();
  const dashed = normalized
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    // A combining mark cannot start a segment (it would attach to the dash before it).
    .replace(/(^|-)\p{M}+/gu, "$1")
    // …which may leave two dashes side by side.
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  // Cut on code points, never inside a surrogate pair, then drop a dash left at the cut.
  const cut = Array.from(dashed).slice(0, MAX_SLUG_LENGTH).join("").replace(/-+$/, "");
  return cut === "" ? EMPTY_SLUG : cut;
}
