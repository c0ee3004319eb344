import { describe, expect, it } from "vitest";
import { isLoopbackHost, urlProblem } from "../../../../provider/kinds/lib/url";

const rule = { https: "unless-loopback" as const, what: "the token endpoint" };

describe("loopback hosts", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "127.255.255.254", "[::1]"])("treats %s as loopback", (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });

  it.each(["127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1", "[::ffff:7f00:1]", "0.0.0.0", "example.com"])(
    "does not treat %s as loopback",
    (h) => {
      expect(isLoopbackHost(h)).toBe(false);
    },
  );

  it.each(["http://127.1:8787/t", "http://0x7f000001/t"])("accepts %s, which the URL parser normalizes to 127.0.0.1", (u) => {
    expect(urlProblem("tokenUrl", u, rule)).toBeUndefined();
  });

  it("refuses http on a host that only looks like loopback", () => {
    expect(urlProblem("tokenUrl", "http://127.0.0.1.evil.example/t", rule)).toBe(
      `[tokenUrl] must use https://; http:// is only allowed for loopback hosts (localhost, 127.0.0.0/8, [::1])`,
    );
  });

  it("never echoes a value that may hold credentials", () => {
    expect(urlProblem("tokenUrl", "//user:hunter2@idp.example.com", rule)).toBe(
      `[tokenUrl] is not a valid URL; set it to the token endpoint, e.g. "https://…"`,
    );
    expect(urlProblem("tokenUrl", "not a url with user:hunter2@", rule)).not.toContain("hunter2");
  });
});
