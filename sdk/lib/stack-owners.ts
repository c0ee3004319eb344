import * as pulumi from "@pulumi/pulumi";
import { OWNERS_INPUT, type StackOwner } from "../../provider/stack-owners";

/** A connector resource constructed earlier in this program. */
interface Constructed {
  resource: string;
  /** Declares `connectorId` (an adopter). */
  declared: boolean;
  orgId: pulumi.Input<string | undefined>;
  /** The declared id (an input: no wait on the resource) or, when none is declared, the `connectorId` output. */
  connectorId: pulumi.Input<string | undefined>;
  /** The `connectorId` output, for adopters reading an adopter whose declared id is not a plain string. */
  output: pulumi.Input<string | undefined>;
}

/**
 * The program's connector resources in construction order, one list per run of the program
 * (keyed by its resource monitor: inline Automation API programs run once per `up`/`preview`
 * in one process, and two stacks' runs may interleave), kept on `globalThis` under a
 * registered symbol: a program can load two copies of this package (one nested under another
 * library's `node_modules`), and the resources of both must see each other.
 */
const REGISTRY = Symbol.for("pulumi-wxcc-connectors/stack-owners-by-run");
interface Registry {
  runs: WeakMap<object, Constructed[]>;
  /** Without a monitor (the SDK's own tests): one list. */
  unmonitored: Constructed[];
}
const shared = (): Registry => {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  g[REGISTRY] ??= { runs: new WeakMap(), unmonitored: [] };
  return g[REGISTRY];
};
const registry = (): Constructed[] => {
  const { runs, unmonitored } = shared();
  const run = pulumi.runtime.getMonitor() as object | undefined;
  if (!run) return unmonitored;
  let list = runs.get(run);
  if (!list) {
    list = [];
    runs.set(run, list);
  }
  return list;
};

/** Forgets every resource (tests only). */
export function resetStackOwners(): void {
  shared().runs = new WeakMap();
  shared().unmonitored.length = 0;
}

/**
 * The hidden `__wxccOwners` input of a connector resource about to be constructed (see
 * `provider/stack-owners.ts` for what the provider does with it): for an adopter, the
 * connectors the resources constructed before it manage (the `connectorId` outputs of those
 * that declare none, so the adopter waits for them, and the ids the other adopters declare,
 * which are inputs: no wait); for any other resource, the ids the adopters constructed
 * before it declare. Only earlier resources are listed, so an ordinary program forms no
 * dependency cycle (an earlier resource takes no inputs from a later one; a promise resolved
 * later with a later resource's output can, and Pulumi then names the cycle — README,
 * Ownership), and each pair of resources is checked by whichever of them comes second. Each entry is an Output
 * of its own: one still unknown in a preview leaves the others checked. Empty (no input at
 * all, nothing new in the state) when there is nothing to list.
 *
 * @example
 * ```ts
 * const props = { ...args, ...ownersInput(args.connectorId !== undefined) };
 * ```
 */
export function ownersInput(declares: boolean): pulumi.Inputs {
  const constructed = registry();
  const listed = declares ? [...constructed] : constructed.filter((c) => c.declared);
  if (listed.length === 0) return {};
  return {
    [OWNERS_INPUT]: listed.map((c) =>
      // An adopter reading an adopter whose id is an Output waits for its connectorId output:
      // such an id may resolve to nothing, and then that resource created a connector.
      pulumi.all([c.orgId, declares && c.declared && typeof c.connectorId !== "string" ? c.output : c.connectorId]).apply(
        ([orgId, connectorId]): StackOwner => ({
          resource: c.resource,
          declared: c.declared,
          ...(typeof orgId === "string" && orgId !== "" ? { orgId } : {}),
          ...(typeof connectorId === "string" && connectorId !== "" ? { connectorId } : {}),
        }),
      ),
    ),
  };
}

/**
 * Records a connector resource once constructed, for the resources constructed after it.
 *
 * @example
 * ```ts
 * registerOwner("crm", args, this); // after super(…)
 * ```
 */
export function registerOwner(
  resource: string,
  args: { orgId?: pulumi.Input<string>; connectorId?: pulumi.Input<string> },
  self: { orgId: pulumi.Output<string>; connectorId: pulumi.Output<string> },
): void {
  const declared = args.connectorId !== undefined;
  registry().push({
    resource,
    declared,
    // The org as declared, else the connector's `orgId` output; none declared means the
    // stack's org (left out, as the provider reads it), never an output a preview cannot know.
    orgId: declared || args.orgId === undefined ? args.orgId : self.orgId,
    connectorId: declared ? args.connectorId : self.connectorId,
    output: self.connectorId,
  });
}
