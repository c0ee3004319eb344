import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { startEmulator } from "../../emulator/index";
import { suiteValue } from "../support/suite-value";
import { basicBody, http, rsaKeyPair, type Reply, useTestEmulator } from "./support";

/** The contract file is the source of truth the provider is written against. */
const specFile = path.resolve(__dirname, "../../openapi/connectors.yaml");
const specDocument = parseDocument(readFileSync(specFile, "utf8"), { prettyErrors: true });
const spec = specDocument.toJS();

type Op = { method: string; path: string; operationId: string; declared: Map<string, string[]> };
const ops: Op[] = [];
for (const [p, item] of Object.entries<Record<string, any>>(spec.paths)) {
  for (const method of ["get", "post", "put", "delete"]) {
    const op = item[method];
    if (!op) continue;
    const declared = new Map<string, string[]>();
    for (const [status, r] of Object.entries<any>(op.responses)) declared.set(status, r["x-error-codes"] ?? []);
    ops.push({ method: method.toUpperCase(), path: p, operationId: op.operationId, declared });
  }
}
const byId = new Map(ops.map((o) => [o.operationId, o]));

const t = useTestEmulator({
  orgs: [
    { orgId: "demo", token: "demo-token" },
    { orgId: "other", token: "other-token" },
  ],
});
const limited = suiteValue(
  () => startEmulator({ port: 0, rateLimit: 1 }),
  (emulator) => emulator.close(),
);

/** Every (operation, status, code) the emulator produced during the scenarios. */
const observed: Array<{ op: string; status: number; code?: string }> = [];

function url(base: string, op: Op, org: string, id: string) {
  return base + op.path.replace("{orgId}", org).replace("{connectorId}", id);
}
async function call(
  opId: string,
  init: {
    id?: string;
    org?: string;
    token?: string | null;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
    query?: string;
    base?: string;
  } = {},
): Promise<Reply> {
  const op = byId.get(opId)!;
  const r = await http(url(init.base ?? t.emu.url, op, init.org ?? "demo", init.id ?? "c-none") + (init.query ?? ""), {
    method: op.method,
    token: init.token === null ? undefined : (init.token ?? "demo-token"),
    body: init.body,
    raw: init.raw,
    headers: init.headers,
  });
  observed.push({ op: opId, status: r.status, code: r.body?.code });
  return r;
}

function declares(op: Op, status: number, code?: string): boolean {
  const exact = op.declared.get(String(status)) ?? (status >= 500 ? op.declared.get("5XX") : undefined);
  if (!exact) return false;
  return status < 400 || (code !== undefined && exact.includes(code));
}

describe("openapi/connectors.yaml", () => {
  it("is YAML 1.2 with no parse error or warning (unique keys, no anchors needed)", () => {
    expect(specDocument.errors).toEqual([]);
    expect(specDocument.warnings).toEqual([]);
  });

  it("is OpenAPI 3.1 and describes exactly the contract's operations", () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
    expect(ops.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      "DELETE /v1/organizations/{orgId}/connectors/{connectorId}",
      "GET /v1/organizations/{orgId}/connectors",
      "GET /v1/organizations/{orgId}/connectors/{connectorId}",
      "POST /v1/organizations/{orgId}/connectors",
      "POST /v1/organizations/{orgId}/connectors/{connectorId}/activate",
      "POST /v1/organizations/{orgId}/connectors/{connectorId}/deactivate",
      "PUT /v1/organizations/{orgId}/connectors/{connectorId}",
    ]);
    const codes = new Set(spec.components.schemas.Error.properties.code.enum);
    for (const op of ops) for (const list of op.declared.values()) for (const c of list) expect(codes.has(c), c).toBe(true);
  });

  it("every operation is served, and every status and error code the emulator returns is declared for it", async () => {
    const keys = rsaKeyPair();
    await t.admin.registerSalesforceApp({ clientId: "3MVG9-oas", publicKeyPem: keys.publicKeyPem, users: ["ops@example.com"] });
    const sfBody = (name: string, over = {}) => ({
      type: "SALESFORCE",
      name,
      salesforce: { clientId: "3MVG9-oas", userEmail: "ops@example.com", authServerUrl: `${t.emu.url}/salesforce`, privateKey: keys.privateKeyPem, ...over },
    });

    // Success paths.
    const c = (await call("createConnector", { body: basicBody("oas 1") })).body;
    await call("listConnectors");
    await call("getConnector", { id: c.id });
    await call("deactivateConnector", { id: c.id });
    await call("updateConnector", { id: c.id, body: basicBody("oas 1") });
    await call("activateConnector", { id: c.id });
    await call("deactivateConnector", { id: c.id });
    await call("deleteConnector", { id: c.id });
    // Errors common to every operation.
    const live = (await call("createConnector", { body: basicBody("oas live") })).body;
    for (const op of ops) {
      await call(op.operationId, { id: live.id, token: null });
      await call(op.operationId, { id: live.id, token: "other-token" });
      await call(op.operationId, { id: "%E0%A4%A", org: "%E0%A4%A" });
      await call(op.operationId, { base: limited.url });
      await call(op.operationId, { base: limited.url });
      if (op.path.includes("{connectorId}")) await call(op.operationId, { id: "c-missing", body: basicBody("x") });
    }
    // Operation-specific errors.
    await call("listConnectors", { query: "?type=NOPE" });
    await call("createConnector", { body: { type: "CUSTOM" } });
    await call("createConnector", { body: basicBody("OAS LIVE") });
    await call("createConnector", { body: sfBody("oas sf bad", { userEmail: "eve@example.com" }) });
    for (let i = 0; i < 10; i++) await call("createConnector", { body: basicBody(`oas fill ${i}`) });
    await call("updateConnector", { id: live.id, body: basicBody("oas live") });
    await call("deleteConnector", { id: live.id });
    await call("deactivateConnector", { id: live.id });
    await call("updateConnector", { id: live.id, body: { ...basicBody("oas live"), type: "SALESFORCE" } });
    await call("updateConnector", { id: live.id, body: basicBody("oas live", { domainUrl: "http://x" }) });
    await call("updateConnector", { id: live.id, body: basicBody("oas 1") });
    await call("updateConnector", { id: live.id, body: basicBody("oas 1 renamed"), headers: { "if-match": "999" } });
    await call("deactivateConnector", { id: live.id, headers: { "if-match": "999" } });
    await call("deleteConnector", { id: live.id, headers: { "if-match": "999" } });
    await call("updateConnector", { id: live.id, body: basicBody("oas fill 0") });
    const sf = (await call("createConnector", { org: "other", token: "other-token", body: sfBody("oas sf") })).body;
    await call("deactivateConnector", { org: "other", token: "other-token", id: sf.id });
    await t.admin.registerSalesforceApp({ clientId: "3MVG9-oas", publicKeyPem: rsaKeyPair().publicKeyPem, users: ["ops@example.com"] });
    await call("activateConnector", { org: "other", token: "other-token", id: sf.id });

    const undeclared = observed.filter((o) => !declares(byId.get(o.op)!, o.status, o.code));
    expect(undeclared).toEqual([]);
    // The scenarios reach every declared error, so the file promises nothing the emulator cannot do.
    const seen = new Set(observed.map((o) => `${o.op} ${o.status} ${o.code ?? ""}`.trim()));
    const unreached: string[] = [];
    for (const op of ops) {
      for (const [status, codes] of op.declared) {
        if (status === "5XX") continue; // only reachable through a failing disk or an injected fault
        if (codes.length === 0) {
          if (![...seen].some((s) => s.startsWith(`${op.operationId} ${status}`))) unreached.push(`${op.operationId} ${status}`);
        }
        for (const code of codes) {
          // Activation's 412 needs an edit to land during the IdP round trip; covered in contract.test.ts.
          if (op.operationId === "activateConnector" && code === "VERSION_MISMATCH") continue;
          if (!seen.has(`${op.operationId} ${status} ${code}`)) unreached.push(`${op.operationId} ${status} ${code}`);
        }
      }
    }
    expect(unreached).toEqual([]);
  });

  it("returns connectors whose fields are exactly those the schema allows", async () => {
    const schema = spec.components.schemas;
    const c = (await t.api("POST", "", { body: basicBody("schema check", { validationUrl: undefined }), orgId: "other", token: "other-token" })).body;
    expect(Object.keys(c).every((k) => k in schema.Connector.properties)).toBe(true);
    for (const k of schema.Connector.required) expect(c).toHaveProperty(k);
    expect(Object.keys(c.custom).every((k) => k in schema.CustomSettings.properties)).toBe(true);
  });
});
