import { z } from "zod";

// What a live session room accepts (issue #4, "During the session"). Commands arrive from
// socket.io clients as untrusted JSON, so every one is parsed here before the room looks at it.

/** Every command kind a room understands. */
export const ROOM_COMMAND_TYPES = [
  "session.start",
  "session.end",
  "timer.start",
  "timer.pause",
  "timer.resume",
  "timer.extend",
  "timer.stop",
  "agenda.next",
  "agenda.goto",
  "focus.set",
  "attendance.mark",
  "attendance.check-in",
  "card.add",
  "card.edit",
  "card.remove",
  "cards.reveal",
  "cluster.create",
  "cluster.rename",
  "cluster.remove",
  "card.move",
  "voting.open",
  "vote.cast",
  "vote.retract",
  "voting.reveal",
  "voting.close",
  "consent.open",
  "consent.respond",
  "consent.close",
  "action.add",
  "action.remove",
] as const;
export type RoomCommandType = (typeof ROOM_COMMAND_TYPES)[number];

/** Bounds of a room: what one command may carry and how much one room may hold (it lives in memory). */
export const ROOM_LIMITS = {
  cardText: 500,
  clusterName: 80,
  question: 300,
  reason: 500,
  actionText: 500,
  agendaTitle: 200,
  agendaItems: 50,
  /** A timebox or a phase timer never runs longer than a working day. */
  timerMaxMs: 8 * 60 * 60 * 1000,
  extendMinMs: 1000,
  extendMaxMs: 60 * 60 * 1000,
  budgetMax: 20,
  cards: 1000,
  clusters: 100,
  consentRounds: 100,
  actionItems: 200,
  attendance: 1000,
} as const;

// Ids come from the server (uuids, cuids): a leading letter or digit keeps names like "__proto__"
// out of the records keyed by id.
export const roomIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "Invalid id");

const text = (max: number) => z.string().trim().min(1).max(max);
const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...shape }).strict();

/** A calendar day (YYYY-MM-DD) that exists: 2026-02-30 is refused. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Expected YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "Not a calendar day");

export const roomFocusSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("agenda") }).strict(),
  z.object({ kind: z.literal("board") }).strict(),
  z.object({ kind: z.literal("proposal"), proposalId: roomIdSchema }).strict(),
]);

const roomCommandUnion = z.discriminatedUnion("type", [
  command("session.start", {}),
  command("session.end", {}),
  command("timer.start", { durationMs: z.number().int().min(1000).max(ROOM_LIMITS.timerMaxMs).optional() }),
  command("timer.pause", {}),
  command("timer.resume", {}),
  command("timer.extend", { ms: z.number().int().min(ROOM_LIMITS.extendMinMs).max(ROOM_LIMITS.extendMaxMs) }),
  command("timer.stop", {}),
  command("agenda.next", {}),
  command("agenda.goto", { itemId: roomIdSchema }),
  command("focus.set", { focus: roomFocusSchema }),
  command("attendance.mark", { userId: roomIdSchema, present: z.boolean() }),
  command("attendance.check-in", {}),
  command("card.add", { text: text(ROOM_LIMITS.cardText), anonymous: z.boolean().default(false) }),
  command("card.edit", { cardId: roomIdSchema, text: text(ROOM_LIMITS.cardText) }),
  command("card.remove", { cardId: roomIdSchema }),
  command("cards.reveal", {}),
  command("cluster.create", { name: text(ROOM_LIMITS.clusterName) }),
  command("cluster.rename", { clusterId: roomIdSchema, name: text(ROOM_LIMITS.clusterName) }),
  command("cluster.remove", { clusterId: roomIdSchema }),
  command("card.move", { cardId: roomIdSchema, clusterId: roomIdSchema.nullable() }),
  command("voting.open", { budget: z.number().int().min(1).max(ROOM_LIMITS.budgetMax), maxPerCard: z.number().int().min(1).max(ROOM_LIMITS.budgetMax) }),
  command("vote.cast", { targetId: roomIdSchema }),
  command("vote.retract", { targetId: roomIdSchema }),
  command("voting.reveal", {}),
  command("voting.close", {}),
  command("consent.open", { question: text(ROOM_LIMITS.question), targetId: roomIdSchema.optional() }),
  command("consent.respond", { roundId: roomIdSchema, answer: z.enum(["agree", "abstain", "object"]), reason: text(ROOM_LIMITS.reason).optional() }),
  command("consent.close", { roundId: roomIdSchema }),
  command("action.add", {
    text: text(ROOM_LIMITS.actionText),
    ownerId: roomIdSchema.nullable().optional(),
    dueDate: isoDateSchema.nullable().optional(),
    sourceCardId: roomIdSchema.nullable().optional(),
  }),
  command("action.remove", { actionId: roomIdSchema }),
]);

/**
 * Every room command, checked. Rules that span two fields live here too (a discriminated union's
 * members must stay plain objects in zod 3, so they are refined on the union).
 */
export const roomCommandSchema = roomCommandUnion.superRefine((value, ctx) => {
  if (value.type === "voting.open" && value.maxPerCard > value.budget) {
    ctx.addIssue({ code: "custom", path: ["maxPerCard"], message: "maxPerCard cannot exceed budget" });
  }
  // An objection has to say why: consent decision-making works on reasoned objections only.
  if (value.type === "consent.respond" && value.answer === "object" && value.reason === undefined) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: "An objection needs a reason" });
  }
});

/** A parsed, valid room command. */
export type RoomCommand = z.output<typeof roomCommandSchema>;
/** What a client sends (before defaults such as `anonymous: false` are filled in). */
export type RoomCommandInput = z.input<typeof roomCommandSchema>;
/** The command of one kind. */
export type RoomCommandOf<T extends RoomCommandType> = Extract<RoomCommand, { type: T }>;

/** How a room is set up from the session's agenda and the cards members wrote before it (pre-work). */
export const roomSetupSchema = z
  .object({
    agenda: z
      .array(
        z.object({
          id: roomIdSchema,
          title: text(ROOM_LIMITS.agendaTitle),
          // 0 means "no timebox": the facilitator then gives the timer a duration explicitly.
          timeboxSeconds: z.number().int().min(0).max(ROOM_LIMITS.timerMaxMs / 1000),
          proposalId: roomIdSchema.nullable().optional(),
        }),
      )
      .max(ROOM_LIMITS.agendaItems),
    cards: z
      .array(
        z.object({
          id: roomIdSchema,
          authorId: roomIdSchema,
          text: text(ROOM_LIMITS.cardText),
          anonymous: z.boolean().default(false),
          createdAt: z.number().int().nonnegative(),
        }),
      )
      .max(ROOM_LIMITS.cards)
      .default([]),
  })
  .superRefine((value, ctx) => {
    const duplicate = (ids: string[]) => ids.find((id, index) => ids.indexOf(id) !== index);
    const item = duplicate(value.agenda.map((entry) => entry.id));
    if (item) ctx.addIssue({ code: "custom", path: ["agenda"], message: `Duplicate agenda item id ${item}` });
    const card = duplicate(value.cards.map((entry) => entry.id));
    if (card) ctx.addIssue({ code: "custom", path: ["cards"], message: `Duplicate card id ${card}` });
  });

export type RoomSetup = z.input<typeof roomSetupSchema>;
