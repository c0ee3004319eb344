import { isFailure, parseUrl, redact, send } from "./http";
import type { ConnectivityOptions, ConnectivityResult } from "./types";

/** Custom Basic connector settings that have a validation URL. */
export interface BasicConnectivitySettings {
  validationUrl: string;
  username: string;
  password: string;
}

/**
 * Calls the validation URL with HTTP Basic credentials (SPEC §4); any 2xx is success,
 * anything else fails with `http_<status>`.
 *
 * @example
 * const r = await verifyBasic({ validationUrl: `${url}/basic/validate`, username: "svc", password });
 */
export async function verifyBasic(s: BasicConnectivitySettings, o?: ConnectivityOptions): Promise<ConnectivityResult> {
  const url = parseUrl(s.validationUrl, "validationUrl");
  if (isFailure(url)) return url;
  const authorization = `Basic ${Buffer.from(`${s.username}:${s.password}`).toString("base64")}`;
  const secrets = [s.password, authorization];
  const res = await send(url, { method: "GET", headers: { authorization, accept: "*/*" } }, o, secrets);
  if (isFailure(res)) return res;
  if (res.status >= 200 && res.status < 300) return { ok: true };
  const text = res.text.trim();
  return {
    ok: false,
    error: `http_${res.status}`,
    description: text ? redact(`validation URL answered HTTP ${res.status}: ${text}`, secrets) : `validation URL answered HTTP ${res.status}`,
  };
}
