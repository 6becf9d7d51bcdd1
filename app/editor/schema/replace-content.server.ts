import type { JSONContent } from "@tiptap/core";
import { updateYFragment } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { PROPOSAL_FIELD } from "./extensions";
import { proposalSchema } from "./ydoc.server";

/**
 * Makes a live document hold `content`, changing only what differs (y-prosemirror's own diffing),
 * so people typing elsewhere in the text keep their work and their carets.
 */
export function replaceDocumentContent(document: Y.Doc, content: JSONContent): void {
  const node = proposalSchema().nodeFromJSON(content);
  updateYFragment(document, document.getXmlFragment(PROPOSAL_FIELD), node, { mapping: new Map(), isOMark: new Map() });
}
