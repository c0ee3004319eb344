// An e2e program whose connectors take each secret by one of the paths a user's program
// can: verbatim secret config, a secret transformed with `.apply`, a file read and wrapped
// in `pulumi.secret`, or the (secret) output of another resource.
//   e2e:sources  JSON [{ key, json }]: the resources whose (secret) output "resource" cases take
//   e2e:cases    JSON [{ resource, kind: "salesforce" | "custom", args, secrets: { [field]: { via, key, json } } }]
//                via: "config" | "apply" | "file" | "resource"; json: the value is JSON (not a string)
//   e2e:v-<key>  secret: the value itself (JSON text when json)
//   e2e:b-<key>  secret: base64 of the value's text, for "apply" and "resource"
//   secret-files/<key>  the value's text, for "file"
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { SalesforceConnector, CustomConnector } = require("pulumi-wxcc-connectors");

const config = new pulumi.Config("e2e");
const cases = config.getObject("cases") || [];

/** A resource that outputs, as a secret, the value it was given base64-encoded (as a key generator would). */
const sourceProvider = {
  async create(inputs) {
    const text = Buffer.from(inputs.encoded, "base64").toString("utf8");
    return { id: inputs.key, outs: { ...inputs, value: inputs.json ? JSON.parse(text) : text } };
  },
};
class SecretSource extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(sourceProvider, name, { ...args, value: undefined }, { additionalSecretOutputs: ["value", "encoded"] });
  }
}

const decode = (json) => (b64) => {
  const text = Buffer.from(b64, "base64").toString("utf8");
  return json ? JSON.parse(text) : text;
};

const sources = new Map(
  (config.getObject("sources") || []).map(({ key, json }) => [
    key,
    new SecretSource(`src-${key}`, { key, json, encoded: config.requireSecret(`b-${key}`) }).value,
  ]),
);

function secretValue({ via, key, json }) {
  switch (via) {
    case "config":
      return json ? config.requireSecretObject(`v-${key}`) : config.requireSecret(`v-${key}`);
    case "apply":
      return config.requireSecret(`b-${key}`).apply(decode(json));
    case "file": {
      const text = fs.readFileSync(path.join(__dirname, "secret-files", key), "utf8");
      return pulumi.secret(json ? JSON.parse(text) : text);
    }
    case "resource":
      return sources.get(key);
    default:
      throw new Error(`unknown secret path ${via}`);
  }
}

for (const c of cases) {
  const args = { ...c.args };
  for (const [field, how] of Object.entries(c.secrets || {})) args[field] = secretValue(how);
  const Resource = c.kind === "salesforce" ? SalesforceConnector : CustomConnector;
  new Resource(c.resource, args);
}
