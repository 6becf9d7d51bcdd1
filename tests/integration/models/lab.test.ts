import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { yjsStateToJson } from "~/editor/schema/ydoc.server";
import { loadDocumentState } from "~/models/collab-document.server";
import {
  addLabMember,
  addLabOrganization,
  AlreadyInLabError,
  changeLabMemberRole,
  createLab,
  decideJoinRequest,
  DuplicateJoinRequestError,
  getLabMembership,
  removeLabMember,
  requestToJoinLab,
} from "~/models/lab.server";
import { createProposal, moveProposal, NoteRequiredError, proposalDocumentName, StaleStageError } from "~/models/proposal.server";
import { onAccessChange, type AccessChange } from "~/services/access-events.server";
import { createTestLab, createTestOrganization, createTestUser } from "../../support/factories";

function recordAccessChanges() {
  const changes: AccessChange[] = [];
  const stop = onAccessChange((change) => changes.push(change));
  return { changes, stop };
}

describe("labs", () => {
  it("the person who starts a lab facilitates it, and the feed says so", async () => {
    const facilitator = await createTestUser({ role: "FACILITATOR" });
    const [school, cooperative] = await Promise.all([createTestOrganization({ kind: "ISTITUTO_SCOLASTICO" }), createTestOrganization()]);
    const lab = await createLab(facilitator.id, { title: "Laboratorio Anziani Soli", challenge: "Ridurre la solitudine", organizationIds: [school.id, cooperative.id] });
    expect(lab.slug).toMatch(/^laboratorio-anziani-soli/);
    expect(await getLabMembership(lab.id, facilitator.id)).toEqual({ role: "FACILITATOR" });
    expect(await prisma.labOrganization.count({ where: { labId: lab.id } })).toBe(2);
    expect((await prisma.labActivity.findMany({ where: { labId: lab.id } })).map((entry) => entry.kind)).toEqual(["lab.created"]);
  });

  it("inviting an organization brings in its people once; membership changes announce access changes", async () => {
    const facilitator = await createTestUser({ role: "FACILITATOR" });
    const organization = await createTestOrganization();
    const [first, second] = await Promise.all([createTestUser({ organizationId: organization.id }), createTestUser({ organizationId: organization.id })]);
    const lab = await createTestLab([{ userId: facilitator.id, role: "FACILITATOR" }, { userId: first.id, role: "OBSERVER" }]);
    const { changes, stop } = recordAccessChanges();
    try {
      expect(await addLabOrganization(facilitator.id, lab.id, organization.id)).toBe(1);
      expect(await getLabMembership(lab.id, second.id)).toEqual({ role: "MEMBER" });
      expect(await getLabMembership(lab.id, first.id)).toEqual({ role: "OBSERVER" });
      await changeLabMemberRole(facilitator.id, lab.id, second.id, "OBSERVER");
      await removeLabMember(facilitator.id, lab.id, first.id);
      await expect(addLabMember(facilitator.id, lab.id, second.id, "MEMBER")).rejects.toBeInstanceOf(AlreadyInLabError);
      expect(changes).toEqual([{ labId: lab.id }, { labId: lab.id }, { labId: lab.id }]);
    } finally {
      stop();
    }
  });

  it("a join request is answered once, and the person hears back", async () => {
    const facilitator = await createTestUser({ role: "FACILITATOR" });
    const applicant = await createTestUser();
    const lab = await createTestLab([{ userId: facilitator.id, role: "FACILITATOR" }]);
    const request = await requestToJoinLab(lab.id, applicant.id, "Lavoro con le famiglie");
    await expect(requestToJoinLab(lab.id, applicant.id)).rejects.toBeInstanceOf(DuplicateJoinRequestError);
    expect(await decideJoinRequest(facilitator.id, lab.id, request.id, { accept: true, role: "OBSERVER" })).toBe(true);
    expect(await decideJoinRequest(facilitator.id, lab.id, request.id, { accept: false })).toBe(false);
    expect(await getLabMembership(lab.id, applicant.id)).toEqual({ role: "OBSERVER" });
    expect(await prisma.notification.count({ where: { userId: applicant.id, kind: "join.accepted" } })).toBe(1);
  });
});

describe("proposals", () => {
  it("starts from the welfare-product template in its own collaborative document", async () => {
    const member = await createTestUser();
    const lab = await createTestLab([{ userId: member.id, role: "MEMBER" }]);
    const proposal = await createProposal(member.id, lab.id, { title: "Orti condivisi" });
    const state = await loadDocumentState(proposalDocumentName(proposal.id));
    const headings = (yjsStateToJson(state!).content ?? []).filter((node) => node.type === "heading").map((node) => node.content?.[0]?.text);
    expect(headings).toEqual([
      "Bisogno a cui risponde",
      "Destinatari",
      "Organizzazioni e ruoli",
      "Attività",
      "Risorse e costi",
      "Risultati attesi",
      "Come sarà valutato",
    ]);
  });

  it("a move is recorded, freezes a version, notifies the lab and announces the access change", async () => {
    const [facilitator, member, coordinator] = await Promise.all([createTestUser({ role: "FACILITATOR" }), createTestUser(), createTestUser({ role: "COORDINATOR" })]);
    const lab = await createTestLab([{ userId: facilitator.id, role: "FACILITATOR" }, { userId: member.id, role: "MEMBER" }]);
    const proposal = await createProposal(member.id, lab.id, { title: "Sportello compiti" });
    const { changes, stop } = recordAccessChanges();
    try {
      await moveProposal(facilitator.id, proposal.id, "DRAFT", { to: "SUBMITTED" });
      await expect(moveProposal(facilitator.id, proposal.id, "DRAFT", { to: "SUBMITTED" })).rejects.toBeInstanceOf(StaleStageError);
      await moveProposal(coordinator.id, proposal.id, "SUBMITTED", { to: "UNDER_EVALUATION" });
      await expect(moveProposal(coordinator.id, proposal.id, "UNDER_EVALUATION", { to: "APPROVED", note: "  " })).rejects.toBeInstanceOf(NoteRequiredError);
      await moveProposal(coordinator.id, proposal.id, "UNDER_EVALUATION", {
        to: "APPROVED",
        note: "Approvata per l'anno scolastico 2027/28",
        approvedCostCents: 1_800_000,
        startPeriod: "settembre 2027",
      });
      expect(changes.map((change) => change.proposalId)).toEqual([proposal.id, proposal.id, proposal.id]);
    } finally {
      stop();
    }
    const stored = await prisma.proposal.findUniqueOrThrow({ where: { id: proposal.id }, include: { transitions: { orderBy: { createdAt: "asc" } }, versions: true } });
    expect(stored).toMatchObject({ stage: "APPROVED", decidedById: coordinator.id, approvedCostCents: 1_800_000, startPeriod: "settembre 2027" });
    expect(stored.transitions.map((transition) => `${transition.from}→${transition.to}`)).toEqual(["DRAFT→SUBMITTED", "SUBMITTED→UNDER_EVALUATION", "UNDER_EVALUATION→APPROVED"]);
    expect(stored.versions.filter((version) => version.kind === "STAGE")).toHaveLength(3);
    // Everyone in the lab but the person who moved it hears about each move.
    expect(await prisma.notification.count({ where: { userId: member.id, kind: "proposal.moved" } })).toBe(3);
    expect(await prisma.notification.count({ where: { userId: facilitator.id, kind: "proposal.moved" } })).toBe(2);
  });
});
