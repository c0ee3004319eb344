/**
 * The listing thread's entry (see `org-listing-thread.ts`): lists each org it is sent and
 * posts the result back. Loads the provider's client (and undici) here, off the program's
 * thread.
 */
import { parentPort } from "node:worker_threads";
import type { ProviderSettings } from "../../provider/config";
import { listOrgConnectors } from "./org-listing";

/** One org to list, as `org-listing-thread.ts` posts it. */
export interface ListingRequest {
  id: number;
  orgId: string;
  settings: ProviderSettings;
  dryRun: boolean;
}

parentPort?.on("message", (req: ListingRequest) => {
  void listOrgConnectors(req.orgId, req.settings, req.dryRun).then((result) => parentPort?.postMessage({ id: req.id, result }));
});
