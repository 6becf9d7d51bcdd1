import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

// The network lives in Europe/Rome: dates render in that zone on the server and in the browser
// alike, so server HTML and hydration agree whatever the machine's zone.
const TIME_ZONE = "Europe/Rome";

/** A calendar date, e.g. "24/11/2026" (it) or "11/24/2026" (en). */
export function formatDate(value: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "it-IT", { dateStyle: "medium", timeZone: TIME_ZONE }).format(new Date(value));
}

/** A date with time to the minute. */
export function formatDateTime(value: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "it-IT", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

/** The instant a wall-clock date ("2026-12-03") and time ("17:30") in Como stand for, daylight saving included. */
export function romeWallClockToInstant(date: string, time: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  const [hours, minutes] = time.split(":").map(Number);
  return new Date(new TZDate(year, month - 1, day, hours, minutes, TIME_ZONE).getTime());
}

/** The wall-clock date ("2026-12-03") and time ("17:30") in Como of an instant: the inverse of the above. */
export function instantToRomeWallClock(instant: Date): { date: string; time: string } {
  const local = new TZDate(instant.getTime(), TIME_ZONE);
  return { date: format(local, "yyyy-MM-dd"), time: format(local, "HH:mm") };
}
