/**
 * The connector backend contract (SPEC §3, §4, §6): wire types, error codes and statuses,
 * limits, secret fields (and the one redactor of secret values), defaults and field rules,
 * defined once and used by the provider, the connectivity flows, the SDK and the emulator. Re-exports only; this module imports nothing of ours and no
 * package (only `node:crypto`), so importing a single file of it is cheap.
 */
export * from "./wire";
export * from "./error-codes";
export * from "./limits";
export * from "./secrets";
export * from "./defaults";
export * from "./lengths";
export * from "./name";
export * from "./email";
export * from "./url";
export * from "./private-key";
export * from "./custom-fields";
export * from "./basic-auth";
export * from "./redact";
