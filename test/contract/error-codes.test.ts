import { describe, expect, it } from "vitest";
import { codeForStatus, ERROR_CODES, ERROR_STATUS } from "../../contract";
import { defaultCodeForStatus } from "../../emulator/errors";
import { codeForResponse } from "../../provider/errors/backend-error";

describe("contract error codes", () => {
  it("gives every code of SPEC §3 its status", () => {
    expect(ERROR_STATUS).toEqual({
      VALIDATION_FAILED: 400,
      IMMUTABLE_FIELD: 400,
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      NAME_CONFLICT: 409,
      LIMIT_EXCEEDED: 409,
      CONNECTOR_ACTIVE: 409,
      VERSION_MISMATCH: 412,
      CONNECTIVITY_FAILED: 422,
      RATE_LIMITED: 429,
      INTERNAL: 500,
    });
    expect(ERROR_CODES).toHaveLength(12);
  });

  it("implies no code for a bare 409: NAME_CONFLICT, LIMIT_EXCEEDED and CONNECTOR_ACTIVE each need a different fix", () => {
    expect(codeForStatus(409)).toBeUndefined();
    expect(codeForStatus(429)).toBe("RATE_LIMITED");
    expect(codeForStatus(503)).toBe("INTERNAL");
  });

  // The emulator answered a bare 409 fault with CONNECTOR_ACTIVE while the provider read a bare 409 as HTTP_ERROR.
  it("makes the emulator's fault code and the provider's reading of a bare status agree for every status", () => {
    for (let status = 400; status <= 599; status++) {
      const emulated = defaultCodeForStatus(status);
      const read = codeForResponse(status, undefined);
      const contract = codeForStatus(status);
      expect(emulated, `emulator ${status}`).toBe(contract ?? "INJECTED_FAULT");
      expect(read, `provider ${status}`).toBe(contract ?? "HTTP_ERROR");
      // What the emulator sends, the provider reads back as the same code.
      expect(codeForResponse(status, emulated), `round trip ${status}`).toBe(read);
    }
  });
});
