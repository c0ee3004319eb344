/**
 * The hidden input by which a connector resource tells its provider its own URN, so the
 * provider can show progress on that resource's row of `pulumi up` (the dynamic-provider
 * plugin hands hooks property bags only, never the URN the engine sent it).
 *
 * The SDK sets it (`sdk/lib/connector-resource.ts`); `providerFor` (connector-provider.ts)
 * takes it off every bag before a hook sees it and puts it back on what the hook returns,
 * so it lives in state inputs and outputs but is never diffed. Its `__` prefix makes the
 * CLI leave it out of every diff display (pulumi/pulumi `IsInternalPropertyKey`) and
 * policy packs never see it. States written before it existed simply lack it.
 */
export const URN_INPUT = "__wxccUrn";

/** A property bag as the dynamic-provider plugin passes it to a hook. */
type Bag = Record<string, unknown>;

/**
 * Splits the URN off a property bag.
 *
 * @example
 * ```ts
 * const { urn, props } = takeUrn({ name: "crm", __wxccUrn: "urn:pulumi:dev::p::t::crm" });
 * // urn "urn:pulumi:dev::p::t::crm", props { name: "crm" }
 * ```
 */
export function takeUrn(bag: Bag): { urn: string | undefined; props: Bag } {
  if (!(URN_INPUT in bag)) return { urn: undefined, props: bag };
  const { [URN_INPUT]: urn, ...props } = bag;
  return { urn: typeof urn === "string" && urn.startsWith("urn:pulumi:") ? urn : undefined, props };
}

/**
 * `bag` with the URN put back (unchanged when there is no URN or no bag).
 *
 * @example
 * ```ts
 * withUrn(outs, urn); // { ...outs, __wxccUrn: urn }
 * ```
 */
export function withUrn<T extends Bag | undefined>(bag: T, urn: string | undefined): T {
  return urn && bag ? { ...bag, [URN_INPUT]: urn } : bag;
}
