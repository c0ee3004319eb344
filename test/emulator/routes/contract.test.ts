import { beforeEach, describe, expect, it } from "vitest";
import { basicBody, http, salesforceFixture, useTestEmulator } from "../support";

const t = useTestEmulator({
  orgs: [
    { orgId: "demo", token: "demo-token" },
    { orgId: "other", token: "other-token" },
  ],
});
beforeEach(async () => {
  await t.freshOrg();
});

describe("connector lifecycle (SPEC §3)", () => {
  it("creates an ACTIVE connector at version 1 with a service-assigned id and returns 201", async () => {
    const r = await t.api("POST", "", { body: basicBody("Lifecycle One") });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: "CUSTOM", name: "Lifecycle One", status: "ACTIVE", version: 1 });
    expect(r.body.id).toMatch(/^c-/);
    expect(r.body.createdAt).toBe(r.body.updatedAt);
    expect(r.body.custom).toEqual({ authenticationType: "BASIC", domainUrl: "https://api.example.com", username: "svc" });
  });

  it("never returns secrets, on create, get, list or update", async () => {
    const sf = await salesforceFixture(t, "3MVG9-secrets");
    const created = await t.api("POST", "", { body: sf.body("Secretive SF") });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await t.api("POST", `/${id}/deactivate`);
    const updated = await t.api("PUT", `/${id}`, {
      body: {
        type: "SALESFORCE",
        name: "Secretive SF",
        salesforce: { clientId: "3MVG9-secrets", userEmail: "ops@example.com", authServerUrl: `${t.emu.url}/salesforce` },
      },
    });
    expect(updated.status).toBe(200);
    for (const r of [created, await t.api("GET", `/${id}`), await t.api("GET"), updated]) {
      expect(r.text).not.toContain("PRIVATE KEY");
      expect(r.text).not.toContain("privateKey");
      expect(r.text).not.toContain("basic-pass-123");
      expect(r.text).not.toContain("password");
    }
    expect(updated.body.salesforce).toEqual({ clientId: "3MVG9-secrets", userEmail: "ops@example.com", authServerUrl: `${t.emu.url}/salesforce` });
  });

  it("gets a connector by id and answers 404 NOT_FOUND for an unknown id", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Gettable") })).body;
    const got = await t.api("GET", `/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(c);
    const missing = await t.api("GET", "/c-doesnotexist");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: "NOT_FOUND" });
    expect(missing.body.message).toContain("c-doesnotexist");
  });

  it("lists connectors as {items}, filtered by ?type", async () => {
    const sfx = await salesforceFixture(t, "3MVG9-list");
    await t.api("POST", "", { body: sfx.body("Listed SF") });
    await t.api("POST", "", { body: basicBody("Listed custom") });
    const all = await t.api("GET");
    expect(all.status).toBe(200);
    expect(Array.isArray(all.body.items)).toBe(true);
    const custom = await t.api("GET", "?type=CUSTOM");
    expect(custom.body.items.length).toBeGreaterThan(0);
    expect(custom.body.items.every((c: { type: string }) => c.type === "CUSTOM")).toBe(true);
    const sf = await t.api("GET", "?type=SALESFORCE");
    expect(sf.body.items.every((c: { type: string }) => c.type === "SALESFORCE")).toBe(true);
    expect(sf.body.items.map((c: { name: string }) => c.name)).toEqual(["Listed SF"]);
    expect(all.body.items.map((c: { name: string }) => c.name)).toEqual(["Listed SF", "Listed custom"]);
    const bad = await t.api("GET", "?type=OTHER");
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: "type", reason: "must be SALESFORCE or CUSTOM" }]);
  });

  it("bumps version on deactivate, edit and activate; deactivating twice is a no-op", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Versioned") })).body;
    const d1 = await t.api("POST", `/${c.id}/deactivate`);
    expect(d1.status).toBe(200);
    expect(d1.body).toMatchObject({ status: "INACTIVE", version: 2 });
    const d2 = await t.api("POST", `/${c.id}/deactivate`);
    expect(d2.status).toBe(200);
    expect(d2.body).toMatchObject({ status: "INACTIVE", version: 2 });
    const e = await t.api("PUT", `/${c.id}`, { body: basicBody("Versioned", { username: "svc2" }) });
    expect(e.status).toBe(200);
    expect(e.body).toMatchObject({ status: "INACTIVE", version: 3, custom: { username: "svc2" } });
    expect(e.body.createdAt).toBe(c.createdAt);
    const a = await t.api("POST", `/${c.id}/activate`);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: "ACTIVE", version: 4 });
  });

  it("refuses to edit or delete an ACTIVE connector with 409 CONNECTOR_ACTIVE", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Busy") })).body;
    const put = await t.api("PUT", `/${c.id}`, { body: basicBody("Busy 2") });
    expect(put.status).toBe(409);
    expect(put.body.code).toBe("CONNECTOR_ACTIVE");
    expect(put.body.message).toMatch(/deactivate it before editing/);
    const del = await t.api("DELETE", `/${c.id}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe("CONNECTOR_ACTIVE");
    expect((await t.api("GET", `/${c.id}`)).body).toMatchObject({ name: "Busy", version: 1 });
  });

  it("deletes an INACTIVE connector with 204, after which it is 404", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Doomed") })).body;
    await t.api("POST", `/${c.id}/deactivate`);
    const del = await t.api("DELETE", `/${c.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await t.api("GET", `/${c.id}`)).status).toBe(404);
    expect((await t.api("DELETE", `/${c.id}`)).status).toBe(404);
  });

  it("keeps omitted secrets on PUT and replaces given ones", async () => {
    await t.admin.registerBasicUser({ username: "keeper", password: "first-secret" });
    const body = basicBody("Keeper", { username: "keeper", validationUrl: `${t.emu.url}/basic/validate`, password: "first-secret" });
    const c = (await t.api("POST", "", { body })).body;
    await t.api("POST", `/${c.id}/deactivate`);
    const { password: _p, ...withoutPassword } = body.custom as Record<string, unknown>;
    expect((await t.api("PUT", `/${c.id}`, { body: { ...body, custom: withoutPassword } })).status).toBe(200);
    // Activation re-validates with the stored password, which PUT kept.
    expect((await t.api("POST", `/${c.id}/activate`)).status).toBe(200);
    await t.api("POST", `/${c.id}/deactivate`);
    expect((await t.api("PUT", `/${c.id}`, { body: { ...body, custom: { ...withoutPassword, password: "wrong-secret" } } })).status).toBe(200);
    const failed = await t.api("POST", `/${c.id}/activate`);
    expect(failed.status).toBe(422);
    expect(failed.body.code).toBe("CONNECTIVITY_FAILED");
  });

  it("refuses to change id or type with 400 IMMUTABLE_FIELD", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Fixed") })).body;
    await t.api("POST", `/${c.id}/deactivate`);
    const id = await t.api("PUT", `/${c.id}`, { body: { ...basicBody("Fixed"), id: "c-other" } });
    expect(id.status).toBe(400);
    expect(id.body).toMatchObject({ code: "IMMUTABLE_FIELD", details: [{ field: "id", reason: "cannot be changed" }] });
    const type = await t.api("PUT", `/${c.id}`, { body: { type: "SALESFORCE", name: "Fixed", salesforce: {} } });
    expect(type.status).toBe(400);
    expect(type.body).toMatchObject({ code: "IMMUTABLE_FIELD", details: [{ field: "type", reason: "cannot be changed" }] });
    const same = await t.api("PUT", `/${c.id}`, { body: { ...basicBody("Fixed"), id: c.id } });
    expect(same.status).toBe(200);
  });

  it("honours If-Match: a stale version is 412 VERSION_MISMATCH, the current one succeeds", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Guarded") })).body;
    const d = (await t.api("POST", `/${c.id}/deactivate`)).body;
    const stale = await t.api("PUT", `/${c.id}`, { body: basicBody("Guarded"), headers: { "if-match": "1" } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("VERSION_MISMATCH");
    expect(stale.body.message).toContain("current version 2");
    const ok = await t.api("PUT", `/${c.id}`, { body: basicBody("Guarded"), headers: { "if-match": `"${d.version}"` } });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(3);
    expect(ok.headers.etag).toBe('"3"');
  });

  it("honours If-Match on deactivate and DELETE too, checked before the request's effect", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Guarded twice") })).body;
    const staleDeactivate = await t.api("POST", `/${c.id}/deactivate`, { headers: { "if-match": "7" } });
    expect(staleDeactivate.status).toBe(412);
    expect(staleDeactivate.body).toMatchObject({ code: "VERSION_MISMATCH" });
    expect((await t.api("GET", `/${c.id}`)).body).toMatchObject({ status: "ACTIVE", version: 1 });

    const d = await t.api("POST", `/${c.id}/deactivate`, { headers: { "if-match": '"1"' } });
    expect(d.body).toMatchObject({ status: "INACTIVE", version: 2 });
    // Already INACTIVE: a no-op, but a stale version is still refused.
    expect((await t.api("POST", `/${c.id}/deactivate`, { headers: { "if-match": "1" } })).status).toBe(412);
    expect((await t.api("POST", `/${c.id}/deactivate`, { headers: { "if-match": "2" } })).body).toMatchObject({ status: "INACTIVE", version: 2 });

    const staleDelete = await t.api("DELETE", `/${c.id}`, { headers: { "if-match": "1" } });
    expect(staleDelete.status).toBe(412);
    expect(staleDelete.body.message).toContain("current version 2");
    expect((await t.api("GET", `/${c.id}`)).status).toBe(200);
    expect((await t.api("DELETE", `/${c.id}`, { headers: { "if-match": "2" } })).status).toBe(204);
    expect((await t.api("GET", `/${c.id}`)).status).toBe(404);
  });

  it("honours If-Match on activate: a late activation cannot switch on a connector deactivated since", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Guarded activation") })).body;
    await t.api("POST", `/${c.id}/deactivate`); // v2
    await t.api("POST", `/${c.id}/activate`); // v3
    await t.api("POST", `/${c.id}/deactivate`); // v4: deactivated again since the client saw v2
    const late = await t.api("POST", `/${c.id}/activate`, { headers: { "if-match": "2" } });
    expect(late.status).toBe(412);
    expect(late.body).toMatchObject({ code: "VERSION_MISMATCH" });
    expect((await t.api("GET", `/${c.id}`)).body).toMatchObject({ status: "INACTIVE", version: 4 });
    expect((await t.api("POST", `/${c.id}/activate`, { headers: { "if-match": "4" } })).body).toMatchObject({ status: "ACTIVE", version: 5 });
    // Already ACTIVE: a no-op, but a stale version is still refused.
    expect((await t.api("POST", `/${c.id}/activate`, { headers: { "if-match": "4" } })).status).toBe(412);
  });
});

describe("activation racing an edit", () => {
  it("answers 412 VERSION_MISMATCH when the connector is edited while activation validates it", async () => {
    await t.admin.registerBasicUser({ username: "racer", password: "racer-pw" });
    const body = basicBody("Raced", { username: "racer", password: "racer-pw", validationUrl: `${t.emu.url}/basic/validate` });
    const c = (await t.api("POST", "", { body })).body;
    await t.api("POST", `/${c.id}/deactivate`);
    await t.admin.injectFault({ path: "^/basic/validate$", delayMs: 1000, times: 1 });
    const activating = t.api("POST", `/${c.id}/activate`);
    await new Promise((r) => setTimeout(r, 250));
    expect((await t.api("PUT", `/${c.id}`, { body })).status).toBe(200);
    const r = await activating;
    expect(r.status).toBe(412);
    expect(r.body.code).toBe("VERSION_MISMATCH");
    expect((await t.api("GET", `/${c.id}`)).body).toMatchObject({ status: "INACTIVE", version: 3 });
  });
});

describe("name and limit rules", () => {
  it("rejects a name that differs only in case with 409 NAME_CONFLICT, on create and on rename", async () => {
    const a = (await t.api("POST", "", { body: basicBody("Unique Name") })).body;
    const dup = await t.api("POST", "", { body: basicBody("UNIQUE name") });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("NAME_CONFLICT");
    expect(dup.body.message).toContain(a.id);
    const b = (await t.api("POST", "", { body: basicBody("Other Name") })).body;
    await t.api("POST", `/${b.id}/deactivate`);
    const rename = await t.api("PUT", `/${b.id}`, { body: basicBody("unique NAME") });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe("NAME_CONFLICT");
    // Renaming a connector to its own name in another case is fine.
    expect((await t.api("PUT", `/${b.id}`, { body: basicBody("OTHER NAME") })).status).toBe(200);
  });

  it("allows the same name in another org", async () => {
    await t.api("POST", "", { body: basicBody("Shared Across Orgs") });
    const other = await t.api("POST", "", { body: basicBody("Shared Across Orgs"), orgId: "other", token: "other-token" });
    expect(other.status).toBe(201);
  });

  it("limits an org to 10 CUSTOM connectors, counting inactive ones", async () => {
    const org = { orgId: "limits", token: "limits-token" };
    await t.admin.registerOrg(org);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await t.api("POST", "", { body: basicBody(`Custom ${i}`), ...org });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    await t.api("POST", `/${ids[0]}/deactivate`, org);
    const over = await t.api("POST", "", { body: basicBody("Custom 10"), ...org });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe("LIMIT_EXCEEDED");
    expect(over.body.message).toContain("10 CUSTOM");
    await t.api("DELETE", `/${ids[0]}`, org);
    expect((await t.api("POST", "", { body: basicBody("Custom 10"), ...org })).status).toBe(201);
  });

  it("limits an org to 5 SALESFORCE connectors", async () => {
    const org = { orgId: "sflimits", token: "sflimits-token" };
    await t.admin.registerOrg(org);
    const sf = await salesforceFixture(t, "3MVG9-limits");
    for (let i = 0; i < 5; i++) expect((await t.api("POST", "", { body: sf.body(`SF ${i}`), ...org })).status).toBe(201);
    const over = await t.api("POST", "", { body: sf.body("SF 5"), ...org });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe("LIMIT_EXCEEDED");
    // The SALESFORCE limit does not affect CUSTOM connectors.
    expect((await t.api("POST", "", { body: basicBody("Custom beside SF"), ...org })).status).toBe(201);
  });

  it("lets only one of several concurrent creates with the same name win", async () => {
    const org = { orgId: "racy", token: "racy-token" };
    await t.admin.registerOrg(org);
    const results = await Promise.all([1, 2, 3].map(() => t.api("POST", "", { body: basicBody("Racy"), ...org })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === "NAME_CONFLICT")).toBe(true);
  });
});

describe("error envelope", () => {
  it("gives every response a unique trackingId, in the body and the TrackingID header", async () => {
    const a = await t.api("GET", "/c-missing");
    const b = await t.api("GET", "/c-missing");
    expect(a.body.trackingId).toBeTruthy();
    expect(a.headers.trackingid).toBe(a.body.trackingId);
    expect(a.body.trackingId).not.toBe(b.body.trackingId);
    const ok = await t.api("GET");
    expect(ok.headers.trackingid).toBeTruthy();
  });

  it("answers unknown paths with 404 and wrong methods with 405, never 5xx", async () => {
    expect((await http(`${t.emu.url}/nope`)).status).toBe(404);
    expect((await http(`${t.emu.url}/v1/organizations/demo/widgets`, { token: "demo-token" })).status).toBe(404);
    const patch = await t.api("PATCH", "/c-x");
    expect(patch.status).toBe(405);
    expect(patch.headers.allow).toBe("GET, PUT, DELETE");
  });
});
