import { describe, expect, expectTypeOf, it } from "vitest";
import { customKind, salesforceKind } from "../../provider/kinds";
import { customConnectorSchema, type CustomConnectorArgsInput } from "../../provider/kinds/custom-schema";
import { salesforceConnectorSchema, type SalesforceConnectorArgsInput } from "../../provider/kinds/salesforce-schema";
import type { CustomConnectorArgs, SalesforceConnectorArgs } from "../../sdk";

// The public Args interfaces are written by hand (for their TSDoc); these keep them in
// step with the schemas `check` enforces. The type assertions are checked by `npm run typecheck`.
describe("sdk Args", () => {
  it("SalesforceConnectorArgs has exactly the schema's properties", () => {
    expectTypeOf<keyof SalesforceConnectorArgs>().toEqualTypeOf<keyof SalesforceConnectorArgsInput>();
    expect(Object.keys(salesforceConnectorSchema.shape)).toEqual([...salesforceKind.inputFields]);
  });

  it("CustomConnectorArgs has exactly the schema's properties", () => {
    expectTypeOf<keyof CustomConnectorArgs>().toEqualTypeOf<keyof CustomConnectorArgsInput>();
    expect(Object.keys(customConnectorSchema.shape)).toEqual([...customKind.inputFields]);
  });
});
