import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { prisma } from "~/db.server";
import { createCommentThread, listCommentThreads, replyToThread, setThreadResolved } from "~/models/comment.server";
import { createProposal } from "~/models/proposal.server";
import { createTestLab, createTestUser } from "../../support/factories";

async function scene() {
  const [author, mentioned, outsider] = await Promise.all([createTestUser({ name: "Giovanna Autrice" }), createTestUser({ name: "Marta Menzionata" }), createTestUser({ name: "Olga Esterna" })]);
  const lab = await createTestLab([{ userId: author.id, role: "MEMBER" }, { userId: mentioned.id, role: "OBSERVER" }]);
  const proposal = await createProposal(author.id, lab.id, { title: "Commenti di prova" });
  return { author, mentioned, outsider, proposal: { id: proposal.id, title: proposal.title, lab: { id: lab.id, slug: lab.slug } } };
}

const anchor = { from: { type: null, tname: "default", item: null, assoc: 0 }, to: { type: null, tname: "default", item: null, assoc: -1 } };

describe("comment threads", () => {
  it("notifies mentioned lab members only, never the author nor people outside the lab", async () => {
    const { author, mentioned, outsider, proposal } = await scene();
    const { mentioned: notified } = await createCommentThread(author, proposal, {
      anchor,
      quote: "Bisogno a cui risponde",
      body: "@Marta Menzionata e @Olga Esterna, guardate qui. Anche @Giovanna Autrice.",
    });
    expect(notified).toEqual([mentioned.id]);
    expect(await prisma.notification.count({ where: { userId: mentioned.id, kind: "comment.mention" } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: { in: [author.id, outsider.id] }, kind: "comment.mention" } })).toBe(0);
  });

  it("resolves and reopens; a reply reopens a resolved thread", async () => {
    const { author, proposal } = await scene();
    const { thread } = await createCommentThread(author, proposal, { anchor, quote: "Attività", body: "Serve un calendario" });
    await setThreadResolved(author.id, thread.id, true);
    expect((await listCommentThreads(proposal.id))[0].resolvedAt).not.toBeNull();
    await replyToThread(author, proposal, thread.id, "In realtà manca ancora");
    const [reopened] = await listCommentThreads(proposal.id);
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.comments.map((comment) => comment.body)).toEqual(["Serve un calendario", "In realtà manca ancora"]);
  });
});

describe("anchors follow the text", () => {
  it("a relative position stays on the same words after text is inserted before them", () => {
    const document = new Y.Doc();
    const text = document.getText("body");
    text.insert(0, "Destinatari: ragazzi con DSA");
    const start = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 13));
    text.insert(0, "Premessa. ");
    const resolved = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(start), document);
    expect(text.toString().slice(resolved!.index, resolved!.index + 7)).toBe("ragazzi");
  });
});
