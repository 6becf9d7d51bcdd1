import { describe, expect, it } from "vitest";
import { hoursOn, isOpenAt, romeMoment, type ScheduleRow } from "~/catalogue/opening-hours";
import { romeWallClockToInstant } from "~/utils/dates";

const weekly = (weekday: number, opensAt: string, closesAt: string, validFrom: string | null = null, validTo: string | null = null): ScheduleRow => ({ weekday, date: null, opensAt, closesAt, validFrom, validTo });
const exception = (date: string, opensAt: string | null = null, closesAt: string | null = null): ScheduleRow => ({ weekday: null, date, opensAt, closesAt, validFrom: null, validTo: null });
const at = (date: string, time: string) => romeWallClockToInstant(date, time);

describe("opening hours in Como time", () => {
  it("reads today's weekday and time in Europe/Rome, whatever the instant's UTC day", () => {
    // 23:30 UTC on a Sunday is already Monday 00:30 in Rome (winter, UTC+1).
    expect(romeMoment(new Date("2026-11-29T23:30:00Z"))).toEqual({ date: "2026-11-30", weekday: 1, time: "00:30" });
    // Summer time: UTC+2.
    expect(romeMoment(new Date("2026-07-05T22:15:00Z"))).toEqual({ date: "2026-07-06", weekday: 1, time: "00:15" });
  });

  it("is open from opening time up to, not including, closing time", () => {
    const hours = [weekly(1, "09:00", "12:30"), weekly(1, "14:00", "18:00")];
    expect(isOpenAt(hours, at("2026-11-30", "08:59"))).toBe(false);
    expect(isOpenAt(hours, at("2026-11-30", "09:00"))).toBe(true);
    expect(isOpenAt(hours, at("2026-11-30", "12:30"))).toBe(false);
    expect(isOpenAt(hours, at("2026-11-30", "15:00"))).toBe(true);
    expect(isOpenAt(hours, at("2026-12-01", "15:00"))).toBe(false);
  });

  it("applies weekly hours only within their validity dates", () => {
    const summer = [weekly(3, "08:00", "17:00", "2026-06-15", "2026-08-28")];
    expect(isOpenAt(summer, at("2026-06-17", "10:00"))).toBe(true);
    expect(isOpenAt(summer, at("2026-06-10", "10:00"))).toBe(false);
    expect(isOpenAt(summer, at("2026-09-02", "10:00"))).toBe(false);
  });

  it("lets an exception replace the day's weekly hours: closed all day, or special hours", () => {
    const hours = [weekly(2, "09:00", "12:00"), exception("2026-12-08"), exception("2026-12-15", "15:00", "17:00")];
    expect(hoursOn(hours, { date: "2026-12-08", weekday: 2 })).toHaveLength(1);
    expect(isOpenAt(hours, at("2026-12-08", "10:00"))).toBe(false);
    expect(isOpenAt(hours, at("2026-12-15", "10:00"))).toBe(false);
    expect(isOpenAt(hours, at("2026-12-15", "16:00"))).toBe(true);
    expect(isOpenAt(hours, at("2026-12-01", "10:00"))).toBe(true);
  });
});
