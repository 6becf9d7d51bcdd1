import type { Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { createAutomaticVersionIfDue, recordProposalEdited } from "~/models/proposal-version.server";
import type { CollabContext } from "./hocuspocus";

/**
 * A proposal's history while people edit: each time Hocuspocus stores a proposal (debounced while
 * typing), an automatic version is added if the last one is old enough, and the lab's feed notes
 * who edited (throttled per person).
 */
export const proposalHistory: Extension = {
  async afterStoreDocument({ documentName, document, lastContext }) {
    if (!documentName.startsWith("proposal:")) return;
    const proposalId = documentName.slice("proposal:".length);
    const editor = (lastContext as Partial<CollabContext> | undefined)?.user;
    try {
      await createAutomaticVersionIfDue(proposalId, Y.encodeStateAsUpdate(document));
      if (editor) await recordProposalEdited(proposalId, editor.id);
    } catch (error) {
      // History is a convenience: it must never fail the save itself.
      console.error(`Recording the history of ${documentName} failed`, error);
    }
  },
};
