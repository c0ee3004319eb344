import type { PartialFailureCode } from "./codes";
import { WxccError } from "./wxcc-error";

/** What a partial failure carries. */
export interface PartialFailureInit {
  /** The connector ID: the resource exists and must stay in state. */
  id: string;
  /** The connector's real outputs, read back from the backend (secrets as best known). */
  properties: object;
  message: string;
  /** `PARTIAL_FAILURE` (default), or `ROLLBACK` when the previous configuration was restored. */
  code?: PartialFailureCode;
  cause?: unknown;
}

/**
 * A failure after the backend already changed something. The dynamic-provider plugin turns
 * a thrown error with `id` and `properties` into `ErrorResourceInitFailed`, so the engine
 * keeps the connector in state with its real properties; the engine shows only `reasons`,
 * so they hold the full message. `properties` is not enumerable: it may hold secrets and
 * must never be printed with the error.
 *
 * @example
 * ```ts
 * throw new PartialFailureError({ id: connector.id, properties: outputs, message });
 * ```
 */
export class PartialFailureError extends WxccError {
  declare readonly code: PartialFailureCode;
  readonly id: string;
  declare readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(init: PartialFailureInit) {
    const c = init.cause as { statusCode?: number; trackingId?: string } | undefined;
    super(init.code ?? "PARTIAL_FAILURE", init.message, { statusCode: c?.statusCode, trackingId: c?.trackingId, cause: init.cause });
    this.name = "PartialFailureError";
    this.id = init.id;
    this.reasons = [init.message];
    Object.defineProperty(this, "properties", { value: withoutUndefined(init.properties), enumerable: false });
  }
}

function withoutUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
