import type { Connector } from "../../contract";
import { PartialFailureError } from "../errors";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportNote, reportProgress } from "../progress";
import { type LifecycleContext, outputsOf, subjectOf } from "./context";
import { applyEdit } from "./edit";
import { lifecycleError, reasonOf } from "./failure";
import { adoptionFailed, claimConnector, describeClaimant, holderOf, settleClaim } from "./ownership";
import type { Subject } from "./subject";

/**
 * `create` with `connectorId` (or the `import` resource option, which the SDK turns into
 * it): takes over an existing connector instead of creating one, and converges it to the
 * declared inputs with the update flow. The backend never returns secrets, so the declared
 * ones are always written once: exactly one edit cycle (deactivate → edit → reactivate,
 * preflight first; no reactivation when `active: false` is declared), and the progress
 * says whether it only writes the secrets or also changes settings.
 *
 * One connector, one owner (SPEC §7): a connector another resource already adopted in this
 * deployment is refused (`NAME_CONFLICT`), so two declarations of one `connectorId` never
 * both take it over.
 *
 * @example
 * ```ts
 * const { id, outs } = await adopt(ctx, { ...inputs, connectorId: "c-1a2b" });
 * ```
 */
export async function adopt<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  inputs: I & { connectorId: string },
): Promise<{ id: string; outs: ConnectorOutputs<I> }> {
  const subject = { ...subjectOf(ctx.kind, inputs), connectorId: inputs.connectorId };
  const holder = holderOf(inputs.orgId, inputs.connectorId);
  if (holder) {
    throw lifecycleError(
      subject,
      `cannot adopt connectorId "${inputs.connectorId}": resource "${holder.resource}" of this stack (declaring [name] "${holder.name}") manages it, and a connector is managed by one resource only; ` +
        `remove [connectorId] (or the import option) here, or remove "${holder.resource}" from the program to hand the connector over`,
      undefined,
      "OWNER_CONFLICT",
    );
  }
  const owner = claimConnector(subject);
  if (owner) {
    throw lifecycleError(
      subject,
      `cannot adopt connectorId "${inputs.connectorId}": ${describeClaimant(owner)} adopted it in this update, and a connector is managed by one resource only; remove [connectorId] (or the import option) from one of them`,
      undefined,
      "NAME_CONFLICT",
    );
  }
  try {
    const adopted = await takeOver(ctx, subject, inputs);
    settleClaim(subject, adopted.outs.version);
    return adopted;
  } catch (err) {
    // A partial failure keeps the connector in this resource's state: the claim stands as it is.
    if (!(err instanceof PartialFailureError)) adoptionFailed(subject);
    throw err;
  }
}

async function takeOver<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  inputs: I & { connectorId: string },
): Promise<{ id: string; outs: ConnectorOutputs<I> }> {
  const { kind } = ctx;
  reportProgress(subject, "adopting the existing connector…");
  const live = await readForAdoption(ctx, subject, inputs);
  const previous = kind.fromConnector(live, {});
  const settings = kind.changedFields(previous, inputs).filter((f) => f !== "active" && f !== "connectorId" && !kind.secretFields.includes(f));
  reportNote(
    subject,
    settings.length === 0
      ? "the declared settings already match the live connector; one edit cycle writes the declared secrets (the backend never returns them, so Pulumi cannot know the live ones)"
      : `one edit cycle applies the declared settings (${settings.join(", ")}) and secrets`,
  );
  const connector = await applyEdit(ctx, { subject, previous, news: inputs, live });
  return { id: connector.id, outs: outputsOf(kind, inputs, connector) };
}

/** The connector to adopt, or an error saying which input to fix. */
async function readForAdoption<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  inputs: I & { connectorId: string },
): Promise<Connector> {
  let live: Connector | undefined;
  try {
    live = await ctx.client.get(inputs.orgId, inputs.connectorId);
  } catch (err) {
    throw lifecycleError(subject, `adopting failed: reading connector ${inputs.connectorId} failed (${reasonOf(err)})`, err);
  }
  if (!live) {
    throw lifecycleError(
      subject,
      `cannot adopt connectorId "${inputs.connectorId}": no such connector in org "${inputs.orgId}"; check [connectorId] and [orgId], or remove connectorId to create a new connector`,
      undefined,
      "NOT_FOUND",
    );
  }
  if (live.type !== ctx.kind.type) {
    const other = live.type === "SALESFORCE" ? "SalesforceConnector" : "CustomConnector";
    throw lifecycleError(
      subject,
      `cannot adopt connectorId "${inputs.connectorId}": it is a ${live.type} connector ("${live.name}"); declare it as a ${other}, or fix [connectorId]`,
      undefined,
      "IMMUTABLE_FIELD",
    );
  }
  return live;
}
