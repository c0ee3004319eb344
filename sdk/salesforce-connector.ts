import * as pulumi from "@pulumi/pulumi";
import { salesforceHooks } from "../provider/hooks";
import { connectorResource } from "./lib/connector-resource";

/** The arguments of a {@link SalesforceConnector}. */
export interface SalesforceConnectorArgs {
  /**
   * Display name, unique within the org (case-insensitive); at most 128 characters.
   * Changing it is an in-place update.
   *
   * @example name: "Sales Cloud"
   */
  name: pulumi.Input<string>;
  /**
   * The Connected App's Client ID (Salesforce "Consumer Key"); the JWT `iss`.
   *
   * @example clientId: cfg.require("salesforceClientId")
   */
  clientId: pulumi.Input<string>;
  /**
   * Email of the Connected App user the connector acts as; the JWT `sub`. The user must be
   * pre-authorized for the Connected App (Salesforce: "Admin approved users are
   * pre-authorized" plus the user's profile or permission set); otherwise create and
   * reactivation fail with `invalid_grant`. Against the emulator, list the email in the
   * `users` field of the app you register (`POST /_admin/salesforce/apps`).
   *
   * @example userEmail: "integration@example.com"
   */
  userEmail: pulumi.Input<string>;
  /**
   * Salesforce authorization server URL; the JWT `aud` and the base of the token
   * endpoint. `https://` (http only on loopback hosts), no trailing slash.
   * Default `https://login.salesforce.com`.
   *
   * @example authServerUrl: "https://test.salesforce.com" // a sandbox
   */
  authServerUrl?: pulumi.Input<string>;
  /**
   * **Secret.** The unencrypted PEM RSA private key (≥ 2048 bits, PKCS#8 or PKCS#1)
   * whose certificate is uploaded in the Connected App. Wrapped as a Pulumi secret and
   * kept secret in state and outputs.
   *
   * @example privateKey: cfg.requireSecret("salesforcePrivateKey") // pulumi config set --secret salesforcePrivateKey < key.pem
   */
  privateKey: pulumi.Input<string>;
  /**
   * Whether the connector is ACTIVE. `false` deactivates it (flows stop using it);
   * `true` reactivates it, which validates connectivity. Default `true`.
   *
   * @example active: false
   */
  active?: pulumi.Input<boolean>;
  /**
   * The org that owns the connector. Default: the provider's `wxcc:orgId`. Changing it
   * replaces the connector (the new one is created before the old one is deleted).
   *
   * @example orgId: "acme-prod"
   */
  orgId?: pulumi.Input<string>;
  /**
   * Adopt an existing connector by its ID instead of creating one: the provider reads it
   * and writes the declared settings and secrets once (one deactivate → edit → reactivate).
   * The `import: id` resource option means exactly the same. Changing it to another ID
   * replaces. A connector is managed by one resource of a stack only: a second resource
   * adopting the same ID fails.
   *
   * @example connectorId: "c0a8f6e2-3b1d-4c55-9f1e-2d7a5b8c9e01"
   */
  connectorId?: pulumi.Input<string>;
}

/**
 * A Webex Contact Center Salesforce connector (Services > Contact Center > Connectors).
 * Creating or reactivating it runs the Salesforce JWT bearer flow with the given key;
 * updates deactivate → edit → reactivate it automatically, after checking the new
 * credentials first.
 *
 * Provider configuration, read from stack config (namespace `wxcc`, one stack per org) with
 * an environment fallback; a missing required key fails `pulumi preview` with the
 * `pulumi config set` command that fixes it:
 * - `wxcc:baseUrl` (env `WXCC_BASE_URL`), required: the connector backend, e.g. the
 *   emulator's `http://127.0.0.1:8787`.
 * - `wxcc:orgId` (env `WXCC_ORG_ID`): the default org of resources without `orgId`.
 * - `wxcc:accessToken` (env `WXCC_ACCESS_TOKEN`), secret: a fixed bearer token valid for
 *   the org (`pulumi config set --secret wxcc:accessToken …`). Required unless a Webex
 *   OAuth client is configured instead (not both):
 * - `wxcc:clientId` (env `WXCC_CLIENT_ID`), `wxcc:clientSecret` (env `WXCC_CLIENT_SECRET`),
 *   secret, and `wxcc:refreshToken` (env `WXCC_REFRESH_TOKEN`), secret: an integration or
 *   service app and a refresh token from an admin of the org; the provider mints access
 *   tokens itself and renews them before they expire and after a 401.
 * - `wxcc:tokenUrl` (env `WXCC_TOKEN_URL`): where those tokens are renewed. Default
 *   `https://webexapis.com/v1/access_token`.
 * - `wxcc:preflight` (no env): `true` (default) verifies new credentials with the IdP
 *   before a live connector is deactivated for an edit.
 * - `wxcc:requestTimeoutMs` (env `WXCC_REQUEST_TIMEOUT_MS`): timeout of one request
 *   attempt in ms; default 30000 for the backend, 10000 for the preflight's IdP call.
 * - `wxcc:offlinePreview` (env `WXCC_OFFLINE_PREVIEW`): `false` (default): `pulumi preview`
 *   needs the backend as `pulumi up` does (the org check lists each org with these
 *   credentials, and fails on missing settings, a refused token or an unreachable backend);
 *   `true` lets previews run without it. `pulumi up` ignores it.
 * - `wxcc:orgLimitCheck` (no env): deprecated; `false` means `wxcc:offlinePreview true`.
 *
 * `pulumi refresh` and `pulumi destroy` use the configuration stored by the last `up`.
 *
 * @example
 * import * as pulumi from "@pulumi/pulumi";
 * import { SalesforceConnector } from "pulumi-wxcc-connectors";
 *
 * const cfg = new pulumi.Config();
 * const sf = new SalesforceConnector("sales-cloud", {
 *   name: "Sales Cloud",
 *   clientId: cfg.require("salesforceClientId"),
 *   userEmail: "integration@example.com",
 *   privateKey: cfg.requireSecret("salesforcePrivateKey"),
 * });
 * export const connectorId = sf.connectorId;
 */
export class SalesforceConnector extends pulumi.dynamic.Resource {
  /** Display name. */
  declare public readonly name: pulumi.Output<string>;
  /** The Connected App's Consumer Key. */
  declare public readonly clientId: pulumi.Output<string>;
  /** The Connected App user's email. */
  declare public readonly userEmail: pulumi.Output<string>;
  /** The authorization server URL (default filled in). */
  declare public readonly authServerUrl: pulumi.Output<string>;
  /** **Secret.** The private key, normalized to PKCS#8 PEM. */
  declare public readonly privateKey: pulumi.Output<string>;
  /** Whether the connector is declared active. */
  declare public readonly active: pulumi.Output<boolean>;
  /** The owning org. */
  declare public readonly orgId: pulumi.Output<string>;
  /** The ID the service assigned; never changes for the life of the connector. */
  declare public readonly connectorId: pulumi.Output<string>;
  /** The live status. */
  declare public readonly status: pulumi.Output<"ACTIVE" | "INACTIVE">;
  /** The backend's record version (+1 on every change). */
  declare public readonly version: pulumi.Output<number>;
  /** When the connector was created (ISO 8601). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** When the connector last changed (ISO 8601). */
  declare public readonly updatedAt: pulumi.Output<string>;

  /**
   * @param name The Pulumi resource name (not the connector's display name).
   * @param args The connector's settings.
   * @param opts Resource options; `additionalSecretOutputs` always gains `privateKey`.
   *   `import: id` adopts that connector exactly as `connectorId: id` does (it becomes the
   *   `connectorId` input; the engine's own import cannot read a dynamic resource).
   */
  constructor(name: string, args: SalesforceConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    const resource = connectorResource("salesforce", name, args, ["privateKey"], opts);
    super(salesforceHooks, name, resource.props, resource.opts, "wxcc", "SalesforceConnector");
    resource.constructed(this);
  }
}
