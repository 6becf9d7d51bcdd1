import { useState, type DragEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { RoomCommandInput } from "~/sessions/room-commands";
import type { CardView, RoomView } from "~/sessions/room-view";
import type { CommandAnswer, RoomPerson } from "./use-session-room";

type Send = (command: RoomCommandInput) => Promise<CommandAnswer>;
type Props = { view: RoomView; people: RoomPerson[]; send: Send; proposalFromUrl: string | null };
type Outcome = { kind: "proposal"; url: string; title: string } | null;

const UNCLUSTERED = "";

/** Turns cards or a cluster into a draft proposal of the lab; answers with the new proposal's address. */
async function createProposal(url: string, target: { cardId: string } | { clusterId: string }) {
  const response = await fetch(url, { method: "POST", headers: { Accept: "application/json" }, body: new URLSearchParams(target) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as { proposalUrl: string; title: string };
}

/** The idea board: cards, clusters, dot voting; the facilitator groups (drag or "move to") and reveals. */
export function RoomBoard({ view, people, send, proposalFromUrl }: Props) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [failure, setFailure] = useState(false);
  const can = (type: RoomCommandInput["type"]) => view.me.abilities.includes(type);
  const open = view.status !== "ended";
  const facilitates = can("card.move") && open;
  const hiddenCount = view.cards.filter((card) => card.hidden).length;
  const columns = [{ id: UNCLUSTERED, name: t("room.unclustered") }, ...view.clusters];
  const nameOf = (userId: string | null) => (userId ? (people.find((person) => person.userId === userId)?.name ?? t("room.someone")) : t("room.anonymous"));

  const proposalFrom = proposalFromUrl
    ? async (target: { cardId: string } | { clusterId: string }) => {
        setFailure(false);
        try {
          const created = await createProposal(proposalFromUrl, target);
          setOutcome({ kind: "proposal", url: created.proposalUrl, title: created.title });
        } catch {
          setFailure(true);
        }
      }
    : null;

  const drop = (clusterId: string) => (event: DragEvent) => {
    event.preventDefault();
    const cardId = event.dataTransfer.getData("text/plain");
    if (cardId) void send({ type: "card.move", cardId, clusterId: clusterId || null });
  };

  return (
    <section className="room-panel room-board" aria-labelledby="room-board-title">
      <h2 id="room-board-title">{t("room.board")}</h2>
      {can("card.add") && open ? <NewCardForm send={send} /> : null}
      <VotingBar view={view} send={send} />
      {facilitates ? (
        <div className="actions">
          <NewClusterForm send={send} />
          {hiddenCount > 0 && !view.cardsRevealed ? (
            <button type="button" className="button button-secondary button-small" onClick={() => send({ type: "cards.reveal" })}>
              {t("room.revealCards", { count: hiddenCount })}
            </button>
          ) : null}
        </div>
      ) : null}
      {outcome ? (
        <p className="notice" role="status">
          {t("room.proposalCreated")} <a href={outcome.url}>{outcome.title}</a>
        </p>
      ) : null}
      {failure ? (
        <p className="field-errors" role="alert">
          {t("room.proposalFailed")}
        </p>
      ) : null}
      <div className="room-columns" data-testid="room-board">
        {columns.map((column) => {
          const cards = view.cards.filter((card) => (card.clusterId ?? UNCLUSTERED) === column.id);
          const headingId = `column-${column.id || "none"}`;
          return (
            <section
              key={column.id || "none"}
              className="room-column"
              aria-labelledby={headingId}
              data-testid={column.id ? `cluster-${column.name}` : "unclustered"}
              onDragOver={facilitates ? (event) => event.preventDefault() : undefined}
              onDrop={facilitates ? drop(column.id) : undefined}
            >
              <h3 id={headingId}>
                {column.name} <span className="muted small">({cards.length})</span>
              </h3>
              {column.id ? <Dots view={view} targetId={column.id} label={column.name} send={send} /> : null}
              {column.id && proposalFrom ? (
                <button type="button" className="link-button small" onClick={() => proposalFrom({ clusterId: column.id })}>
                  {t("room.proposalFromCluster", { name: column.name })}
                </button>
              ) : null}
              {column.id && facilitates ? (
                <button type="button" className="link-button danger small" onClick={() => send({ type: "cluster.remove", clusterId: column.id })}>
                  {t("room.removeCluster", { name: column.name })}
                </button>
              ) : null}
              <ul className="room-cards">
                {cards.map((card) => (
                  <li key={card.id}>
                    <IdeaCard
                      card={card}
                      author={card.anonymous ? t("room.anonymous") : nameOf(card.authorId)}
                      view={view}
                      columns={columns}
                      send={send}
                      facilitates={facilitates}
                      onProposal={proposalFrom ? () => proposalFrom({ cardId: card.id }) : null}
                    />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}

function IdeaCard({
  card,
  author,
  view,
  columns,
  send,
  facilitates,
  onProposal,
}: {
  card: CardView;
  author: string;
  view: RoomView;
  columns: { id: string; name: string }[];
  send: Send;
  facilitates: boolean;
  onProposal: (() => void) | null;
}) {
  const { t } = useTranslation();
  const label = card.text ?? t("room.hiddenCard");
  return (
    <article
      className={card.hidden ? "idea-card idea-card-hidden" : "idea-card"}
      draggable={facilitates}
      onDragStart={(event) => event.dataTransfer.setData("text/plain", card.id)}
      aria-label={t("room.cardLabel", { text: label })}
    >
      <p className="idea-text">{label}</p>
      <p className="muted small">{card.mine ? t("room.yourCard", { anonymous: card.anonymous ? t("room.anonymousNote") : "" }) : author}</p>
      <Dots view={view} targetId={card.id} label={label} send={send} />
      <div className="idea-actions">
        {facilitates ? (
          <label className="inline-select">
            <span className="visually-hidden">{t("room.moveCard", { text: label })}</span>
            <select value={card.clusterId ?? UNCLUSTERED} onChange={(event) => send({ type: "card.move", cardId: card.id, clusterId: event.currentTarget.value || null })}>
              {columns.map((column) => (
                <option key={column.id || "none"} value={column.id}>
                  {column.id ? t("room.inCluster", { name: column.name }) : column.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {facilitates && !card.hidden ? (
          <button type="button" className="link-button small" onClick={() => send({ type: "action.add", text: card.text ?? "", sourceCardId: card.id })}>
            {t("room.toAction")}
          </button>
        ) : null}
        {onProposal && !card.hidden ? (
          <button type="button" className="link-button small" onClick={onProposal}>
            {t("room.toProposal")}
          </button>
        ) : null}
        {(card.mine || facilitates) && view.status !== "ended" ? (
          <button type="button" className="link-button danger small" onClick={() => send({ type: "card.remove", cardId: card.id })}>
            {t("room.removeCard")}
            <span className="visually-hidden">: {label}</span>
          </button>
        ) : null}
      </div>
    </article>
  );
}

/** A participant's dots on one card or cluster, and the total once revealed. */
function Dots({ view, targetId, label, send }: { view: RoomView; targetId: string; label: string; send: Send }) {
  const { t } = useTranslation();
  const mine = view.voting.myDots[targetId] ?? 0;
  const total = view.voting.totals?.[targetId];
  const votes = view.voting.status === "open" && view.me.abilities.includes("vote.cast");
  if (!votes && total === undefined && mine === 0) return null;
  return (
    <div className="dots" data-testid={`dots-${targetId}`}>
      {total !== undefined ? <span className="tag tag-accent">{t("room.totalDots", { count: total })}</span> : null}
      {votes || mine > 0 ? <span className="small">{t("room.myDots", { count: mine })}</span> : null}
      {votes ? (
        <>
          <button type="button" className="button button-small" disabled={view.voting.dotsLeft === 0 || mine >= view.voting.maxPerCard} onClick={() => send({ type: "vote.cast", targetId })}>
            +1<span className="visually-hidden"> {t("room.dotOn", { label })}</span>
          </button>
          <button type="button" className="button button-secondary button-small" disabled={mine === 0} onClick={() => send({ type: "vote.retract", targetId })}>
            −1<span className="visually-hidden"> {t("room.dotOff", { label })}</span>
          </button>
        </>
      ) : null}
    </div>
  );
}

function VotingBar({ view, send }: { view: RoomView; send: Send }) {
  const { t } = useTranslation();
  const [budget, setBudget] = useState(3);
  const [maxPerCard, setMaxPerCard] = useState(2);
  const facilitates = view.me.abilities.includes("voting.open") && view.status === "live";
  const { voting } = view;
  return (
    <div className="voting-bar" aria-live="polite">
      {voting.status === "open" ? (
        <p>
          <strong>{t("room.votingOpen")}</strong>{" "}
          {view.me.abilities.includes("vote.cast") ? t("room.dotsLeft", { count: voting.dotsLeft, max: voting.maxPerCard }) : null}{" "}
          <span className="muted">{t("room.voters", { count: voting.voters })}</span>
        </p>
      ) : voting.status === "ended" ? (
        <p>{t("room.votingEnded")}</p>
      ) : null}
      {facilitates ? (
        <div className="actions">
          {voting.status !== "open" ? (
            <form
              className="inline-form"
              onSubmit={(event: FormEvent) => {
                event.preventDefault();
                void send({ type: "voting.open", budget, maxPerCard: Math.min(maxPerCard, budget) });
              }}
            >
              <label>
                {t("room.budget")} <input type="number" min={1} max={20} value={budget} onChange={(event) => setBudget(Number(event.currentTarget.value))} className="input-narrow" />
              </label>
              <label>
                {t("room.maxPerCard")} <input type="number" min={1} max={20} value={maxPerCard} onChange={(event) => setMaxPerCard(Number(event.currentTarget.value))} className="input-narrow" />
              </label>
              <button type="submit" className="button button-small">
                {t("room.openVoting")}
              </button>
            </form>
          ) : (
            <>
              {!voting.countsRevealed ? (
                <button type="button" className="button button-secondary button-small" onClick={() => send({ type: "voting.reveal" })}>
                  {t("room.revealVotes")}
                </button>
              ) : null}
              <button type="button" className="button button-secondary button-small" onClick={() => send({ type: "voting.close" })}>
                {t("room.closeVoting")}
              </button>
            </>
          )}
          {voting.status === "ended" && !voting.countsRevealed ? (
            <button type="button" className="button button-secondary button-small" onClick={() => send({ type: "voting.reveal" })}>
              {t("room.revealVotes")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function NewCardForm({ send }: { send: Send }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  return (
    <form
      className="stack new-card"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!text.trim()) return;
        const answer = await send({ type: "card.add", text, anonymous });
        if (answer.ok) {
          setText("");
          setAnonymous(false);
        }
      }}
    >
      <div className="field">
        <label htmlFor="new-card-text">{t("room.yourIdea")}</label>
        <textarea id="new-card-text" rows={2} maxLength={500} value={text} onChange={(event) => setText(event.currentTarget.value)} required />
      </div>
      <label className="inline-check">
        <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.currentTarget.checked)} /> {t("room.anonymousCard")}
      </label>
      <div>
        <button type="submit" className="button button-small">
          {t("room.addCard")}
        </button>
      </div>
    </form>
  );
}

function NewClusterForm({ send }: { send: Send }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  return (
    <form
      className="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!name.trim()) return;
        const answer = await send({ type: "cluster.create", name });
        if (answer.ok) setName("");
      }}
    >
      <label htmlFor="new-cluster-name">{t("room.newCluster")}</label>
      <input id="new-cluster-name" value={name} maxLength={80} onChange={(event) => setName(event.currentTarget.value)} />
      <button type="submit" className="button button-secondary button-small">
        {t("room.createCluster")}
      </button>
    </form>
  );
}
