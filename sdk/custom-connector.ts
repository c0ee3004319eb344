import * as pulumi from "@pulumi/pulumi";
import { customHooks } from "../provider/hooks";
import { connectorResource } from "./lib/connector-resource";

/** The settings every {@link CustomConnector} has, whatever its authentication. */
interface CustomConnectorCommonArgs {
  /**
   * Display name, unique within the org (case-insensitive); at most 128 characters.
   *
   * @example name: "Order API"
   */
  name: pulumi.Input<string>;
  /**
   * The resource domain the connector calls. Always `https://`.
   *
   * @example domainUrl: "https://api.example.com"
   */
  domainUrl: pulumi.Input<string>;
  /**
   * Whether the connector is ACTIVE. Default `true`.
   *
   * @example active: false
   */
  active?: pulumi.Input<boolean>;
  /**
   * The org that owns the connector. Default: the provider's `wxcc:orgId`. Changing it
   * replaces the connector.
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
   * @example connectorId: "5d2c1b7e-8a4f-4e1b-a1c3-0f9e8d7c6b5a"
   */
  connectorId?: pulumi.Input<string>;
}

/** The OAuth 2.0 settings both grants share. */
interface CustomConnectorOAuth2CommonArgs extends CustomConnectorCommonArgs {
  /**
   * `"oauth2"`: the connector requests a token at `tokenUrl` with `clientId` and
   * `clientSecret`.
   *
   * @example authenticationType: "oauth2"
   */
  authenticationType: pulumi.Input<"oauth2">;
  /**
   * The client ID registered at the IdP.
   *
   * @example clientId: "webex-cc"
   */
  clientId: pulumi.Input<string>;
  /**
   * **Secret.** The client secret. Wrapped as a Pulumi secret.
   *
   * @example clientSecret: cfg.requireSecret("orderApiClientSecret")
   */
  clientSecret: pulumi.Input<string>;
  /**
   * Optional: space-separated scopes to request.
   *
   * @example scope: "orders.read orders.write"
   */
  scope?: pulumi.Input<string>;
  /**
   * The IdP's token endpoint. `https://` (http only on loopback hosts).
   *
   * @example tokenUrl: "https://idp.example.com/oauth2/token"
   */
  tokenUrl: pulumi.Input<string>;
  /** Basic only; OAuth 2.0 credentials are validated by requesting a token at `tokenUrl`. */
  validationUrl?: never;
}

/**
 * A custom connector with HTTP Basic authentication (the default `authenticationType`).
 *
 * @example
 * const args: CustomConnectorBasicArgs = {
 *   name: "Order API",
 *   domainUrl: "https://api.example.com",
 *   username: "svc-webex",
 *   password: cfg.requireSecret("orderApiPassword"),
 *   validationUrl: "https://api.example.com/health",
 * };
 */
export interface CustomConnectorBasicArgs extends CustomConnectorCommonArgs {
  /**
   * `"basic"` (the default when omitted).
   *
   * @example authenticationType: "basic"
   */
  authenticationType?: pulumi.Input<"basic">;
  /**
   * The user name sent with HTTP Basic.
   *
   * @example username: "svc-webex"
   */
  username: pulumi.Input<string>;
  /**
   * **Secret.** The user's password. Wrapped as a Pulumi secret.
   *
   * @example password: cfg.requireSecret("orderApiPassword")
   */
  password: pulumi.Input<string>;
  /**
   * Optional: a URL that must answer 2xx to a GET with the credentials (checked on create
   * and reactivation). `https://` (http only on loopback hosts).
   *
   * @example validationUrl: "https://api.example.com/health"
   */
  validationUrl?: pulumi.Input<string>;
  /** OAuth 2.0 only: set `authenticationType: "oauth2"` to use it. */
  grantType?: never;
  /** OAuth 2.0 only: set `authenticationType: "oauth2"` to use it. */
  clientId?: never;
  /** OAuth 2.0 only: set `authenticationType: "oauth2"` to use it. */
  clientSecret?: never;
  /** OAuth 2.0 only: set `authenticationType: "oauth2"` to use it. */
  scope?: never;
  /** OAuth 2.0 only: set `authenticationType: "oauth2"` to use it. */
  tokenUrl?: never;
}

/**
 * A custom connector with OAuth 2.0, client credentials grant (the default `grantType`).
 *
 * @example
 * const args: CustomConnectorClientCredentialsArgs = {
 *   name: "Order API",
 *   domainUrl: "https://api.example.com",
 *   authenticationType: "oauth2",
 *   clientId: "webex-cc",
 *   clientSecret: cfg.requireSecret("orderApiClientSecret"),
 *   tokenUrl: "https://idp.example.com/oauth2/token",
 * };
 */
export interface CustomConnectorClientCredentialsArgs extends CustomConnectorOAuth2CommonArgs {
  /**
   * `"client_credentials"` (the default when omitted).
   *
   * @example grantType: "client_credentials"
   */
  grantType?: pulumi.Input<"client_credentials">;
  /** Password grant only: set `grantType: "password"` to send a user name. */
  username?: never;
  /** Password grant only: set `grantType: "password"` to send a password. */
  password?: never;
}

/**
 * A custom connector with OAuth 2.0, resource owner password grant.
 *
 * @example
 * const args: CustomConnectorPasswordGrantArgs = {
 *   name: "Order API",
 *   domainUrl: "https://api.example.com",
 *   authenticationType: "oauth2",
 *   grantType: "password",
 *   clientId: "webex-cc",
 *   clientSecret: cfg.requireSecret("orderApiClientSecret"),
 *   tokenUrl: "https://idp.example.com/oauth2/token",
 *   username: "svc-webex",
 *   password: cfg.requireSecret("orderApiPassword"),
 * };
 */
export interface CustomConnectorPasswordGrantArgs extends CustomConnectorOAuth2CommonArgs {
  /**
   * `"password"`: the token request carries `username` and `password` too.
   *
   * @example grantType: "password"
   */
  grantType: pulumi.Input<"password">;
  /**
   * The resource owner's user name.
   *
   * @example username: "svc-webex"
   */
  username: pulumi.Input<string>;
  /**
   * **Secret.** The resource owner's password. Wrapped as a Pulumi secret.
   *
   * @example password: cfg.requireSecret("orderApiPassword")
   */
  password: pulumi.Input<string>;
}

/**
 * The arguments of a {@link CustomConnector}: one shape per authentication, so a field
 * that belongs to another shape (a `clientSecret` on a Basic connector, a `password` on a
 * client credentials grant, a `validationUrl` on OAuth 2.0) fails to compile. `pulumi
 * preview` enforces the same rules for untyped programs. The shape is chosen by
 * `authenticationType` (`"basic"` default | `"oauth2"`) and, for OAuth 2.0, `grantType`
 * (`"client_credentials"` default | `"password"`); both must be known literals.
 *
 * @example
 * const basic: CustomConnectorArgs = { name: "Orders", domainUrl: "https://api.example.com", username: "svc", password: cfg.requireSecret("pw") };
 */
export type CustomConnectorArgs = CustomConnectorBasicArgs | CustomConnectorClientCredentialsArgs | CustomConnectorPasswordGrantArgs;

/**
 * A Webex Contact Center custom connector with Basic or OAuth 2.0 authentication.
 * Creating or reactivating it validates the credentials (token request, or a GET of
 * the validation URL); updates deactivate → edit → reactivate it automatically.
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
 * import { CustomConnector } from "pulumi-wxcc-connectors";
 *
 * const cfg = new pulumi.Config();
 * const orders = new CustomConnector("orders", {
 *   name: "Order API",
 *   domainUrl: "https://api.example.com",
 *   authenticationType: "oauth2",
 *   clientId: "webex-cc",
 *   clientSecret: cfg.requireSecret("orderApiClientSecret"),
 *   tokenUrl: "https://idp.example.com/oauth2/token",
 *   scope: "orders.read",
 * });
 */
export class CustomConnector extends pulumi.dynamic.Resource {
  /** Display name. */
  declare public readonly name: pulumi.Output<string>;
  /** The resource domain URL. */
  declare public readonly domainUrl: pulumi.Output<string>;
  /** `"basic"` or `"oauth2"` (default filled in). */
  declare public readonly authenticationType: pulumi.Output<"basic" | "oauth2">;
  /** User name (Basic / password grant). */
  declare public readonly username: pulumi.Output<string | undefined>;
  /** **Secret.** Password (Basic / password grant). */
  declare public readonly password: pulumi.Output<string | undefined>;
  /** Basic validation URL. */
  declare public readonly validationUrl: pulumi.Output<string | undefined>;
  /** OAuth 2.0 grant (default `"client_credentials"` filled in); undefined for Basic. */
  declare public readonly grantType: pulumi.Output<"client_credentials" | "password" | undefined>;
  /** OAuth 2.0 client ID. */
  declare public readonly clientId: pulumi.Output<string | undefined>;
  /** **Secret.** OAuth 2.0 client secret. */
  declare public readonly clientSecret: pulumi.Output<string | undefined>;
  /** OAuth 2.0 scopes. */
  declare public readonly scope: pulumi.Output<string | undefined>;
  /** OAuth 2.0 token endpoint. */
  declare public readonly tokenUrl: pulumi.Output<string | undefined>;
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
   * @param opts Resource options; `additionalSecretOutputs` always gains `password` and `clientSecret`.
   *   `import: id` adopts that connector exactly as `connectorId: id` does (it becomes the
   *   `connectorId` input; the engine's own import cannot read a dynamic resource).
   */
  constructor(name: string, args: CustomConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    const resource = connectorResource("custom", name, args, ["password", "clientSecret"], opts);
    super(customHooks, name, resource.props, resource.opts, "wxcc", "CustomConnector");
    resource.constructed(this);
  }
}
