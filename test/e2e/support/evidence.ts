import type { SecretCatalog } from "../../support/secret-catalog";
import type { E2EStack } from "./e2e-stack";
import { withoutPulumiDumps } from "./pulumi-own-dumps";

/**
 * Every text a secret could leak into, by name: each CLI operation's output (its error
 * included) and engine events, files on disk, emulator logs. Each is checked as soon as it
 * is filed, so a leak fails the step that caused it and names it. Pulumi's own value dumps
 * (see `pulumi-own-dumps.ts`) are cut out of operation texts first; `cut` counts them.
 *
 * @example
 * ```ts
 * const evidence = new Evidence(secrets);
 * await evidence.operation(stack, "pulumi up (create, default verbosity)", () => stack.up());
 * evidence.add({ "state on disk": await stack.exportedState() });
 * evidence.expectNoLeaks();
 * ```
 */
export class Evidence {
  readonly sources: Record<string, string> = {};
  /** Pulumi's own dump records cut out of each operation's texts, by operation name. */
  readonly cut: Record<string, number> = {};

  constructor(private readonly secrets: SecretCatalog) {}

  /** Files texts by name and fails at once if any carries a secret. */
  add(sources: Record<string, string>): void {
    Object.assign(this.sources, sources);
    this.secrets.expectNoLeaks(sources);
  }

  /** Runs a CLI operation of `stack`; its output and engine events become evidence. */
  async operation<T>(stack: E2EStack, name: string, op: () => Promise<T>): Promise<T> {
    const output = stack.output.length;
    const events = stack.events.length;
    try {
      return await op();
    } finally {
      const rest = withoutPulumiDumps(stack.output.slice(output), stack.events.slice(events));
      this.cut[name] = rest.cut;
      this.add({ [`${name}: CLI output`]: rest.output, [`${name}: engine events`]: rest.events });
    }
  }

  /** Runs a CLI operation expected to fail; returns its error message (filed with the output). */
  async failure(stack: E2EStack, name: string, op: () => Promise<unknown>): Promise<string> {
    return this.operation(stack, name, () => stack.expectFailure(op));
  }

  /** Checks everything filed so far again, against every secret catalogued by now. */
  expectNoLeaks(): void {
    this.secrets.expectNoLeaks(this.sources);
  }
}
