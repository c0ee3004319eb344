import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { diffConnector } from "../../provider/diff";
import { customKind, salesforceKind, UNKNOWN, type ConnectorOutputs, type SalesforceConnectorInputs } from "../../provider/kinds";
import { checkCustom } from "../../provider/kinds/custom-schema";
import { checkSalesforce } from "../../provider/kinds/salesforce-schema";

const pem = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const key = pem();
const declared = { name: "Sales Cloud", clientId: "cid", userEmail: "i@example.com", privateKey: key };
const inputs = checkSalesforce(declared, { orgId: "acme" }).inputs!;
/** State as the provider stores it: inputs, assigned fields, and the engine's __provider. */
const state = {
  ...inputs,
  connectorId: "c-1",
  status: "ACTIVE",
  version: 4,
  createdAt: "t0",
  updatedAt: "t1",
  __provider: "serialized",
} as ConnectorOutputs<SalesforceConnectorInputs>;
const diff = (news: Record<string, unknown>, olds = state) => diffConnector(salesforceKind, olds, checkSalesforce(news, { orgId: "acme" }).inputs!);

describe("diffConnector", () => {
  it("reports no change for the same declaration", () => {
    expect(diff(declared)).toEqual({ changes: false });
  });

  it("reports no change when defaults are written out explicitly", () => {
    expect(diff({ ...declared, authServerUrl: "https://login.salesforce.com", active: true, orgId: "acme" })).toEqual({ changes: false });
  });

  it("reports no change when the key is given as PKCS#1 of the same key", () => {
    const pkcs1 = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const olds = { ...state, privateKey: pkcs1.privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
    expect(diff({ ...declared, privateKey: pkcs1.privateKey.export({ type: "pkcs1", format: "pem" }).toString() }, olds)).toEqual({ changes: false });
  });

  it("reports no change when only the key's form changes (indented, led by spaces, CRLF)", () => {
    for (const form of [key.replace(/^/gm, "    "), `  ${key}`, key.replace(/\n/g, "\r\n")])
      expect(diff({ ...declared, privateKey: form })).toEqual({ changes: false });
  });

  it("reports no change when the state holds the same key in another form (written before check normalized keys)", () => {
    const legacy = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const olds = { ...state, privateKey: `  ${legacy.export({ type: "pkcs1", format: "pem" }).toString()}` };
    expect(diff({ ...declared, privateKey: legacy.export({ type: "pkcs8", format: "pem" }).toString() }, olds)).toEqual({ changes: false });
  });

  it("reports no change when the connectorId input is unset (the output always has one)", () => {
    expect(diff(declared).changes).toBe(false);
  });

  it("reports no change when the declared connectorId is the live one (adopted)", () => {
    expect(diff({ ...declared, connectorId: "c-1" })).toEqual({ changes: false });
  });

  it("updates in place for a renamed connector", () => {
    expect(diff({ ...declared, name: "Sales Cloud EU" })).toEqual({ changes: true, stables: ["connectorId", "orgId", "createdAt"] });
  });

  it("updates in place for a rotated private key (a secret change is an update)", () => {
    const d = diff({ ...declared, privateKey: pem() });
    expect(d.changes).toBe(true);
    expect(d.replaces).toBeUndefined();
  });

  it("updates in place for active: false", () => {
    expect(diff({ ...declared, active: false }).replaces).toBeUndefined();
  });

  it("replaces, creating before deleting, when orgId changes", () => {
    expect(diff({ ...declared, orgId: "globex" })).toEqual({ changes: true, replaces: ["orgId"] });
  });

  it("replaces create-before-delete when orgId changes even though the name is the same", () => {
    expect(diff({ ...declared, orgId: "globex" }).deleteBeforeReplace).toBeUndefined();
  });

  it("replaces, deleting first, when another connectorId is adopted under the same name", () => {
    expect(diff({ ...declared, connectorId: "c-2" })).toEqual({ changes: true, replaces: ["connectorId"], deleteBeforeReplace: true });
  });

  it("treats names that differ only in case as colliding", () => {
    expect(diff({ ...declared, name: "SALES CLOUD", connectorId: "c-2" }).deleteBeforeReplace).toBe(true);
  });

  it("replaces create-before-delete when another connectorId is adopted under a new name", () => {
    expect(diff({ ...declared, name: "Other", connectorId: "c-2" })).toEqual({ changes: true, replaces: ["connectorId"] });
  });

  it("lists both properties when orgId and connectorId change, without delete-before", () => {
    expect(diff({ ...declared, orgId: "globex", connectorId: "c-2" })).toEqual({ changes: true, replaces: ["orgId", "connectorId"] });
  });

  it("plans a replacement in preview when orgId is unknown", () => {
    expect(diff({ ...declared, orgId: UNKNOWN }).replaces).toEqual(["orgId"]);
  });

  it("deletes first when the new name is unknown and the connectorId changes", () => {
    expect(diff({ ...declared, name: UNKNOWN, connectorId: "c-2" }).deleteBeforeReplace).toBe(true);
  });

  it("reports an unknown (preview) value as an update", () => {
    expect(diff({ ...declared, clientId: UNKNOWN }).changes).toBe(true);
  });

  it("works for custom connectors: a client secret rotation is an update", () => {
    const args = {
      name: "Orders",
      domainUrl: "https://api.example.com",
      authenticationType: "oauth2",
      clientId: "c",
      clientSecret: "s1",
      tokenUrl: "https://idp.example.com/t",
    };
    const i = checkCustom(args, { orgId: "acme" }).inputs!;
    const olds = { ...i, connectorId: "c-5", status: "INACTIVE" as const, version: 1, createdAt: "t", updatedAt: "t" };
    expect(diffConnector(customKind, olds, checkCustom(args, { orgId: "acme" }).inputs!)).toEqual({ changes: false });
    expect(diffConnector(customKind, olds, checkCustom({ ...args, clientSecret: "s2" }, { orgId: "acme" }).inputs!).replaces).toBeUndefined();
  });
});
