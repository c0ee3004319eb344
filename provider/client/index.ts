/** The backend client: re-exports only. `connectors-client` lists the contract's operations; `call-loop` sends, retries, reconciles and maps errors. */
export { ConnectorsClient, type ClientOptions, type RetryInfo } from "./connectors-client";
export { CallLoop, type CallLoopOptions, type Operation, type Plan } from "./call-loop";
export type * from "../../contract/wire";
