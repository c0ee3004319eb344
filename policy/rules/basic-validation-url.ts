import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CUSTOM_CONNECTOR } from "../lib/facts";
import { knownString, readField } from "../lib/fields";
import { violation } from "../lib/message";

export const BASIC_VALIDATION_URL = "wxcc-basic-requires-validation-url";

/**
 * Basic custom connectors must declare a `validationUrl`: without one the service saves and
 * reactivates the connector without ever trying its credentials (SPEC §1, §4), so a wrong
 * password surfaces only when a flow uses it.
 */
export const basicRequiresValidationUrl: ResourceValidationPolicy = {
  name: BASIC_VALIDATION_URL,
  description: "Basic custom connectors must set a validationUrl, so the service verifies their credentials on save.",
  validateResource: (args, reportViolation) => {
    if (args.type !== CUSTOM_CONNECTOR) return;
    if (knownString(args.props, "authenticationType", "basic") !== "basic") return;
    if (readField(args.props, "validationUrl").state !== "absent") return;
    reportViolation(
      violation(
        args,
        "validationUrl",
        "is not set on a Basic connector, so the service never checks its username and password",
        "set validationUrl to an endpoint that answers 2xx to a GET with these Basic credentials",
      ),
    );
  },
};
