import * as pulumi from "@pulumi/pulumi";

/**
 * The URN the engine will give a resource registered as `type` named `name` under
 * `parent`, known before registration: `urn:pulumi:<stack>::<project>::<parent types$><type>::<name>`
 * (pulumi/pulumi `generateURN`; the root stack adds no parent type).
 *
 * It depends on the parent's URN but carries no dependency on the parent: a dependency on a
 * component parent would make the resource wait for its siblings, and siblings doing the
 * same would wait for each other forever. Resource transforms that rename a resource, or
 * change its type or parent, are not seen here; its progress then falls back to stdout
 * lines (the engine shows a message for an unknown URN on no row).
 *
 * @example
 * ```ts
 * ownUrn("crm", "pulumi-nodejs:dynamic/wxcc:CustomConnector", opts?.parent);
 * // Output<"urn:pulumi:dev::my-project::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm">
 * ```
 */
export function ownUrn(name: string, type: string, parent: pulumi.Resource | undefined): pulumi.Output<string> {
  return pulumi.createUrn(name, type, parent ? urnWithoutDependency(parent) : undefined);
}

/** `resource`'s URN as an output that lists no resource it depends on. */
function urnWithoutDependency(resource: pulumi.Resource): pulumi.Output<string> {
  // An output made from a plain promise has no resources; `apply` is how a program reads a
  // value out of an output (a URN is known even in preview, so it always runs).
  return pulumi.output(
    new Promise<string>((resolve) => {
      resource.urn.apply((urn) => {
        resolve(urn);
        return urn;
      });
    }),
  );
}
