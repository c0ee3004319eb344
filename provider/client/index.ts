/** The backend client: re-exports only. */
export { ConnectorsClient, type ClientOptions, type RetryInfo } from "./connectors-client";
export * from "./types";
