import { describe, expect, it } from "vitest";
import { refuseDeleteIfChanged } from "../../../provider/lifecycle/delete-guard";
import { type VersionMove, versionMove } from "../../../provider/lifecycle/version-drift";
import { onResourceRow } from "../../../provider/progress";

type Status = "ACTIVE" | "INACTIVE";
const subject = { resourceType: "CustomConnector", name: "CRM API", orgId: "acme", connectorId: "c-1" };
const URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm";

/** The refusal's message, or `undefined` when the delete may go ahead. */
function refusal(seen: { version?: number; status?: string }, live: { version: number; status: Status }): string | undefined {
  try {
    refuseDeleteIfChanged(subject, seen, live);
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ code: "VERSION_MISMATCH" });
    return (err as Error).message;
  }
}

describe("versionMove: what a version move since the state can mean (each status change flips the status, an edit does not)", () => {
  it.each([
    [{ version: 1, status: "ACTIVE" }, { version: 1, status: "ACTIVE" }, "none", "nothing moved"],
    [{ status: "ACTIVE" }, { version: 9, status: "ACTIVE" }, "none", "a state without a version has nothing to compare"],
    [{ version: 1, status: "ACTIVE" }, { version: 2, status: "INACTIVE" }, "status-only", "deactivated by hand"],
    [{ version: 1, status: "ACTIVE" }, { version: 3, status: "ACTIVE" }, "status-only", "one failed delete's rollback"],
    [{ version: 1, status: "ACTIVE" }, { version: 4, status: "ACTIVE" }, "edited", "deactivate, PUT, activate"],
    [{ version: 1, status: "ACTIVE" }, { version: 3, status: "INACTIVE" }, "edited", "deactivate, PUT"],
    [{ version: 2, status: "INACTIVE" }, { version: 3, status: "INACTIVE" }, "edited", "PUT while inactive"],
    [{ version: 1, status: "ACTIVE" }, { version: 5, status: "ACTIVE" }, "status-or-edits", "two failed deletes' rollbacks, or deactivate, PUT, PUT, activate"],
    [{ version: 1, status: "ACTIVE" }, { version: 7, status: "ACTIVE" }, "status-or-edits", "three rollbacks, or two edit cycles"],
    [{ version: 1, status: "ACTIVE" }, { version: 4, status: "INACTIVE" }, "status-or-edits", "a rollback, then a failed reactivation; or two PUTs"],
    [{ version: 2, status: "INACTIVE" }, { version: 4, status: "INACTIVE" }, "status-or-edits", "activated and deactivated, or two PUTs"],
    [{ version: 5, status: "ACTIVE" }, { version: 1, status: "ACTIVE" }, "went-back", "a state edited or restored by hand"],
    [{ version: 1 }, { version: 2, status: "ACTIVE" }, "status-only", "a state without a status: one change"],
    [{ version: 1 }, { version: 4, status: "ACTIVE" }, "status-or-edits", "a state without a status: parity tells nothing"],
  ] as Array<[{ version?: number; status?: string }, { version: number; status: Status }, VersionMove, string]>)(
    "%o → %o is %s (%s)",
    (seen, live, expected) => {
      expect(versionMove(seen, live)).toBe(expected);
    },
  );
});

describe("the delete guard's refusal", () => {
  it("lets status changes alone through, one failed delete's rollback included", () => {
    expect(refusal({ version: 1, status: "ACTIVE" }, { version: 2, status: "INACTIVE" })).toBeUndefined();
    expect(refusal({ version: 1, status: "ACTIVE" }, { version: 3, status: "ACTIVE" })).toBeUndefined();
  });

  it("after two failed deletes (+4, ACTIVE) says it may be their rollbacks or an edit, and to refresh then run the same command first", () => {
    expect(refusal({ version: 1, status: "ACTIVE" }, { version: 5, status: "ACTIVE" })).toBe(
      'CustomConnector "CRM API" (c-1) in org "acme": not deleting: the connector may have been edited since the state last saw it: ' +
        "its version is 5 (ACTIVE), the state's 1 (ACTIVE), more than one deactivation and reactivation explain. " +
        "An earlier delete of it that failed moves the version too: its rollback deactivates and reactivates the connector (+2 each time), " +
        "which the state cannot record, so after two failed deletes this check cannot tell them from an edit. " +
        "If you mean to delete it, run `pulumi refresh` (the state then takes the live version), then the same command again (`pulumi up` or `pulumi destroy`); " +
        "if another resource of this stack manages it now, `pulumi state delete '<urn>'` (`pulumi stack --show-urns` lists the URNs) drops this one from the state without deleting the connector",
    );
  });

  it("after an edit (+3, ACTIVE) says it was edited, the takeover's command first, and no word of failed deletes", () => {
    const message = refusal({ version: 1, status: "ACTIVE" }, { version: 4, status: "ACTIVE" });
    expect(message).toBe(
      'CustomConnector "CRM API" (c-1) in org "acme": not deleting: the connector was edited since the state last saw it: ' +
        "its version is 4 (ACTIVE), the state's 1 (ACTIVE), a move only an edit explains (made by hand, or another resource or stack took it over). " +
        "If another resource of this stack manages it now, `pulumi state delete '<urn>'` (`pulumi stack --show-urns` lists the URNs) drops this one from the state without deleting the connector; " +
        "if you mean to delete it, run `pulumi refresh` (the state then takes the live version), then the same command again (`pulumi up` or `pulumi destroy`)",
    );
  });

  it("with a version lower than the state's says the state does not describe the connector", () => {
    expect(refusal({ version: 5, status: "ACTIVE" }, { version: 2, status: "ACTIVE" })).toContain(
      "not deleting: the connector's version is 2 (ACTIVE), lower than the state's 5 (ACTIVE): the state does not describe this connector as it is (edited or restored by hand). " +
        "If you mean to delete it, run `pulumi refresh`",
    );
  });

  it("names the resource's own URN in the state delete command inside its hook", async () => {
    const message = await onResourceRow(URN, async () => refusal({ version: 1, status: "ACTIVE" }, { version: 4, status: "ACTIVE" }));
    expect(message).toContain(`\`pulumi state delete '${URN}'\` drops this one from the state without deleting the connector`);
  });
});
