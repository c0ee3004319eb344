import { describe, expect, it } from "vitest";
import { HOST_PATTERN_SCHEMA, hostAllowed } from "../../../policy/lib/host-pattern";

const allowed = (url: string, patterns: string[]) => hostAllowed(new URL(url), patterns);

describe("hostAllowed", () => {
  it("matches an exact host case-insensitively, on any port unless the entry names one", () => {
    expect(allowed("https://API.Example.com/v1", ["api.example.com"])).toBe(true);
    expect(allowed("https://api.example.com:8443", ["api.example.com"])).toBe(true);
    expect(allowed("https://api.example.com:8443", ["api.example.com:443"])).toBe(false);
    expect(allowed("https://api.example.com", ["api.example.com:443"])).toBe(true);
    expect(allowed("http://127.0.0.1:8787/oauth/token", ["127.0.0.1:8787"])).toBe(true);
  });

  it("lets *.example.com match subdomains at any depth but not example.com itself or look-alikes", () => {
    expect(allowed("https://eu.api.example.com", ["*.example.com"])).toBe(true);
    expect(allowed("https://api.example.com", ["*.example.com"])).toBe(true);
    expect(allowed("https://example.com", ["*.example.com"])).toBe(false);
    expect(allowed("https://evilexample.com", ["*.example.com"])).toBe(false);
    expect(allowed("https://example.com.evil.io", ["*.example.com"])).toBe(false);
  });

  it("lets * match any host and an empty list match none", () => {
    expect(allowed("https://anything.io", ["*"])).toBe(true);
    expect(allowed("https://anything.io", [])).toBe(false);
  });

  it("does not let credentials or a look-alike userinfo part pick the host", () => {
    expect(allowed("https://api.example.com@evil.io/", ["api.example.com"])).toBe(false);
    expect(allowed("https://[::1]:9000/", ["[::1]"])).toBe(true);
  });
});

describe("the allow-list entry schema", () => {
  const valid = (entry: string) => new RegExp(HOST_PATTERN_SCHEMA).test(entry);

  it("accepts hosts, wildcards, * and ports", () => {
    for (const e of ["api.example.com", "*.example.com", "*", "127.0.0.1:8787", "localhost", "[::1]", "*.my.salesforce.com"]) {
      expect(valid(e), e).toBe(true);
    }
  });

  it("rejects URLs and malformed wildcards, so a typo in the config fails the preview instead of matching nothing", () => {
    for (const e of ["https://api.example.com", "*example.com", "api.*.com", "example.com/", "", "*.*.com"]) {
      expect(valid(e), e).toBe(false);
    }
  });
});
