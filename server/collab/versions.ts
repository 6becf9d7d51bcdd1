import type { Document, Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { AUTOMATIC_VERSION_MINUTES, createAutomaticVersionIfDue, recordProposalEdited } from "~/models/proposal-version.server";
import type { CollabContext } from "./hocuspocus";
import { QUIET_AFTER_MS } from "./persistence";

const VERSION_INTERVAL_MS = AUTOMATIC_VERSION_MINUTES * 60_000;

type Tracked = {
  lastChangeAt: number;
  /** Changed since its last automatic version was written (or since it was loaded). */
  dirty: boolean;
  /** When to ask the database about an automatic version; `known` once the database said so. */
  version: { at: number; known: boolean } | null;
  /** People who changed the text since their last "edited" entry was considered. */
  pendingEditors: Set<string>;
  /** Per person: no "edited" entry before this time (from the database). */
  editedNotBefore: Map<string, number>;
};

/**
 * A proposal's history while people edit: an automatic version when the text has gone quiet (a
 * pause, everyone leaving) if the last version is older than AUTOMATIC_VERSION_MINUTES, and at
 * least that often during uninterrupted typing; and one "edited" entry in the lab's feed per person
 * every EDIT_ACTIVITY_MINUTES. The database throttles both and says when the next write can be
 * due; those times are remembered here, so most stores cost no query. Proposals are handled one at
 * a time: when many are stored at once (everyone leaving, a restart), their history queries must
 * not queue up ahead of people's edits on the database connection.
 */
export function createProposalHistory(): Extension {
  const tracked = new Map<string, Tracked>();
  let lane: Promise<unknown> = Promise.resolve();
  const oneAtATime = (work: () => Promise<void>): Promise<void> => {
    const run = lane.then(work);
    lane = run.catch(() => undefined);
    return run;
  };
  const trackedOf = (documentName: string) => {
    let entry = tracked.get(documentName);
    if (!entry) tracked.set(documentName, (entry = { lastChangeAt: 0, dirty: false, version: null, pendingEditors: new Set(), editedNotBefore: new Map() }));
    return entry;
  };

  async function record(documentName: string, document: Document) {
    if (!documentName.startsWith("proposal:")) return;
    const proposalId = documentName.slice("proposal:".length);
    const entry = trackedOf(documentName);
    const now = Date.now();
    const quiet = document.getConnectionsCount() === 0 || now - entry.lastChangeAt >= QUIET_AFTER_MS;
    // During uninterrupted typing the first store only starts the clock: the version is taken
    // when the text goes quiet, or after AUTOMATIC_VERSION_MINUTES of typing, whichever is first.
    if (!quiet && !entry.version) entry.version = { at: now + VERSION_INTERVAL_MS, known: false };
    const versionDue = entry.dirty && (entry.version === null || now >= entry.version.at || (quiet && !entry.version.known));
    const editors = quiet || versionDue ? [...entry.pendingEditors].filter((id) => now >= (entry.editedNotBefore.get(id) ?? 0)) : [];
    if (!versionDue && editors.length === 0) return;
    try {
      await oneAtATime(async () => {
        if (versionDue) {
          const { written, notBefore } = await createAutomaticVersionIfDue(proposalId, () => Y.encodeStateAsUpdate(document));
          if (written) entry.dirty = false;
          entry.version = { at: notBefore?.getTime() ?? Date.now() + VERSION_INTERVAL_MS, known: true };
        }
        for (const userId of editors) {
          const { notBefore } = await recordProposalEdited(proposalId, userId);
          entry.pendingEditors.delete(userId);
          if (notBefore) entry.editedNotBefore.set(userId, notBefore.getTime());
        }
      });
    } catch (error) {
      // History is a convenience: it must never fail the save itself.
      console.error(`Recording the history of ${documentName} failed`, error);
    }
  }

  return {
    extensionName: "twb-proposal-history",

    async onChange({ documentName, context }) {
      if (!documentName.startsWith("proposal:")) return;
      const entry = trackedOf(documentName);
      entry.lastChangeAt = Date.now();
      entry.dirty = true;
      const user = (context as Partial<CollabContext> | undefined)?.user;
      if (user) entry.pendingEditors.add(user.id);
    },

    async afterStoreDocument({ documentName, document }) {
      await record(documentName, document);
    },

    async beforeUnloadDocument({ documentName, document }) {
      await record(documentName, document);
    },

    async afterUnloadDocument({ documentName }) {
      tracked.delete(documentName);
    },
  };
}
