import { TZDate } from "@date-fns/tz";
import { instantToRomeWallClock } from "~/utils/dates";

// "Aperto ora" (issue #5): opening hours are Como wall-clock times, so "now" is taken in
// Europe/Rome whatever the server's zone, daylight saving included. An exception on today's date
// (closed, or special hours) replaces the weekly hours of that day. The catalogue search applies
// the same rule in SQL (catalogue-search.server.ts); a test holds the two to the same answers.

export type ScheduleRow = {
  weekday: number | null;
  date: Date | string | null;
  opensAt: string | null;
  closesAt: string | null;
  validFrom: Date | string | null;
  validTo: Date | string | null;
};

export type RomeMoment = { date: string; weekday: number; time: string };

const day = (value: Date | string | null) => (value === null ? null : typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** Today's date, ISO weekday (1 = Monday) and "HH:MM" in Como. */
export function romeMoment(instant: Date): RomeMoment {
  const { date, time } = instantToRomeWallClock(instant);
  const weekday = new TZDate(instant.getTime(), "Europe/Rome").getDay() || 7;
  return { date, weekday, time };
}

const covers = (row: ScheduleRow, time: string) => row.opensAt !== null && row.closesAt !== null && row.opensAt <= time && time < row.closesAt;

/** The hours that apply on a date: that day's exceptions if any, else the weekly rows valid then. */
export function hoursOn(schedules: ScheduleRow[], moment: Pick<RomeMoment, "date" | "weekday">): ScheduleRow[] {
  const exceptions = schedules.filter((row) => row.weekday === null && day(row.date) === moment.date);
  if (exceptions.length) return exceptions;
  return schedules.filter(
    (row) => row.weekday === moment.weekday && (!row.validFrom || day(row.validFrom)! <= moment.date) && (!row.validTo || day(row.validTo)! >= moment.date),
  );
}

/** Whether a service with these schedules is open at `instant`. */
export function isOpenAt(schedules: ScheduleRow[], instant: Date): boolean {
  const moment = romeMoment(instant);
  return hoursOn(schedules, moment).some((row) => covers(row, moment.time));
}
