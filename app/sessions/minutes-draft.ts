import type { JSONContent } from "@tiptap/core";
import { formatDate, formatDateTime } from "~/utils/dates";
import type { ConsentAnswer, RoomState } from "./room-state";
import { tallyVotes } from "./room-votes";

// The first draft of a session's minutes (issue #4, "After the session"), built from the room as it
// was saved when the session ended. Pure: the caller loads the session, the people and the
// proposals; this turns them into the Tiptap JSON the facilitator then edits live ("minutes:<id>").
// The minutes are read by everyone in the lab, so they never show what the room kept private:
// no author of an anonymous card, no voter's ballot, no name of an objector (room-view.ts shows
// objectors to facilitators only).

export type MinutesLocale = "it" | "en";

/** A person the minutes may name: display name and organizations. */
export type MinutesPerson = { name: string; organizations: string[] };

/** Everything the draft is made from. */
export type MinutesInput = {
  locale: MinutesLocale;
  session: {
    title: string;
    goal: string;
    labTitle: string;
    startsAt: Date | string;
    durationMinutes: number;
    /** The venue as a line ("Cooperativa X, Sala 2, Como"), or null when online only. */
    place: string | null;
    videoUrl: string | null;
  };
  room: RoomState;
  /** Everyone the room mentions (attendance, card authors, action owners), by user id. */
  people: Record<string, MinutesPerson>;
  /** Titles of the proposals the agenda points at, by id. */
  proposals: Record<string, string>;
};

const TEXT = {
  it: {
    lab: "Laboratorio",
    date: "Data",
    duration: "Durata",
    durationValue: (planned: number, actual: number | null) => (actual === null ? `${planned} min previsti` : `${planned} min previsti, ${actual} min effettivi`),
    place: "Luogo",
    online: "A distanza",
    goal: "Obiettivo",
    attendance: "Presenti",
    noAttendance: "Nessuna presenza registrata.",
    byFacilitator: "presenza segnata dal facilitatore",
    byDevice: "presenza registrata dal proprio dispositivo",
    organizations: "Organizzazioni rappresentate",
    none: "nessuna",
    agenda: "Ordine del giorno",
    item: "Punto",
    planned: "Tempo previsto",
    actual: "Tempo effettivo",
    notDiscussed: "non trattato",
    total: "Totale",
    proposal: "proposta",
    board: "Idee e raggruppamenti",
    noCards: "Nessuna idea sulla lavagna.",
    unclustered: "Idee non raggruppate",
    emptyCluster: "Nessuna idea in questo gruppo.",
    anonymous: "anonima",
    dots: (count: number) => (count === 1 ? "1 punto" : `${count} punti`),
    voting: (round: number, dots: number, voters: number) =>
      `Votazione a punti${round > 1 ? ` (turno ${round})` : ""}: ${dots === 1 ? "1 punto" : `${dots} punti`} da ${voters === 1 ? "1 persona" : `${voters} persone`}.`,
    decisions: "Decisioni",
    noDecisions: "Nessuna decisione presa per consenso.",
    about: "Riguarda",
    counts: (counts: Record<ConsentAnswer, number>) => `D'accordo: ${counts.agree} · Astenuti: ${counts.abstain} · Obiezioni: ${counts.object}`,
    outcome: "Esito",
    outcomes: { adopted: "adottata", "not-adopted": "non adottata", none: "nessun esito (la sessione si è chiusa con il giro aperto)" },
    objections: "Obiezioni",
    noReason: "senza motivazione",
    actions: "Azioni",
    noActions: "Nessuna azione decisa.",
    owner: "Responsabile",
    due: "Entro",
    toDecide: "da definire",
    fromCard: "dall'idea",
  },
  en: {
    lab: "Lab",
    date: "Date",
    duration: "Duration",
    durationValue: (planned: number, actual: number | null) => (actual === null ? `${planned} min planned` : `${planned} min planned, ${actual} min actual`),
    place: "Place",
    online: "Online",
    goal: "Goal",
    attendance: "Present",
    noAttendance: "No attendance was recorded.",
    byFacilitator: "ticked by the facilitator",
    byDevice: "checked in from their device",
    organizations: "Organizations represented",
    none: "none",
    agenda: "Agenda",
    item: "Item",
    planned: "Timebox",
    actual: "Time spent",
    notDiscussed: "not discussed",
    total: "Total",
    proposal: "proposal",
    board: "Ideas and clusters",
    noCards: "No ideas on the board.",
    unclustered: "Ideas not in a cluster",
    emptyCluster: "No ideas in this cluster.",
    anonymous: "anonymous",
    dots: (count: number) => (count === 1 ? "1 dot" : `${count} dots`),
    voting: (round: number, dots: number, voters: number) =>
      `Dot voting${round > 1 ? ` (round ${round})` : ""}: ${dots === 1 ? "1 dot" : `${dots} dots`} from ${voters === 1 ? "1 person" : `${voters} people`}.`,
    decisions: "Decisions",
    noDecisions: "No decision was taken by consent.",
    about: "About",
    counts: (counts: Record<ConsentAnswer, number>) => `Agree: ${counts.agree} · Abstain: ${counts.abstain} · Objections: ${counts.object}`,
    outcome: "Outcome",
    outcomes: { adopted: "adopted", "not-adopted": "not adopted", none: "no outcome (the session ended with the round open)" },
    objections: "Objections",
    noReason: "no reason given",
    actions: "Action items",
    noActions: "No action items.",
    owner: "Owner",
    due: "Due",
    toDecide: "to be decided",
    fromCard: "from the idea",
  },
} as const;

// Small builders of ProseMirror JSON, in the proposal schema (app/editor/schema/extensions.ts).
const text = (value: string, bold = false): JSONContent => (bold ? { type: "text", text: value, marks: [{ type: "bold" }] } : { type: "text", text: value });
const paragraph = (...parts: Array<JSONContent | string>): JSONContent => {
  const content = parts.map((part) => (typeof part === "string" ? text(part) : part)).filter((part) => part.text !== "");
  return content.length ? { type: "paragraph", content } : { type: "paragraph" };
};
const heading = (level: 2 | 3, value: string): JSONContent => ({ type: "heading", attrs: { level }, content: [text(value)] });
type Inline = JSONContent | string;
const bulletList = (items: Inline[][]): JSONContent => ({ type: "bulletList", content: items.map((parts) => ({ type: "listItem", content: [paragraph(...parts)] })) });
const field = (label: string, value: string) => paragraph(text(`${label}: `, true), value);
const row = (cells: string[], header = false): JSONContent => ({
  type: "tableRow",
  content: cells.map((cell) => ({ type: header ? "tableHeader" : "tableCell", content: [paragraph(cell)] })),
});

/** Whole minutes, at least 1 for any time spent; null when none was. */
export function spentMinutes(ms: number): number | null {
  return ms > 0 ? Math.max(1, Math.round(ms / 60_000)) : null;
}

/** The first draft of a session's minutes as Tiptap (ProseMirror) JSON. */
export function draftMinutes(input: MinutesInput): JSONContent {
  const { locale, session, room, people, proposals } = input;
  const words = TEXT[locale];
  const personName = (userId: string | null) => (userId && Object.hasOwn(people, userId) ? people[userId].name : null);
  const dots = new Map(tallyVotes(room).map((entry) => [entry.targetId, entry.dots]));
  const withDots = (id: string) => (dots.get(id) ? ` · ${words.dots(dots.get(id) ?? 0)}` : "");
  const cardText = new Map(room.cards.map((card) => [card.id, card.text]));
  const clusterName = new Map(room.clusters.map((cluster) => [cluster.id, cluster.name]));

  // Heading of the minutes: what, when, where.
  const actualTotal = room.startedAt !== null && room.endedAt !== null ? spentMinutes(room.endedAt - room.startedAt) : null;
  const where = [session.place, session.videoUrl ? `${words.online} (${session.videoUrl})` : null].filter(Boolean).join(" · ");
  const content: JSONContent[] = [
    field(words.lab, session.labTitle),
    field(words.date, formatDateTime(room.startedAt !== null ? new Date(room.startedAt) : session.startsAt, locale)),
    field(words.duration, words.durationValue(session.durationMinutes, actualTotal)),
    ...(where ? [field(words.place, where)] : []),
    field(words.goal, session.goal),
  ];

  // Attendance: everyone marked present at the end, in name order, and their organizations.
  content.push(heading(2, words.attendance));
  const present = Object.entries(room.attendance)
    .filter(([, entry]) => entry.present)
    .map(([userId, entry]) => ({ userId, via: entry.via, person: Object.hasOwn(people, userId) ? people[userId] : null }))
    .filter((entry): entry is typeof entry & { person: MinutesPerson } => entry.person !== null)
    .sort((a, b) => a.person.name.localeCompare(b.person.name, locale));
  if (present.length === 0) content.push(paragraph(words.noAttendance));
  else {
    content.push(
      bulletList(
        present.map(({ person, via }) => [
          text(person.name, true),
          person.organizations.length ? ` (${person.organizations.join(", ")})` : "",
          ` — ${via === "facilitator" ? words.byFacilitator : words.byDevice}`,
        ]),
      ),
    );
    const organizations = [...new Set(present.flatMap(({ person }) => person.organizations))].sort((a, b) => a.localeCompare(b, locale));
    content.push(field(`${words.organizations} (${organizations.length})`, organizations.join(", ") || words.none));
  }

  // Agenda: timebox against the time actually spent on each item.
  content.push(heading(2, words.agenda));
  const plannedTotal = room.agenda.reduce((sum, item) => sum + item.timeboxSeconds, 0);
  const spentTotal = room.agenda.reduce((sum, item) => sum + item.spentMs, 0);
  const minutesOf = (ms: number) => {
    const minutes = spentMinutes(ms);
    return minutes === null ? words.notDiscussed : `${minutes} min`;
  };
  content.push({
    type: "table",
    content: [
      row([words.item, words.planned, words.actual], true),
      ...room.agenda.map((item, index) => {
        const proposal = item.proposalId && Object.hasOwn(proposals, item.proposalId) ? ` (${words.proposal} «${proposals[item.proposalId]}»)` : "";
        return row([`${index + 1}. ${item.title}${proposal}`, `${Math.round(item.timeboxSeconds / 60)} min`, minutesOf(item.spentMs)]);
      }),
      row([words.total, `${Math.round(plannedTotal / 60)} min`, minutesOf(spentTotal)]),
    ],
  });

  // The board: clusters with their cards, then the cards in no cluster. Dots per card and cluster.
  content.push(heading(2, words.board));
  const cardLine = (card: RoomState["cards"][number]): Inline[] => {
    const author = card.anonymous ? words.anonymous : (personName(card.authorId) ?? words.anonymous);
    return [card.text, ` — ${author}${withDots(card.id)}`];
  };
  if (room.cards.length === 0 && room.clusters.length === 0) content.push(paragraph(words.noCards));
  else {
    const totalDots = [...dots.values()].reduce((sum, count) => sum + count, 0);
    if (totalDots > 0) {
      const voters = Object.values(room.voting.ballots).filter((ballot) => Object.values(ballot).some((count) => count > 0)).length;
      content.push(paragraph(words.voting(room.voting.round, totalDots, voters)));
    }
    for (const cluster of room.clusters) {
      content.push(heading(3, `${cluster.name}${withDots(cluster.id)}`));
      const cards = room.cards.filter((card) => card.clusterId === cluster.id);
      content.push(cards.length ? bulletList(cards.map(cardLine)) : paragraph(words.emptyCluster));
    }
    const loose = room.cards.filter((card) => card.clusterId === null || !clusterName.has(card.clusterId));
    if (loose.length) {
      if (room.clusters.length) content.push(heading(3, words.unclustered));
      content.push(bulletList(loose.map(cardLine)));
    }
  }

  // Decisions: each consent round with its question, counts, objections' reasons and outcome.
  content.push(heading(2, words.decisions));
  if (room.consentRounds.length === 0) content.push(paragraph(words.noDecisions));
  for (const round of room.consentRounds) {
    content.push(heading(3, round.question));
    const target = round.clusterId ? clusterName.get(round.clusterId) : round.cardId ? cardText.get(round.cardId) : undefined;
    if (target) content.push(field(words.about, `«${target}»`));
    const counts: Record<ConsentAnswer, number> = { agree: 0, abstain: 0, object: 0 };
    const reasons: string[] = [];
    for (const response of Object.values(round.responses)) {
      counts[response.answer] += 1;
      if (response.answer === "object") reasons.push(response.reason?.trim() || words.noReason);
    }
    content.push(paragraph(words.counts(counts)));
    if (reasons.length) {
      content.push(paragraph(text(`${words.objections}:`, true)));
      content.push(bulletList(reasons.map((reason) => [reason])));
    }
    content.push(field(words.outcome, words.outcomes[round.outcome ?? "none"]));
  }

  // Action items: what, who, by when.
  content.push(heading(2, words.actions));
  if (room.actionItems.length === 0) content.push(paragraph(words.noActions));
  else {
    content.push(
      bulletList(
        room.actionItems.map((action) => {
          const source = action.sourceCardId ? cardText.get(action.sourceCardId) : undefined;
          const due = action.dueDate ? formatDate(`${action.dueDate}T12:00:00Z`, locale) : words.toDecide;
          return [
            text(action.text, true),
            ` — ${words.owner}: ${personName(action.ownerId) ?? words.toDecide} · ${words.due}: ${due}`,
            source ? ` (${words.fromCard} «${source}»)` : "",
          ];
        }),
      ),
    );
  }

  return { type: "doc", content };
}
