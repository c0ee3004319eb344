import * as pulumi from "@pulumi/pulumi";
import { customHooks } from "../provider/hooks";
import { connectorResource } from "./lib/connector-resource";

/** The arguments of a {@link CustomConnector}. */
export interface CustomConnectorArgs {
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
   * `"basic"` (default): `username` + `password`, optional `validationUrl`.
   * `"oauth2"`: `clientId` + `clientSecret` + `tokenUrl`, optional `scope`, and a `grantType`.
   *
   * @example authenticationType: "oauth2"
   */
  authenticationType?: pulumi.Input<"basic" | "oauth2">;
  /**
   * User name: required for Basic and for the OAuth 2.0 `"password"` grant; not allowed
   * otherwise.
   *
   * @example username: "svc-webex"
   */
  username?: pulumi.Input<string>;
  /**
   * **Secret.** The user's password: required for Basic and for the OAuth 2.0
   * `"password"` grant; not allowed otherwise. Wrapped as a Pulumi secret.
   *
   * @example password: cfg.requireSecret("orderApiPassword")
   */
  password?: pulumi.Input<string>;
  /**
   * Basic only, optional: a URL that must answer 2xx to a GET with the credentials
   * (checked on create and reactivation). `https://` (http only on loopback hosts).
   *
   * @example validationUrl: "https://api.example.com/health"
   */
  validationUrl?: pulumi.Input<string>;
  /**
   * OAuth 2.0 only: `"client_credentials"` (default) or `"password"` (then `username`
   * and `password` are required too).
   *
   * @example grantType: "password"
   */
  grantType?: pulumi.Input<"client_credentials" | "password">;
  /**
   * OAuth 2.0 only, required: the client ID registered at the IdP.
   *
   * @example clientId: "webex-cc"
   */
  clientId?: pulumi.Input<string>;
  /**
   * **Secret.** OAuth 2.0 only, required: the client secret. Wrapped as a Pulumi secret.
   *
   * @example clientSecret: cfg.requireSecret("orderApiClientSecret")
   */
  clientSecret?: pulumi.Input<string>;
  /**
   * OAuth 2.0 only, optional: space-separated scopes to request.
   *
   * @example scope: "orders.read orders.write"
   */
  scope?: pulumi.Input<string>;
  /**
   * OAuth 2.0 only, required: the IdP's token endpoint. `https://` (http only on
   * loopback hosts).
   *
   * @example tokenUrl: "https://idp.example.com/oauth2/token"
   */
  tokenUrl?: pulumi.Input<string>;
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
   * Adopt an existing connector by its ID instead of creating one. Changing it to
   * another ID replaces.
   *
   * @example connectorId: "5d2c1b7e-8a4f-4e1b-a1c3-0f9e8d7c6b5a"
   */
  connectorId?: pulumi.Input<string>;
}

/**
 * A Webex Contact Center custom connector with Basic or OAuth 2.0 authentication.
 * Creating or reactivating it validates the credentials (token request, or a GET of
 * the validation URL); updates deactivate → edit → reactivate it automatically.
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
   */
  constructor(name: string, args: CustomConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    const resource = connectorResource("custom", name, args, ["password", "clientSecret"], opts);
    super(customHooks, name, resource.props, resource.opts, "wxcc", "CustomConnector");
  }
}
