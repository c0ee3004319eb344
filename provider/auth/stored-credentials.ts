import { codeOf, type WxccErrorCode } from "../errors";

/** Failures that mean the backend or the token endpoint refused the credentials themselves. */
const CREDENTIAL_FAILURES: ReadonlySet<WxccErrorCode> = new Set<WxccErrorCode>(["UNAUTHORIZED", "FORBIDDEN", "TOKEN_REFRESH_FAILED"]);

/**
 * Appended to a credential failure of `read` (refresh) and `delete` (destroy): those
 * commands configure the provider from the state written by the last `pulumi up`, so a
 * token or client secret just changed with `pulumi config set` is not what they used.
 */
export const STORED_CREDENTIALS_NOTE =
  "note: `pulumi refresh` and `pulumi destroy` use the credentials stored by the last `pulumi up`, not the stack config as it is now; " +
  "if you changed `wxcc:*` credentials since, run `pulumi up` (or `pulumi refresh --run-program`) to store them, then run this command again";

/**
 * Runs a refresh or destroy hook; a 401, a 403 or a refused token grant gets
 * {@link STORED_CREDENTIALS_NOTE} appended to its message (issue 11, item 4: advising to set
 * the token the user has just set does not help).
 *
 * @example
 * ```ts
 * return withStoredCredentialsNote(() => read(ctx, id, olds));
 * ```
 */
export async function withStoredCredentialsNote<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const code = codeOf(err);
    if (err instanceof Error && code && CREDENTIAL_FAILURES.has(code) && !err.message.includes(STORED_CREDENTIALS_NOTE)) {
      err.message = `${err.message} — ${STORED_CREDENTIALS_NOTE}`;
    }
    throw err;
  }
}
