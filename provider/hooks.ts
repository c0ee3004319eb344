import type * as pulumi from "@pulumi/pulumi";
// Namespace imports of modules under node_modules: `pulumi.dynamic.Resource` serializes each
// as `require("…")` and captures nothing else (no schema, client or config value).
import * as custom from "./custom-hooks";
import * as salesforce from "./salesforce-hooks";

/**
 * Dynamic provider of `SalesforceConnector`: the exports of `salesforce-hooks.ts`, whose
 * hooks look up the process-wide `ConnectorProvider` when they run (inside the provider plugin).
 *
 * @example
 * ```ts
 * super(salesforceHooks, name, args, opts, "wxcc", "SalesforceConnector");
 * ```
 */
export const salesforceHooks: pulumi.dynamic.ResourceProvider = salesforce;

/**
 * Dynamic provider of `CustomConnector`: the exports of `custom-hooks.ts`.
 *
 * @example
 * ```ts
 * super(customHooks, name, args, opts, "wxcc", "CustomConnector");
 * ```
 */
export const customHooks: pulumi.dynamic.ResourceProvider = custom;
