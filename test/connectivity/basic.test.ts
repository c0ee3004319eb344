import { describe, expect, it } from "vitest";
import { verifyBasic } from "../../connectivity";
import { useIdps } from "./support";

const { t } = useIdps();

describe("verifyBasic", () => {
  it("succeeds on 2xx and fails with http_<status> otherwise", async () => {
    expect(await verifyBasic({ validationUrl: `${t.emu.url}/basic/validate`, username: "svc", password: "pa:ss" })).toEqual({ ok: true });
    const r = await verifyBasic({ validationUrl: `${t.emu.url}/basic/validate`, username: "svc", password: "wrong:pw" });
    expect(r).toMatchObject({ ok: false, error: "http_401" });
    expect(JSON.stringify(r)).not.toContain("wrong:pw");
  });

  it("rejects a URL that is not absolute", async () => {
    expect(await verifyBasic({ validationUrl: "nope", username: "u", password: "p" })).toMatchObject({ ok: false, error: "invalid_url" });
  });
});
