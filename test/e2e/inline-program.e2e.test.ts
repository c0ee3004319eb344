import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putPulumiOnPath } from "../../harness/pulumi-cli";
import { repoRoot } from "../../harness/repo";
import { createSandbox, type PulumiSandbox } from "../../harness/sandbox";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";

const run = promisify(execFile);

// An inline Automation API program (`program: async () => …`) runs inside the host process,
// once per `preview`/`up`. When the org check fails, every connector's registration must
// fail with the reported error so the run returns: a check that only held them kept
// `stack.preview()` waiting forever (found by review). The orgId here is a secret config
// value, an Output: the check must see it as it sees a plain one (found by review).

/** The host script: runs each case's preview and up in one process, printing one RESULT line per operation. */
const HOST = `
const pulumi = require("@pulumi/pulumi");
const { LocalWorkspace } = require("@pulumi/pulumi/automation");
const { CustomConnector } = require("pulumi-wxcc-connectors");
const { cases, envVars, pulumiHome, workDir } = JSON.parse(process.env.INLINE_CASES);
const basic = (name) => ({ name, domainUrl: "https://crm.example.com", username: "svc", password: pulumi.secret("inline-pw-7c1d") });
(async () => {
  for (const c of cases) {
    let declared = c.declare;
    const program = async () => {
      // A plain org makes the program's own declarations checkable at once (in the constructor).
      const orgId = c.plainOrg ? c.org : new pulumi.Config("app").requireSecret("org");
      // [resource, name, field?, after?, args?, opts?]: with a field, that input is an .apply that
      // throws; with after, the connector is declared inside an .apply of that connector's id;
      // args and opts are added to the declaration's.
      const made = {};
      for (const [resource, name, throwing, after, extra, opts] of declared) {
        const declare = () => {
          const args = { ...basic(name), orgId, ...extra };
          if (throwing) args[throwing] = pulumi.output(orgId).apply(() => { throw new Error("program input failure 5b7e in " + resource); });
          return new CustomConnector(resource, args, opts);
        };
        if (after) made[after].connectorId.apply(() => { declare(); });
        else made[resource] = declare();
      }
    };
    const stack = await LocalWorkspace.createOrSelectStack({ projectName: "inline", stackName: c.stack, program }, { workDir, envVars, pulumiHome });
    await stack.setAllConfig({
      "wxcc:baseUrl": { value: c.url },
      "wxcc:accessToken": { value: c.token, secret: true },
      "app:org": { value: c.org, secret: true },
    });
    for (const [i, step] of c.ops.entries()) {
      // A step is an operation, or { op, declare, options } to run it with other connectors
      // declared and with options (target: resource names, as URNs; continueOnError, …).
      const op = typeof step === "string" ? step : step.op;
      declared = typeof step === "string" ? c.declare : step.declare;
      const options = { color: "never", ...(typeof step === "string" ? {} : step.options) };
      for (const key of ["target", "exclude"])
        if (options[key]) options[key] = options[key].map((r) => "urn:pulumi:" + c.stack + "::inline::pulumi-nodejs:dynamic/wxcc:CustomConnector::" + r);
      const started = Date.now();
      const result = await Promise.race([
        stack[op](options),
        // A guard against the wait this test is about, never a timing assertion.
        new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 120 s")), 120_000).unref()),
      ]).then(
        () => ({ ok: true }),
        (e) => ({ error: String(e && e.message) }),
      );
      console.log("RESULT " + JSON.stringify({ stack: c.stack, op, step: i, seconds: (Date.now() - started) / 1000, ...result }));
    }
  }
})().catch((e) => { console.log("HOST FAILED " + e); process.exitCode = 1; });
`;

/** The managed connector and, beside it, one whose name clashes with a hand-made connector. */
const withClash = [
  ["keep", "Kept"],
  ["clash", "CASE CLASH"],
];

/** Two managed connectors, each with an input that fails in the program (the name; another field). */
const withFailingInputs = [
  ["keep", "Kept Too", "name"],
  ["other", "Other", "domainUrl"],
];

/** A connector declared from another's output, renamed to clash with it (a check refused at once). */
const lateClash = [
  ["first", "Rev E1"],
  ["second", "REV E1", null, "first"],
];

/**
 * Declarations refused at once inside an .apply of another's output, each kind of refusal: two
 * adopting one `connectorId` (the org check's), `import` beside another `connectorId` (not the
 * org check's). Each failed without saying why: the refused connector reached the engine before
 * Pulumi logged the program's error (found by review).
 */
const lateRefusals: ReadonlyArray<[string, string, unknown[][]]> = [
  [
    'resources "dup1" and "dup2" both declare [connectorId] "c-0000dup1"',
    "the org check of this program failed (its error is above)",
    [
      ...lateClash.slice(0, 1),
      ["second", "Rev E2", null, "first"],
      ["dup1", "Dup A", null, "first", { connectorId: "c-0000dup1" }],
      ["dup2", "Dup B", null, "first", { connectorId: "c-0000dup1" }],
    ],
  ],
  [
    'the `import` option adopts connector "c-0000imp2" and [connectorId] names "c-0000imp1"',
    "the declaration of this connector was refused in the program (its error is above)",
    [...lateClash.slice(0, 1), ["second", "Rev E2", null, "first"], ["imp", "Imp", null, "first", { connectorId: "c-0000imp1" }, { import: "c-0000imp2" }]],
  ],
];

/** The failing runs of the "inputs" stack. */
const INPUT_RUNS: ReadonlyArray<[string, Record<string, unknown>]> = [
  ["preview", {}],
  ["up", {}],
  ["up", { target: ["keep"] }],
  ["up", { target: ["other"], continueOnError: true }],
];

/** The failing runs of the "kept" stack: each operation with each option that changes which steps run. */
const KEPT_RUNS: ReadonlyArray<[string, Record<string, unknown>]> = [
  ["preview", {}],
  ["up", {}],
  ["preview", { target: ["keep"] }],
  ["up", { target: ["keep"] }],
  ["up", { target: ["keep"], targetDependents: true }],
  ["up", { target: ["clash"] }],
  ["up", { continueOnError: true }],
  ["up", { refresh: true }],
  ["up", { exclude: ["clash"] }],
];

describe("an inline Automation API program whose org check fails returns, naming the failure", () => {
  let env: LifecycleEmulator;
  let org: TestOrg;
  let sandbox: PulumiSandbox;
  let clashId = "";

  beforeAll(async () => {
    putPulumiOnPath();
    env = await startLifecycleEmulator();
    org = await env.freshOrg();
    sandbox = createSandbox({ prefix: "e2e/inline", project: { name: "inline", program: "" }, passphrase: "inline-passphrase" });
    clashId = (
      await env.byHand(org).create({
        type: "CUSTOM",
        name: "Case Clash",
        custom: { authenticationType: "BASIC", domainUrl: "https://crm.example.com", username: "svc", password: "hand-pw-9" },
      })
    ).id;
  });
  afterAll(async () => {
    sandbox?.dispose();
    await env?.close();
  });

  it("fails preview and up of a refused token, a case clash and a duplicate, each in seconds, deleting nothing; a valid run then succeeds in the same process", async () => {
    const target = { url: env.url, org: org.orgId, token: org.token };
    const cases = [
      { stack: "refused", ...target, token: "refused-token-3b9e", declare: [["crm", "CRM"]], ops: ["preview", "up"] },
      {
        stack: "clash",
        ...target,
        declare: [
          ["ok", "Fine"],
          ["clash", "CASE clash"],
        ],
        ops: ["preview", "up"],
      },
      {
        stack: "duplicate",
        ...target,
        declare: [
          ["a", "Same"],
          ["b", "SAME"],
        ],
        ops: ["preview", "up"],
      },
      { stack: "valid", ...target, declare: [["crm", "CRM"]], ops: ["up", "destroy"] },
      // A connector the stack already manages, then a clashing one beside it: the failed check
      // must not make the engine delete the first, as it did when it never registered (waiting
      // for the check) and the runtime of an inline program told the engine the program was
      // complete before reporting the failure; then with the first one targeted (`target` kept
      // a marker resource of the check from failing the run, and the targeted connector was
      // deleted), and with the other run options that change which steps run (found by review).
      {
        stack: "kept",
        ...target,
        declare: [["keep", "Kept"]],
        ops: ["up", ...KEPT_RUNS.map(([op, options]) => ({ op, options, declare: withClash })), "preview"],
      },
      // A managed connector declared inside an .apply of another's output, renamed so that the
      // org check refuses it at once: thrown there, the refusal left it unregistered, and an
      // inline up deleted it (found by review).
      {
        stack: "late",
        ...target,
        plainOrg: true,
        declare: [
          ["first", "Rev E1"],
          ["second", "Rev E2", null, "first"],
        ],
        ops: [
          "up",
          { op: "preview", declare: lateClash },
          { op: "up", declare: lateClash },
          ...lateRefusals.flatMap(([, , declare]) => ["preview", "up"].map((op) => ({ op, declare }))),
          "preview",
        ],
      },
      // Managed connectors whose inputs fail in the program (an .apply that throws): Pulumi never
      // registers such a resource, and an inline run then deleted the connector (found by review).
      {
        stack: "inputs",
        ...target,
        declare: [
          ["keep", "Kept Too"],
          ["other", "Other"],
        ],
        ops: ["up", ...INPUT_RUNS.map(([op, options]) => ({ op, options, declare: withFailingInputs })), "preview"],
      },
    ];
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      INLINE_CASES: JSON.stringify({ cases, envVars: sandbox.envVars, pulumiHome: sandbox.pulumiHome, workDir: sandbox.root }),
    };
    for (const k of ["WXCC_BASE_URL", "WXCC_ORG_ID", "WXCC_ACCESS_TOKEN"]) delete childEnv[k];
    // A guard against the hang this test is about, never a timing assertion: a run that never
    // returns is killed here and its missing RESULT lines fail the expectations below.
    const { stdout } = await run(process.execPath, ["-e", HOST], { cwd: path.join(repoRoot, ".tmp"), env: childEnv, timeout: 400_000 }).catch(
      (e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }),
    );
    const results = stdout
      .split("\n")
      .filter((l) => l.startsWith("RESULT "))
      .map((l) => JSON.parse(l.slice("RESULT ".length)) as { stack: string; op: string; step: number; error?: string; ok?: boolean });
    const outcome = (stack: string, op: string) => results.find((r) => r.stack === stack && r.op === op);
    const stepOf = (stack: string, step: number) => results.find((r) => r.stack === stack && r.step === step);

    // The org is secret config here, and the engine shows secret config values as [secret].
    const orgShown = "[secret]";
    for (const op of ["preview", "up"]) {
      const said = (stack: string) => outcome(stack, op)?.error ?? `no result for ${stack} ${op}`;
      expect(said("refused")).toContain(`error: The org check could not list the connectors of org "${orgShown}"`);
      expect(said("refused")).toContain("401 UNAUTHORIZED");
      expect(said("clash")).toContain(
        `error: Connector names are unique in an org regardless of case: resource "clash" declares [name] "CASE clash", and org "${orgShown}" already has "Case Clash" (${clashId})`,
      );
      expect(said("duplicate")).toContain(`resources "a" and "b" declare [name] "Same" and "SAME" in org "${orgShown}"`);
      // Said as the program's failure, once, not as a failure to serialize each connector's name.
      for (const stack of ["refused", "clash"]) expect(said(stack)).not.toContain("error serializing");
    }
    for (const r of results.filter((r) => r.error)) {
      expect(r.error).not.toContain("refused-token-3b9e");
      expect(r.error).not.toContain("inline-pw-7c1d");
    }
    expect(outcome("valid", "up")).toMatchObject({ ok: true });
    expect(outcome("valid", "destroy")).toMatchObject({ ok: true });
    // The managed connector outlived the failed preview and up, untouched: never deactivated.
    const kept = (await env.byHand(org).list()).find((c) => c.name === "Kept");
    expect(kept?.status).toBe("ACTIVE");
    expect((await env.transitions(kept!.id)).map(([kind]) => kind)).toEqual(["CREATE"]);
    expect(stepOf("kept", 0)).toMatchObject({ ok: true });
    for (const [i, [op, options]] of KEPT_RUNS.entries()) {
      const said = stepOf("kept", i + 1)?.error ?? `no result for ${op} ${JSON.stringify(options)}`;
      expect(said).toContain(`resource "clash" declares [name] "CASE CLASH", and org "${orgShown}" already has "Case Clash"`);
      expect(said).not.toMatch(/deleted|deleting/);
      // The connectors the run acted on were refused by their own check, not left unregistered.
      if (!options.target || (options.target as string[]).includes("keep"))
        expect(said).toContain(
          "the org check of this program failed (its error is above), so this connector was not checked against its org and is left as it is",
        );
    }
    expect(stepOf("kept", KEPT_RUNS.length + 1)).toMatchObject({ ok: true });
    // The connectors whose inputs failed outlived every failed run, untouched.
    expect(stepOf("inputs", 0)).toMatchObject({ ok: true });
    for (const [i, [op, options]] of INPUT_RUNS.entries()) {
      const said = stepOf("inputs", i + 1)?.error ?? `no result for ${op} ${JSON.stringify(options)}`;
      expect(said).toContain("program input failure 5b7e");
      expect(said).not.toMatch(/deleted|deleting/);
      if (op === "up")
        expect(said).toContain(
          "an input of this connector failed in the program (its error is above), so it was not registered as declared and is left as it is",
        );
    }
    expect(stepOf("inputs", INPUT_RUNS.length + 1)).toMatchObject({ ok: true });
    for (const name of ["Kept Too", "Other"]) {
      const live = (await env.byHand(org).list()).find((c) => c.name === name);
      expect(live?.status, name).toBe("ACTIVE");
      expect((await env.transitions(live!.id)).map(([kind]) => kind)).toEqual(["CREATE"]);
    }
    // The connector declared from another's output outlived the refusal of its new name.
    expect(stepOf("late", 0)).toMatchObject({ ok: true });
    for (const step of [1, 2]) {
      const said = stepOf("late", step)?.error ?? `no result for step ${step}`;
      expect(said).toContain('resources "first" and "second" declare [name] "Rev E1" and "REV E1"');
      expect(said).not.toMatch(/deleted|deleting/);
    }
    expect(stepOf("late", 2)?.error).toContain("the org check of this program failed (its error is above)");
    // Each refusal's reason is printed, in preview and up.
    for (const [i, [reason, refusal]] of lateRefusals.entries())
      for (const step of [3 + 2 * i, 4 + 2 * i]) {
        const said = stepOf("late", step)?.error ?? `no result for step ${step}`;
        expect(said, `step ${step}`).toContain(reason);
        expect(said, `step ${step}`).toContain(refusal);
        expect(said, `step ${step}`).not.toMatch(/deleted|deleting/);
      }
    expect(stepOf("late", 3 + 2 * lateRefusals.length)).toMatchObject({ ok: true });
    for (const name of ["Rev E1", "Rev E2"]) {
      const live = (await env.byHand(org).list()).find((c) => c.name === name);
      expect(live?.status, name).toBe("ACTIVE");
      expect((await env.transitions(live!.id)).map(([kind]) => kind)).toEqual(["CREATE"]);
    }
    // Nothing of the failed runs reached the org: only the hand-made and the kept connectors are left.
    expect((await env.byHand(org).list()).map((c) => c.name).sort()).toEqual(["Case Clash", "Kept", "Kept Too", "Other", "Rev E1", "Rev E2"]);
  });
});
