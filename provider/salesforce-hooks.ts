/**
 * A MODULE SERIALIZED STATES REQUIRE: the dynamic provider of every `SalesforceConnector`. Its
 * exports are the hooks, so `pulumi.dynamic.Resource` serializes the provider as one line,
 * `require("pulumi-wxcc-connectors/dist/provider/salesforce-hooks.js")`, and every state holds
 * that line (twice per connector: inputs and outputs). Small matters: the engine writes the
 * whole state after each step, so each byte per connector is paid once per step of every
 * `up` and `destroy`. Never move, rename or narrow this module (see `connector-provider.ts`
 * for states written before it existed).
 */
import { providerFor } from "./connector-provider";

const hooks = providerFor("SALESFORCE");

export const { configure, check, diff, create, read, update } = hooks;
const deleteHook = hooks.delete;
export { deleteHook as delete };
