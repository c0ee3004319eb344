/** One place a secret turned up: which secret, in which source, and the text around it. */
export interface Leak {
  secret: string;
  source: string;
  /** About 40 characters either side, with every catalogued secret replaced by its label. */
  context: string;
}

interface Entry {
  label: string;
  value: string;
}

/** Shorter values would match by chance (and would not be credible secrets anyway). */
const MIN_SECRET_LENGTH = 8;
const CONTEXT = 40;

/**
 * Every secret value a suite uses, by label, and a scanner that reports where any of them
 * shows up. Reports quote their context with all secrets replaced by `‹label›`, so a failing
 * run names the source and the spot without printing the secret into the CI log.
 *
 * @example
 * ```ts
 * const secrets = new SecretCatalog().add("org token", org.token).addPem("private key", pem);
 * secrets.expectNoLeaks({ "pulumi up output": stack.output });
 * ```
 */
export class SecretCatalog {
  private readonly entries: Entry[] = [];

  /** Catalogues a secret value under a label that says what it is. */
  add(label: string, value: string): this {
    if (value.length < MIN_SECRET_LENGTH) throw new Error(`secret "${label}" is shorter than ${MIN_SECRET_LENGTH} characters; use a longer test secret`);
    if (!this.entries.some((e) => e.value === value)) this.entries.push({ label, value });
    this.entries.sort((a, b) => b.value.length - a.value.length);
    return this;
  }

  /**
   * Catalogues a PEM private key whole and each base64 body line on its own: a key shown in
   * JSON (`\n` escaped), re-wrapped or cut short is still found by its lines.
   */
  addPem(label: string, pem: string): this {
    this.add(label, pem.trim());
    const lines = pem.split(/\r?\n/).filter((line) => line.length >= MIN_SECRET_LENGTH && !line.startsWith("-----"));
    for (const [i, line] of lines.entries()) this.add(`${label} (line ${i + 1})`, line);
    return this;
  }

  /**
   * Catalogues a password together with the HTTP Basic credential it makes
   * (`base64(user:password)`), which is what a logged `Authorization` header would show.
   */
  addCredential(label: string, user: string, password: string): this {
    this.add(label, password);
    return this.add(`${label} (as HTTP Basic credential)`, Buffer.from(`${user}:${password}`).toString("base64"));
  }

  /** The labels catalogued so far. */
  labels(): string[] {
    return this.entries.map((e) => e.label);
  }

  /** Every catalogued secret found in the named sources, with where it first shows. */
  findLeaks(sources: Record<string, string>): Leak[] {
    const leaks: Leak[] = [];
    for (const [source, text] of Object.entries(sources)) {
      const found = this.entries.filter((e) => text.includes(e.value));
      if (found.length === 0) continue;
      const redacted = this.redact(text);
      for (const e of found) leaks.push({ secret: e.label, source, context: this.contextOf(redacted, e) });
    }
    return leaks;
  }

  /** Throws a report of every leak (source, secret label, redacted context) if there is any. */
  expectNoLeaks(sources: Record<string, string>): void {
    const leaks = this.findLeaks(sources);
    if (leaks.length === 0) return;
    const report = leaks.map((l) => `  - ${l.secret} in ${l.source}: …${l.context}…`).join("\n");
    throw new Error(`${leaks.length} secret occurrence(s) found:\n${report}`);
  }

  /**
   * The text around the first marker standing for `e` in `redacted`: its own, or that of a
   * longer secret containing it (a PEM line inside the whole PEM).
   */
  private contextOf(redacted: string, e: Entry): string {
    const hits = this.entries
      .filter((o) => o.value.includes(e.value))
      .map((o) => ({ marker: `‹${o.label}›`, at: redacted.indexOf(`‹${o.label}›`) }))
      .filter((h) => h.at >= 0)
      .sort((a, b) => a.at - b.at);
    const hit = hits[0] ?? { marker: "", at: 0 };
    return redacted.slice(Math.max(0, hit.at - CONTEXT), hit.at + hit.marker.length + CONTEXT).replace(/\s+/g, " ");
  }

  /** `text` with every catalogued secret replaced by `‹label›` (longest first). */
  redact(text: string): string {
    let out = text;
    for (const e of this.entries) out = out.split(e.value).join(`‹${e.label}›`);
    return out;
  }
}
