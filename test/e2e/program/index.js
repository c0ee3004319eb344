// The end-to-end suites' Pulumi program: it declares whatever connectors the stack config
// lists, so each test shapes its scenario with `pulumi config` alone, as users do per org.
//   e2e:connectors  JSON [{ resource, kind: "salesforce" | "custom", args, secretFields?, outputFields?, options? }]
//                   outputFields: args passed as Outputs (unknown to the program at declaration time);
//                   options: resource options ({ aliases?, import? }).
//   e2e:secrets     secret JSON { [resource]: { [field]: value } }
//   e2e:throw       a message the program throws a second after it has declared them (a program's own failure)
"use strict";
const pulumi = require("@pulumi/pulumi");
const { SalesforceConnector, CustomConnector } = require("pulumi-wxcc-connectors");

const config = new pulumi.Config("e2e");
const declarations = config.requireObject("connectors");
const secrets = config.getSecretObject("secrets") || pulumi.secret({});

const outputs = {};
for (const d of declarations) {
  const args = { ...d.args };
  for (const field of d.secretFields || []) {
    args[field] = secrets.apply((s) => s[d.resource]?.[field]);
  }
  for (const field of d.outputFields || []) {
    args[field] = pulumi.output(args[field]);
  }
  const Resource = d.kind === "salesforce" ? SalesforceConnector : CustomConnector;
  const connector = new Resource(d.resource, args, d.options);
  outputs[d.resource] = pulumi
    .all([connector.connectorId, connector.status, connector.version])
    .apply(([connectorId, status, version]) => ({ connectorId, status, version }));
}
const thrown = config.get("throw");
if (thrown) {
  // Without a stack: Pulumi's runner formats a stack with util.inspect, which alone takes
  // ~20 s on the CI machine; the suites measure what this package holds the program for.
  const error = new pulumi.RunError(thrown);
  error.stack = undefined;
  // A second later, so that the org check's listing is under way when the program fails.
  setTimeout(() => {
    throw error;
  }, 1000);
}
module.exports = outputs;
