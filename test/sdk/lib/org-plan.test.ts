import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type OrgPlanError, type OrgPlanSource, planOrg as planOrgOf, resetOrgPlan, setOrgPlanSource, unmanagedOverLimit } from "../../../sdk/lib/org-plan";
import { downButDeclaredActive, upButDeclaredInactive } from "../../../sdk/lib/org-rules";
import { liveNameClashes } from "../../../sdk/lib/org-rules";
import { pollUntil } from "../../support/poll";

/** Stack config as `pulumi.runtime.getConfig` answers it, by full key. */
const stack = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const custom = (name: string, over: Record<string, unknown> = {}) => ({ name, orgId: "acme", domainUrl: "https://x.example.com", ...over });

/**
 * Reads every side of an output as Pulumi's serializer does when it registers a resource:
 * a failed org check rejects each gated name with the error it reported once, and a
 * registration consumes it; nothing is left as an unhandled rejection.
 */
function consume(o: unknown): void {
  if (!pulumi.Output.isInstance(o)) return;
  const out = o as any;
  for (const side of [out.isKnown, out.isSecret, out.allResources?.(), out.promise()]) side?.catch?.(() => undefined);
}

/** `planOrg` as a connector's constructor calls it, its gated name consumed as its registration would. */
function planOrg(...args: Parameters<typeof planOrgOf>): ReturnType<typeof planOrgOf> {
  const out = planOrgOf(...args);
  consume(out.name);
  return out;
}

/**
 * How an output settles within `ms`: its value, its error, or "held" (still pending). The
 * listing's client is imported before the tests, so every check here finishes within 300 ms.
 */
async function settled<T>(o: pulumi.Input<T>, ms = 300): Promise<{ value: T } | { error: unknown } | "held"> {
  const out = o as any;
  consume(out);
  const timer = new Promise<"held">((r) => setTimeout(() => r("held"), ms));
  return Promise.race([
    (out.promise() as Promise<T>).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    timer,
  ]);
}

/** The error an output rejects with (within `ms`), or how it settled otherwise. */
async function failure(o: pulumi.Input<unknown>, ms = 300): Promise<unknown> {
  const s = await settled(o, ms);
  return s !== "held" && "error" in s ? s.error : s;
}

describe("the program-wide org plan", () => {
  let server: Server;
  let url = "";
  let live: Array<{ id: string; name: string; type: string }> = [];
  let listings = 0;
  let answer: "ok" | 401 | 403 | 503 = "ok";
  let reported: OrgPlanError[] = [];

  /** The org check as a preview (default) or an up sees it, with the given stack config. */
  const use = (config: Record<string, string>, over: Partial<OrgPlanSource> = {}) =>
    setOrgPlanSource({ config: stack(config), env: {}, dryRun: true, report: (e) => reported.push(e), client: { retryBaseMs: 1 }, ...over });
  const online = () => ({ "wxcc:baseUrl": url, "wxcc:accessToken": "tok-5e3a91c7" });
  const offline = { "wxcc:offlinePreview": "true" };

  beforeAll(async () => {
    server = createServer((req, res) => {
      listings++;
      res.setHeader("content-type", "application/json");
      if (answer !== "ok" || req.headers.authorization !== "Bearer tok-5e3a91c7") {
        const status = answer === "ok" ? 401 : answer;
        res.statusCode = status;
        res.end(JSON.stringify({ code: { 401: "UNAUTHORIZED", 403: "FORBIDDEN", 503: "HTTP_ERROR" }[status], message: "no", trackingId: "t-1" }));
        return;
      }
      res.end(JSON.stringify({ items: live }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await import("../../../provider/client/connectors-client");
  });
  afterAll(() => {
    setOrgPlanSource(undefined);
    return new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => {
    resetOrgPlan();
    live = [];
    listings = 0;
    answer = "ok";
    reported = [];
    use(offline);
  });

  describe("across the program's declarations (also offline)", () => {
    it("rejects two connectors with the same name in one org, case-insensitively, naming both resources", () => {
      planOrg("custom", "orders", custom("Orders API"));
      expect(() => planOrg("salesforce", "orders2", custom("orders api"))).toThrow(
        /resources "orders" and "orders2" declare \[name\] "Orders API" and "orders api" in org "acme"/,
      );
      expect(reported.map((e) => e.code)).toEqual(["NAME_CONFLICT"]);
    });

    it("says why an adopter cannot take over, by name, the connector another declaration manages (either order)", () => {
      planOrg("custom", "crm", custom("CRM"));
      expect(() => planOrg("custom", "crm2", custom("CRM", { connectorId: "c-1" }))).toThrow(
        'resources "crm" and "crm2" both declare [name] "CRM" in org "acme"; rename one of them. (If "crm2" means to take over the connector "crm" manages, that connector would have two owners; to move it, remove "crm" and give "crm2" the option `aliases: [{ name: "crm" }]` (then it needs no connectorId).)',
      );
      resetOrgPlan();
      planOrg("custom", "crm2", custom("crm", { connectorId: "c-1" }));
      expect(() => planOrg("custom", "crm", custom("CRM"))).toThrow(/\(If "crm2" means to take over the connector "crm" manages/);
      // Two plain declarations, or two adopters (OWNER_CONFLICT's case), get no such hint.
      resetOrgPlan();
      planOrg("custom", "a", custom("Same"));
      expect(() => planOrg("custom", "b", custom("SAME"))).toThrow(/rename one of them\.$/);
    });

    it("rejects two declarations of one connectorId in an org, naming both resources", () => {
      planOrg("custom", "crm", custom("CRM API", { connectorId: "c-1" }));
      expect(() => planOrg("custom", "crm-api", custom("crm-api", { connectorId: "c-1" }))).toThrow(
        'One connector, one owner: resources "crm" and "crm-api" both declare [connectorId] "c-1" in org "acme"',
      );
      expect(reported.map((e) => e.code)).toEqual(["OWNER_CONFLICT"]);
    });

    it("takes the default org from the provider's config reader: wxcc:orgId, else WXCC_ORG_ID", () => {
      const unscoped = (name: string) => ({ name, domainUrl: "https://x.example.com" });
      use(offline, { env: { WXCC_ORG_ID: " globex " } });
      planOrg("custom", "a", unscoped("Orders API"));
      expect(() => planOrg("custom", "b", unscoped("Orders API"))).toThrow(/both declare \[name\] "Orders API" in org "globex"/);
      use({ ...offline, "wxcc:orgId": "acme" }, { env: { WXCC_ORG_ID: "globex" } });
      expect(() => planOrg("custom", "c", unscoped("Orders API"))).not.toThrow();
    });

    it("allows the same name and the same connectorId in different orgs", () => {
      planOrg("custom", "a", custom("Orders API", { connectorId: "c-1" }));
      expect(() => planOrg("custom", "b", custom("Orders API", { orgId: "globex", connectorId: "c-1" }))).not.toThrow();
    });

    it("rejects an 11th custom and a 6th Salesforce connector in one org, naming the org, kind and limit", () => {
      for (let i = 1; i <= 10; i++) planOrg("custom", `c${i}`, custom(`C${i}`));
      expect(() => planOrg("custom", "c11", custom("C11"))).toThrow(/Org "acme" allows at most 10 custom connectors/);
      for (let i = 1; i <= 5; i++) planOrg("salesforce", `s${i}`, custom(`S${i}`));
      expect(() => planOrg("salesforce", "s6", custom("S6"))).toThrow(/Org "acme" allows at most 5 Salesforce connectors/);
    });

    it("offline, makes no backend call, needs no settings and leaves the name as given", async () => {
      use(offline);
      const args = planOrg("custom", "orders", custom("Orders API"));
      expect(args.name).toBe("Orders API");
      use({ "wxcc:orgLimitCheck": "false" }); // the deprecated key means the same
      resetOrgPlan();
      expect(planOrg("custom", "orders", custom("Orders API")).name).toBe("Orders API");
      expect(listings).toBe(0);
    });
  });

  describe("against the backend (previews by default, and every pulumi up)", () => {
    it("fails a preview without wxcc:baseUrl or a token, naming the key, the command and the offline key", () => {
      use({});
      expect(() => planOrg("custom", "orders", custom("Orders API"))).toThrow(
        "Missing configuration [wxcc:baseUrl]: run `pulumi config set wxcc:baseUrl <url>` or set WXCC_BASE_URL. `pulumi preview` needs it as `pulumi up` does (the org check lists each org's connectors); to preview without the backend, run `pulumi config set wxcc:offlinePreview true`.",
      );
      resetOrgPlan();
      use({ "wxcc:baseUrl": url });
      expect(() => planOrg("custom", "orders", custom("Orders API"))).toThrow(
        /^Missing configuration \[wxcc:accessToken\]: run `pulumi config set --secret wxcc:accessToken <token>`/,
      );
      expect(reported.map((e) => e.code)).toEqual(["CONFIG_MISSING", "CONFIG_MISSING"]);
    });

    it("ignores wxcc:offlinePreview in pulumi up, which needs the backend anyway (and does not suggest it)", () => {
      use(offline, { dryRun: false });
      expect(() => planOrg("custom", "orders", custom("Orders API"))).toThrow(
        /^Missing configuration \[wxcc:baseUrl\]: run `pulumi config set wxcc:baseUrl <url>` or set WXCC_BASE_URL\.$/,
      );
    });

    it("passes the name through when the org has room, after one listing per org", async () => {
      live = [{ id: "x", name: "Orders API", type: "CUSTOM" }];
      use(online());
      const a = planOrg("custom", "orders", custom("Orders API"));
      const b = planOrg("custom", "billing", custom("Billing"));
      expect(await settled(a.name)).toEqual({ value: "Orders API" });
      expect(await settled(b.name)).toEqual({ value: "Billing" });
      expect(listings).toBe(1);
      expect(reported).toEqual([]);
    });

    it("fails once when unmanaged live connectors push the org over its limit, and fails every connector with that error (so Pulumi logs it once)", async () => {
      live = Array.from({ length: 9 }, (_, i) => ({ id: `x${i}`, name: `X${i}`, type: "CUSTOM" }));
      use(online());
      const names = ["A", "B", "C"].map((n) => planOrg("custom", n, custom(n)).name);
      for (const name of names) expect(await failure(name)).toBe(reported[0]);
      expect(reported.map((e) => [e.code, e.message])).toEqual([
        [
          "LIMIT_EXCEEDED",
          expect.stringMatching(
            /^Org "acme" allows at most 10 custom connectors: this program declares 3 and the org already has 9 it does not manage: "X0" \(x0\)/,
          ),
        ],
      ]);
    });

    it.each([
      [
        401,
        "the backend refused the credentials (401 UNAUTHORIZED), so `pulumi up` would fail too; set valid ones with `pulumi config set --secret wxcc:accessToken <token>` (or WXCC_ACCESS_TOKEN); or, to preview without the backend, run `pulumi config set wxcc:offlinePreview true`.",
      ],
      [
        403,
        'the credentials are not valid for this org (403 FORBIDDEN), so `pulumi up` would fail too; check [wxcc:orgId] (or the resource\'s orgId) and set credentials for org "acme" with',
      ],
    ] as const)("fails once, naming the key and the command, when the backend answers %i to the listing", async (status, text) => {
      answer = status;
      use(online());
      const names = ["A", "B"].map((n) => planOrg("custom", n, custom(n)).name);
      for (const name of names) expect(await failure(name)).toBe(reported[0]);
      expect(reported).toHaveLength(1);
      expect(reported[0]!.message).toContain(`The org check could not list the connectors of org "acme" at ${url}: ${text}`);
      expect(reported[0]!.message).not.toContain("tok-5e3a91c7");
      expect(reported[0]!.code).toBe(status === 401 ? "UNAUTHORIZED" : "FORBIDDEN");
    });

    it.each([401, 403, 503] as const)(
      "in pulumi up, says a %i plainly: no 'pulumi up would fail too', no offline preview (found by review)",
      async (status) => {
        answer = status;
        use(online(), { dryRun: false });
        const name = planOrg("custom", "a", custom("A")).name;
        expect(await failure(name, 2_000)).toBe(reported[0]);
        expect(reported[0]!.message).toMatch(/^The org check could not list the connectors of org "acme" at http:\/\/127\.0\.0\.1:\d+: /);
        expect(reported[0]!.message).not.toMatch(/would fail too|needs the backend too|offlinePreview/);
        expect(reported[0]!.message).not.toContain("tok-5e3a91c7");
      },
    );

    it("fails, naming the URL, when the backend cannot be reached or keeps failing", async () => {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
      const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      await new Promise<void>((r) => closed.close(() => r()));
      use({ "wxcc:baseUrl": deadUrl, "wxcc:accessToken": "tok-5e3a91c7" });
      const refused = planOrg("custom", "a", custom("A")).name;
      await pollUntil("the failure reported", async () => reported[0], { timeoutMs: 20_000 });
      expect(await failure(refused)).toBe(reported[0]);
      expect(reported.map((e) => e.code)).toEqual(["NETWORK_ERROR"]);
      expect(reported[0]!.message).toMatch(
        new RegExp(
          `^The org check could not list the connectors of org "acme" at ${deadUrl}: Could not reach the backend at ${deadUrl} .*; \`pulumi up\` needs the backend too; or, to preview without the backend, run \`pulumi config set wxcc:offlinePreview true\`\\.$`,
        ),
      );

      resetOrgPlan();
      reported = [];
      answer = 503;
      use(online());
      const failing = planOrg("custom", "a", custom("A")).name;
      await pollUntil("the failure reported", async () => reported[0], { timeoutMs: 20_000 });
      expect(await failure(failing)).toBe(reported[0]);
      expect(reported.map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^The org check could not list the connectors of org "acme" at .*: Backend failed GET connector list in org "acme" after 3 attempts: 503/,
        ),
      ]);
    });

    it("fails a name that equals an unmanaged live connector's in another case, naming the connector and the fix", async () => {
      live = [{ id: "c-9", name: "Case Clash", type: "CUSTOM" }];
      use(online());
      expect(await failure(planOrg("custom", "crm", custom("CASE clash")).name)).toBe(reported[0]);
      expect(reported.map((e) => [e.code, e.message])).toEqual([
        [
          "NAME_CONFLICT",
          'Connector names are unique in an org regardless of case: resource "crm" declares [name] "CASE clash", and org "acme" already has "Case Clash" (c-9), which no resource of this program manages, so the backend would refuse it; adopt it into "crm" with connectorId: "c-9", or choose another name. (If "crm" already manages it and only the case of its name changes, declaring connectorId: "c-9" says so.)',
        ],
      ]);
    });

    it("in an inline program, still registers each connector that waited for a failed check, with the hidden input its check refuses", async () => {
      live = [{ id: "c-9", name: "Case Clash", type: "CUSTOM" }];
      use(online(), { registerAfterFailure: true });
      const clash = planOrg("custom", "crm", custom("CASE clash")) as Record<string, unknown>;
      const kept = planOrg("custom", "kept", custom("Kept")) as Record<string, unknown>;
      for (const [props, name] of [
        [clash, "CASE clash"],
        [kept, "Kept"],
      ] as const) {
        expect(await settled(props.name as pulumi.Output<string>)).toEqual({ value: name });
        expect(await settled(props.__wxccRefusal as pulumi.Output<string>)).toEqual({ value: "org-check" });
      }
      expect(reported.map((e) => e.code)).toEqual(["NAME_CONFLICT"]);
      // A check that passes adds nothing the engine would store (the input resolves to undefined).
      resetOrgPlan();
      reported = [];
      const fine = planOrg("custom", "fine", custom("Fine")) as Record<string, unknown>;
      expect(await settled(fine.name as pulumi.Output<string>)).toEqual({ value: "Fine" });
      expect(await settled(fine.__wxccRefusal as pulumi.Output<string>)).toEqual({ value: undefined });
      expect(reported).toEqual([]);
    });

    it("in an inline program, a refused connector registers only once the failure has reached the engine (its reason is printed before the refusal ends the run)", async () => {
      live = [{ id: "c-9", name: "Case Clash", type: "CUSTOM" }];
      let deliver: (value?: unknown) => void = () => undefined;
      const delivered = new Promise((r) => {
        deliver = r;
      });
      use(online(), {
        registerAfterFailure: true,
        report: (e) => {
          reported.push(e);
          return delivered;
        },
      });
      const clash = planOrg("custom", "crm", custom("CASE clash")) as Record<string, unknown>;
      const late = planOrg("custom", "late", { ...custom("Late"), name: pulumi.output("Late") }) as Record<string, unknown>;
      await pollUntil("the clash reported", async () => (reported.length === 1 ? true : undefined));
      for (const props of [clash, late]) expect(await settled(props.__wxccRefusal as pulumi.Output<string>)).toBe("held");
      deliver();
      for (const props of [clash, late]) expect(await settled(props.__wxccRefusal as pulumi.Output<string>)).toEqual({ value: "org-check" });
    });

    it("accepts the same name in the same case (the connector this stack made) and a declared connectorId", async () => {
      live = [{ id: "c-9", name: "Case Clash", type: "CUSTOM" }];
      use(online());
      expect(await settled(planOrg("custom", "crm", custom("Case Clash")).name)).toEqual({ value: "Case Clash" });
      resetOrgPlan();
      expect(await settled(planOrg("custom", "crm", custom("CASE clash", { connectorId: "c-9" })).name)).toEqual({ value: "CASE clash" });
      expect(reported).toEqual([]);
    });

    it("fails an adoption of a connectorId the org does not have, or of the other kind, naming the resource, the id and the fix", async () => {
      live = [{ id: "c-9", name: "Sales", type: "SALESFORCE" }];
      use(online());
      const missing = planOrg("custom", "crm", custom("CRM", { connectorId: "c-doesnotexist" })).name;
      planOrg("custom", "billing", custom("Billing", { connectorId: "c-9" }));
      expect(await failure(missing)).toBe(reported[0]);
      expect(reported.map((e) => [e.code, e.message])).toEqual([
        [
          "NOT_FOUND",
          'Resource "crm" declares [connectorId] "c-doesnotexist", but org "acme" has no such connector, so `pulumi up` could not adopt it; check [connectorId] and [orgId] (`wxcc-export` lists an org\'s connectors with their ids), or remove connectorId to create a new connector.',
        ],
        [
          "NOT_FOUND",
          'Resource "billing" declares [connectorId] "c-9", which is a SALESFORCE connector ("Sales") in org "acme"; declare it as a SalesforceConnector, or fix [connectorId].',
        ],
      ]);
    });

    it("reports a declared count over the limit once, not again from the live check", async () => {
      use(online());
      const names = Array.from({ length: 5 }, (_, i) => planOrg("salesforce", `s${i}`, custom(`S${i}`)).name);
      expect(() => planOrg("salesforce", "s6", custom("S6"))).toThrow(/allows at most 5 Salesforce connectors, but this program declares 6/);
      expect(await failure(names[0])).toBe(reported[0]);
      expect(reported.map((e) => e.code)).toEqual(["LIMIT_EXCEEDED"]);
    });

    it("fails the connectors declared before a declaration that fails at once, with its error", async () => {
      use(online());
      const first = planOrg("custom", "a", custom("Same")).name;
      expect(() => planOrg("custom", "b", custom("same"))).toThrow(/resources "a" and "b" declare \[name\] "Same" and "same"/);
      expect(await failure(first)).toBe(reported[0]);
      expect(reported).toHaveLength(1);
    });
  });
  describe("declarations whose inputs arrive later: config secrets, .apply, promises, other resources (found by review)", () => {
    /** The ways a value reaches a program: each gives the same value, and the org check must see it. */
    const FORMS = {
      plain: <T>(v: T) => v,
      promise: <T>(v: T) => Promise.resolve(v),
      output: <T>(v: T) => pulumi.output(v),
      secret: <T>(v: T) => pulumi.secret(v),
      apply: <T>(v: T) => pulumi.output(`${v}`).apply(() => v),
      later: <T>(v: T) => pulumi.output(new Promise<T>((r) => setTimeout(() => r(v), 5))),
    };
    type Form = keyof typeof FORMS;
    const form = fc.constantFrom(...(Object.keys(FORMS) as Form[]));
    const unknownOutput = () => pulumi.output(pulumi.unknown as unknown as string);

    /** Declares, swallowing the synchronous throw a clash of two plain declarations gives. */
    const tryPlan = (...args: Parameters<typeof planOrgOf>) => {
      try {
        return planOrg(...args);
      } catch {
        return undefined;
      }
    };

    it("refuses a case-insensitive name clash of two declarations once, however orgId and name reach either (offline too)", async () => {
      await fc.assert(
        fc.asyncProperty(form, form, form, form, fc.boolean(), async (orgA, nameA, orgB, nameB, isOffline) => {
          resetOrgPlan();
          reported = [];
          use(isOffline ? offline : online());
          const a = tryPlan("custom", "a", custom("x", { orgId: FORMS[orgA]("acme"), name: FORMS[nameA]("Orders API") }));
          const b = tryPlan("custom", "b", custom("x", { orgId: FORMS[orgB]("acme"), name: FORMS[nameB]("ORDERS api") }));
          await pollUntil("the clash reported", async () => reported[0], { timeoutMs: 5_000 });
          expect(reported.map((e) => e.code)).toEqual(["NAME_CONFLICT"]);
          expect(reported[0]!.message).toMatch(
            /resources "(a" and "b|b" and "a)" declare \[name\] "(ORDERS api|Orders API|\[secret\])" and "(ORDERS api|Orders API|\[secret\])" in org "(acme|\[secret\])"/,
          );
          // A name given as a secret is never printed.
          if (nameA === "secret") expect(reported[0]!.message).not.toContain("Orders API");
          if (nameB === "secret") expect(reported[0]!.message).not.toContain("ORDERS api");
          // Online, the declaration planned second (b, unless a's inputs resolved after b's)
          // fails with that error; the other may pass, as it would alone. Each run ends with
          // its listing answered, so none reports into the next run.
          const outcomes = await Promise.all([a, b].map((d) => (pulumi.Output.isInstance(d?.name) ? failure(d.name, 2_000) : d?.name)));
          if (!isOffline) expect(outcomes).toContain(reported[0]);
        }),
        { numRuns: 60 },
      );
    });

    it("lists an org given as an Output and refuses what the backend would: a refused token (403), a case clash, a missing adoption", async () => {
      for (const f of ["secret", "apply", "later"] as const) {
        resetOrgPlan();
        reported = [];
        answer = 403;
        use(online());
        const refused = planOrg("custom", "a", custom("A", { orgId: FORMS[f]("acme") }));
        expect(await failure(refused.name, 2_000)).toBe(reported[0]);
        expect(reported.map((e) => e.code)).toEqual(["FORBIDDEN"]);

        resetOrgPlan();
        reported = [];
        answer = "ok";
        live = [{ id: "c-9", name: "Case Clash", type: "CUSTOM" }];
        const clash = planOrg("custom", "crm", custom("x", { orgId: FORMS[f]("acme"), name: FORMS[f]("CASE clash") }));
        expect(await failure(clash.name, 2_000)).toBe(reported[0]);
        expect(reported.map((e) => e.code)).toEqual(["NAME_CONFLICT"]);

        resetOrgPlan();
        reported = [];
        const missing = planOrg("custom", "gone", custom("Gone", { connectorId: FORMS[f]("c-nope") }));
        expect(await failure(missing.name, 2_000)).toBe(reported[0]);
        expect(reported.map((e) => e.code)).toEqual(["NOT_FOUND"]);
      }
    });

    it("never prints a name, orgId or connectorId the program marked secret, however it was derived (found by review)", async () => {
      const secretForms = {
        secret: <T>(v: T) => pulumi.secret(v),
        "secret .apply": <T>(v: T) => pulumi.secret(`${v}`.toUpperCase()).apply(() => v),
        "all with a secret": <T>(v: T) => pulumi.all([pulumi.secret("k"), v]).apply(([, x]) => x),
      };
      for (const [label, f] of Object.entries(secretForms)) {
        const failures = async (declare: () => void) => {
          resetOrgPlan();
          reported = [];
          declare();
          await pollUntil(`a failure (${label})`, async () => reported[0], { timeoutMs: 5_000 });
          return reported.map((e) => e.message).join("\n");
        };
        answer = "ok";
        live = [{ id: "c-9", name: "Case Clash-7F3", type: "CUSTOM" }];
        use(online());
        const clash = await failures(() => planOrg("custom", "crm", custom("x", { name: f("cAsE cLaSh-7f3") })));
        // The live connector's name is the secret in another case: hidden too (found by review).
        expect(clash).toContain('resource "crm" declares [name] "[secret]", and org "acme" already has "[secret]" (c-9)');
        expect(clash.toLowerCase()).not.toContain("case clash-7f3");

        const duplicate = await failures(() => {
          planOrg("custom", "a", custom("Orders API"));
          planOrg("custom", "b", custom("x", { name: f("orders API") }));
        });
        expect(duplicate).toContain('resources "a" and "b" declare [name] "[secret]" and "[secret]" in org "acme"');
        expect(duplicate.toLowerCase()).not.toContain("orders api");

        answer = 403;
        const refused = await failures(() => planOrg("custom", "a", custom("A", { orgId: f("org-hidden-5d2") })));
        expect(refused).toContain('could not list the connectors of org "[secret]"');
        expect(refused).not.toContain("org-hidden-5d2");

        answer = "ok";
        const adoption = await failures(() => planOrg("custom", "a", custom("A", { connectorId: f("c-hidden-91") })));
        expect(adoption).toContain('declares [connectorId] "[secret]", but org "acme" has no such connector');
        expect(adoption).not.toContain("c-hidden-91");
      }
    });

    it("passes a late declaration through after its org's check, with the name's secrecy as given, listing each org once", async () => {
      use(online());
      const secretName = planOrg("custom", "a", custom("x", { orgId: FORMS.secret("acme"), name: pulumi.secret("Orders API") }));
      const plainName = planOrg("custom", "b", custom("Billing", { orgId: FORMS.apply("acme") }));
      expect(await settled(secretName.name)).toEqual({ value: "Orders API" });
      expect(await settled(plainName.name)).toEqual({ value: "Billing" });
      expect(await pulumi.isSecret(pulumi.output(secretName.name))).toBe(true);
      expect(await pulumi.isSecret(pulumi.output(plainName.name))).toBe(false);
      expect(listings).toBe(1);
      expect(reported).toEqual([]);
    });

    it("never waits on a connector whose org comes from another connector's output (no deadlock)", async () => {
      use(online());
      const first = planOrg("custom", "a", custom("A"));
      const second = planOrg("custom", "b", custom("B", { orgId: pulumi.output(first.name).apply(() => "acme") }));
      expect(await settled(first.name)).toEqual({ value: "A" });
      expect(await settled(second.name)).toEqual({ value: "B" });
      expect(reported).toEqual([]);
    });

    it("warns in a preview when an input cannot be known yet, naming the resource and the fields, and lets it through", async () => {
      const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
      try {
        use(online());
        const unknownOrg = planOrg("custom", "vpc-org", custom("A", { orgId: unknownOutput() }));
        const unknownName = planOrg("custom", "vpc-name", custom("x", { name: unknownOutput(), connectorId: unknownOutput() }));
        expect(await settled(unknownOrg.name)).toEqual({ value: "A" });
        expect(await settled(unknownName.name, 1_000)).not.toBe("held");
        const said = warn.mock.calls.map(([m]) => m);
        expect(said).toContain(
          "Resource \"vpc-org\": [orgId] is not known until `pulumi up` (another resource's output), so this preview could not check it against the org's connectors and the program's other declarations; `pulumi up` checks it before creating or changing the connector.",
        );
        expect(said.some((m) => m.startsWith('Resource "vpc-name": [name] and [connectorId] are not known until `pulumi up`'))).toBe(true);
        expect(reported).toEqual([]);
      } finally {
        warn.mockRestore();
      }
    });
  });
});

describe("the org rules, by the backend's name comparison (contract/name)", () => {
  it("counts live connectors the program does not manage, matching by connectorId or exact name", () => {
    const planned = [
      { kind: "custom" as const, resource: "a", name: "A" },
      { kind: "custom" as const, resource: "b", name: "B", connectorId: "id-b" },
    ];
    const others = Array.from({ length: 8 }, (_, i) => ({ id: `x${i}`, name: `X${i}`, type: "CUSTOM" }));
    const managed = [
      { id: "id-a", name: "A", type: "CUSTOM" },
      { id: "id-b", name: "renamed", type: "CUSTOM" },
    ];
    expect(unmanagedOverLimit("acme", planned, [...managed, ...others])).toBeUndefined();
    const msg = unmanagedOverLimit("acme", planned, [...managed, ...others, { id: "x9", name: "X9", type: "CUSTOM" }]);
    expect(msg).toMatch(/Org "acme" allows at most 10 custom connectors: this program declares 2 and the org already has 9 it does not manage: "X0" \(x0\)/);
    expect(msg).toMatch(/Adopt them with \[connectorId\]/);
  });

  it("lets each declaration whose name a preview cannot know manage one live connector (an org at its limit previews green)", () => {
    const live = Array.from({ length: 10 }, (_, i) => ({ id: `c-${i}`, name: `N${i}`, type: "CUSTOM" }));
    const planned = live.map((c, i) => ({ kind: "custom" as const, resource: `r${i}`, name: i < 2 ? undefined : c.name }));
    expect(unmanagedOverLimit("acme", planned, live)).toBeUndefined();
    // One more live connector than the unknown names can account for is still over the limit.
    const msg = unmanagedOverLimit("acme", planned, [...live, { id: "c-x", name: "Extra", type: "CUSTOM" }]);
    expect(msg).toContain(
      'this program declares 10 and the org already has 3 it does not manage: "N0" (c-0), "N1" (c-1), "Extra" (c-x) (2 of them may be managed by declarations whose [name] is not known until `pulumi up`). Adopt',
    );
    // A managed connector renamed in the same update looks unmanaged: the message says how to tell the check.
    expect(msg).toContain("(If one of them is a connector this stack manages and renames in this update, declare its connectorId on its resource");
  });

  it("finds a clash for an adopting declaration too, without suggesting to adopt a second connector", () => {
    const planned = [{ kind: "custom" as const, resource: "crm", name: "Shared", connectorId: "c-1" }];
    const [msg] = liveNameClashes("acme", planned, [
      { id: "c-1", name: "Old", type: "CUSTOM" },
      { id: "c-2", name: "SHARED", type: "CUSTOM" },
    ]);
    expect(msg).toContain(
      'org "acme" already has "SHARED" (c-2), which no resource of this program manages, so the backend would refuse it; choose another name.',
    );
  });

  it("warns about a managed connector the org lists INACTIVE although declared active (found by review: a deactivation landing after its up gave up)", () => {
    const planned = [
      { kind: "custom" as const, resource: "crm", name: "CRM", active: true },
      { kind: "custom" as const, resource: "billing", name: "Billing", connectorId: "c-2", active: true },
      { kind: "custom" as const, resource: "paused", name: "Paused", active: false },
      { kind: "custom" as const, resource: "later", name: "Later", active: undefined },
    ];
    const live = [
      { id: "c-1", name: "CRM", type: "CUSTOM", status: "INACTIVE" },
      { id: "c-2", name: "Billing renamed", type: "CUSTOM", status: "INACTIVE" },
      { id: "c-3", name: "Paused", type: "CUSTOM", status: "INACTIVE" },
      { id: "c-4", name: "Later", type: "CUSTOM", status: "INACTIVE" },
      { id: "c-5", name: "Unmanaged", type: "CUSTOM", status: "INACTIVE" },
      { id: "c-6", name: "crm", type: "CUSTOM", status: "ACTIVE" },
    ];
    expect(downButDeclaredActive("acme", planned, live)).toEqual([
      'Connector "CRM" (c-1) in org "acme", managed by resource "crm", is INACTIVE although declared active. If this preview shows no change for it, the state still says ACTIVE: run `pulumi refresh`, then `pulumi up` reactivates it.',
      'Connector "Billing renamed" (c-2) in org "acme", managed by resource "billing", is INACTIVE although declared active. If this preview shows no change for it, the state still says ACTIVE: run `pulumi refresh`, then `pulumi up` reactivates it.',
    ]);
  });

  it("warns about a managed connector the org lists ACTIVE although declared active: false (found by review: an activation landing after its up gave up)", () => {
    const planned = [
      { kind: "custom" as const, resource: "paused", name: "Paused", active: false },
      { kind: "custom" as const, resource: "held", name: "Held", connectorId: "c-2", active: false },
      { kind: "custom" as const, resource: "crm", name: "CRM", active: true },
      { kind: "custom" as const, resource: "later", name: "Later", active: undefined },
    ];
    const live = [
      { id: "c-1", name: "Paused", type: "CUSTOM", status: "ACTIVE" },
      { id: "c-2", name: "Held renamed", type: "CUSTOM", status: "ACTIVE" },
      { id: "c-3", name: "CRM", type: "CUSTOM", status: "ACTIVE" },
      { id: "c-4", name: "Later", type: "CUSTOM", status: "ACTIVE" },
      { id: "c-5", name: "Unmanaged", type: "CUSTOM", status: "ACTIVE" },
      { id: "c-6", name: "Paused too", type: "CUSTOM", status: "INACTIVE" },
    ];
    const msgs = upButDeclaredInactive("acme", planned, live);
    expect(msgs.map((m) => m.slice(0, m.indexOf(", is ")))).toEqual([
      'Connector "Paused" (c-1) in org "acme", managed by resource "paused"',
      'Connector "Held renamed" (c-2) in org "acme", managed by resource "held"',
    ]);
    expect(msgs[0]).toContain("is ACTIVE although declared active: false. If this preview shows no change for it, the state still says INACTIVE");
    expect(msgs[0]).toContain("run `pulumi refresh`, then `pulumi up` deactivates it.");
  });
});
