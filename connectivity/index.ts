/**
 * Connectivity validation (SPEC §4) as a client: the emulator runs these to decide
 * whether a connector may be saved or activated, and the provider's preflight runs the
 * same flows before it takes a live connector down. A module of its own, beside
 * `contract/` (the only code of ours it imports), so the emulator never depends on `provider/`.
 */
export type { ConnectivityOptions, ConnectivityResult } from "./types";
export { DEFAULT_TIMEOUT_MS } from "./types";
export { verifySalesforce, parseRsaPrivateKey, type SalesforceConnectivitySettings } from "./salesforce";
export { verifyOAuth2, type OAuth2ConnectivitySettings } from "./oauth2";
export { verifyBasic, type BasicConnectivitySettings } from "./basic";
