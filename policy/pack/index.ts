// The entry point `pulumi preview --policy-pack <this directory>` runs. Importing it starts
// the pack's analyzer server, so only the Pulumi CLI loads it; code imports `../index`.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, wxccPolicies } from "../policies";

new PolicyPack(POLICY_PACK_NAME, {
  policies: wxccPolicies,
  enforcementLevel: "mandatory",
  description:
    "Rules security teams set on Webex Contact Center connectors: allowed hosts, grant types, validation URLs, Salesforce authorization servers and per-org connector headroom.",
});
