import { isUnknown } from "./unknown";

/**
 * Input properties whose values differ between `olds` and `news`, in `fields` order.
 * Undefined and absent are the same; an unknown value (preview) always counts as changed.
 * `connectorId` counts only when `news` declares it: the old outputs always carry the
 * backend-assigned ID, and not declaring one means "whatever was created".
 */
export function changedFields(fields: readonly string[], olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  return fields.filter((f) => {
    const o = olds[f];
    const n = news[f];
    if (f === "connectorId" && n === undefined) return false;
    if (isUnknown(n)) return true;
    return o !== n;
  });
}
