import { describe, expect, expectTypeOf, it } from "vitest";
import { checkCustom } from "../../provider/kinds/custom-schema";
import type { CustomConnectorArgs, CustomConnectorBasicArgs, CustomConnectorClientCredentialsArgs, CustomConnectorPasswordGrantArgs } from "../../sdk";

// `CustomConnectorArgs` is one shape per authentication. Each `@ts-expect-error` below is a
// misplaced field that must fail `tsc` (npm run typecheck covers test/): if the type ever
// accepts it again, the directive itself becomes the compile error. The runtime half shows
// that `pulumi preview` (the kind's check) refuses the same object for untyped programs.

const common = { name: "Orders", domainUrl: "https://api.example.com" };
const oauth = { ...common, authenticationType: "oauth2" as const, clientId: "webex-cc", clientSecret: "s3cret", tokenUrl: "https://idp.example.com/token" };

/** The properties `check` (what preview runs) refuses in these args. */
function refused(args: CustomConnectorArgs): string[] {
  return checkCustom(args as unknown as Record<string, unknown>, { orgId: "acme" }).failures.map((f) => f.property);
}

describe("CustomConnectorArgs accepts each authentication's own fields", () => {
  it("Basic, with authenticationType omitted or given", () => {
    const implicit: CustomConnectorArgs = { ...common, username: "svc", password: "pw", validationUrl: "https://api.example.com/health" };
    const explicit: CustomConnectorArgs = { ...common, authenticationType: "basic", username: "svc", password: "pw" };
    expect([refused(implicit), refused(explicit)]).toEqual([[], []]);
  });

  it("OAuth 2.0 client credentials, with grantType omitted or given, scope optional", () => {
    const implicit: CustomConnectorArgs = { ...oauth };
    const explicit: CustomConnectorArgs = { ...oauth, grantType: "client_credentials", scope: "orders.read" };
    expect([refused(implicit), refused(explicit)]).toEqual([[], []]);
  });

  it("OAuth 2.0 password grant, with username and password", () => {
    const args: CustomConnectorArgs = { ...oauth, grantType: "password", username: "svc", password: "pw" };
    expect(refused(args)).toEqual([]);
  });

  it("exports one named type per shape, each assignable to CustomConnectorArgs", () => {
    expectTypeOf<CustomConnectorBasicArgs>().toExtend<CustomConnectorArgs>();
    expectTypeOf<CustomConnectorClientCredentialsArgs>().toExtend<CustomConnectorArgs>();
    expectTypeOf<CustomConnectorPasswordGrantArgs>().toExtend<CustomConnectorArgs>();
    expectTypeOf<CustomConnectorPasswordGrantArgs["grantType"]>().not.toBeUndefined();
  });
});

describe("CustomConnectorArgs refuses misplaced fields at compile time", () => {
  it("an OAuth 2.0 field on a Basic connector", () => {
    // @ts-expect-error clientSecret belongs to OAuth 2.0, not Basic
    const args: CustomConnectorArgs = { ...common, username: "svc", password: "pw", clientSecret: "s3cret" };
    expect(refused(args)).toEqual(["clientSecret"]);
  });

  it("a grantType on a Basic connector", () => {
    // @ts-expect-error grantType needs authenticationType "oauth2"
    const args: CustomConnectorArgs = { ...common, authenticationType: "basic", username: "svc", password: "pw", grantType: "password" };
    expect(refused(args)).toEqual(["grantType"]);
  });

  it("a validationUrl on an OAuth 2.0 connector", () => {
    // @ts-expect-error validationUrl belongs to Basic
    const args: CustomConnectorArgs = { ...oauth, validationUrl: "https://api.example.com/health" };
    expect(refused(args)).toEqual(["validationUrl"]);
  });

  it("a password on the client credentials grant", () => {
    // @ts-expect-error username and password need grantType "password"
    const args: CustomConnectorArgs = { ...oauth, username: "svc", password: "pw" };
    expect(refused(args).sort()).toEqual(["password", "username"]);
  });

  it("the password grant without its user", () => {
    // @ts-expect-error the password grant requires username and password
    const args: CustomConnectorArgs = { ...oauth, grantType: "password" };
    expect(refused(args).sort()).toEqual(["password", "username"]);
  });

  it("OAuth 2.0 without the client secret or token URL", () => {
    // @ts-expect-error clientSecret and tokenUrl are required for OAuth 2.0
    const args: CustomConnectorArgs = { ...common, authenticationType: "oauth2", clientId: "webex-cc" };
    expect(refused(args).sort()).toEqual(["clientSecret", "tokenUrl"]);
  });

  it("Basic without a password", () => {
    // @ts-expect-error Basic requires username and password
    const args: CustomConnectorArgs = { ...common, username: "svc" };
    expect(refused(args)).toEqual(["password"]);
  });
});
