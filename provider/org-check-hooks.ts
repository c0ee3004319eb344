/**
 * The dynamic provider of the org check's failure marker (`sdk/lib/org-check-marker.ts`): a
 * resource an inline Automation API run registers when the SDK's org check fails, whose
 * `check` always fails, so the engine fails the deployment before it takes the connectors
 * that never registered for deleted ones. It never reaches a state (its check fails), but
 * like the connectors' hooks its exports are the hooks, so `pulumi.dynamic.Resource`
 * serializes it as one `require` of this module: keep the path.
 */

/** The input that carries the marker's reason. */
export const REASON_INPUT = "reason";

/** Always fails, with the reason the marker was registered with, naming no property. */
export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
  const reason = typeof news[REASON_INPUT] === "string" ? (news[REASON_INPUT] as string) : "the org check failed";
  return { inputs: news, failures: [{ property: "", reason }] };
}

/** Never called (check always fails); refuses rather than pretend. */
export async function create(): Promise<never> {
  throw new Error("the org check's failure marker is never created: its check always fails");
}
