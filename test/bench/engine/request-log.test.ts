import { describe, expect, it } from "vitest";
import { contractCall, countList, idpKind } from "../../../bench/engine/request-log";

const entry = (method: string, path: string) => ({ method, path, status: 200, time: "2025-01-01T00:00:00.000Z" });

describe("contractCall", () => {
  it("names every contract call of SPEC §3 with its org", () => {
    const base = "/v1/organizations/acme/connectors";
    expect([
      contractCall(entry("GET", base)),
      contractCall(entry("POST", base)),
      contractCall(entry("GET", `${base}/c-1`)),
      contractCall(entry("PUT", `${base}/c-1`)),
      contractCall(entry("DELETE", `${base}/c-1`)),
      contractCall(entry("POST", `${base}/c-1/deactivate`)),
      contractCall(entry("POST", `${base}/c-1/activate`)),
    ]).toEqual(["list", "create", "get", "edit", "delete", "deactivate", "activate"].map((call) => ({ orgId: "acme", call })));
  });

  it("is undefined for the fake IdP endpoints, which idpKind names instead", () => {
    expect(contractCall(entry("POST", "/oauth/token"))).toBeUndefined();
    expect(idpKind(entry("POST", "/salesforce/services/oauth2/token"))).toBe("salesforce");
    expect(idpKind(entry("GET", "/basic/validate"))).toBe("basic");
    expect(idpKind(entry("POST", "/oauth/token"))).toBe("oauth");
    expect(idpKind(entry("GET", "/v1/organizations/acme/connectors"))).toBeUndefined();
  });
});

describe("countList", () => {
  it("counts in first-seen order and shows nothing as a dash", () => {
    expect(countList(["GET", "PUT", "GET"])).toBe("GET ×2, PUT");
    expect(countList([])).toBe("—");
  });
});
