import type { JSONContent } from "@tiptap/core";
import type { ReactNode } from "react";

// Renders a stored proposal document (ProseMirror JSON) as plain React elements: version views
// and printable pages show the text without loading an editor. React escapes every string.

const SAFE_LINK = /^(https?:|mailto:)/i;

function renderMarks(text: ReactNode, marks: JSONContent["marks"] = []): ReactNode {
  return marks.reduce<ReactNode>((inner, mark) => {
    switch (mark.type) {
      case "bold":
        return <strong>{inner}</strong>;
      case "italic":
        return <em>{inner}</em>;
      case "underline":
        return <u>{inner}</u>;
      case "strike":
        return <s>{inner}</s>;
      case "code":
        return <code>{inner}</code>;
      case "link": {
        const href = String(mark.attrs?.href ?? "");
        return SAFE_LINK.test(href) ? (
          <a href={href} rel="noopener noreferrer nofollow">
            {inner}
          </a>
        ) : (
          inner
        );
      }
      default:
        return inner;
    }
  }, text);
}

function renderNode(node: JSONContent, key: number | string): ReactNode {
  const children = (node.content ?? []).map((child, index) => renderNode(child, index));
  switch (node.type) {
    case "doc":
      return <>{children}</>;
    case "text":
      return <span key={key}>{renderMarks(node.text ?? "", node.marks)}</span>;
    case "paragraph":
      return <p key={key}>{children}</p>;
    case "heading": {
      const level = Math.min(Math.max(Number(node.attrs?.level ?? 2), 2), 4);
      const Tag = `h${level}` as "h2" | "h3" | "h4";
      return <Tag key={key}>{children}</Tag>;
    }
    case "bulletList":
      return <ul key={key}>{children}</ul>;
    case "orderedList":
      return <ol key={key}>{children}</ol>;
    case "listItem":
      return <li key={key}>{children}</li>;
    case "blockquote":
      return <blockquote key={key}>{children}</blockquote>;
    case "hardBreak":
      return <br key={key} />;
    case "horizontalRule":
      return <hr key={key} />;
    case "codeBlock":
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case "table":
      return (
        <table key={key}>
          <tbody>{children}</tbody>
        </table>
      );
    case "tableRow":
      return <tr key={key}>{children}</tr>;
    case "tableHeader":
      return <th key={key}>{children}</th>;
    case "tableCell":
      return <td key={key}>{children}</td>;
    default:
      return <div key={key}>{children}</div>;
  }
}

/** A proposal's text as read-only HTML. */
export function RenderedDocument({ content }: { content: JSONContent }) {
  return <div className="editor-content rendered-document">{renderNode(content, "root")}</div>;
}
