import type { Connector } from "../../contract";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportWarning } from "../progress";
import { type LifecycleContext, outputsOf, secretsOf, subjectOf } from "./context";
import { lifecycleError, reasonOf } from "./failure";
import { editedSince, versionMove } from "./version-drift";

/** What `read` returns: empty when the connector is gone (Pulumi then drops it from state). */
export interface ReadConnectorResult<I extends ConnectorInputs> {
  id?: string;
  props?: ConnectorOutputs<I>;
  inputs?: I;
}

/**
 * `read(id, props)` (refresh): the live connector's outputs and refreshed inputs, so drift
 * done by hand (edits, deactivation) shows and the next diff compares against the live
 * connector. A connector deleted by hand yields `{}`.
 *
 * Secrets are kept from `props` (the backend never returns them) unless the live `version`
 * moved further than its status explains ({@link editedSince}): then an edit was made
 * outside Pulumi, possibly of a secret alone, so the state can no longer vouch for the
 * secrets. They are left out of the refreshed outputs and inputs (the refresh reports the
 * change, with a progress line), and the next preview proposes an update that writes the
 * declared ones again. An adopted connector (`adopted` in props) keeps `connectorId` in
 * its refreshed inputs, so the next diff does not show it as added.
 *
 * @example
 * ```ts
 * const { id, props, inputs } = await read(ctx, "c-1a2b", oldOutputs, "acme");
 * ```
 */
export async function read<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  id: string,
  olds: Partial<ConnectorOutputs<I>>,
  defaultOrgId?: string,
): Promise<ReadConnectorResult<I>> {
  const { kind } = ctx;
  // States written before orgId was an output, or by hand, may lack it.
  const orgId = typeof olds.orgId === "string" ? olds.orgId : defaultOrgId;
  const subject = subjectOf(kind, { ...olds, orgId }, id);
  if (!orgId) {
    throw lifecycleError(
      subject,
      "refreshing needs the org: the state has no orgId and wxcc:orgId is not set; run `pulumi config set wxcc:orgId <org>`",
      undefined,
      "CONFIG_MISSING",
    );
  }
  let live: Connector | undefined;
  try {
    live = await ctx.client.get(orgId, id);
  } catch (err) {
    throw lifecycleError(subject, `refreshing failed (${reasonOf(err)})`, err);
  }
  if (!live) return {};
  if (live.type !== kind.type) {
    throw lifecycleError(subject, `refreshing found a ${live.type} connector under this ID, not ${kind.type}`, undefined, "IMMUTABLE_FIELD");
  }
  const edited = editedSince(olds, live);
  const secrets = edited ? {} : secretsOf(kind, olds);
  if (edited) {
    const dropped = Object.keys(secretsOf(kind, olds));
    const what = dropped.length
      ? `the state no longer vouches for its secrets (${dropped.join(", ")}): the next \`pulumi up\` re-applies the declared ones`
      : "its secrets are unknown to the state";
    // An even move with the status unchanged is also what failed deletes leave: each one's
    // rollback deactivates and reactivates the connector (+2), which the state cannot record.
    const rollbacks =
      versionMove(olds, live) === "status-or-edits" && live.status === "ACTIVE"
        ? " — or only by earlier `pulumi destroy`/`up` runs whose delete failed and reactivated it (+2 each), which a read cannot tell apart"
        : "";
    reportWarning(
      { ...subject, connectorId: id },
      `changed outside Pulumi (version ${olds.version} → ${live.version}, more than its status explains${rollbacks}); ${what}`,
    );
  }
  // fromConnector keeps connectorId when its second argument carries one.
  const known = olds.adopted === true ? ({ ...secrets, connectorId: live.id } as Partial<I>) : secrets;
  const inputs = kind.fromConnector(live, known);
  return { id, props: outputsOf(kind, inputs, live), inputs };
}
