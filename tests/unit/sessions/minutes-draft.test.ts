import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { documentLines } from "~/editor/schema/document-text";
import { proposalExtensions } from "~/editor/schema/extensions";
import { draftMinutes, spentMinutes, type MinutesInput } from "~/sessions/minutes-draft";
import { createRoomState } from "~/sessions/room-state";
import { playMeeting } from "../../support/ended-meeting";
import { AGENDA } from "./room-helpers";

const PEOPLE = { facilitator: "fac", anna: "anna", bruno: "bruno", carla: "carla", dario: "dario" };

function input(overrides: Partial<MinutesInput> = {}): MinutesInput {
  const { state } = playMeeting(createRoomState({ agenda: AGENDA }), PEOPLE);
  return {
    locale: "it",
    session: {
      title: "Mappa dei bisogni",
      goal: "Scegliere i bisogni su cui lavorare",
      labTitle: "Laboratorio Estate",
      startsAt: new Date(Date.UTC(2026, 11, 3, 16, 30)),
      durationMinutes: 60,
      place: "Cooperativa Sala Grande, Sala 2, Como",
      videoUrl: null,
    },
    room: state,
    people: {
      fac: { name: "Fabio Facilitatore", organizations: ["Consorzio"] },
      anna: { name: "Anna Rossi", organizations: ["Cooperativa Sole", "Associazione Luna"] },
      bruno: { name: "Bruno Bianchi", organizations: ["Cooperativa Sole"] },
      carla: { name: "Carla Verdi", organizations: [] },
      dario: { name: "Dario Neri", organizations: ["Istituto Volta"] },
    },
    proposals: { "proposal-1": "Doposcuola estivo" },
    ...overrides,
  };
}

const lines = (overrides: Partial<MinutesInput> = {}) => documentLines(draftMinutes(input(overrides)));

describe("the minutes' first draft", () => {
  it("is a valid document of the proposal schema (so the collaborative editor can hold it)", () => {
    const schema = getSchema(proposalExtensions());
    expect(() => schema.nodeFromJSON(draftMinutes(input())).check()).not.toThrow();
    expect(() => schema.nodeFromJSON(draftMinutes(input({ locale: "en" }))).check()).not.toThrow();
  });

  it("lists who was present, how they were recorded, and the organizations represented", () => {
    const text = lines();
    expect(text).toContain("• Anna Rossi (Cooperativa Sole, Associazione Luna) — presenza registrata dal proprio dispositivo");
    expect(text).toContain("• Carla Verdi — presenza segnata dal facilitatore");
    // Dario was ticked and then marked gone; the facilitator never checked in.
    expect(text.join("\n")).not.toContain("Dario");
    expect(text.join("\n")).not.toContain("Fabio");
    expect(text).toContain("Organizzazioni rappresentate (2): Associazione Luna, Cooperativa Sole");
  });

  it("compares each agenda item's timebox with the time actually spent, in minutes", () => {
    const text = lines();
    expect(text).toContain("## Ordine del giorno");
    expect(text).toContain("| Punto | Tempo previsto | Tempo effettivo |");
    expect(text).toContain("| 1. Benvenuto | 5 min | 4 min |");
    expect(text).toContain("| 2. Idee (proposta «Doposcuola estivo») | 15 min | 21 min |");
    expect(text).toContain("| 3. Decisioni | 10 min | 10 min |");
    expect(text).toContain("| Totale | 30 min | 35 min |");
    expect(text).toContain("Durata: 60 min previsti, 35 min effettivi");
    expect(spentMinutes(0)).toBeNull();
    expect(spentMinutes(10_000)).toBe(1);
  });

  it("shows clusters with their cards and dots, never the author of an anonymous card", () => {
    const text = lines();
    expect(text).toContain("Votazione a punti: 4 punti da 2 persone.");
    expect(text).toContain("### Scuola ed estate · 3 punti");
    expect(text).toContain("• Un doposcuola aperto anche d'estate — anonima");
    expect(text).toContain("• Trasporto per gli anziani del lago — Bruno Bianchi · 1 punto");
    expect(text).toContain("### Idee non raggruppate");
    expect(text).toContain("• Uno sportello per le famiglie — Anna Rossi");
    // Anna wrote the anonymous card: her name appears only beside her named card and attendance.
    const anonymousLine = text.find((line) => line.includes("doposcuola aperto"));
    expect(anonymousLine).not.toContain("Anna");
  });

  it("reports each consent round's counts, the objections' reasons (without names) and the outcome", () => {
    const text = lines();
    expect(text).toContain("### Proponiamo il doposcuola estivo?");
    expect(text).toContain("Riguarda: «Scuola ed estate»");
    expect(text).toContain("D'accordo: 1 · Astenuti: 1 · Obiezioni: 1");
    expect(text).toContain("• Mancano ancora i fondi");
    expect(text).toContain("Esito: non adottata");
    const objection = text.find((line) => line.includes("Mancano"));
    expect(objection).not.toContain("Bruno");
  });

  it("lists the action items with owner, due date and the card they came from", () => {
    const text = lines();
    expect(text).toContain("• Chiedere i costi alle scuole — Responsabile: Bruno Bianchi · Entro: 15 dic 2026 (dall'idea «Trasporto per gli anziani del lago»)");
  });

  it("speaks English for an English locale, and says when a section is empty", () => {
    const empty = createRoomState({ agenda: AGENDA });
    const text = lines({ locale: "en", room: { ...empty, status: "ended" } });
    expect(text).toContain("## Present");
    expect(text).toContain("No attendance was recorded.");
    expect(text).toContain("| 1. Benvenuto | 5 min | not discussed |");
    expect(text).toContain("No ideas on the board.");
    expect(text).toContain("No decision was taken by consent.");
    expect(text).toContain("No action items.");
  });
});
