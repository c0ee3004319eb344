import { type Connector, nameKey } from "../../contract";
import type { ConnectorInputs } from "../kinds/inputs";
import type { LifecycleContext } from "./context";

/**
 * What to do when a create is refused with NAME_CONFLICT. The usual cause is a resource
 * renamed in code: Pulumi sees a new resource (create) and a removed one (delete, which
 * runs later), so the create hits the name the old resource's connector still holds.
 * Another: an earlier create that got no answer and landed after the provider gave up. The
 * advice names `aliases` first, then that case, then adoption by `connectorId` (the rename keeps the connector, nothing is touched), then
 * adoption by `connectorId` (the old resource then gives the connector up in the same
 * `pulumi up` without deleting it, see `ownership.ts`), then another name. One listing
 * names the existing connector's id; if it fails the advice is given without it.
 *
 * @example
 * ```ts
 * await nameTakenAdvice(ctx, inputs);
 * // 'a connector named "CRM API" already exists in org "acme" (c-1a2b). If you renamed this resource in code, …'
 * ```
 */
export async function nameTakenAdvice<I extends ConnectorInputs>(ctx: LifecycleContext<I>, inputs: I): Promise<string> {
  let existing: Connector | undefined;
  try {
    existing = (await ctx.client.list(inputs.orgId)).find((c) => nameKey(c.name) === nameKey(inputs.name));
  } catch {
    existing = undefined;
  }
  const id = existing?.id ?? "<its id>";
  const held = existing ? ` (${existing.id}, a ${existing.type} connector)` : "";
  return (
    `a connector named "${existing?.name ?? inputs.name}" already exists in org "${inputs.orgId}"${held}. ` +
    `If you renamed this resource in code, keep its connector by adding the resource option \`aliases: [{ name: "<old logical name>" }]\` ` +
    `(the old name is in \`pulumi stack --show-urns\`): Pulumi then moves the resource in the state and touches no connector. ` +
    `If an earlier \`pulumi up\` failed creating this resource (its create got no answer), that create made this connector after all. ` +
    `To take that connector over (then, or instead of a rename), declare [connectorId] "${id}" (or the resource option \`import: "${id}"\`): a resource of this stack that still manages it gives it up in the same \`pulumi up\` without deleting it; ` +
    `first make sure no other stack manages it (two stacks on one connector undo each other's changes, and either one's destroy deletes it). ` +
    `Otherwise choose another [name]`
  );
}
