import type { JSONContent } from "@tiptap/core";

// Markdown (CommonMark + GFM tables) of a proposal document, for export.

// Punctuation that Markdown would read as syntax, and text that would start a list ("- ", "1. ").
const escapeText = (text: string) =>
  text
    .replace(/([\\`*_[\]#<>|~])/g, "\\$1")
    .replace(/^(\s*)([-+])(\s)/, "$1\\$2$3")
    .replace(/^(\s*\d+)\.(\s)/, "$1\\.$2");

function inline(node: JSONContent): string {
  if (node.type === "hardBreak") return "  \n";
  if (node.type !== "text") return (node.content ?? []).map(inline).join("");
  let text = escapeText(node.text ?? "");
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") text = `**${text}**`;
    else if (mark.type === "italic") text = `*${text}*`;
    else if (mark.type === "strike") text = `~~${text}~~`;
    else if (mark.type === "code") text = `\`${(node.text ?? "").replace(/`/g, "\\`")}\``;
    else if (mark.type === "link" && mark.attrs?.href) text = `[${text}](${String(mark.attrs.href).replace(/[()\s]/g, encodeURIComponent)})`;
  }
  return text;
}

const indent = (text: string, prefix: string) =>
  text
    .split("\n")
    .map((line, index) => (index === 0 ? line : line ? `${prefix}${line}` : line))
    .join("\n");

function block(node: JSONContent): string {
  const children = node.content ?? [];
  switch (node.type) {
    case "heading":
      return `${"#".repeat(Number(node.attrs?.level ?? 2))} ${inline(node)}`;
    case "paragraph":
      return inline(node);
    case "blockquote":
      return children.map(block).join("\n\n").split("\n").map((line) => (line ? `> ${line}` : ">")).join("\n");
    case "bulletList":
      return children.map((item) => `- ${indent(blocks(item.content ?? []), "  ")}`).join("\n");
    case "orderedList": {
      const start = Number(node.attrs?.start ?? 1);
      return children.map((item, index) => `${start + index}. ${indent(blocks(item.content ?? []), "   ")}`).join("\n");
    }
    case "codeBlock":
      return `\`\`\`\n${children.map((child) => child.text ?? "").join("")}\n\`\`\``;
    case "horizontalRule":
      return "---";
    case "table": {
      const rows = children.map((row) => (row.content ?? []).map((cell) => blocks(cell.content ?? []).replace(/\n+/g, " ").replace(/\|/g, "\\|")));
      if (rows.length === 0) return "";
      const width = Math.max(...rows.map((row) => row.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, index) => cells[index] ?? "").join(" | ")} |`;
      return [line(rows[0]), line(Array.from({ length: width }, () => "---")), ...rows.slice(1).map(line)].join("\n");
    }
    default:
      return blocks(children);
  }
}

function blocks(nodes: JSONContent[]): string {
  return nodes.map(block).filter((text) => text !== "").join("\n\n");
}

/** The document as Markdown, optionally under a title. */
export function documentToMarkdown(content: JSONContent, title?: string): string {
  const body = blocks(content.content ?? []);
  return `${title ? `# ${escapeText(title)}\n\n` : ""}${body}\n`;
}
