import type { ConfigErrorCode } from "./codes";
import { WxccError } from "./wxcc-error";

/**
 * A provider configuration problem; the message names the config key and the fix and
 * never contains a configured value that may be secret.
 *
 * @example
 * try { resolveSettings(config); } catch (e) { if (e instanceof ConfigError) console.error(e.code, e.key); }
 */
export class ConfigError extends WxccError {
  declare readonly code: ConfigErrorCode;
  /** The config key at fault, e.g. `wxcc:accessToken`. */
  readonly key: string;
  constructor(code: ConfigErrorCode, key: string, message: string) {
    super(code, message);
    this.name = "ConfigError";
    this.key = key;
  }
}
