import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PROPOSAL_FIELD } from "~/editor/schema/extensions";
import { documentLines } from "~/editor/schema/document-text";
import { prisma } from "~/db.server";
import { createProposal, proposalDocumentName } from "~/models/proposal.server";
import {
  createAutomaticVersionIfDue,
  createNamedVersion,
  getCurrentProposalContent,
  recordProposalEdited,
  listProposalVersions,
  restoreProposalVersion,
} from "~/models/proposal-version.server";
import type { RunningServer } from "../../../server/app";
import { closeDocument, openDocument } from "../../support/collab-client";
import { createTestLab, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function appendParagraph(document: Y.Doc, words: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  const fragment = document.getXmlFragment(PROPOSAL_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("proposal versions", () => {
  it("restoring a named version reaches open editors as a new change, keeping the text it replaces", async () => {
    const member = await createTestUser();
    const lab = await createTestLab([{ userId: member.id, role: "MEMBER" }]);
    const proposal = await createProposal(member.id, lab.id, { title: "Versioni di prova" });
    const cookie = await loginCookie(server.url, member.email, TEST_PASSWORD);
    const editor = await openDocument(server.url, proposalDocumentName(proposal.id), cookie);
    if (editor.status !== "synced") throw new Error("not synced");

    appendParagraph(editor.document, "Prima stesura");
    await eventually(async () => documentLines(await getCurrentProposalContent(proposal.id)).includes("Prima stesura"));
    const named = await createNamedVersion(member.id, proposal.id, "Dopo la prima stesura");

    appendParagraph(editor.document, "Aggiunta successiva");
    await eventually(async () => documentLines(await getCurrentProposalContent(proposal.id)).includes("Aggiunta successiva"));

    expect(await restoreProposalVersion(member.id, proposal.id, named.id)).toBe(true);
    // The open editor receives the restore like any other edit.
    await eventually(() => !editor.document.getXmlFragment(PROPOSAL_FIELD).toString().includes("Aggiunta successiva"));
    expect(editor.document.getXmlFragment(PROPOSAL_FIELD).toString()).toContain("Prima stesura");
    const stored = documentLines(await getCurrentProposalContent(proposal.id));
    expect(stored).toContain("Prima stesura");
    expect(stored).not.toContain("Aggiunta successiva");

    const versions = await listProposalVersions(proposal.id);
    expect(versions.map((version) => version.kind)).toEqual(["RESTORE", "NAMED"]);
    expect(await prisma.labActivity.count({ where: { proposalId: proposal.id, kind: "proposal.version_restored" } })).toBe(1);
    closeDocument(editor);
  });

  it("typing through the collaboration server leaves an automatic version and the typist in the lab's feed", async () => {
    const [writer, reader] = await Promise.all([createTestUser(), createTestUser()]);
    const lab = await createTestLab([
      { userId: writer.id, role: "MEMBER" },
      { userId: reader.id, role: "MEMBER" },
    ]);
    const proposal = await createProposal(writer.id, lab.id, { title: "Storia automatica" });
    const [writing, reading] = await Promise.all([
      loginCookie(server.url, writer.email, TEST_PASSWORD).then((cookie) => openDocument(server.url, proposalDocumentName(proposal.id), cookie)),
      loginCookie(server.url, reader.email, TEST_PASSWORD).then((cookie) => openDocument(server.url, proposalDocumentName(proposal.id), cookie)),
    ]);
    if (writing.status !== "synced" || reading.status !== "synced") throw new Error("not synced");
    appendParagraph(writing.document, "Scritto da una sola persona");
    await eventually(() => reading.document.getXmlFragment(PROPOSAL_FIELD).toString().includes("Scritto da una sola persona"));
    // Everyone leaves: the proposal is stored and unloaded, and its history written.
    closeDocument(writing);
    closeDocument(reading);
    await eventually(async () => (await listProposalVersions(proposal.id)).some((version) => version.kind === "AUTOMATIC"));
    await eventually(async () => (await prisma.labActivity.count({ where: { proposalId: proposal.id, kind: "proposal.edited" } })) === 1);
    const edited = await prisma.labActivity.findFirst({ where: { proposalId: proposal.id, kind: "proposal.edited" } });
    // Only the person who typed, not the one who only read.
    expect(edited?.actorId).toBe(writer.id);
  });

  it("keeps at most one automatic version per ten minutes", async () => {
    const member = await createTestUser();
    const lab = await createTestLab([{ userId: member.id, role: "MEMBER" }]);
    const proposal = await createProposal(member.id, lab.id, { title: "Automatiche" });
    const state = new Uint8Array(Y.encodeStateAsUpdate(new Y.Doc()));
    const start = new Date();
    expect(await createAutomaticVersionIfDue(proposal.id, () => state, start)).toEqual({ written: true, notBefore: new Date(start.getTime() + 10 * 60_000) });
    // Not due: says when it will be, so the collaboration server need not ask again before then.
    expect(await createAutomaticVersionIfDue(proposal.id, () => state, new Date(start.getTime() + 5 * 60_000))).toEqual({
      written: false,
      notBefore: new Date(start.getTime() + 10 * 60_000),
    });
    await prisma.proposalVersion.updateMany({ where: { proposalId: proposal.id }, data: { createdAt: new Date(start.getTime() - 11 * 60_000) } });
    expect((await createAutomaticVersionIfDue(proposal.id, () => state, start)).written).toBe(true);
    expect((await createAutomaticVersionIfDue("00000000-0000-0000-0000-000000000000", () => state)).written).toBe(false);
  });
});

describe("the lab's feed", () => {
  it("notes who edited a proposal at most once per person every half hour", async () => {
    const [first, second] = await Promise.all([createTestUser(), createTestUser()]);
    const lab = await createTestLab([{ userId: first.id, role: "MEMBER" }, { userId: second.id, role: "MEMBER" }]);
    const proposal = await createProposal(first.id, lab.id, { title: "Feed" });
    const now = new Date();
    expect((await recordProposalEdited(proposal.id, first.id, now)).written).toBe(true);
    expect((await recordProposalEdited(proposal.id, first.id, new Date(now.getTime() + 10 * 60_000))).written).toBe(false);
    expect((await recordProposalEdited(proposal.id, second.id, now)).written).toBe(true);
    expect(await prisma.labActivity.count({ where: { proposalId: proposal.id, kind: "proposal.edited" } })).toBe(2);
  });
});
