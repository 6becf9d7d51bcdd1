import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoomAgenda, RoomControls } from "~/components/sessions/room/room-agenda";
import { RoomBoard } from "~/components/sessions/room/room-board";
import { RoomActions, RoomConsent } from "~/components/sessions/room/room-decisions";
import { RoomPeople } from "~/components/sessions/room/room-people";
import { RoomTimer } from "~/components/sessions/room/room-timer";
import { useSessionRoom } from "~/components/sessions/room/use-session-room";
import { canCreateProposal, canEnterSessionRoom } from "~/policies";
import type { RoomCommandInput } from "~/sessions/room-commands";
import type { RoomView } from "~/sessions/room-view";
import { requireSessionContext } from "~/services/session-context.server";
import { translateMessage } from "~/utils/messages";
import { requireAllowed } from "~/utils/http.server";

// The live room of a session (issue #4): agenda, shared timer, people, idea board with dot voting,
// consent rounds and action items, all over socket.io (server/realtime/session-rooms.ts).

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.session.title ?? "Sessione"} · Stanza · TWB Community Labs` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, lab, session, membership } = await requireSessionContext(request, params);
  const invited = session.invitations.some((invitation) => invitation.userId === user.id);
  requireAllowed(canEnterSessionRoom(actor, membership, invited));
  const base = `/laboratori/${lab.slug}/sessioni/${session.id}`;
  const proposals = new Map(session.agendaItems.flatMap((item) => (item.proposal ? [[item.proposal.id, item.proposal] as const] : [])));
  return {
    lab: { slug: lab.slug, title: lab.title },
    session: { id: session.id, title: session.title, goal: session.goal, status: session.status },
    proposals: [...proposals.values()],
    links: {
      session: base,
      minutes: `${base}/verbale`,
      proposalFrom: canCreateProposal(actor, membership, lab) ? `${base}/proposta` : null,
    },
  };
}

export default function SessionRoomPage() {
  const { t } = useTranslation();
  const { lab, session, proposals, links } = useLoaderData<typeof loader>();
  const { connection, room, people, lastError, send, clockOffset } = useSessionRoom(session.id);
  const fire = useCallback((command: RoomCommandInput) => void send(command), [send]);
  const view = room?.view;
  return (
    <article className="page room-page" aria-labelledby="room-title">
      <p>
        <Link to={links.session}>← {session.title}</Link> · <Link to={`/laboratori/${lab.slug}`}>{lab.title}</Link>
      </p>
      <h1 id="room-title">{t("room.title", { title: session.title })}</h1>
      <p className="muted">{session.goal}</p>
      <p aria-live="polite" data-testid="room-status">
        <span className={connection === "online" ? "tag tag-accent" : "tag"}>{t(`room.connection.${connection}`)}</span>
        {view ? (
          <>
            {" "}
            <span className="tag">{t(`room.status.${view.status}`)}</span>
          </>
        ) : null}
      </p>
      {lastError ? (
        <p className="field-errors" role="alert" data-testid="room-error">
          {translateMessage(t, `room.errors.${lastError.reason}`)}
        </p>
      ) : null}
      {view ? <FocusBanner view={view} labSlug={lab.slug} proposals={proposals} /> : null}
      {view?.status === "ended" ? (
        <p className="notice">
          {t("room.endedNotice")} <Link to={links.minutes}>{t("room.openMinutes")}</Link>
        </p>
      ) : null}
      {view && room ? (
        <div className="room-layout">
          <div className="room-side">
            <RoomControls view={view} send={fire} proposals={proposals} />
            <RoomTimer view={view} clockOffset={clockOffset} send={fire} />
            <RoomAgenda view={view} send={fire} />
            <RoomPeople view={view} people={people} online={room.online} send={fire} />
          </div>
          <div className="room-main">
            <RoomBoard view={view} people={people} send={send} proposalFromUrl={links.proposalFrom} />
            <RoomConsent view={view} people={people} send={send} />
            <RoomActions view={view} people={people} send={send} />
          </div>
        </div>
      ) : connection !== "refused" ? (
        <p className="muted">{t("room.connecting")}</p>
      ) : null}
    </article>
  );
}

function FocusBanner({ view, labSlug, proposals }: { view: RoomView; labSlug: string; proposals: { id: string; title: string }[] }) {
  const { t } = useTranslation();
  if (view.status !== "live" || view.focus.kind === "agenda") return null;
  if (view.focus.kind === "board") {
    return (
      <p className="notice" role="status" data-testid="room-focus">
        {t("room.focusBoard")} <a href="#room-board-title">{t("room.board")}</a>
      </p>
    );
  }
  const { proposalId } = view.focus;
  const proposal = proposals.find((candidate) => candidate.id === proposalId);
  return (
    <p className="notice" role="status" data-testid="room-focus">
      {t("room.focusProposal")}{" "}
      <a href={`/laboratori/${labSlug}/proposte/${proposalId}`} target="_blank" rel="noreferrer">
        {proposal?.title ?? t("room.proposal")}
      </a>
    </p>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
