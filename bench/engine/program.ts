import type { ConfigMap } from "@pulumi/pulumi/automation";
import { CUSTOM_INPUT_FIELDS, SALESFORCE_INPUT_FIELDS } from "../../provider/kinds/input-fields";

/**
 * The engine bench's Pulumi program. It declares what the stack config lists, so each
 * scenario is shaped by `pulumi config` alone:
 *   bench:connectors  JSON [{ resource, kind: "salesforce" | "custom", args, secretFields? }]
 *                     (`secretFields` maps an arg to a key of bench:secrets)
 *   bench:secrets     secret JSON { [key]: value }
 *   bench:noop        how many no-op dynamic resources to declare (create returns at once)
 *   bench:noopShape   JSON declarations like bench:connectors, each declared as a no-op
 *                     resource with the connector's public properties: its args (secrets as
 *                     secrets), its kind's other inputs, its outputs, its secret outputs (the
 *                     same-shape baseline)
 *   bench:shapeInputs JSON { custom, salesforce }: every input field of each kind
 */
export const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { SalesforceConnector, CustomConnector } = require("pulumi-wxcc-connectors");

const cfg = new pulumi.Config("bench");
const secrets = cfg.getSecretObject("secrets") || pulumi.secret({});
const argsOf = (d) => {
  const args = { ...d.args };
  for (const [field, key] of Object.entries(d.secretFields || {})) args[field] = secrets.apply((s) => s[key]);
  return args;
};
for (const d of cfg.getObject("connectors") || []) {
  const Resource = d.kind === "salesforce" ? SalesforceConnector : CustomConnector;
  new Resource(d.resource, argsOf(d));
}

// The baseline: a dynamic resource whose provider does no work at all.
const noopProvider = {
  async create(inputs) { return { id: inputs.key, outs: inputs }; },
  async delete() {},
};
class Noop extends pulumi.dynamic.Resource {
  constructor(name, args, opts) { super(noopProvider, name, args, opts, "bench", "Noop"); }
}
for (let i = 1; i <= Number(cfg.get("noop") || 0); i++) new Noop("noop" + i, { key: "noop-" + i });

// The same-shape baseline: Pulumi's own work grows with a resource's properties (each
// output is a few promises with a captured stack), so this no-op declares what a connector
// resource registers publicly: every input of its kind (given or not: each is an Output of
// the resource), its backend outputs and its secret outputs.
const INPUTS = cfg.getObject("shapeInputs") || { custom: [], salesforce: [] };
const OUTPUTS = ["connectorId", "status", "version", "createdAt", "updatedAt"];
const SECRET_OUTPUTS = { custom: ["password", "clientSecret"], salesforce: ["privateKey"] };
(cfg.getObject("noopShape") || []).forEach((d, i) => {
  const props = { key: "shaped-" + (i + 1), connectorId: undefined, ...argsOf(d) };
  for (const k of [...INPUTS[d.kind], ...OUTPUTS, ...SECRET_OUTPUTS[d.kind]]) if (!(k in props)) props[k] = undefined;
  new Noop("shaped" + (i + 1), props, { additionalSecretOutputs: SECRET_OUTPUTS[d.kind] });
});
`;

/** One connector the program declares. */
export interface Declaration {
  resource: string;
  kind: "salesforce" | "custom";
  args: Record<string, unknown>;
  /** Arg name → key of the secret config `bench:secrets`. */
  secretFields?: Record<string, string>;
}

/**
 * The `bench:*` config for a set of connectors and no-op resources.
 *
 * @example
 * await stack.setAllConfig(benchConfig({ connectors: [decl], noop: 0 }));
 */
export function benchConfig(c: { connectors?: Declaration[]; noop?: number; noopShape?: Declaration[]; secrets?: Record<string, string> }): ConfigMap {
  return {
    "bench:connectors": { value: JSON.stringify(c.connectors ?? []) },
    "bench:noop": { value: String(c.noop ?? 0) },
    "bench:noopShape": { value: JSON.stringify(c.noopShape ?? []) },
    // What a connector resource registers of its kind's inputs (sdk/lib/connector-resource.ts).
    "bench:shapeInputs": { value: JSON.stringify({ custom: CUSTOM_INPUT_FIELDS, salesforce: SALESFORCE_INPUT_FIELDS }) },
    ...(c.secrets ? { "bench:secrets": { value: JSON.stringify(c.secrets), secret: true } } : {}),
  };
}
