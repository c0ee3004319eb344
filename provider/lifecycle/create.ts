import type { Connector } from "../../contract";
import { codeOf } from "../errors";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, outputsOf, secretsOf, subjectOf } from "./context";
import { adopt } from "./adopt";
import { lifecycleError, mayLandLater, reasonOf } from "./failure";
import { nameTakenAdvice } from "./name-taken";
import { claimConnector, settleClaim } from "./ownership";
import { partialFailure } from "./readback";

/**
 * `create(inputs)`: adopts when `connectorId` is set; otherwise POSTs the connector (the
 * service validates connectivity and creates it ACTIVE) and deactivates it when
 * `active: false` is declared. A failure after the POST is a partial failure carrying the
 * new ID, so the state never loses the connector. A name already taken in the org fails
 * with advice: `aliases` first (a resource renamed in code), adoption second.
 *
 * @example
 * ```ts
 * const { id, outs } = await create(ctx, checkedInputs);
 * ```
 */
export async function create<I extends ConnectorInputs>(ctx: LifecycleContext<I>, inputs: I): Promise<{ id: string; outs: ConnectorOutputs<I> }> {
  const { kind, client } = ctx;
  if (typeof inputs.connectorId === "string") return adopt(ctx, inputs as I & { connectorId: string });

  const subject = subjectOf(kind, inputs);
  reportProgress(subject, "creating…");
  let connector: Connector;
  try {
    connector = await client.create(inputs.orgId, kind.toWrite(inputs));
  } catch (err) {
    if (codeOf(err) === "NAME_CONFLICT") throw lifecycleError(subject, `creating failed: ${await nameTakenAdvice(ctx, inputs)}`, err);
    const late = mayLandLater(
      err,
      `A create that got no answer may still reach the backend later: if the next \`pulumi up\` says a connector named "${inputs.name}" already exists, it is this one; adopt it with [connectorId]`,
    );
    throw lifecycleError(subject, `creating failed (${reasonOf(err)})${late}`, err);
  }

  const created = { ...subject, connectorId: connector.id };
  claimConnector(created);
  settleClaim(created, connector.version);
  if (!inputs.active) {
    reportProgress(created, "deactivating (declared active: false)…");
    try {
      connector = await client.deactivate(inputs.orgId, connector.id);
    } catch (err) {
      throw await partialFailure(ctx, {
        subject: created,
        secrets: secretsOf(kind, inputs),
        what: `created the connector, but deactivating it (declared active: false) failed (${reasonOf(err)}); it is ACTIVE`,
        cause: err,
        fallback: outputsOf(kind, { ...inputs, active: true }, connector),
      });
    }
  }
  settleClaim(created, connector.version);
  return { id: connector.id, outs: outputsOf(kind, inputs, connector) };
}
