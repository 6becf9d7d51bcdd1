import { useTranslation } from "react-i18next";
import type { RoomCommandInput } from "~/sessions/room-commands";
import type { RoomView } from "~/sessions/room-view";

const minutes = (ms: number) => Math.round(ms / 60_000);

/** The agenda with the current item and the time actually spent; the facilitator moves through it. */
export function RoomAgenda({ view, send }: { view: RoomView; send: (command: RoomCommandInput) => void }) {
  const { t } = useTranslation();
  const steers = view.me.abilities.includes("agenda.next") && view.status === "live";
  const currentIndex = view.agenda.findIndex((item) => item.id === view.currentItemId);
  return (
    <section className="room-panel" aria-labelledby="room-agenda-title">
      <h2 id="room-agenda-title">{t("sessions.agenda")}</h2>
      <ol className="room-agenda" data-testid="room-agenda">
        {view.agenda.map((item) => {
          const current = item.id === view.currentItemId;
          const spent = item.spentMs + (current ? view.currentItemElapsedMs : 0);
          return (
            <li key={item.id} aria-current={current ? "step" : undefined} className={current ? "room-agenda-current" : undefined}>
              <span>{item.title}</span>{" "}
              <span className="muted small">
                {t("room.spentOfTimebox", { spent: minutes(spent), timebox: Math.round(item.timeboxSeconds / 60) })}
              </span>
              {steers && !current ? (
                <button type="button" className="link-button small" onClick={() => send({ type: "agenda.goto", itemId: item.id })}>
                  {t("room.goTo", { title: item.title })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {steers && currentIndex < view.agenda.length - 1 ? (
        <button type="button" className="button button-small" onClick={() => send({ type: "agenda.next" })}>
          {t("room.nextItem")}
        </button>
      ) : null}
    </section>
  );
}

/** Start and end of the session, and where the facilitator brings everyone. */
export function RoomControls({ view, send, proposals }: { view: RoomView; send: (command: RoomCommandInput) => void; proposals: { id: string; title: string }[] }) {
  const { t } = useTranslation();
  if (!view.me.abilities.includes("session.start")) return null;
  return (
    <section className="room-panel room-controls" aria-labelledby="room-controls-title">
      <h2 id="room-controls-title">{t("room.controls")}</h2>
      <div className="actions">
        {view.status === "scheduled" ? (
          <button type="button" className="button" onClick={() => send({ type: "session.start" })}>
            {t("room.start")}
          </button>
        ) : null}
        {view.status === "live" ? (
          <>
            <button type="button" className="button button-secondary button-small" onClick={() => send({ type: "focus.set", focus: { kind: "board" } })} aria-pressed={view.focus.kind === "board"}>
              {t("room.bringToBoard")}
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => send({ type: "focus.set", focus: { kind: "agenda" } })} aria-pressed={view.focus.kind === "agenda"}>
              {t("room.bringToAgenda")}
            </button>
            {proposals.map((proposal) => (
              <button
                key={proposal.id}
                type="button"
                className="button button-secondary button-small"
                onClick={() => send({ type: "focus.set", focus: { kind: "proposal", proposalId: proposal.id } })}
                aria-pressed={view.focus.kind === "proposal" && view.focus.proposalId === proposal.id}
              >
                {t("room.bringToProposal", { title: proposal.title })}
              </button>
            ))}
            <button type="button" className="button button-danger button-small" onClick={() => window.confirm(t("room.endConfirm")) && send({ type: "session.end" })}>
              {t("room.end")}
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
