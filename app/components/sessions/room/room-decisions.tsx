import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RoomCommandInput } from "~/sessions/room-commands";
import type { ConsentAnswer } from "~/sessions/room-state";
import type { ConsentRoundView, RoomView } from "~/sessions/room-view";
import type { CommandAnswer, RoomPerson } from "./use-session-room";

type Send = (command: RoomCommandInput) => Promise<CommandAnswer>;
const ANSWERS: ConsentAnswer[] = ["agree", "abstain", "object"];

/** Consent rounds: the facilitator asks, each participant agrees, abstains or objects with a reason. */
export function RoomConsent({ view, people, send }: { view: RoomView; people: RoomPerson[]; send: Send }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState("");
  const facilitates = view.me.abilities.includes("consent.open") && view.status === "live";
  const openRound = view.consentRounds.find((round) => round.status === "open");
  return (
    <section className="room-panel" aria-labelledby="room-consent-title">
      <h2 id="room-consent-title">{t("room.decisions")}</h2>
      {facilitates && !openRound ? (
        <form
          className="stack"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!question.trim()) return;
            if ((await send({ type: "consent.open", question })).ok) setQuestion("");
          }}
        >
          <div className="field">
            <label htmlFor="consent-question">{t("room.proposalToDecide")}</label>
            <textarea id="consent-question" rows={2} maxLength={300} value={question} onChange={(event) => setQuestion(event.currentTarget.value)} required />
          </div>
          <div>
            <button type="submit" className="button button-small">
              {t("room.openConsent")}
            </button>
          </div>
        </form>
      ) : null}
      {view.consentRounds.length === 0 ? <p className="muted">{t("room.noDecisions")}</p> : null}
      <ol className="plain-list stack" data-testid="room-decisions">
        {[...view.consentRounds].reverse().map((round) => (
          <li key={round.id} className="boxed">
            <ConsentRound round={round} view={view} people={people} send={send} facilitates={facilitates} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ConsentRound({ round, view, people, send, facilitates }: { round: ConsentRoundView; view: RoomView; people: RoomPerson[]; send: Send; facilitates: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(round.myResponse?.reason ?? "");
  const answers = view.me.abilities.includes("consent.respond") && round.status === "open";
  const reasonId = `objection-${round.id}`;
  return (
    <>
      <p>
        <strong>{round.question}</strong>
      </p>
      <p className="small">
        {t("room.consentCounts", { agree: round.counts.agree, abstain: round.counts.abstain, object: round.counts.object })}
        {round.status === "closed" ? (
          <>
            {" · "}
            <span className={round.outcome === "adopted" ? "tag tag-accent" : "tag"}>{t(`room.outcomes.${round.outcome ?? "none"}`)}</span>
          </>
        ) : null}
      </p>
      {round.objections.length ? (
        <ul className="small">
          {round.objections.map((objection, index) => (
            <li key={index}>
              {t("room.objection")}: {objection.reason ?? "—"}
              {objection.userId ? <span className="muted"> ({people.find((person) => person.userId === objection.userId)?.name ?? t("room.someone")})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {answers ? (
        <div className="stack">
          <p className="small">{round.myResponse ? t("room.yourConsent", { answer: t(`room.answers.${round.myResponse.answer}`) }) : t("room.consentAsk")}</p>
          <div className="field">
            <label htmlFor={reasonId}>{t("room.objectionReason")}</label>
            <input id={reasonId} value={reason} maxLength={500} onChange={(event) => setReason(event.currentTarget.value)} />
          </div>
          <div className="actions">
            {ANSWERS.map((answer) => (
              <button
                key={answer}
                type="button"
                className={round.myResponse?.answer === answer ? "button button-small" : "button button-secondary button-small"}
                aria-pressed={round.myResponse?.answer === answer}
                onClick={() => send({ type: "consent.respond", roundId: round.id, answer, ...(reason.trim() ? { reason } : {}) })}
              >
                {t(`room.answers.${answer}`)}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {facilitates && round.status === "open" ? (
        <button type="button" className="button button-small" onClick={() => send({ type: "consent.close", roundId: round.id })}>
          {t("room.closeConsent")}
        </button>
      ) : null}
    </>
  );
}

/** Action items with owner and due date; the facilitator adds them (also from a card). */
export function RoomActions({ view, people, send }: { view: RoomView; people: RoomPerson[]; send: Send }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [ownerId, setOwnerId] = useState("");
  const [dueDate, setDueDate] = useState("");
  const facilitates = view.me.abilities.includes("action.add") && view.status !== "scheduled";
  return (
    <section className="room-panel" aria-labelledby="room-actions-title">
      <h2 id="room-actions-title">{t("room.actions")}</h2>
      {view.actionItems.length === 0 ? <p className="muted">{t("room.noActions")}</p> : null}
      <ul className="plain-list stack" data-testid="room-actions">
        {view.actionItems.map((item) => (
          <li key={item.id}>
            {item.text}
            <span className="muted small">
              {" · "}
              {item.ownerId ? (people.find((person) => person.userId === item.ownerId)?.name ?? t("room.someone")) : t("room.noOwner")}
              {item.dueDate ? ` · ${t("room.due", { date: item.dueDate })}` : ""}
            </span>
            {facilitates ? (
              <button type="button" className="link-button danger small" onClick={() => send({ type: "action.remove", actionId: item.id })}>
                {t("room.removeAction")}
                <span className="visually-hidden">: {item.text}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {facilitates ? (
        <form
          className="stack"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!text.trim()) return;
            const answer = await send({ type: "action.add", text, ownerId: ownerId || null, dueDate: dueDate || null });
            if (answer.ok) {
              setText("");
              setOwnerId("");
              setDueDate("");
            }
          }}
        >
          <div className="field">
            <label htmlFor="action-text">{t("room.actionText")}</label>
            <input id="action-text" value={text} maxLength={500} onChange={(event) => setText(event.currentTarget.value)} required />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="action-owner">{t("room.actionOwner")}</label>
              <select id="action-owner" value={ownerId} onChange={(event) => setOwnerId(event.currentTarget.value)}>
                <option value="">{t("room.noOwner")}</option>
                {people.map((person) => (
                  <option key={person.userId} value={person.userId}>
                    {person.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="action-due">{t("room.actionDue")}</label>
              <input id="action-due" type="date" value={dueDate} onChange={(event) => setDueDate(event.currentTarget.value)} />
            </div>
          </div>
          <div>
            <button type="submit" className="button button-small">
              {t("room.addAction")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
