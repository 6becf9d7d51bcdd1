import type { Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { createAutomaticVersionIfDue } from "~/models/proposal-version.server";

/**
 * Keeps automatic versions of proposals while people edit: each time Hocuspocus stores a
 * proposal (debounced while typing), a version is added if the last one is old enough.
 */
export const automaticVersions: Extension = {
  async afterStoreDocument({ documentName, document }) {
    if (!documentName.startsWith("proposal:")) return;
    try {
      await createAutomaticVersionIfDue(documentName.slice("proposal:".length), Y.encodeStateAsUpdate(document));
    } catch (error) {
      // A missed automatic version must never fail the save itself.
      console.error(`Automatic version of ${documentName} failed`, error);
    }
  },
};
