import { ConnectorProvider } from "../../provider/dynamic-provider";
import type { ConnectorInputs, ConnectorOutputs } from "../../provider/kinds/inputs";
import type { ConnectorKind } from "../../provider/kinds/kind";
import { setProgressSink } from "../../provider/progress";
import type { LifecycleEmulator, TestOrg } from "./emulator";
import type { Args } from "./fixtures";

/** Fast retries so fault-injection tests finish quickly. */
export const FAST_CLIENT = { maxRetries: 2, retryBaseMs: 5, requestTimeoutMs: 10_000 };

/**
 * A `ConnectorProvider` of `kind` bound to `org` on the emulator, built as the plugin
 * would after `configure` (explicit settings instead of stack config).
 *
 * @example
 * ```ts
 * const provider = makeProvider(env, org, customKind, { preflight: false });
 * ```
 */
export function makeProvider(
  env: LifecycleEmulator,
  org: TestOrg,
  kind: ConnectorKind<ConnectorInputs>,
  opts: { preflight?: boolean } = {},
): ConnectorProvider<ConnectorInputs> {
  return new ConnectorProvider(kind, {
    settings: { baseUrl: env.url, accessToken: org.token, orgId: org.orgId, preflight: opts.preflight ?? true },
    client: FAST_CLIENT,
  });
}

/** Runs `check` like the engine does and fails the test on any check failure. */
export async function checked(provider: ConnectorProvider<ConnectorInputs>, args: Args, olds: Args = {}): Promise<ConnectorInputs> {
  const result = await provider.check(olds, args);
  if (result.failures && result.failures.length > 0) {
    throw new Error(`check failed: ${result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
  return result.inputs as ConnectorInputs;
}

/** Creates a connector through the provider; returns id and outputs. */
export async function createVia(provider: ConnectorProvider<ConnectorInputs>, args: Args): Promise<{ id: string; outs: ConnectorOutputs<ConnectorInputs> }> {
  const inputs = await checked(provider, args);
  const { id, outs } = await provider.create(inputs);
  return { id, outs: outs as ConnectorOutputs<ConnectorInputs> };
}

/** Progress lines captured by {@link captureProgress}. */
export interface ProgressCapture {
  /** The lines since the previous `take`. */
  take(): string[];
  /** Every line so far. */
  all: string[];
  /** Puts back the sink that was there before. */
  restore(): void;
}

/**
 * Captures progress lines for the duration of the test file.
 *
 * @example
 * ```ts
 * const progress = captureProgress(); // in beforeAll
 * progress.take(); // lines since the last take
 * ```
 */
export function captureProgress(): ProgressCapture {
  const all: string[] = [];
  let mark = 0;
  const previous = setProgressSink((line) => all.push(line));
  return {
    all,
    take: () => {
      const lines = all.slice(mark);
      mark = all.length;
      return lines;
    },
    restore: () => {
      setProgressSink(previous);
    },
  };
}

/** Catches the rejection of `p` (fails if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the operation to fail, but it succeeded");
}

/** Asserts that no secret value (or fragment) appears in any of `texts`. */
export function leakedSecrets(texts: string[], secrets: string[]): string[] {
  const leaks: string[] = [];
  for (const t of texts) for (const s of secrets) if (s && t.includes(s)) leaks.push(s.slice(0, 8));
  return leaks;
}
