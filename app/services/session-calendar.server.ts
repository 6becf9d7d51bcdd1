import { createEvent } from "ics";
import type { LabSessionDetails } from "~/models/lab-session.server";

// An iCalendar file for one session (RFC 5545, through the `ics` package): the same UID every
// time and a SEQUENCE bumped on every change of time or place, so calendar apps update the event
// they already have instead of adding a second one.

/** Where a session happens, as one line: venue, details and address, and/or the video link. */
export function sessionLocation(session: Pick<LabSessionDetails, "placeOrganization" | "placeDetails" | "videoUrl">): string {
  const venue = session.placeOrganization
    ? [session.placeOrganization.name, session.placeDetails, session.placeOrganization.address, session.placeOrganization.comune?.name].filter(Boolean).join(", ")
    : null;
  return [venue, session.videoUrl].filter(Boolean).join(" · ");
}

/** The .ics text of a session, with a link back to its page (`pageUrl`, absolute). */
export function sessionCalendarFile(session: LabSessionDetails, lab: { title: string }, pageUrl: string): string {
  const agenda = session.agendaItems.map((item, index) => `${index + 1}. ${item.title} (${item.timeboxMinutes} min)`).join("\n");
  const { error, value } = createEvent({
    productId: "twb-community-labs",
    uid: `session-${session.id}@twb-community-labs`,
    sequence: session.calendarSequence,
    method: "PUBLISH",
    title: `${session.title} · ${lab.title}`,
    description: [session.goal, agenda, pageUrl].filter(Boolean).join("\n\n"),
    start: session.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: session.durationMinutes },
    location: sessionLocation(session) || undefined,
    url: session.videoUrl ?? pageUrl,
    status: session.status === "CANCELLED" ? "CANCELLED" : "CONFIRMED",
    created: session.createdAt.getTime(),
    lastModified: session.updatedAt.getTime(),
  });
  if (error || !value) throw error ?? new Error("Could not build the calendar file");
  return value;
}
