/**
 * The connector backend's wire types now live in `contract/` (SPEC §6); this file only
 * re-exports them under the names the provider used, for importers not yet moved.
 * New code imports from `contract/` directly.
 */
export type {
  AuthenticationType,
  Connector,
  ConnectorStatus,
  ConnectorType,
  ConnectorWrite,
  CustomSettings,
  CustomSettingsWrite,
  GrantType,
  SalesforceSettings,
  SalesforceSettingsWrite,
} from "../../contract/wire";
export type { ErrorCode as BackendErrorCode, ErrorBody as BackendErrorBody } from "../../contract/error-codes";
