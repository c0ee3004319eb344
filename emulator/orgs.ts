/** Which bearer token belongs to which org (`--org ID:TOKEN`). One token per org. */
export class OrgRegistry {
  private readonly tokenToOrg = new Map<string, string>();
  private readonly orgToToken = new Map<string, string>();

  add(orgId: string, token: string): void {
    const old = this.orgToToken.get(orgId);
    if (old !== undefined) this.tokenToOrg.delete(old);
    this.orgToToken.set(orgId, token);
    this.tokenToOrg.set(token, orgId);
  }

  /** The org a token is valid for, or undefined for an unknown token. */
  orgOf(token: string): string | undefined {
    return this.tokenToOrg.get(token);
  }

  list(): Array<{ orgId: string; token: string }> {
    return [...this.orgToToken].map(([orgId, token]) => ({ orgId, token }));
  }
}
