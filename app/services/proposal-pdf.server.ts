import { createRequire } from "node:module";
import type { JSONContent } from "@tiptap/core";
import PDFDocument from "pdfkit";

// A printable PDF of a proposal: title, details and the text, in DejaVu Sans (from the npm
// package dejavu-fonts-ttf), which covers Italian and the other languages the network's families
// write in (Latin, Cyrillic, Greek…), unlike PDF's built-in fonts.

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  italic: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"),
  boldItalic: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf"),
};

type Pdf = InstanceType<typeof PDFDocument>;

function fontFor(marks: JSONContent["marks"] = [], strong = false) {
  const bold = strong || marks.some((mark) => mark.type === "bold");
  const italic = marks.some((mark) => mark.type === "italic");
  return bold && italic ? "boldItalic" : bold ? "bold" : italic ? "italic" : "regular";
}

function runs(node: JSONContent): JSONContent[] {
  if (node.type === "text") return [node];
  if (node.type === "hardBreak") return [{ type: "text", text: "\n" }];
  return (node.content ?? []).flatMap(runs);
}

function writeInline(pdf: Pdf, node: JSONContent, options: { indent: number; size: number; prefix?: string; strong?: boolean }) {
  const parts = runs(node);
  if (options.prefix) parts.unshift({ type: "text", text: options.prefix });
  if (parts.length === 0) parts.push({ type: "text", text: " " });
  pdf.fontSize(options.size);
  parts.forEach((part, index) => {
    const link = part.marks?.find((mark) => mark.type === "link")?.attrs?.href as string | undefined;
    pdf.font(fontFor(part.marks, options.strong)).fillColor(link ? "#0b5c8a" : "#1b1d1f");
    pdf.text(part.text ?? "", pdf.page.margins.left + options.indent, undefined, {
      continued: index < parts.length - 1,
      link: link && /^(https?:|mailto:)/i.test(link) ? link : undefined,
      underline: Boolean(link),
      width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right - options.indent,
    });
  });
  pdf.fillColor("#1b1d1f");
}

function writeBlock(pdf: Pdf, node: JSONContent, indent: number) {
  const children = node.content ?? [];
  switch (node.type) {
    case "heading":
      pdf.moveDown(0.6);
      writeInline(pdf, node, { indent, size: node.attrs?.level === 2 ? 15 : 13, strong: true });
      pdf.moveDown(0.2);
      return;
    case "paragraph":
      writeInline(pdf, node, { indent, size: 11 });
      pdf.moveDown(0.4);
      return;
    case "bulletList":
    case "orderedList":
      children.forEach((item, index) => {
        const marker = node.type === "bulletList" ? "•  " : `${Number(node.attrs?.start ?? 1) + index}.  `;
        (item.content ?? []).forEach((child, childIndex) => {
          if (childIndex === 0 && child.type === "paragraph") {
            writeInline(pdf, child, { indent: indent + 12, size: 11, prefix: marker });
            pdf.moveDown(0.2);
          } else writeBlock(pdf, child, indent + 24);
        });
      });
      pdf.moveDown(0.2);
      return;
    case "blockquote":
      children.forEach((child) => writeBlock(pdf, child, indent + 18));
      return;
    case "table":
      children.forEach((row) => {
        const cells = (row.content ?? []).map((cell) => runs(cell).map((run) => run.text ?? "").join(""));
        pdf.font(row.content?.[0]?.type === "tableHeader" ? "bold" : "regular").fontSize(10);
        pdf.text(cells.join("  |  "), pdf.page.margins.left + indent, undefined, { width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right - indent });
      });
      pdf.moveDown(0.4);
      return;
    case "horizontalRule":
      pdf.moveDown(0.3);
      return;
    default:
      children.forEach((child) => writeBlock(pdf, child, indent));
  }
}

/** Renders a proposal to a PDF file in memory. */
export function proposalPdf(input: { title: string; subtitle: string; details: [string, string][]; content: JSONContent; footer: string }): Promise<Buffer> {
  const pdf = new PDFDocument({ size: "A4", margin: 56, info: { Title: input.title, Creator: "TWB Community Labs" }, lang: "it-IT" } as PDFKit.PDFDocumentOptions);
  for (const [name, file] of Object.entries(FONTS)) pdf.registerFont(name, file);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  pdf.font("bold").fontSize(20).text(input.title);
  pdf.font("regular").fontSize(11).fillColor("#4a5057").text(input.subtitle).fillColor("#1b1d1f");
  pdf.moveDown(0.8);
  for (const [name, value] of input.details) {
    pdf.font("bold").fontSize(10).text(`${name}: `, { continued: true }).font("regular").text(value);
  }
  pdf.moveDown(0.6);
  writeBlock(pdf, input.content, 0);
  pdf.moveDown(1).font("italic").fontSize(9).fillColor("#4a5057").text(input.footer);
  pdf.end();
  return done;
}
