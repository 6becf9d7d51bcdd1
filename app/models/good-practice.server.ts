import { Prisma, type GoodPracticeStatus } from "~/generated/prisma/client";
import { searchWords } from "~/catalogue/search-text";
import { prisma } from "~/db.server";
import { canReviewPractices, PRACTICE_REVIEWER_ROLES, type Actor } from "~/policies";
import { ATTACHMENTS_PER_PRACTICE_MAX, type GoodPracticeInput, type PracticeFilter } from "~/schemas/good-practice";
import { messageKey } from "~/utils/messages";
import { slugify } from "~/utils/slugify";
import { createLab } from "./lab.server";

// The good-practice registry (issue #5): practices of collaboration between services, submitted by
// members, validated by coordinators (with a review date after which they are flagged again),
// searched by anyone, and the starting point of new labs.

type Tx = Prisma.TransactionClient;

/** How long a validation holds before the practice is flagged for review again. */
export const DEFAULT_REVIEW_MONTHS = 12;

/** The default review date: one year from `from`. */
export function defaultReviewDate(from = new Date()): Date {
  const date = new Date(from);
  date.setUTCMonth(date.getUTCMonth() + DEFAULT_REVIEW_MONTHS);
  return date;
}

async function uniquePracticeSlug(tx: Tx, title: string, exceptId?: string) {
  const base = slugify(title).slice(0, 80).replace(/-+$/, "") || "buona-prassi";
  for (let suffix = 1; ; suffix++) {
    const slug = suffix === 1 ? base : `${base}-${suffix}`;
    const taken = await tx.goodPractice.findUnique({ where: { slug }, select: { id: true } });
    if (!taken || taken.id === exceptId) return slug;
  }
}

/** Only services that exist are linked (the catalogue is written by others and may change). */
async function existingServiceIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return (await tx.service.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((service) => service.id);
}

function practiceData(input: GoodPracticeInput) {
  return {
    title: input.title,
    context: input.context,
    collaborationPattern: input.collaborationPattern,
    resources: input.resources,
    outcomes: input.outcomes,
    evidence: input.evidence,
    contactName: input.contactName,
    contactEmail: input.contactEmail ?? null,
    tags: input.tags,
  };
}

type NotifiedPractice = { id: string; slug: string; title: string; submittedById: string | null };
type PracticeNotice = "practiceSubmitted" | "practiceResubmitted" | "practiceValidated" | "practiceReturned";

/** Tells `userIds` (but not the person who acted) about a practice, in the same transaction as the change. */
async function notifyAboutPractice(tx: Tx, notice: PracticeNotice, practice: NotifiedPractice, userIds: (string | null)[], actorId: string | null) {
  const recipients = [...new Set(userIds)].filter((userId): userId is string => userId !== null && userId !== actorId);
  if (!recipients.length) return;
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: `goodPractice.${notice}`,
      title: messageKey(`notifications.${notice}`, { title: practice.title }),
      link: `/buone-prassi/${practice.slug}`,
    })),
  });
}

/** The active people who review practices. */
async function practiceReviewerIds(tx: Tx) {
  const reviewers = await tx.user.findMany({ where: { role: { in: [...PRACTICE_REVIEWER_ROLES] }, deactivatedAt: null }, select: { id: true } });
  return reviewers.map((reviewer) => reviewer.id);
}

/** A member submits a practice: it waits for a coordinator's validation, and the coordinators are told. */
export function createPractice(actorId: string, input: GoodPracticeInput) {
  return prisma.$transaction(async (tx) => {
    const serviceIds = await existingServiceIds(tx, input.serviceIds);
    const practice = await tx.goodPractice.create({
      data: {
        ...practiceData(input),
        slug: await uniquePracticeSlug(tx, input.title),
        status: "SUBMITTED",
        submittedById: actorId,
        organizations: { create: input.organizationIds.map((organizationId) => ({ organizationId })) },
        services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
      },
    });
    await notifyAboutPractice(tx, "practiceSubmitted", practice, await practiceReviewerIds(tx), actorId);
    return practice;
  });
}

/** Changes a practice's fields and links; its status stays as it is (a returned one is resubmitted on purpose). */
export function updatePractice(practiceId: string, input: GoodPracticeInput) {
  return prisma.$transaction(async (tx) => {
    const serviceIds = await existingServiceIds(tx, input.serviceIds);
    await tx.goodPracticeOrganization.deleteMany({ where: { practiceId } });
    await tx.goodPracticeService.deleteMany({ where: { practiceId } });
    return tx.goodPractice.update({
      where: { id: practiceId },
      data: {
        ...practiceData(input),
        slug: await uniquePracticeSlug(tx, input.title, practiceId),
        organizations: { create: input.organizationIds.map((organizationId) => ({ organizationId })) },
        services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
      },
    });
  });
}

/** Thrown when a practice is no longer in the status the move starts from (someone else moved it). */
export class StalePracticeStatusError extends Error {}

/** Moves a practice from one of `from` to a new status and tells whom the move concerns, in one transaction. */
async function move(
  actorId: string,
  practiceId: string,
  from: GoodPracticeStatus[],
  data: Prisma.GoodPracticeUncheckedUpdateManyInput,
  tell: (tx: Tx, practice: NotifiedPractice) => Promise<void>,
) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.goodPractice.updateMany({ where: { id: practiceId, status: { in: from } }, data });
    if (count !== 1) throw new StalePracticeStatusError();
    const practice = await tx.goodPractice.findUniqueOrThrow({ where: { id: practiceId }, select: { id: true, slug: true, title: true, submittedById: true } });
    await tell(tx, practice);
  });
}

/** A returned practice goes back for validation (by its submitter or a coordinator); the coordinators are told. */
export function submitPractice(actorId: string, practiceId: string) {
  return move(actorId, practiceId, ["RETURNED"], { status: "SUBMITTED" }, async (tx, practice) =>
    notifyAboutPractice(tx, "practiceResubmitted", practice, await practiceReviewerIds(tx), actorId),
  );
}

/** A coordinator validates a practice (or renews a validated one) until the review date, one year ahead by default; its submitter is told. */
export function validatePractice(actorId: string, practiceId: string, reviewDueAt: Date = defaultReviewDate()) {
  return move(
    actorId,
    practiceId,
    ["SUBMITTED", "RETURNED", "VALIDATED"],
    { status: "VALIDATED", validatedAt: new Date(), validatedById: actorId, reviewDueAt, reviewNote: null },
    (tx, practice) => notifyAboutPractice(tx, "practiceValidated", practice, [practice.submittedById], actorId),
  );
}

/** A coordinator hands a practice back to its submitter, saying what to change; it stops being public and the submitter is told. */
export function returnPractice(actorId: string, practiceId: string, note: string) {
  return move(
    actorId,
    practiceId,
    ["SUBMITTED", "VALIDATED"],
    { status: "RETURNED", reviewNote: note, validatedAt: null, validatedById: actorId, reviewDueAt: null },
    (tx, practice) => notifyAboutPractice(tx, "practiceReturned", practice, [practice.submittedById], actorId),
  );
}

/** Which practices a viewer may see: validated ones for everyone, plus their own, plus all for coordinators. */
function visibleTo(actor: Actor): Prisma.GoodPracticeWhereInput {
  if (canReviewPractices(actor)) return {};
  if (actor) return { OR: [{ status: "VALIDATED" }, { submittedById: actor.id }] };
  return { status: "VALIDATED" };
}

// Lower-case accented letters folded in SQL the way foldText folds typed words, so "citta" finds
// "città" on PostgreSQL and PGlite alike without the unaccent extension. The registry holds
// hundreds of practices, not millions: a scan is fine (the catalogue has the real search index).
const ACCENTED = "àáâãäåèéêëìíîïòóôõöùúûüçñýÿ";
const PLAIN = "aaaaaaeeeeiiiiooooouuuuucnyy";

/** Ids of practices whose title, context or tags contain every word of the query, accents and case aside. */
async function matchingPracticeIds(query: string): Promise<string[] | null> {
  const words = searchWords(query);
  if (words.length === 0) return null;
  const conditions = Prisma.join(
    words.map((word) => Prisma.sql`folded LIKE ${`%${word}%`}`),
    " AND ",
  );
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM (
      SELECT id, translate(lower(title || ' ' || context || ' ' || array_to_string(tags, ' ')), ${ACCENTED}, ${PLAIN}) AS folded
      FROM "GoodPractice"
    ) AS practice
    WHERE ${conditions}`;
  return rows.map((row) => row.id);
}

const listInclude = {
  organizations: { include: { organization: { select: { slug: true, name: true } } }, orderBy: { organization: { name: "asc" } } },
  _count: { select: { attachments: true, labs: true } },
} satisfies Prisma.GoodPracticeInclude;

/** The practices a viewer may see, filtered by words, organization (slug), tag, status and "review overdue". */
export async function listPractices(actor: Actor, filter: Partial<PracticeFilter> = {}, now = new Date()) {
  const ids = filter.q ? await matchingPracticeIds(filter.q) : null;
  const where: Prisma.GoodPracticeWhereInput[] = [visibleTo(actor)];
  if (ids) where.push({ id: { in: ids } });
  if (filter.organization) where.push({ organizations: { some: { organization: { slug: filter.organization } } } });
  if (filter.tag) where.push({ tags: { has: filter.tag.toLowerCase() } });
  if (filter.status) where.push({ status: filter.status });
  if (filter.overdue) where.push({ status: "VALIDATED", reviewDueAt: { lt: now } });
  return prisma.goodPractice.findMany({
    where: { AND: where },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 200,
    include: listInclude,
  });
}

/** What waits for the coordinators: submitted practices and validated ones past their review date. */
export function listPracticesToReview(now = new Date()) {
  return prisma.goodPractice.findMany({
    where: { OR: [{ status: "SUBMITTED" }, { status: "VALIDATED", reviewDueAt: { lt: now } }] },
    orderBy: [{ updatedAt: "asc" }],
    include: listInclude,
  });
}

/** The tags in use on the practices a viewer may see, alphabetically, for the filter. */
export async function listPracticeTags(actor: Actor) {
  const rows = await prisma.goodPractice.findMany({ where: visibleTo(actor), select: { tags: true } });
  return [...new Set(rows.flatMap((row) => row.tags))].sort((a, b) => a.localeCompare(b, "it"));
}

/** The organizations that take part in at least one practice a viewer may see, for the filter. */
export function listPracticeOrganizations(actor: Actor) {
  return prisma.organization.findMany({
    where: { goodPractices: { some: { practice: visibleTo(actor) } } },
    select: { slug: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** One practice with everything its page shows (attachments without their bytes). */
export function getPracticeBySlug(slug: string) {
  return prisma.goodPractice.findUnique({
    where: { slug },
    include: {
      organizations: { include: { organization: { select: { id: true, slug: true, name: true, kind: true } } }, orderBy: { organization: { name: "asc" } } },
      services: { include: { service: { select: { id: true, slug: true, name: true, status: true } } }, orderBy: { service: { name: "asc" } } },
      labs: { include: { lab: { select: { id: true, slug: true, title: true, status: true } } } },
      attachments: { select: { id: true, fileName: true, contentType: true, size: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      submittedBy: { select: { id: true, name: true } },
      validatedBy: { select: { id: true, name: true } },
    },
  });
}

/** Published services to link a practice to, by name. */
export function listServiceOptions() {
  return prisma.service.findMany({ where: { status: { in: ["PUBLISHED", "TEMPORARILY_CLOSED"] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export class TooManyAttachmentsError extends Error {}

/** Stores a checked file (see attachmentProblem) with a practice. */
export function addPracticeAttachment(practiceId: string, file: { fileName: string; contentType: string; content: Uint8Array }) {
  return prisma.$transaction(async (tx) => {
    if ((await tx.goodPracticeAttachment.count({ where: { practiceId } })) >= ATTACHMENTS_PER_PRACTICE_MAX) throw new TooManyAttachmentsError();
    return tx.goodPracticeAttachment.create({
      data: { practiceId, fileName: file.fileName, contentType: file.contentType, size: file.content.byteLength, content: new Uint8Array(file.content) },
      select: { id: true, fileName: true, contentType: true, size: true },
    });
  });
}

/** One attachment of a practice with its bytes, or null. */
export function getPracticeAttachment(practiceId: string, attachmentId: string) {
  return prisma.goodPracticeAttachment.findFirst({ where: { id: attachmentId, practiceId } });
}

/** Removes an attachment of a practice; false when it was not there. */
export async function removePracticeAttachment(practiceId: string, attachmentId: string) {
  const { count } = await prisma.goodPracticeAttachment.deleteMany({ where: { id: attachmentId, practiceId } });
  return count === 1;
}

const LAB_TITLE_MAX = 140;
const LAB_CHALLENGE_MAX = 4000;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/**
 * Starts a lab from a practice through the labs' own createLab: the practice's title, a challenge
 * from its context and outcomes, its organizations; the actor facilitates; the lab remembers the
 * practice and appears among its labs.
 */
export async function startLabFromPractice(actorId: string, practiceId: string) {
  const practice = await prisma.goodPractice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { id: true, title: true, context: true, outcomes: true, organizations: { select: { organizationId: true } } },
  });
  const challenge = `${practice.context.trim()}\n\nRisultati della buona prassi «${practice.title}»: ${practice.outcomes.trim()}`;
  return createLab(actorId, {
    title: clip(practice.title, LAB_TITLE_MAX),
    challenge: clip(challenge, LAB_CHALLENGE_MAX),
    organizationIds: practice.organizations.map((entry) => entry.organizationId),
    originPracticeId: practice.id,
  });
}
