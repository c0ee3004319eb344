import { idSuffix, SUFFIX_LENGTH } from "./id-suffix";
import { slugify } from "./slug";

/** What naming needs to know of a connector (or of a group of same-named connectors). */
export interface Nameable {
  /** The connector name as the backend has it. */
  name: string;
  /** The backend's connector id: the source of a collision suffix. */
  id: string;
  /** ISO timestamp; the earliest-created connector of a colliding slug keeps the bare slug. */
  createdAt: string;
}

/**
 * Gives every connector a unique, stable Pulumi logical name (map from connector id).
 *
 * Rule: the name is `slugify(connector name)`. When several connectors share a slug
 * (names differing only in case, punctuation, or across kinds), the earliest created one
 * keeps the bare slug and each other one gets `-<suffix>` from its own id (`idSuffix`) — never a
 * counter, so adding or removing a connector never renames another one, except that a
 * suffixed connector whose every earlier twin was removed gets the bare slug back.
 *
 * @example
 * assignLogicalNames([
 *   { name: "CRM API", id: "c-1a2b3c4d", createdAt: "2026-01-01T00:00:00Z" },
 *   { name: "crm_api", id: "c-9f8e7d6c", createdAt: "2026-02-01T00:00:00Z" },
 * ]); // Map { "c-1a2b3c4d" => "crm-api", "c-9f8e7d6c" => "crm-api-8e7d6c" }
 */
export function assignLogicalNames(items: readonly Nameable[]): Map<string, string> {
  const bySlug = new Map<string, Nameable[]>();
  for (const item of items) {
    const slug = slugify(item.name);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), item]);
  }
  const taken = new Set(bySlug.keys());
  const names = new Map<string, string>();
  for (const [slug, group] of bySlug) {
    const ordered = [...group].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    names.set(ordered[0].id, slug);
    for (const item of ordered.slice(1)) {
      let length = SUFFIX_LENGTH;
      let candidate = `${slug}-${idSuffix(item.id, length)}`;
      // Another slug may already look like this one, or two ids share a tail: lengthen the suffix.
      while (taken.has(candidate) && length < item.id.length + 1) candidate = `${slug}-${idSuffix(item.id, ++length)}`;
      if (taken.has(candidate)) throw new Error(`connectors ${item.id} and another one cannot be told apart by name or id`);
      taken.add(candidate);
      names.set(item.id, candidate);
    }
  }
  return names;
}
