import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n";
import { getSessionMinutesContent } from "~/models/session-minutes.server";
import { getLocale } from "~/services/locale.server";
import { proposalPdf } from "~/services/proposal-pdf.server";
import { requireSessionContext } from "~/services/session-context.server";
import { formatDateTime } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { slugify } from "~/utils/slugify";

// The final minutes of a closed session as a PDF, for anyone who may see the session (issue #4).
// Minutes still being written have no PDF: they may change.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, lab, session } = await requireSessionContext(request, params);
  if (session.status !== "CLOSED") notFound();
  const content = await getSessionMinutesContent(session.id);
  if (!content) notFound();
  const locale = await getLocale(request, user);
  const t = getFixedT(locale);
  const details: [string, string][] = [
    [t("decisions.lab"), lab.title],
    [t("minutes.session"), `${session.title} · ${formatDateTime(session.startsAt, locale)}`],
  ];
  if (session.closedAt) details.push([t("sessions.status.CLOSED"), `${formatDateTime(session.closedAt, locale)}${session.closedBy ? ` · ${session.closedBy.name}` : ""}`]);
  const footer = `${t("exports.generated")} ${formatDateTime(new Date(), locale)} · TWB Community Labs`;
  const pdf = await proposalPdf({ title: t("minutes.title", { title: session.title }), subtitle: lab.title, details, content, footer });
  const filename = `${t("minutes.link").toLowerCase()}-${slugify(session.title) || "sessione"}.pdf`;
  return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${filename}"` } });
}
