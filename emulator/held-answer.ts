import type { ServerResponse } from "node:http";

/** A response written by a handler but not yet sent. */
export interface HeldAnswer {
  /** Sends what the handler wrote (a no-op on a dead socket). */
  release(): void;
}

/**
 * Runs `handle` with the response held back, so an `after` fault can still delay, drop or
 * replace an answer whose change the backend already made: the "did my request land?" case
 * a client meets when a response is lost or arrives after its timeout.
 *
 * @example
 * ```ts
 * const held = await holdAnswer(ex.res, () => route(ctx, ex));
 * await sleep(3000);
 * held.release();
 * ```
 */
export async function holdAnswer(res: ServerResponse, handle: () => Promise<void>): Promise<HeldAnswer> {
  const writeHead = res.writeHead;
  const end = res.end;
  let head: unknown[] | undefined;
  let body: unknown;
  let ended = false;
  // Handlers answer through `writeHead` + `end` (emulator/http.ts `sendJson`); record both.
  res.writeHead = ((...args: unknown[]) => {
    head = args;
    return res;
  }) as typeof res.writeHead;
  res.end = ((chunk?: unknown) => {
    body = chunk;
    ended = true;
    return res;
  }) as typeof res.end;
  try {
    await handle();
  } finally {
    res.writeHead = writeHead;
    res.end = end;
  }
  return {
    release() {
      if (res.destroyed || res.headersSent) return;
      if (head) (res.writeHead as (...a: unknown[]) => ServerResponse)(...head);
      if (ended) res.end(body as string);
    },
  };
}
