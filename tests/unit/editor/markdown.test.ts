import { describe, expect, it } from "vitest";
import { documentLines } from "~/editor/schema/document-text";
import { documentToMarkdown } from "~/editor/schema/markdown";
import { proposalTemplate } from "~/editor/schema/template";
import { jsonToYjsState, yjsStateToJson } from "~/editor/schema/ydoc.server";
import { DEMO_PROPOSAL } from "../../../prisma/seed/demo-lab";

const text = (value: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({ type: "text", text: value, ...(marks ? { marks } : {}) });

describe("documentToMarkdown", () => {
  it("writes headings, marks, links, nested lists, quotes and tables", () => {
    const markdown = documentToMarkdown(
      {
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 2 }, content: [text("Attività")] },
          { type: "paragraph", content: [text("Due "), text("pomeriggi", [{ type: "bold" }]), text(" a "), text("settimana", [{ type: "italic" }]), text(", vedi "), text("sito", [{ type: "link", attrs: { href: "https://esempio.it/a b" } }])] },
          {
            type: "bulletList",
            content: [
              { type: "listItem", content: [{ type: "paragraph", content: [text("studio")] }, { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("compiti")] }] }] }] },
            ],
          },
          { type: "blockquote", content: [{ type: "paragraph", content: [text("Una citazione")] }] },
          {
            type: "table",
            content: [
              { type: "tableRow", content: [{ type: "tableHeader", content: [{ type: "paragraph", content: [text("Voce")] }] }, { type: "tableHeader", content: [{ type: "paragraph", content: [text("Costo")] }] }] },
              { type: "tableRow", content: [{ type: "tableCell", content: [{ type: "paragraph", content: [text("Educatori")] }] }, { type: "tableCell", content: [{ type: "paragraph", content: [text("18.000 €")] }] }] },
            ],
          },
        ],
      },
      "Doposcuola",
    );
    expect(markdown).toBe(
      [
        "# Doposcuola",
        "",
        "## Attività",
        "",
        "Due **pomeriggi** a *settimana*, vedi [sito](https://esempio.it/a%20b)",
        "",
        "- studio",
        "",
        "  1. compiti",
        "",
        "> Una citazione",
        "",
        "| Voce | Costo |",
        "| --- | --- |",
        "| Educatori | 18.000 € |",
        "",
      ].join("\n"),
    );
  });

  it("escapes text that would otherwise become Markdown", () => {
    expect(documentToMarkdown({ type: "doc", content: [{ type: "paragraph", content: [text("1. non è una lista *né* un [link]")] }] })).toBe(
      "1\\. non è una lista \\*né\\* un \\[link\\]\n",
    );
  });
});

describe("proposal documents", () => {
  it("survive the trip through Yjs unchanged", () => {
    expect(yjsStateToJson(jsonToYjsState(DEMO_PROPOSAL.content))).toEqual(DEMO_PROPOSAL.content);
  });

  it("read as lines of text for comparing versions", () => {
    expect(documentLines(proposalTemplate("en")).slice(0, 2)).toEqual(["## Need addressed", "Which local need does it answer? Who reported it, with what evidence?"]);
  });
});
