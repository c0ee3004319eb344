import type { Args, KindFixture } from "../../support/fixtures";
import { SECRET_FIELDS } from "../../../contract/secrets";
import type { Declaration } from "./e2e-stack";

/** Every secret field of either kind (`contract/secrets.ts`): a secret set on the wrong kind is still a secret. */
const SECRET_PROPERTIES: readonly string[] = Object.values(SECRET_FIELDS).flat();

/**
 * Turns fixture args into an e2e declaration: secret fields go to secret stack config,
 * everything else to plain config, as a user's program would read them.
 */
export function declaration(resource: string, fixture: KindFixture, args: Args): Declaration {
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) {
    if (SECRET_PROPERTIES.includes(k) && typeof v === "string") secrets[k] = v;
    else plain[k] = v;
  }
  const kind = fixture.kind.type === "SALESFORCE" ? "salesforce" : "custom";
  return { resource, kind, args: plain, secrets };
}
