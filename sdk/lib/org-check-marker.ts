import * as pulumi from "@pulumi/pulumi";
// A namespace import of a module under node_modules: `pulumi.dynamic.Resource` serializes it
// as one `require("…")` and captures nothing else.
import * as orgCheckHooks from "../../provider/org-check-hooks";
import { usingMocks } from "./installed-package";

/**
 * Whether this process is the Pulumi CLI's program runner (`pulumi up` runs a program inside
 * `@pulumi/pulumi/cmd/run`). There, an unhandled rejection fails the run by itself: the runner
 * exits with an error and never tells the engine the program is complete, so the engine
 * deletes nothing.
 */
export function inProgramRunner(main: string | undefined = require.main?.filename): boolean {
  return /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run[\\/]/.test(main ?? "");
}

/** What the marker's failure says, under the org check's own error. */
export const MARKER_REASON =
  "the org check of this program failed (its error is above), so the connectors that waited for it were not registered; nothing was changed";

/** A resource whose provider's `check` always fails with `reason` (`provider/org-check-hooks.ts`). */
class OrgCheckFailure extends pulumi.dynamic.Resource {
  constructor(reason: string) {
    super(orgCheckHooks, "wxcc-org-check", { reason }, {}, "wxcc", "OrgCheck");
  }
}

/**
 * Makes the engine fail this run after the org check failed, where the unhandled rejection
 * alone would not: an inline Automation API program (`LocalWorkspace` with `program: async () =>
 * …`) runs in the caller's process, whose Pulumi runtime tells the engine the program is
 * complete once its registrations settle and only then reports the errors it caught, so the
 * engine would take every connector that waited for the check (and so never registered) for
 * one the program deleted, and delete it. This registers one resource,
 * `pulumi-nodejs:dynamic/wxcc:OrgCheck` named `wxcc-org-check`, whose check fails
 * ({@link MARKER_REASON}): a failed step ends the deployment before the engine deletes
 * anything. Nothing under the CLI's runner (not needed there) or `setMocks` (a user's unit tests).
 *
 * @example
 * ```ts
 * markRunFailed(); // once per run, after the first failure of the org check
 * ```
 */
export function markRunFailed(): void {
  if (inProgramRunner() || usingMocks()) return;
  new OrgCheckFailure(MARKER_REASON);
}
