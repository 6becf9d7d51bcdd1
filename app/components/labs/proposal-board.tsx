import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PROPOSAL_STAGE_VALUES } from "~/schemas/lab";
import { formatDate } from "~/utils/dates";

type BoardProposal = { id: string; title: string; stage: (typeof PROPOSAL_STAGE_VALUES)[number]; updatedAt: string | Date; author: { name: string } | null };

/** A lab's proposals in one column per stage, with the form to start a new one. */
export function ProposalBoard({ labSlug, proposals, canCreate }: { labSlug: string; proposals: BoardProposal[]; canCreate: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="board-title">
      <h2 id="board-title">{t("labs.board")}</h2>
      {canCreate ? (
        <Form method="post" className="actions boxed new-proposal">
          <input type="hidden" name="intent" value="new-proposal" />
          <div className="field grow">
            <label htmlFor="new-proposal-title">{t("labs.proposalTitle")}</label>
            <input id="new-proposal-title" name="title" required minLength={3} maxLength={160} />
          </div>
          <button type="submit" className="button">
            {t("labs.startProposal")}
          </button>
        </Form>
      ) : null}
      <div className="board" data-testid="proposal-board">
        {PROPOSAL_STAGE_VALUES.map((stage) => {
          const items = proposals.filter((proposal) => proposal.stage === stage);
          return (
            <section key={stage} className="board-column" aria-labelledby={`stage-${stage}`}>
              <h3 id={`stage-${stage}`} className="board-column-title">
                {t(`stages.${stage}`)} <span className="muted">({items.length})</span>
              </h3>
              {items.length === 0 ? (
                <p className="muted small">{t("labs.noProposals")}</p>
              ) : (
                <ul className="plain-list stack">
                  {items.map((proposal) => (
                    <li key={proposal.id} className="card">
                      <Link to={`/laboratori/${labSlug}/proposte/${proposal.id}`}>{proposal.title}</Link>
                      <p className="muted small">
                        {proposal.author?.name ?? ""} · {formatDate(proposal.updatedAt, i18n.language)}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
