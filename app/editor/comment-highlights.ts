import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/** An open comment thread as the editor needs it: its id and the Yjs anchors of its passage. */
export type HighlightedThread = { id: string; anchor: { from: unknown; to: unknown } };

const commentHighlightsKey = new PluginKey<HighlightedThread[]>("commentHighlights");

type SyncState = { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } | null } | undefined;

function syncState(state: EditorState): SyncState {
  return ySyncPluginKey.getState(state) as SyncState;
}

/** Turns the current selection into Yjs relative positions (JSON), which follow later edits; null without a selection. */
export function selectionAnchor(state: EditorState): { from: unknown; to: unknown } | null {
  const sync = syncState(state);
  const { from, to, empty } = state.selection;
  if (!sync?.binding || empty) return null;
  const toJson = (position: number) =>
    Y.relativePositionToJSON(absolutePositionToRelativePosition(position, sync.type, sync.binding!.mapping as never));
  return { from: toJson(from), to: toJson(to) };
}

function decorations(state: EditorState, threads: HighlightedThread[]): DecorationSet {
  const sync = syncState(state);
  if (!sync?.binding || threads.length === 0) return DecorationSet.empty;
  const found: Decoration[] = [];
  for (const thread of threads) {
    try {
      const resolve = (json: unknown) =>
        relativePositionToAbsolutePosition(sync.doc, sync.type, Y.createRelativePositionFromJSON(json), sync.binding!.mapping as never);
      const from = resolve(thread.anchor.from);
      const to = resolve(thread.anchor.to);
      // A passage deleted entirely collapses to nothing: the thread stays listed, unhighlighted.
      if (from !== null && to !== null && to > from) {
        found.push(Decoration.inline(from, to, { class: "comment-highlight", "data-thread-id": thread.id }));
      }
    } catch {
      // An anchor from another document or an old format is ignored rather than breaking the editor.
    }
  }
  return DecorationSet.create(state.doc, found);
}

/** Highlights the passages that open comment threads are about; the anchors follow edits. */
export const CommentHighlights = Extension.create({
  name: "commentHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightedThread[]>({
        key: commentHighlightsKey,
        state: {
          init: () => [],
          apply: (transaction, threads) => (transaction.getMeta(commentHighlightsKey) as HighlightedThread[] | undefined) ?? threads,
        },
        props: {
          decorations: (state) => decorations(state, commentHighlightsKey.getState(state) ?? []),
        },
      }),
    ];
  },
});

/** Tells the editor which threads to highlight. */
export function setHighlightedThreads(view: { state: EditorState; dispatch: (transaction: ReturnType<EditorState["tr"]["setMeta"]>) => void }, threads: HighlightedThread[]) {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, threads));
}
