import { describe, expect, it } from "vitest";
import { customKind, kindFor, salesforceKind } from "../../../provider/kinds";

describe("kindFor", () => {
  it("maps SALESFORCE to the Salesforce kind", () => {
    expect(kindFor("SALESFORCE")).toBe(salesforceKind);
  });

  it("maps CUSTOM to the custom kind", () => {
    expect(kindFor("CUSTOM")).toBe(customKind);
  });

  it("refuses an unknown type by name", () => {
    expect(() => kindFor("ZENDESK" as never)).toThrow(`unknown connector type "ZENDESK"; expected "SALESFORCE" or "CUSTOM"`);
  });

  it.each([
    [salesforceKind, "SALESFORCE", "SalesforceConnector", ["privateKey"]],
    [customKind, "CUSTOM", "CustomConnector", ["password", "clientSecret"]],
  ])("describes %#: type, resource type and secret fields", (kind, type, resourceType, secrets) => {
    expect(kind.type).toBe(type);
    expect(kind.resourceType).toBe(resourceType);
    expect(kind.secretFields).toEqual(secrets);
    for (const s of secrets) expect(kind.inputFields).toContain(s);
  });
});
