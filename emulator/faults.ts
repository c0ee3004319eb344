import { randomBytes } from "node:crypto";
import { contractError } from "./errors";

/** A fault as registered through `POST /_admin/faults`. */
export interface FaultSpec {
  /** HTTP method to match (case-insensitive); any method when absent. */
  method?: string;
  /** Regular expression tested against the request path (no query string). */
  path: string;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Error `code` of that answer; defaults by status (500 INTERNAL, 429 RATE_LIMITED…). */
  code?: string;
  /**
   * `Retry-After` of the answer, in seconds (0-86400), e.g. 86400 for a backend that asks for
   * a day. Needs `status`; a 429 without it says `Retry-After: 1`.
   */
  retryAfter?: number;
  /** Wait this long first; on its own, the request then proceeds normally. */
  delayMs?: number;
  /** Destroy the connection without any response. */
  drop?: boolean;
  /**
   * Handle the request first and apply the fault to its answer: the change is made, then
   * the answer is delayed, dropped or replaced by `status` — a lost or late response.
   */
  after?: boolean;
  /** How many matching requests it applies to. */
  times: number;
}

/** A registered fault with its remaining count. */
export interface ActiveFault extends FaultSpec {
  id: string;
  remaining: number;
}

const MAX_DELAY_MS = 120_000;
const MAX_RETRY_AFTER_S = 86_400;
const FIELDS = ["method", "path", "status", "code", "retryAfter", "delayMs", "drop", "after", "times"];

/** Validates an admin fault body, naming the bad field. */
export function parseFaultSpec(body: Record<string, unknown>): FaultSpec {
  const issues: Array<{ field: string; reason: string }> = [];
  const { method, path, status, code, retryAfter, delayMs, drop, after, times } = body;
  for (const k of Object.keys(body)) {
    if (!FIELDS.includes(k)) issues.push({ field: k, reason: `is not a fault field (one of ${FIELDS.join(", ")})` });
  }
  if (method !== undefined && (typeof method !== "string" || !/^[A-Za-z]+$/.test(method))) issues.push({ field: "method", reason: "must be an HTTP method" });
  if (typeof path !== "string" || path === "") issues.push({ field: "path", reason: "is required (a regular expression)" });
  else {
    try {
      new RegExp(path);
    } catch {
      issues.push({ field: "path", reason: "must be a valid regular expression" });
    }
  }
  if (status !== undefined && (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599))
    issues.push({ field: "status", reason: "must be an integer HTTP status 200-599" });
  if (code !== undefined && typeof code !== "string") issues.push({ field: "code", reason: "must be a string" });
  if (retryAfter !== undefined && (!Number.isInteger(retryAfter) || (retryAfter as number) < 0 || (retryAfter as number) > MAX_RETRY_AFTER_S)) {
    issues.push({ field: "retryAfter", reason: `must be an integer number of seconds 0-${MAX_RETRY_AFTER_S}` });
  } else if (retryAfter !== undefined && status === undefined) issues.push({ field: "retryAfter", reason: "needs status (the answer that carries it)" });
  if (delayMs !== undefined && (!Number.isInteger(delayMs) || (delayMs as number) < 0 || (delayMs as number) > MAX_DELAY_MS))
    issues.push({ field: "delayMs", reason: `must be an integer 0-${MAX_DELAY_MS}` });
  if (drop !== undefined && typeof drop !== "boolean") issues.push({ field: "drop", reason: "must be a boolean" });
  if (after !== undefined && typeof after !== "boolean") issues.push({ field: "after", reason: "must be a boolean" });
  if (!Number.isInteger(times) || (times as number) < 1) issues.push({ field: "times", reason: "must be a positive integer" });
  if (status === undefined && !drop && delayMs === undefined) issues.push({ field: "status", reason: "one of status, drop or delayMs is required" });
  if (status !== undefined && drop) issues.push({ field: "drop", reason: "cannot be combined with status" });
  if (issues.length) throw contractError("VALIDATION_FAILED", `Invalid fault: [${issues[0]!.field}] ${issues[0]!.reason}`, issues);
  return body as unknown as FaultSpec;
}

/** Registered faults, consumed in registration order: the first match wins and is decremented. */
export class FaultInjector {
  private faults: Array<ActiveFault & { re: RegExp }> = [];

  add(spec: FaultSpec): ActiveFault {
    const fault = { ...spec, id: `f-${randomBytes(6).toString("hex")}`, remaining: spec.times, re: new RegExp(spec.path) };
    this.faults.push(fault);
    return this.describe(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => this.describe(f));
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, path: string): ActiveFault | undefined {
    const i = this.faults.findIndex((f) => (!f.method || f.method.toUpperCase() === method) && f.re.test(path));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults.splice(i, 1);
    return this.describe(f);
  }

  private describe(f: ActiveFault & { re: RegExp }): ActiveFault {
    const { re: _re, ...rest } = f;
    return rest;
  }
}
