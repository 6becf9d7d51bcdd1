import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/ui/table-region";
import { listProposalsAwaitingDecision } from "~/models/proposal.server";
import { canViewDecisionQueue } from "~/policies";
import { requireUser, toActor } from "~/services/auth.server";
import { formatDate } from "~/utils/dates";
import { requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Decisioni · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAllowed(canViewDecisionQueue(toActor(await requireUser(request))));
  return { proposals: await listProposalsAwaitingDecision() };
}

export default function DecisionsPage() {
  const { t, i18n } = useTranslation();
  const { proposals } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="decisions-title">
      <h1 id="decisions-title">{t("decisions.title")}</h1>
      <p className="lead">{t("decisions.intro")}</p>
      {proposals.length === 0 ? (
        <p>{t("decisions.none")}</p>
      ) : (
        <TableRegion label={t("decisions.title")}>
            <thead>
              <tr>
                <th scope="col">{t("labs.proposalTitle")}</th>
                <th scope="col">{t("decisions.lab")}</th>
                <th scope="col">{t("proposal.stage")}</th>
                <th scope="col">{t("decisions.waitingSince")}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((proposal) => (
                <tr key={proposal.id}>
                  <td>
                    <Link to={`/laboratori/${proposal.lab.slug}/proposte/${proposal.id}`}>{proposal.title}</Link>
                  </td>
                  <td>{proposal.lab.title}</td>
                  <td>{t(`stages.${proposal.stage}`)}</td>
                  <td>{formatDate(proposal.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
        </TableRegion>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
