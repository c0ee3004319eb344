/**
 * Which bearer token is valid for which org (`--org ID:TOKEN`). An org has one token;
 * registering the same token for several orgs makes it valid for each of them, like a
 * Webex partner-admin token that manages many customer orgs. A token registered for one
 * org only is refused (403) on every other org.
 *
 * @example
 * const orgs = new OrgRegistry();
 * orgs.add("acme", "partner-token");
 * orgs.add("globex", "partner-token");
 * orgs.allows("partner-token", "globex"); // true
 */
export class OrgRegistry {
  private readonly tokenToOrgs = new Map<string, Set<string>>();
  private readonly orgToToken = new Map<string, string>();

  /** Sets `orgId`'s token, replacing its previous one (which then loses access to this org only). */
  add(orgId: string, token: string): void {
    const old = this.orgToToken.get(orgId);
    if (old !== undefined) {
      const orgs = this.tokenToOrgs.get(old);
      orgs?.delete(orgId);
      if (orgs?.size === 0) this.tokenToOrgs.delete(old);
    }
    this.orgToToken.set(orgId, token);
    const orgs = this.tokenToOrgs.get(token) ?? new Set<string>();
    orgs.add(orgId);
    this.tokenToOrgs.set(token, orgs);
  }

  /** Whether the token is known at all (an unknown token is a 401, a known one on the wrong org a 403). */
  knows(token: string): boolean {
    return this.tokenToOrgs.has(token);
  }

  /** Whether the token is valid for `orgId`. */
  allows(token: string, orgId: string): boolean {
    return this.tokenToOrgs.get(token)?.has(orgId) ?? false;
  }

  list(): Array<{ orgId: string; token: string }> {
    return [...this.orgToToken].map(([orgId, token]) => ({ orgId, token }));
  }
}
