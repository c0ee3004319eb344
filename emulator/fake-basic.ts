import type { EmulatorContext, Exchange } from "./context";
import { basicCredentials, sendJson } from "./http";

/** Path of the fake Basic validation endpoint. */
export const BASIC_VALIDATE_PATH = "/basic/validate";

/**
 * A resource that answers 200 to a registered Basic user and 401 to anyone else,
 * standing in for a custom connector's validation URL.
 */
export function handleBasicValidate(ctx: EmulatorContext, ex: Exchange): void {
  const creds = basicCredentials(ex.req);
  const user = creds ? ctx.idp.basicUser(creds.user) : undefined;
  if (!creds || !user || user.password !== creds.password) {
    sendJson(ex.res, 401, { error: "unauthorized", message: "invalid Basic credentials" }, ex.trackingId, {
      "www-authenticate": 'Basic realm="validate"',
    });
    return;
  }
  sendJson(ex.res, 200, { ok: true, username: user.username }, ex.trackingId);
}
