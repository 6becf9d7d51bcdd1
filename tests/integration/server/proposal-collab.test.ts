import type { HocuspocusProvider } from "@hocuspocus/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PROPOSAL_FIELD } from "~/editor/schema/extensions";
import { changeLabMemberRole, removeLabMember } from "~/models/lab.server";
import { createProposal, moveProposal, proposalDocumentName } from "~/models/proposal.server";
import type { RunningServer } from "../../../server/app";
import { closeDocument, openDocument, type CollabOutcome } from "../../support/collab-client";
import { createTestLab, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A lab with one person per role and a fresh proposal, each person logged in. */
async function labScene() {
  const [facilitator, member, observer, outsider, coordinator] = await Promise.all([
    createTestUser({ role: "FACILITATOR" }),
    createTestUser(),
    createTestUser(),
    createTestUser(),
    createTestUser({ role: "COORDINATOR" }),
  ]);
  const lab = await createTestLab([
    { userId: facilitator.id, role: "FACILITATOR" },
    { userId: member.id, role: "MEMBER" },
    { userId: observer.id, role: "OBSERVER" },
  ]);
  const proposal = await createProposal(member.id, lab.id, { title: "Doposcuola di prova" });
  const cookies = Object.fromEntries(
    await Promise.all(
      Object.entries({ facilitator, member, observer, outsider, coordinator }).map(async ([name, user]) => [name, await loginCookie(server.url, user.email, TEST_PASSWORD)] as const),
    ),
  ) as Record<"facilitator" | "member" | "observer" | "outsider" | "coordinator", string>;
  return { lab, proposal, users: { facilitator, member, observer, outsider, coordinator }, cookies, documentName: proposalDocumentName(proposal.id) };
}

const text = (document: Y.Doc) => document.getXmlFragment(PROPOSAL_FIELD).toString();

function appendParagraph(document: Y.Doc, words: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  const fragment = document.getXmlFragment(PROPOSAL_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

function synced(outcome: CollabOutcome) {
  if (outcome.status !== "synced") throw new Error(`refused: ${outcome.reason}`);
  return outcome;
}

/** Resolves when `check` passes, polling; fails after `ms`. */
async function eventually(check: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function waitForEvent(provider: HocuspocusProvider, name: "stateless" | "close", ms = 5_000): Promise<{ payload?: string; event?: { reason?: string } }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms);
    provider.on(name, (payload: { payload?: string; event?: { reason?: string } }) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

describe("proposal documents on /collab", () => {
  it("lab members edit, observers and coordinators read, outsiders and anonymous are refused", async () => {
    const scene = await labScene();
    const member = synced(await openDocument(server.url, scene.documentName, scene.cookies.member));
    const observer = synced(await openDocument(server.url, scene.documentName, scene.cookies.observer));
    const coordinator = synced(await openDocument(server.url, scene.documentName, scene.cookies.coordinator));
    expect(member.provider.authorizedScope).toBe("read-write");
    expect(observer.provider.authorizedScope).toBe("readonly");
    expect(coordinator.provider.authorizedScope).toBe("readonly");
    expect(text(member.document)).toContain("Bisogno a cui risponde");

    expect((await openDocument(server.url, scene.documentName, scene.cookies.outsider)).status).toBe("refused");
    expect((await openDocument(server.url, scene.documentName)).status).toBe("refused");
    expect((await openDocument(server.url, "proposal:not-a-uuid", scene.cookies.member)).status).toBe("refused");

    appendParagraph(member.document, "Scrive il membro");
    await eventually(() => text(observer.document).includes("Scrive il membro"));

    // The observer's local edit never reaches anyone else: the server discards it.
    appendParagraph(observer.document, "Scrive l'osservatore");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const fresh = synced(await openDocument(server.url, scene.documentName, scene.cookies.facilitator));
    expect(text(fresh.document)).toContain("Scrive il membro");
    expect(text(fresh.document)).not.toContain("Scrive l'osservatore");
    expect(text(member.document)).not.toContain("Scrive l'osservatore");
    for (const outcome of [member, observer, coordinator, fresh]) closeDocument(outcome);
  });

  it("someone made an observer turns read-only within seconds; someone removed is disconnected", async () => {
    const scene = await labScene();
    const member = synced(await openDocument(server.url, scene.documentName, scene.cookies.member));
    const facilitator = synced(await openDocument(server.url, scene.documentName, scene.cookies.facilitator));
    const witness = synced(await openDocument(server.url, scene.documentName, scene.cookies.observer));

    const demoted = waitForEvent(member.provider, "stateless");
    await changeLabMemberRole(scene.users.facilitator.id, scene.lab.id, scene.users.member.id, "OBSERVER");
    expect(JSON.parse((await demoted).payload!)).toEqual({ type: "access", access: "read" });
    appendParagraph(member.document, "Dopo la retrocessione");
    appendParagraph(facilitator.document, "Il facilitatore scrive ancora");
    await eventually(() => text(witness.document).includes("Il facilitatore scrive ancora"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(text(witness.document)).not.toContain("Dopo la retrocessione");

    const removed = waitForEvent(facilitator.provider, "close");
    await removeLabMember(scene.users.member.id, scene.lab.id, scene.users.facilitator.id);
    expect((await removed).event?.reason).toBe("forbidden");
    expect((await openDocument(server.url, scene.documentName, scene.cookies.facilitator)).status).toBe("refused");
    for (const outcome of [member, facilitator, witness]) closeDocument(outcome);
  });

  it("a submitted proposal becomes read-only for the lab's open editors", async () => {
    const scene = await labScene();
    const member = synced(await openDocument(server.url, scene.documentName, scene.cookies.member));
    const frozen = waitForEvent(member.provider, "stateless");
    await moveProposal(scene.users.facilitator.id, scene.proposal.id, "DRAFT", { to: "SUBMITTED" });
    expect(JSON.parse((await frozen).payload!)).toEqual({ type: "access", access: "read" });
    const reopened = synced(await openDocument(server.url, scene.documentName, scene.cookies.member));
    expect(reopened.provider.authorizedScope).toBe("readonly");
    closeDocument(member);
    closeDocument(reopened);
  });
});
