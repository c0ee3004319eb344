import type { Args, KindFixture } from "../../support/fixtures";
import type { Declaration } from "./e2e-stack";

const SECRET_FIELDS = ["privateKey", "password", "clientSecret"];

/**
 * Turns fixture args into an e2e declaration: secret fields go to secret stack config,
 * everything else to plain config, as a user's program would read them.
 */
export function declaration(resource: string, fixture: KindFixture, args: Args): Declaration {
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) {
    if (SECRET_FIELDS.includes(k) && typeof v === "string") secrets[k] = v;
    else plain[k] = v;
  }
  const kind = fixture.kind.type === "SALESFORCE" ? "salesforce" : "custom";
  return { resource, kind, args: plain, secrets };
}
