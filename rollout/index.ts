export { preview, up, type RolloutReport, type StackReport, type RolloutOptions } from "./rollout";
export { formatReport } from "./format";
export { planWaves, runWaves, type RolloutStatus } from "./waves";
export { discoverStacks, stackOrgId } from "./stacks";
export { ChangeCollector, type ChangeCounts, type ResourceChange } from "./summary";
export { formatTable } from "./table";
export { runCli } from "./cli";
