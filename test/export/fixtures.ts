import type { Connector } from "../../provider/client";

let seq = 0;

/** A live connector record as `GET /connectors` returns it; defaults: an active Basic custom connector. */
export function custom(name: string, over: Partial<Connector> & { custom?: Connector["custom"] } = {}): Connector {
  seq++;
  return {
    id: `c-${String(seq).padStart(4, "0")}aa${seq}`,
    orgId: "acme",
    type: "CUSTOM",
    name,
    status: "ACTIVE",
    version: 1,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc" },
    ...over,
  };
}

/** A live Salesforce connector record. */
export function salesforce(name: string, over: Partial<Connector> = {}): Connector {
  return custom(name, {
    type: "SALESFORCE",
    custom: undefined,
    salesforce: { clientId: "3MVG9abc", userEmail: "int@example.com", authServerUrl: "https://login.salesforce.com" },
    ...over,
  });
}

/** Names that break naive code generation: quotes, backslashes, newlines, template and comment syntax, other scripts. */
export const HOSTILE = [
  'Say "hi"',
  "it's",
  "back\\slash\\",
  "two\nlines\r\n",
  "tab\there",
  "`${process.exit(1)}`",
  "*/ end of comment",
  "line\u2028separator\u2029",
  "顧客 API",
  "Zahlungsdienst Ü",
  "🚀 launch",
  "class",
];
