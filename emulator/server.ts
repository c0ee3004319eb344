import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext, Exchange } from "./context";
import { ApiError, defaultCodeForStatus, contractError } from "./errors";
import { BASIC_VALIDATE_PATH, handleBasicValidate } from "./fake-basic";
import { handleOAuthToken, OAUTH_TOKEN_PATH } from "./fake-oauth";
import { handleSalesforceToken, SALESFORCE_TOKEN_PATH } from "./fake-salesforce";
import type { ActiveFault } from "./faults";
import { holdAnswer } from "./held-answer";
import { bufferBody, newTrackingId, sendError } from "./http";
import type { RequestLogEntry } from "./logs";
import { handleAdmin } from "./routes/admin";
import { handleContract } from "./routes/contract";
import { handleWebexToken, WEBEX_TOKEN_PATH } from "./routes/webex-token";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Routes a non-admin request: the Webex token endpoint, the contract under `/v1`, or one of the fake IdP endpoints. */
async function route(ctx: EmulatorContext, ex: Exchange): Promise<void> {
  const p = ex.path.replace(/\/+$/, "");
  if (p === WEBEX_TOKEN_PATH) return handleWebexToken(ctx, ex);
  if (ex.path.startsWith("/v1/")) return handleContract(ctx, ex);
  if (p === SALESFORCE_TOKEN_PATH) return handleSalesforceToken(ctx, ex);
  if (p === OAUTH_TOKEN_PATH) return handleOAuthToken(ctx, ex);
  if (p === BASIC_VALIDATE_PATH) return handleBasicValidate(ctx, ex);
  throw contractError("NOT_FOUND", `No such resource: ${ex.path}`);
}

/** Answers with the fault's injected error status (and its `Retry-After`; a 429 says 1 s by default). */
function sendFaultStatus(ex: Exchange, fault: ActiveFault & { status: number }): void {
  const code = fault.code ?? defaultCodeForStatus(fault.status);
  const retryAfter = fault.retryAfter ?? (fault.status === 429 ? 1 : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
  sendError(ex.res, new ApiError(fault.status, code, `Injected fault (${fault.id}): ${code}`, undefined, headers), ex.trackingId);
}

/**
 * Applies a fault before handling; returns true when it answered (or dropped) the request
 * itself. A delayed request is received in full first, so it is handled after the delay even
 * if its client has given up by then (a late request, not a lost one).
 */
async function applyFault(ex: Exchange, fault: ActiveFault): Promise<boolean> {
  if (fault.delayMs) {
    bufferBody(ex.req);
    await sleep(fault.delayMs);
  }
  if (fault.drop) {
    ex.req.socket.destroy();
    return true;
  }
  if (fault.status === undefined) return false;
  sendFaultStatus(ex, { ...fault, status: fault.status });
  return true;
}

/** Handles the request, then delays, drops or replaces its answer (an `after` fault). */
async function applyFaultAfter(ctx: EmulatorContext, ex: Exchange, fault: ActiveFault): Promise<void> {
  const held = await holdAnswer(ex.res, () => answerSafely(ex, () => route(ctx, ex)));
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.drop) ex.req.socket.destroy();
  else if (fault.status !== undefined) sendFaultStatus(ex, { ...fault, status: fault.status });
  else held.release();
}

/** Runs a handler; its errors become contract error bodies, and anything unexpected a 500. */
async function answerSafely(ex: Exchange, handler: () => Promise<void>): Promise<void> {
  try {
    await handler();
  } catch (err) {
    if (err instanceof ApiError) return sendError(ex.res, err, ex.trackingId);
    process.stderr.write(`wxcc-emulator: unexpected error on ${ex.method} ${ex.path}: ${(err as Error)?.stack ?? String(err)}\n`);
    sendError(ex.res, contractError("INTERNAL", "Internal emulator error"), ex.trackingId);
  }
}

/**
 * The emulator's request listener. Every non-admin request is logged and may meet an
 * injected fault first; handler errors become contract error bodies, and anything
 * unexpected a 500 INTERNAL, so no input can take the process down.
 */
export function createListener(ctx: EmulatorContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const trackingId = newTrackingId();
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://emulator.invalid");
    } catch {
      sendError(res, contractError("VALIDATION_FAILED", "Malformed request URL"), trackingId);
      return;
    }
    const ex: Exchange = { req, res, trackingId, method: (req.method ?? "GET").toUpperCase(), path: url.pathname, query: url.searchParams };
    const admin = ex.path === "/_admin" || ex.path.startsWith("/_admin/");
    let entry: RequestLogEntry | undefined;
    if (!admin) {
      entry = { method: ex.method, path: ex.path, status: 0, time: new Date().toISOString() };
      ctx.requestLog.push(entry);
    }

    const run = async () => {
      if (admin) return answerSafely(ex, () => handleAdmin(ctx, ex));
      const fault = ctx.faults.take(ex.method, ex.path);
      if (fault?.after) return applyFaultAfter(ctx, ex, fault);
      if (fault && (await applyFault(ex, fault))) return;
      return answerSafely(ex, () => route(ctx, ex));
    };
    run()
      .catch((err: unknown) => process.stderr.write(`wxcc-emulator: unexpected error on ${ex.method} ${ex.path}: ${String(err)}\n`))
      .finally(() => {
        // Set as soon as the handler is done, before the client can read the response and ask for the log.
        if (entry && res.headersSent) entry.status = res.statusCode;
      });
  };
}
