import type * as pulumi from "@pulumi/pulumi";
import type { ConnectorType } from "../contract";
// A namespace import of a module under node_modules serializes as `require("…")`: the
// hooks below capture nothing else (no schema, client or config value).
import * as registry from "./connector-provider";

/**
 * The serializable hooks of one connector kind: a plain object whose methods look up the
 * process-wide `ConnectorProvider` when they run (inside the provider plugin).
 */
function hooksFor(type: ConnectorType): pulumi.dynamic.ResourceProvider {
  return {
    configure: (req) => registry.providerFor(type).configure(req),
    check: (olds, news) => registry.providerFor(type).check(olds, news),
    diff: (id, olds, news) => registry.providerFor(type).diff(id, olds, news),
    create: (inputs) => registry.providerFor(type).create(inputs),
    read: (id, props) => registry.providerFor(type).read(id, props),
    update: (id, olds, news) => registry.providerFor(type).update(id, olds, news),
    delete: (id, props) => registry.providerFor(type).delete(id, props),
  };
}

/**
 * Dynamic provider of `SalesforceConnector`.
 *
 * @example
 * ```ts
 * super(salesforceHooks, name, args, opts, "wxcc", "SalesforceConnector");
 * ```
 */
export const salesforceHooks: pulumi.dynamic.ResourceProvider = hooksFor("SALESFORCE");

/**
 * Dynamic provider of `CustomConnector`.
 *
 * @example
 * ```ts
 * super(customHooks, name, args, opts, "wxcc", "CustomConnector");
 * ```
 */
export const customHooks: pulumi.dynamic.ResourceProvider = hooksFor("CUSTOM");
