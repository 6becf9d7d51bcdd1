import { getSchema, type JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { PROPOSAL_FIELD, proposalExtensions } from "./extensions";

let schema: ReturnType<typeof getSchema> | undefined;

/** The ProseMirror schema of proposals, built once. */
export function proposalSchema() {
  schema ??= getSchema(proposalExtensions());
  return schema;
}

/** The Yjs state (an update) of a document holding this ProseMirror JSON. */
export function jsonToYjsState(content: JSONContent): Uint8Array {
  return Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(proposalSchema(), content, PROPOSAL_FIELD));
}

/** The ProseMirror JSON held by a Yjs state (for exports, versions and diffs). */
export function yjsStateToJson(state: Uint8Array): JSONContent {
  const document = new Y.Doc();
  Y.applyUpdate(document, state);
  return yXmlFragmentToProseMirrorRootNode(document.getXmlFragment(PROPOSAL_FIELD), proposalSchema()).toJSON() as JSONContent;
}
