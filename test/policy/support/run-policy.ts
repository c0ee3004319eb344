import {
  unknownCheckingProxy,
  type PolicyResource,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";

/**
 * Test helpers in the way `@pulumi/policy` suggests testing policies: call a policy's
 * validate function with the arguments the analyzer server would build, and collect what it
 * reports. Props go through the same unknown-checking proxy the server uses, so `UNKNOWN`
 * behaves as a value not known during preview.
 */

/** The engine's sentinel for a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const SALESFORCE = "pulumi-nodejs:dynamic/wxcc:SalesforceConnector";
export const CUSTOM = "pulumi-nodejs:dynamic/wxcc:CustomConnector";

/** One resource as a test declares it. */
export interface FakeResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
}

const NO_OPTS = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

class NotApplicable extends Error {}

function urn(r: FakeResource): string {
  return `urn:pulumi:test::project::${r.type}::${r.name}`;
}

/** Violation messages a resource policy reports for one resource under `config`. */
export async function runResourcePolicy(policy: ResourceValidationPolicy, resource: FakeResource, config: object = {}): Promise<string[]> {
  const violations: string[] = [];
  const args: ResourceValidationArgs = {
    type: resource.type,
    name: resource.name,
    urn: urn(resource),
    props: unknownCheckingProxy(resource.props),
    opts: NO_OPTS,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) {
    try {
      await validate(args, (message: string) => violations.push(message));
    } catch (err) {
      if (!(err instanceof NotApplicable)) throw err;
    }
  }
  return violations;
}

/** Violation messages a stack policy reports for a stack of `resources` under `config`. */
export async function runStackPolicy(policy: StackValidationPolicy, resources: FakeResource[], config: object = {}): Promise<string[]> {
  const violations: string[] = [];
  const policyResources: PolicyResource[] = resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: urn(r),
    props: unknownCheckingProxy(r.props),
    opts: NO_OPTS,
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  const args: StackValidationArgs = {
    resources: policyResources,
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
  await policy.validateStack(args, (message: string) => violations.push(message));
  return violations;
}
