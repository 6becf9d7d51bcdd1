import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { sessionCalendarFile } from "~/services/session-calendar.server";
import { requireSessionContext } from "~/services/session-context.server";
import { slugify } from "~/utils/slugify";

// The session as an .ics file, for anyone who may see the session.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lab, session } = await requireSessionContext(request, params);
  const origin = getEnv().APP_ORIGIN ?? new URL(request.url).origin;
  const ics = sessionCalendarFile(session, lab, `${origin}/laboratori/${lab.slug}/sessioni/${session.id}`);
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slugify(session.title) || "sessione"}.ics"`,
    },
  });
}
