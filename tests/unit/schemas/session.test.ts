import { describe, expect, it } from "vitest";
import { sessionSchema } from "~/schemas/session";
import { romeWallClockToInstant } from "~/utils/dates";

const valid = {
  title: "Mappa dei bisogni",
  goal: "Scegliere i tre bisogni su cui lavorare",
  date: "2026-12-03",
  time: "17:30",
  durationMinutes: 90,
  placeOrganizationId: "3f1c1b8e-6f4e-4c1e-9d43-2b8f6a1e0c11",
  agenda: [{ title: "Presentazioni", minutes: 15 }],
};

const issuesOf = (input: unknown) => {
  const result = sessionSchema.safeParse(input);
  return result.success ? {} : result.error.flatten().fieldErrors;
};

describe("sessionSchema", () => {
  it("accepts a session in a venue, online, or both", () => {
    expect(sessionSchema.safeParse(valid).success).toBe(true);
    expect(sessionSchema.safeParse({ ...valid, placeOrganizationId: undefined, videoUrl: "https://meet.jit.si/twb" }).success).toBe(true);
  });

  it("asks for a venue or a link", () => {
    expect(issuesOf({ ...valid, placeOrganizationId: undefined })).toEqual({ placeOrganizationId: ["sessions.placeOrLink"] });
  });

  it("refuses non-https links, impossible times and dates, and durations out of range", () => {
    expect(issuesOf({ ...valid, videoUrl: "http://meet.example/x" }).videoUrl).toEqual(["forms.invalidUrl"]);
    expect(issuesOf({ ...valid, videoUrl: "javascript:alert(1)" }).videoUrl).toBeDefined();
    expect(issuesOf({ ...valid, time: "24:10" }).time).toEqual(["forms.invalidTime"]);
    expect(issuesOf({ ...valid, date: "3/12/2026" }).date).toEqual(["forms.invalidDate"]);
    expect(issuesOf({ ...valid, durationMinutes: 5 }).durationMinutes).toEqual(["forms.atLeast?min=15"]);
    expect(issuesOf({ ...valid, durationMinutes: 30.5 }).durationMinutes).toEqual(["forms.invalidNumber"]);
  });

  it("needs an agenda that fits in the session", () => {
    expect(issuesOf({ ...valid, agenda: [] }).agenda).toEqual(["sessions.agendaRequired"]);
    expect(issuesOf({ ...valid, agenda: [{ title: "Lungo", minutes: 60 }, { title: "Lunghissimo", minutes: 45 }] }).agenda).toEqual([
      "sessions.agendaOverrun?planned=105&duration=90",
    ]);
  });
});

describe("romeWallClockToInstant", () => {
  it("reads wall-clock time in Como, in winter and in summer time", () => {
    expect(romeWallClockToInstant("2026-12-03", "17:30").toISOString()).toBe("2026-12-03T16:30:00.000Z");
    expect(romeWallClockToInstant("2027-06-10", "09:00").toISOString()).toBe("2027-06-10T07:00:00.000Z");
    // The night clocks go forward (29 March 2026): 03:30 exists, 02:30 does not and moves on.
    expect(romeWallClockToInstant("2026-03-29", "03:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });
});
