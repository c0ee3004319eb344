import { describe, expect, it } from "vitest";
import { planOrg } from "../../export/plan-org";
import { renderFleetProgram } from "../../export/render/fleet-program";
import { renderProgram } from "../../export/render/program";
import { custom, HOSTILE, salesforce } from "./fixtures";
import { typecheckPrograms } from "./typecheck";

describe("generated programs type-check", () => {
  it("under strict TypeScript against the SDK: hostile names and fields, an empty org, and the multi-org program", () => {
    const connectors = HOSTILE.map((name, i) =>
      i % 3 === 0
        ? salesforce(name, {
            status: i % 2 ? "INACTIVE" : "ACTIVE",
            salesforce: { clientId: `id "${i}"\\`, userEmail: "a@example.com", authServerUrl: "https://login.salesforce.com" },
          })
        : i % 3 === 1
          ? custom(name, {
              custom: { authenticationType: "BASIC", domainUrl: "https://x.example.com", username: "u\n'\"`${x}`", validationUrl: "https://x.example.com/*/" },
            })
          : custom(name, {
              custom: {
                authenticationType: "OAUTH2",
                domainUrl: "https://x.example.com",
                grantType: i % 2 ? "PASSWORD" : "CLIENT_CREDENTIALS",
                username: i % 2 ? "bot" : undefined,
                clientId: "c\u2028",
                tokenUrl: "https://idp.example.com/t",
                scope: "a\\b",
              },
            }),
    );
    const diagnostics = typecheckPrograms({
      hostile: renderProgram(planOrg('acme\n"org"', connectors), { orgId: 'acme\n"org"', version: "0.1.0" }),
      empty: renderProgram([], { orgId: "empty", version: "0.1.0" }),
      fleet: renderFleetProgram({ version: "0.1.0", stacks: ["acme", 'we"ird\n'] }),
    });
    expect(diagnostics).toBe("");
  }, 120_000);
});
