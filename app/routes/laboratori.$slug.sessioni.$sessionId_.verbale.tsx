import type { JSONContent } from "@tiptap/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProposalEditor } from "~/editor/proposal-editor";
import { RenderedDocument } from "~/editor/render-document";
import { userColor } from "~/editor/user-color";
import { closeLabSession, ensureSessionMinutes, getSessionMinutesContent, minutesDocumentName, minutesPath, SessionNotClosableError } from "~/models/session-minutes.server";
import { canCloseSession, minutesAccess, type MinutesContext } from "~/policies";
import { getLocale } from "~/services/locale.server";
import { requireSessionContext } from "~/services/session-context.server";
import { flashToast } from "~/services/session.server";
import { formatDateTime } from "~/utils/dates";
import { notFound, requireAllowed } from "~/utils/http.server";

// A session's minutes (issue #4, "After the session"): drafted from the room when a facilitator
// first opens them after it ended, edited live by the facilitators, final once they close the
// session (then a plain page and a PDF). Everyone who may see the session reads them.

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.session.title ?? "Verbale"} · TWB Community Labs` }];

const NO_COMMENTS = { threads: [], action: null };

async function load(request: Request, params: Record<string, string | undefined>) {
  const context = await requireSessionContext(request, params);
  const { session, lab } = context;
  if (session.status === "CANCELLED") notFound();
  const minutes: MinutesContext = { status: session.status, roomEnded: (session.roomState as { status?: string } | null)?.status === "ended", lab };
  return { ...context, minutes };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, lab, session, membership, minutes } = await load(request, params);
  const access = minutesAccess(actor, membership, minutes);
  const locale = await getLocale(request, user);
  // The first facilitator to open the minutes after the room ended drafts them.
  if (access === "edit") await ensureSessionMinutes(session.id, locale);
  const closed = session.status === "CLOSED";
  // Final minutes are a plain page; while they are being written, everyone follows them live.
  const content: JSONContent | null = access === "none" ? null : closed ? await getSessionMinutesContent(session.id) : null;
  const drafted = access === "edit" || closed || (access === "read" && (await getSessionMinutesContent(session.id)) !== null);
  return {
    lab: { slug: lab.slug, title: lab.title },
    session: { id: session.id, title: session.title, startsAt: session.startsAt.toISOString(), status: session.status, closedAt: session.closedAt?.toISOString() ?? null },
    closedBy: session.closedBy?.name ?? null,
    access,
    drafted,
    content,
    documentName: minutesDocumentName(session.id),
    me: { id: user.id, name: user.name, color: userColor(user.id) },
    abilities: { close: canCloseSession(actor, membership, minutes) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, lab, session, membership, minutes } = await load(request, params);
  const formData = await request.formData();
  if (formData.get("intent") !== "close") notFound();
  requireAllowed(canCloseSession(actor, membership, minutes));
  const back = minutesPath(lab.slug, session.id);
  try {
    await closeLabSession(user.id, session.id, await getLocale(request, user));
  } catch (error) {
    if (error instanceof SessionNotClosableError) return redirect(back, { headers: await flashToast(request, "minutes.notClosable") });
    throw error;
  }
  return redirect(back, { headers: await flashToast(request, "minutes.closed") });
}

export default function MinutesPage() {
  const { t, i18n } = useTranslation();
  const { lab, session, closedBy, access, drafted, content, documentName, me, abilities } = useLoaderData<typeof loader>();
  const base = `/laboratori/${lab.slug}/sessioni/${session.id}`;
  return (
    <article className="page proposal-page" aria-labelledby="minutes-title">
      <p className="breadcrumb">
        <Link to={`/laboratori/${lab.slug}`}>{lab.title}</Link> › <Link to={base}>{session.title}</Link>
      </p>
      <h1 id="minutes-title">{t("minutes.title", { title: session.title })}</h1>
      <p className="tags">
        <span className="tag" data-testid="session-status">
          {t(`sessions.status.${session.status}`)}
        </span>
        <time className="muted" dateTime={session.startsAt}>
          {formatDateTime(session.startsAt, i18n.language)}
        </time>
        {content ? (
          <a href={`${base}/verbale.pdf`} download>
            {t("minutes.pdf")}
          </a>
        ) : null}
      </p>

      {access === "none" ? (
        <p className="notice">{t("minutes.notYet")}</p>
      ) : content ? (
        <>
          <p className="notice" data-testid="minutes-final">
            {closedBy
              ? t("minutes.finalBy", { name: closedBy, date: formatDateTime(session.closedAt ?? session.startsAt, i18n.language) })
              : t("minutes.final", { date: formatDateTime(session.closedAt ?? session.startsAt, i18n.language) })}
          </p>
          <RenderedDocument content={content} />
        </>
      ) : drafted ? (
        <>
          <p className="muted">{t("minutes.intro")}</p>
          <ProposalEditor documentName={documentName} me={me} canEdit={access === "edit"} comments={NO_COMMENTS} label={t("minutes.editorLabel")} />
        </>
      ) : (
        <p className="notice">{t("minutes.notDrafted")}</p>
      )}

      {abilities.close ? (
        <Form
          method="post"
          className="boxed stack"
          aria-labelledby="close-title"
          onSubmit={(event) => {
            if (!window.confirm(t("minutes.closeConfirm"))) event.preventDefault();
          }}
        >
          <h2 id="close-title">{t("minutes.close")}</h2>
          <p className="muted">{t("minutes.closeHelp")}</p>
          <input type="hidden" name="intent" value="close" />
          <div className="actions">
            <button type="submit" className="button">
              {t("minutes.close")}
            </button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
