import * as Y from "yjs";
import { appendDocumentUpdates, loadDocumentState } from "~/models/collab-document.server";

/** A change to a collaborative document, made in one Yjs transaction. */
export type DocumentChange = (document: Y.Doc) => void;

/** Applies a change to the live copy held by the collaboration server; resolves once it is durable. */
export type LiveDocumentApplier = (name: string, change: DocumentChange) => Promise<void>;

// The collaboration server registers itself here at start-up (server/collab/live-documents.ts);
// on globalThis because the Remix build that calls changeDocument() has its own module copy.
const KEY = Symbol.for("twb.live-documents");
const holder = globalThis as typeof globalThis & { [KEY]?: LiveDocumentApplier };

/** What open editors of a document are told happened beside its text, so they can refresh. */
export type DocumentAnnouncement = { type: "comments" };
export type DocumentAnnouncer = (name: string, announcement: DocumentAnnouncement) => void;
const ANNOUNCER_KEY = Symbol.for("twb.live-documents.announcer");
const announcerHolder = globalThis as typeof globalThis & { [ANNOUNCER_KEY]?: DocumentAnnouncer };

/** Called by the collaboration server: announcements reach the document's open connections. */
export function registerDocumentAnnouncer(announcer: DocumentAnnouncer | undefined): void {
  announcerHolder[ANNOUNCER_KEY] = announcer;
}

/**
 * Tells everyone who has the document open (and only them: the collaboration server checked their
 * access when they connected) that something beside its text changed. Without a collaboration
 * server in the process nobody has it open, and there is nobody to tell.
 */
export function announceToDocument(name: string, announcement: DocumentAnnouncement): void {
  announcerHolder[ANNOUNCER_KEY]?.(name, announcement);
}

/** Called by the collaboration server so that changes reach open editors at once. */
export function registerLiveDocuments(applier: LiveDocumentApplier | undefined): void {
  holder[KEY] = applier;
}

/**
 * Changes a collaborative document from outside the editor (restoring a version, say). With the
 * collaboration server running it goes through Hocuspocus, so every open editor receives it and its
 * persistence logs it; without the server the update is appended to the document's log here.
 */
export async function changeDocument(name: string, change: DocumentChange): Promise<void> {
  const applier = holder[KEY];
  if (applier) return applier(name, change);
  const document = new Y.Doc();
  const state = await loadDocumentState(name);
  if (state) Y.applyUpdate(document, state);
  const updates: Uint8Array[] = [];
  document.on("update", (update: Uint8Array) => updates.push(update));
  document.transact(() => change(document));
  if (updates.length) await appendDocumentUpdates([{ documentName: name, update: Y.mergeUpdates(updates) }]);
}
