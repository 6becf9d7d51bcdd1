import * as Y from "yjs";
import { appendDocumentUpdates, loadDocumentState } from "~/models/collab-document.server";

/** A change to a collaborative document, made in one Yjs transaction. */
export type DocumentChange = (document: Y.Doc) => void;

/** Applies a change to the live copy held by the collaboration server; returns the Yjs update it made. */
export type LiveDocumentApplier = (name: string, change: DocumentChange) => Promise<Uint8Array | null>;

// The collaboration server registers itself here at start-up (server/collab/live-documents.ts);
// on globalThis because the Remix build that calls changeDocument() has its own module copy.
const KEY = Symbol.for("twb.live-documents");
const holder = globalThis as typeof globalThis & { [KEY]?: LiveDocumentApplier };

/** Called by the collaboration server so that changes reach open editors at once. */
export function registerLiveDocuments(applier: LiveDocumentApplier | undefined): void {
  holder[KEY] = applier;
}

/**
 * Changes a collaborative document from outside the editor (restoring a version, say). With the
 * collaboration server running it goes through Hocuspocus, so every open editor receives it; the
 * resulting update is also appended to the document's log, so it is as durable as a keystroke.
 */
export async function changeDocument(name: string, change: DocumentChange): Promise<void> {
  const applier = holder[KEY];
  if (applier) {
    const update = await applier(name, change);
    if (update) await appendDocumentUpdates([{ documentName: name, update }]);
    return;
  }
  const document = new Y.Doc();
  const state = await loadDocumentState(name);
  if (state) Y.applyUpdate(document, state);
  const updates: Uint8Array[] = [];
  document.on("update", (update: Uint8Array) => updates.push(update));
  document.transact(() => change(document));
  if (updates.length) await appendDocumentUpdates([{ documentName: name, update: Y.mergeUpdates(updates) }]);
}
