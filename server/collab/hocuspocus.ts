import { Hocuspocus, type Extension } from "@hocuspocus/server";
import { documentAccess } from "~/policies";
import { getUserFromCookie, toActor, type SessionUser } from "~/services/auth.server";
import { DurablePersistence } from "./persistence";
import { createProposalHistory } from "./versions";

export type CollabContext = { user: SessionUser };

/** Who may open which document: the session cookie of the upgrade request, judged by app/policies. */
const authentication: Extension = {
  async onAuthenticate({ requestHeaders, documentName, connectionConfig }) {
    const user = await getUserFromCookie(requestHeaders.get("cookie"));
    if (!user) throw new Error("unauthenticated");
    const access = await documentAccess(toActor(user), documentName);
    if (access === "none") throw new Error("forbidden");
    connectionConfig.readOnly = access === "read";
    return { user } satisfies CollabContext;
  },
};

// Hocuspocus turns its configuration into one more extension whose hooks default to no-ops that
// each still cost a link in the promise chain it builds per hook call. These run for every
// message, change or awareness update; our extensions define what they need, so the no-ops go
// (bench:collab, README "Benchmarks").
const WITHOUT_PER_MESSAGE_DEFAULT_HOOKS = {
  beforeHandleMessage: undefined,
  afterHandleMessage: undefined,
  onChange: undefined,
  beforeSync: undefined,
  beforeHandleAwareness: undefined,
  onAwarenessUpdate: undefined,
  onStoreDocument: undefined,
  afterStoreDocument: undefined,
} as const;

const persistenceOf = new WeakMap<Hocuspocus<CollabContext>, DurablePersistence>();

/** The collaboration engine (no network of its own: server/collab/upgrade.ts feeds it sockets). */
export function createCollaboration(): Hocuspocus<CollabContext> {
  // Documents load from snapshot + update log; every update is logged before it is acknowledged.
  const persistence = new DurablePersistence();
  const hocuspocus = new Hocuspocus<CollabContext>({
    name: "twb-collab",
    quiet: true,
    ...WITHOUT_PER_MESSAGE_DEFAULT_HOOKS,
    // History runs after the store, once the durable persistence has done its part.
    extensions: [authentication, persistence, createProposalHistory()],
  });
  persistenceOf.set(hocuspocus, persistence);
  return hocuspocus;
}

/**
 * Closes every connection and waits until each open document has been stored (its log compacted)
 * and unloaded, and until the update log and background compactions are idle.
 */
export async function flushCollaboration(hocuspocus: Hocuspocus<CollabContext>): Promise<void> {
  if (hocuspocus.getDocumentsCount() > 0) {
    await new Promise<void>((resolve) => {
      hocuspocus.configuration.extensions.push({
        async afterUnloadDocument({ instance }) {
          if (instance.getDocumentsCount() === 0) resolve();
        },
      });
      hocuspocus.closeConnections();
      hocuspocus.flushPendingStores();
    });
  }
  await persistenceOf.get(hocuspocus)?.idle();
}
