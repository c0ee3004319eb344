/**
 * The connector an operation is about, as every progress line and error message names
 * it: resource type, connector name, connector id (once known) and org.
 */
export interface Subject {
  /** `"SalesforceConnector"` | `"CustomConnector"`. */
  resourceType: string;
  name: string;
  orgId: string;
  connectorId?: string;
}

/**
 * Renders a subject the way messages quote it.
 *
 * @example
 * ```ts
 * subjectLabel({ resourceType: "CustomConnector", name: "support-basic", orgId: "acme", connectorId: "c-1a2b" });
 * // 'CustomConnector "support-basic" (c-1a2b) in org "acme"'
 * ```
 */
export function subjectLabel(subject: Subject): string {
  const id = subject.connectorId ? ` (${subject.connectorId})` : "";
  return `${subject.resourceType} "${subject.name}"${id} in org "${subject.orgId}"`;
}
