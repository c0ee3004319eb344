import type { ConnectorType } from "./wire";

/**
 * Connectors an org may hold per type, inactive ones included (SPEC §1 "org limit";
 * the console refuses a 6th Salesforce or an 11th custom connector).
 */
export const ORG_LIMITS: Readonly<Record<ConnectorType, number>> = { SALESFORCE: 5, CUSTOM: 10 };
