import { afterEach, describe, expect, it } from "vitest";
import { diffConnector } from "../../../provider/diff";
import { resetOwnership } from "../../../provider/lifecycle/ownership";
import { setProgressSink } from "../../../provider/progress";
import { editedSince } from "../../../provider/lifecycle/version-drift";
import { FIXTURES, oauthFixture } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, leakedSecrets, makeProvider, rejection } from "../../support/provider";

const { env, progress } = useLifecycleEmulator();
// One test file is one "deployment" per test: the registry lives as long as the plugin process.
afterEach(() => resetOwnership());

describe("editedSince: a version move that status changes alone do not explain", () => {
  it.each([
    [{ version: 1, status: "ACTIVE" }, { version: 1, status: "ACTIVE" }, false, "nothing moved"],
    [{ version: 1, status: "ACTIVE" }, { version: 2, status: "INACTIVE" }, false, "deactivated by hand"],
    [{ version: 2, status: "INACTIVE" }, { version: 3, status: "ACTIVE" }, false, "activated by hand"],
    [{ version: 1, status: "ACTIVE" }, { version: 3, status: "ACTIVE" }, false, "deactivated and reactivated (a failed delete)"],
    [{ version: 1, status: "ACTIVE" }, { version: 4, status: "ACTIVE" }, true, "deactivate, PUT, activate"],
    [{ version: 1, status: "ACTIVE" }, { version: 3, status: "INACTIVE" }, true, "deactivate, PUT"],
    [{ version: 2, status: "INACTIVE" }, { version: 3, status: "INACTIVE" }, true, "PUT while inactive"],
    [{ version: 2, status: "INACTIVE" }, { version: 4, status: "INACTIVE" }, true, "two PUTs, or an activation and a deactivation"],
    [{ version: 5, status: "ACTIVE" }, { version: 1, status: "ACTIVE" }, true, "a lower version: another connector or a state edited by hand"],
    [{ status: "ACTIVE" }, { version: 9, status: "ACTIVE" }, false, "a state without a version has nothing to compare"],
  ] as Array<[{ version?: number; status: string }, { version: number; status: "ACTIVE" | "INACTIVE" }, boolean, string]>)(
    "%o → %o is %s (%s)",
    (seen, live, expected) => {
      expect(editedSince(seen, live)).toBe(expected);
    },
  );
});

describe.each(FIXTURES)("%s: one connector, one owner", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("a second adoption of a connector adopted in this deployment is refused and changes nothing", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const existing = await env.byHand(org).create(fx.kind.toWrite(await checked(provider, fx.args("shared"))));
    await provider.create(await checked(provider, fx.args("first owner", { connectorId: existing.id })));
    const before = await env.byHand(org).get(existing.id);

    const err = await rejection(provider.create(await checked(provider, fx.args("second owner", { connectorId: existing.id }))));

    expect(err.code).toBe("NAME_CONFLICT");
    expect(err.message).toContain(
      `cannot adopt connectorId "${existing.id}": another resource of this stack (declaring [name] "first owner") adopted it in this update`,
    );
    expect(err.message).toContain("remove [connectorId] (or the import option) from one of them");
    expect(await env.byHand(org).get(existing.id)).toEqual(before);
  });

  it("a delete of a connector another resource adopted in this deployment only drops the resource from the state", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs: oldOuts } = await createVia(provider, fx.args("renamed in code"));
    resetOwnership(); // the create was an earlier `pulumi up`
    await provider.create(await checked(provider, fx.args("renamed in code", { connectorId: id })));
    progress.take();

    const severities: Array<string | undefined> = [];
    const previous = setProgressSink((line, _urn, severity) => {
      severities.push(severity);
      previous(line);
    });
    try {
      await provider.delete(id, oldOuts);
    } finally {
      setProgressSink(previous);
    }

    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE" });
    expect(progress.take()).toEqual([
      `wxcc: ${fx.kind.resourceType} "renamed in code" (${id}) in org "${org.orgId}": not deleting the connector: another resource of this stack (declaring [name] "renamed in code") adopted it in this update and manages it now; dropping this resource from the state only`,
    ]);
    // A warning the CLI keeps, not a status line that the next one replaces.
    expect(severities).toEqual(["warning"]);
  });

  it("the adopting resource itself is still deleted for real in the same deployment", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const existing = await env.byHand(org).create(fx.kind.toWrite(await checked(provider, fx.args("short-lived"))));
    const { outs } = await provider.create(await checked(provider, fx.args("short-lived", { connectorId: existing.id })));

    await provider.delete(existing.id, outs!);

    expect(await env.byHand(org).get(existing.id)).toBeUndefined();
  });

  it("a failed adoption keeps its claim, and the same resource may try again", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const existing = await env.byHand(org).create(fx.kind.toWrite(await checked(provider, fx.args("contested"))));
    await rejection(provider.create(await checked(provider, fx.badSecret(fx.args("contested", { connectorId: existing.id })))));

    const { outs } = await provider.create(await checked(provider, fx.args("contested", { connectorId: existing.id })));

    expect(outs).toMatchObject({ connectorId: existing.id, status: "ACTIVE" });
  });

  it("a delete across updates refuses when the connector was edited since the state saw it, and says what to do", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("taken over"));
    resetOwnership(); // a later `pulumi up`: another resource adopted it…
    await provider.create(await checked(provider, fx.edit(fx.args("taken over", { connectorId: id }))));
    resetOwnership(); // …and the old resource is deleted in yet another update
    const live = (await env.byHand(org).get(id))!;

    const err = await rejection(provider.delete(id, outs));

    expect(err.code).toBe("VERSION_MISMATCH");
    expect(err.message).toBe(
      `${fx.kind.resourceType} "taken over" (${id}) in org "${org.orgId}": not deleting: the connector was edited since the state last saw it: ` +
        `its version is ${live.version} (ACTIVE), the state's ${outs.version} (ACTIVE), a move only an edit explains (made by hand, or another resource or stack took it over). ` +
        "If another resource of this stack manages it now, `pulumi state delete '<urn>'` (`pulumi stack --show-urns` lists the URNs) drops this one from the state without deleting the connector; " +
        "if you mean to delete it, run `pulumi refresh` (the state then takes the live version), then the same command again (`pulumi up` or `pulumi destroy`)",
    );
    expect(await env.byHand(org).get(id)).toEqual(live);
  });

  it("a delete still goes ahead when the connector was only deactivated by hand", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("napping"));
    await env.byHand(org).deactivate(id);

    await provider.delete(id, outs);

    expect(await env.byHand(org).get(id)).toBeUndefined();
  });

  it("adopting a connector whose settings match says it only writes the secrets, in one edit cycle", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const inputs = await checked(provider, fx.args("matching"));
    const existing = await env.byHand(org).create(fx.kind.toWrite(inputs));
    progress.take();

    await provider.create({ ...inputs, connectorId: existing.id });

    expect((await env.transitions(existing.id)).map(([k]) => k)).toEqual(["CREATE", "DEACTIVATE", "EDIT", "ACTIVATE"]);
    expect(progress.take()).toContain(
      `wxcc: ${fx.kind.resourceType} "matching" (${existing.id}) in org "${org.orgId}": the declared settings already match the live connector; one edit cycle writes the declared secrets (the backend never returns them, so Pulumi cannot know the live ones)`,
    );
  });

  it("adopting a connector whose settings differ names the settings it changes", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const existing = await env.byHand(org).create(fx.kind.toWrite(await checked(provider, fx.args("differs"))));
    progress.take();

    await provider.create(await checked(provider, fx.edit(fx.args("differs", { connectorId: existing.id }))));

    expect(progress.take().some((l) => /one edit cycle applies the declared settings \((userEmail|domainUrl|scope)\) and secrets$/.test(l))).toBe(true);
  });

  it("a refresh after adopting keeps connectorId in the refreshed inputs, so the next diff has nothing to show", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const existing = await env.byHand(org).create(fx.kind.toWrite(await checked(provider, fx.args("kept"))));
    const declared = await checked(provider, fx.args("kept", { connectorId: existing.id }));
    const { outs } = await provider.create(declared);

    const read = await provider.read(existing.id, outs!);

    expect(read.inputs).toMatchObject({ connectorId: existing.id });
    expect(read.props).toEqual(outs);
    expect(diffConnector(fx.kind, read.props!, declared)).toEqual({ changes: false });
  });

  it("a refresh after two deactivate/reactivate round trips (what two failed deletes' rollbacks leave) says that may be all it was", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("rolled back"));
    for (let i = 0; i < 2; i++) {
      await env.byHand(org).deactivate(id);
      await env.byHand(org).activate(id);
    }
    progress.take();

    await provider.read(id, outs);

    const [line] = progress.take();
    expect(line).toContain(
      "changed outside Pulumi (version 1 → 5, more than its status explains — or only by earlier `pulumi destroy`/`up` runs whose delete failed and reactivated it (+2 each), which a read cannot tell apart)",
    );
  });

  it("a refresh after an edit by hand drops the secrets it can no longer vouch for, and the update re-applies them, saying why", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const declared = await checked(provider, fx.args("rotated"));
    const { id, outs } = await createVia(provider, fx.args("rotated"));
    // An admin re-saves the connector by hand with the same settings (a secret rotation looks exactly like this).
    await env.byHand(org).edit(id, fx.kind.toWrite(declared));
    progress.take();

    const read = await provider.read(id, outs);

    for (const f of fx.kind.secretFields) {
      expect(read.props).not.toHaveProperty(f);
      expect(read.inputs).not.toHaveProperty(f);
    }
    const [line] = progress.take();
    expect(line).toMatch(
      /: changed outside Pulumi \(version 1 → 4, more than its status explains\); the state no longer vouches for its secrets \((privateKey|password|clientSecret)\): the next `pulumi up` re-applies the declared ones$/,
    );
    expect(diffConnector(fx.kind, read.props!, declared)).toMatchObject({ changes: true });

    const { outs: updated } = await provider.update(id, read.props!, declared);

    expect(updated).toMatchObject({ status: "ACTIVE", version: 7 });
    expect(progress.take()).toContain(
      `wxcc: ${fx.kind.resourceType} "rotated" (${id}) in org "${org.orgId}": re-applying the declared secrets (${fx.kind.secretFields.filter((f) => (declared as Record<string, unknown>)[f]).join(", ")}): changed outside Pulumi`,
    );
    expect(leakedSecrets(progress.all, fx.secrets)).toEqual([]);
  });

  it("a refresh after a deactivation by hand keeps the secrets", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("paused"));
    await env.byHand(org).deactivate(id);

    const read = await provider.read(id, outs);

    for (const f of fx.kind.secretFields) expect((read.props as Record<string, unknown>)[f]).toBe((outs as Record<string, unknown>)[f]);
  });
});

describe("the rename trap: a create refused with NAME_CONFLICT", () => {
  const oauth = useKindFixture(env, oauthFixture);

  it("advises aliases first (a resource renamed in code), then names a create that landed after its up failed, then adoption by the existing connector's id", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, oauth.kind);
    const { id } = await createVia(provider, oauth.args("CRM API"));

    const err = await rejection(provider.create(await checked(provider, oauth.args("crm api"))));

    expect(err.code).toBe("NAME_CONFLICT");
    expect(err.message).toBe(
      `CustomConnector "crm api" in org "${org.orgId}": creating failed: a connector named "CRM API" already exists in org "${org.orgId}" (${id}, a CUSTOM connector). ` +
        'If you renamed this resource in code, keep its connector by adding the resource option `aliases: [{ name: "<old logical name>" }]` ' +
        "(the old name is in `pulumi stack --show-urns`): Pulumi then moves the resource in the state and touches no connector. " +
        "If an earlier `pulumi up` failed creating this resource (its create got no answer), that create made this connector after all. " +
        `To take that connector over (then, or instead of a rename), declare [connectorId] "${id}" (or the resource option \`import: "${id}"\`): a resource of this stack that still manages it gives it up in the same \`pulumi up\` without deleting it; ` +
        "first make sure no other stack manages it (two stacks on one connector undo each other's changes, and either one's destroy deletes it). " +
        "Otherwise choose another [name]",
    );
    expect(leakedSecrets([err.message], oauth.secrets)).toEqual([]);
  });
});

describe("switching authentication type is not reported as a change outside Pulumi", () => {
  const oauth = useKindFixture(env, oauthFixture);

  it("an update from Basic to OAuth 2.0 writes the new clientSecret without the drift line", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, oauth.kind, { preflight: false });
    const { id, outs } = await createVia(provider, { name: "switcher", domainUrl: "https://crm.example.com", username: "svc", password: "pw-switch-basic" });
    progress.take();

    await provider.update(id, outs, await checked(provider, oauth.args("switcher")));

    expect(progress.take().some((l) => l.includes("re-applying"))).toBe(false);
  });
});
