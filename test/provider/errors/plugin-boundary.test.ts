import { afterEach, describe, expect, it, vi } from "vitest";
import { LifecycleError, withoutStackTrace } from "../../../provider/errors";
import { hidingSecretInputs } from "../../../provider/secret-inputs";

describe("errors at the dynamic-provider plugin's boundary", () => {
  const original = console.error;
  afterEach(() => {
    console.error = original;
  });

  it("replace a WxccError's stack trace by its code and leave the plugin's one echo of it out of stderr", async () => {
    const printed = vi.fn();
    console.error = printed;
    const err = await withoutStackTrace(() => Promise.reject(new LifecycleError("OWNER_CONFLICT", 'CustomConnector "Alpha": refused'))).catch((e: Error) => e);
    expect(err.stack).toBe("code OWNER_CONFLICT");
    // What pulumi's dynamic-provider plugin prints before returning the error to the engine:
    console.error(`${err}: ${err.stack}`);
    expect(printed).not.toHaveBeenCalled();
    // Only once, and only that line: everything else (a second echo, other output) goes through.
    console.error(`${err}: ${err.stack}`);
    console.error("something else");
    expect(printed.mock.calls).toEqual([[`${err}: ${err.stack}`], ["something else"]]);
  });

  it("still leaves the echo out when a caller further out hides secret inputs in the message (secret-inputs.ts)", async () => {
    const printed = vi.fn();
    console.error = printed;
    const refused = () => withoutStackTrace(() => Promise.reject(new LifecycleError("OWNER_CONFLICT", 'CustomConnector "Secret CRM": refused')));
    const err = await hidingSecretInputs(["Secret CRM"], refused).catch((e: Error) => e);
    expect(err.message).toBe('CustomConnector "[secret]": refused');
    console.error(`${err}: ${err.stack}`);
    expect(printed).not.toHaveBeenCalled();
  });

  it("leaves other errors as they are", async () => {
    const err = await withoutStackTrace(() => Promise.reject(new TypeError("boom"))).catch((e: Error) => e);
    expect(err.stack).toContain("TypeError: boom\n    at ");
  });
});
