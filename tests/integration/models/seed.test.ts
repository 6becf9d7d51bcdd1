import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { verifyLogin } from "~/models/user.server";
import { seedNetwork } from "../../../prisma/seed/seed";
import { foldText } from "~/catalogue/search-text";
import { SERVICES, TAXONOMY } from "../../../prisma/seed/catalogue-data";
import { APPROVED_PROPOSAL, DEMO_LAB, DEMO_SESSION } from "../../../prisma/seed/demo-lab";
import { DEMO_PASSWORD, DEMO_USERS, ORGANIZATIONS } from "../../../prisma/seed/network-data";

describe("seedNetwork", () => {
  it("seeds the lead body, the 22 partners with their kinds, the comuni and one demo account per role, idempotently", async () => {
    await seedNetwork(prisma, { demo: true });
    await seedNetwork(prisma, { demo: true });

    const organizations = await prisma.organization.findMany({ where: { slug: { in: ORGANIZATIONS.map((organization) => organization.slug) } } });
    expect(organizations).toHaveLength(23);
    expect(organizations.filter((organization) => organization.isLead).map((organization) => organization.kind)).toEqual(["CONSORZIO"]);
    const kinds = organizations.reduce<Record<string, number>>((count, organization) => ({ ...count, [organization.kind]: (count[organization.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({
      CONSORZIO: 1,
      ASSOCIAZIONE_PROMOZIONE_SOCIALE: 1,
      ASSOCIAZIONE_VOLONTARIATO: 1,
      ASSOCIAZIONE_CULTURALE: 1,
      ASSOCIAZIONE_CATEGORIA: 2,
      COOPERATIVA_SOCIALE: 8,
      ENTE_ECCLESIASTICO: 1,
      FONDAZIONE: 2,
      ISTITUTO_SCOLASTICO: 4,
      AZIENDA: 2,
    });
    const faloppio = await prisma.organization.findUniqueOrThrow({ where: { slug: "ic-faloppio" }, include: { comune: true } });
    expect(faloppio.comune?.name).toBe("Faloppio");
    expect(faloppio.latitude).toBeCloseTo(45.81, 1);
    expect(await prisma.comune.count()).toBeGreaterThanOrEqual(25);

    for (const demo of DEMO_USERS) {
      const user = await verifyLogin(demo.email, DEMO_PASSWORD);
      expect(user?.role, demo.email).toBe(demo.role);
    }
    const company = await prisma.user.findUniqueOrThrow({ where: { email: "azienda@twb.example" }, include: { memberships: { include: { organization: true } } } });
    expect(company.memberships.map((membership) => membership.organization.name)).toEqual(["Tessitura Taborelli"]);

    // The demo lab's next session, once, with its agenda, everyone invited and ideas written beforehand.
    const sessions = await prisma.labSession.findMany({
      where: { lab: { slug: DEMO_LAB.slug } },
      include: { agendaItems: true, invitations: true, placeOrganization: true },
    });
    expect(sessions).toHaveLength(1);
    const [session] = sessions;
    expect(session.startsAt.getTime()).toBeGreaterThan(Date.now());
    expect(session.placeOrganization?.slug).toBe("vela-dislessia");
    expect(session.agendaItems).toHaveLength(DEMO_SESSION.agenda.length);
    expect(session.agendaItems.filter((item) => item.proposalId !== null)).toHaveLength(2);
    expect(session.invitations).toHaveLength(DEMO_LAB.members.length);
    const room = session.roomState as { status: string; cards: Array<{ text: string }>; agenda: unknown[] };
    expect(room.status).toBe("scheduled");
    expect(room.agenda).toHaveLength(DEMO_SESSION.agenda.length);
    expect(room.cards.map((card) => card.text)).toEqual(DEMO_SESSION.prework.map((card) => card.text));
  });

  it("seeds the welfare taxonomy, the partners' published services in the area's comuni and an approved proposal, once", async () => {
    await seedNetwork(prisma, { demo: true });
    await seedNetwork(prisma, { demo: true });
    const taxonomy = await prisma.taxonomy.findFirstOrThrow({ where: { name: TAXONOMY.name }, include: { terms: true } });
    const topLevel = taxonomy.terms.filter((term) => !term.parentId).map((term) => term.name);
    expect(topLevel).toEqual(expect.arrayContaining(["Famiglie e minori", "Scuola e DSA", "Disabilità", "Anziani", "Povertà e beni primari", "Migranti e intercultura"]));
    expect(taxonomy.terms.filter((term) => term.parentId).length).toBeGreaterThan(topLevel.length);

    const services = await prisma.service.findMany({
      where: { slug: { in: SERVICES.map((service) => service.slug) } },
      include: { locations: { include: { location: { include: { comune: true } } } }, organizations: true, terms: true, schedules: true },
    });
    expect(services).toHaveLength(SERVICES.length);
    expect(services.length).toBeGreaterThanOrEqual(10);
    for (const service of services) {
      expect(service.status, service.slug).toBe("PUBLISHED");
      expect(service.organizations.filter((link) => link.isLead), service.slug).toHaveLength(1);
      expect(service.locations.length, service.slug).toBeGreaterThan(0);
      expect(service.locations.every(({ location }) => location.comune !== null), service.slug).toBe(true);
      expect(service.terms.length, service.slug).toBeGreaterThan(0);
      expect(service.searchText.split("\n")[0]).toBe(foldText(service.name));
    }

    const approved = await prisma.proposal.findMany({ where: { title: APPROVED_PROPOSAL.title, lab: { slug: DEMO_LAB.slug } }, include: { transitions: true } });
    expect(approved).toHaveLength(1);
    expect(approved[0].stage).toBe("APPROVED");
    expect(approved[0].transitions.map((transition) => transition.to)).toEqual(expect.arrayContaining(["SUBMITTED", "APPROVED"]));
  });

  it("never overwrites what admins changed", async () => {
    await seedNetwork(prisma, { demo: false });
    await prisma.organization.update({ where: { slug: "dono" }, data: { phone: "031 000000" } });
    await seedNetwork(prisma, { demo: false });
    expect((await prisma.organization.findUniqueOrThrow({ where: { slug: "dono" } })).phone).toBe("031 000000");
  });
});
