/**
 * The value Pulumi hands a dynamic provider for an output that is not known yet
 * (preview). A field holding it cannot be validated; `check` skips it.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether `v` is Pulumi's unknown-value sentinel. */
export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}
