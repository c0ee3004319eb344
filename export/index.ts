/** `wxcc-export` as a library: re-exports only. */
export { runCli, type Io } from "./cli";
export { buildExport, type BuildOptions, type BuiltExport } from "./build";
export { planOrg, type PlannedResource, type SecretSlot } from "./plan-org";
export { planFleet, type FleetPlan, type OrgExport } from "./plan-fleet";
export { readOrg, type OrgSource, type ReadOptions } from "./read-org";
export { slugify } from "./naming/slug";
export { assignLogicalNames, type Nameable } from "./naming/logical-names";
export { identifierFor } from "./naming/identifier";
export { ExportError, type ExportErrorCode } from "./errors";
