import type { Extensions } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import { StarterKit } from "@tiptap/starter-kit";

// The proposal document's schema, without React: the browser editor, the server (seed, exports,
// version diffs) and the tests build the same ProseMirror schema from this list.

/** Yjs field that holds a proposal's ProseMirror document. */
export const PROPOSAL_FIELD = "default";

/** Headless extensions of a proposal: headings, lists, links, tables, quotes. */
export function proposalExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Yjs keeps the history of a shared document; ProseMirror's own undo would fight it.
      undoRedo: false,
      heading: { levels: [2, 3, 4] },
      link: { openOnClick: false, autolink: true, defaultProtocol: "https", protocols: ["http", "https", "mailto"] },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}
