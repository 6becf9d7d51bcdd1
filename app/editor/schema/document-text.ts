import type { JSONContent } from "@tiptap/core";

// Plain text of a proposal document, one block per line, for comparing versions.

function inlineText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}

/** The blocks of a document as lines of text ("## " before headings, "• " before list items). */
export function documentLines(node: JSONContent, prefix = ""): string[] {
  switch (node.type) {
    case "doc":
    case "blockquote":
    case "bulletList":
    case "orderedList":
    case "table":
      return (node.content ?? []).flatMap((child) => documentLines(child, node.type === "blockquote" ? `${prefix}> ` : prefix));
    case "listItem":
      return (node.content ?? []).flatMap((child, index) => documentLines(child, index === 0 ? `${prefix}• ` : `${prefix}  `));
    case "tableRow":
      return [`${prefix}| ${(node.content ?? []).map((cell) => (cell.content ?? []).map(inlineText).join(" ")).join(" | ")} |`];
    case "heading":
      return [`${prefix}${"#".repeat(Number(node.attrs?.level ?? 2))} ${inlineText(node)}`];
    case "horizontalRule":
      return [`${prefix}---`];
    default:
      return [`${prefix}${inlineText(node)}`];
  }
}
