import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSearch, FilterSelect } from "~/components/filter-form";
import { PracticeBadges } from "~/components/good-practices/practice-badges";
import { listPracticeOrganizations, listPractices, listPracticesToReview, listPracticeTags } from "~/models/good-practice.server";
import { canReviewPractices, canSubmitPractice, isPracticeReviewOverdue } from "~/policies";
import { PRACTICE_STATUS_VALUES, practiceFilterSchema } from "~/schemas/good-practice";
import { getOptionalUser, toActor } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Buone prassi · TWB Community Labs" }];

type ListedPractice = Awaited<ReturnType<typeof listPractices>>[number];

function present(practice: ListedPractice, viewerId: string | undefined, now: Date) {
  return {
    slug: practice.slug,
    title: practice.title,
    context: practice.context,
    status: practice.status,
    reviewDueAt: practice.reviewDueAt?.toISOString() ?? null,
    overdue: isPracticeReviewOverdue(practice, now),
    mine: viewerId !== undefined && practice.submittedById === viewerId,
    tags: practice.tags,
    organizations: practice.organizations.map((entry) => entry.organization.name),
  };
}

// Public: anonymous visitors see validated practices; signed-in people also their own; the
// coordinators everything, plus the list of what waits for them.
export async function loader({ request }: LoaderFunctionArgs) {
  const filter = practiceFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const user = await getOptionalUser(request);
  const actor = toActor(user);
  const reviewer = canReviewPractices(actor);
  const now = new Date();
  const [practices, toReview, tags, organizations] = await Promise.all([
    listPractices(actor, filter, now),
    reviewer ? listPracticesToReview(now) : [],
    listPracticeTags(actor),
    listPracticeOrganizations(actor),
  ]);
  return {
    filter,
    practices: practices.map((practice) => present(practice, user?.id, now)),
    toReview: toReview.map((practice) => present(practice, user?.id, now)),
    tags,
    organizations,
    abilities: { submit: canSubmitPractice(actor), review: reviewer, filterStatus: actor !== null },
  };
}

export default function PracticesPage() {
  const { t } = useTranslation();
  const { filter, practices, toReview, tags, organizations, abilities } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="practices-title">
      <div className="page-heading">
        <h1 id="practices-title">{t("goodPractices.title")}</h1>
        {abilities.submit ? (
          <Link to="/buone-prassi/nuova" className="button">
            {t("goodPractices.new")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t("goodPractices.intro")}</p>

      {abilities.review ? (
        <section aria-labelledby="practices-to-review" className="boxed">
          <h2 id="practices-to-review">{t("goodPractices.toReview")}</h2>
          <p className="muted">{t("goodPractices.toReviewIntro")}</p>
          {toReview.length === 0 ? (
            <p>{t("goodPractices.toReviewNone")}</p>
          ) : (
            <ul className="plain-list stack" data-testid="practices-to-review">
              {toReview.map((practice) => (
                <li key={practice.slug}>
                  <Link to={`/buone-prassi/${practice.slug}`}>{practice.title}</Link>
                  <PracticeBadges practice={practice} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <Form method="get" className="filters" role="search" aria-label={t("goodPractices.filter")}>
        <FilterSearch name="q" label={t("goodPractices.search")} defaultValue={filter.q} />
        <FilterSelect
          name="organization"
          label={t("goodPractices.filterOrganization")}
          allLabel={t("goodPractices.allOrganizations")}
          defaultValue={filter.organization}
          options={organizations.map((organization) => ({ value: organization.slug, label: organization.name }))}
        />
        <FilterSelect name="tag" label={t("goodPractices.filterTag")} allLabel={t("goodPractices.allTags")} defaultValue={filter.tag} options={tags.map((tag) => ({ value: tag, label: tag }))} />
        {abilities.filterStatus ? (
          <FilterSelect
            name="status"
            label={t("goodPractices.filterStatus")}
            allLabel={t("goodPractices.allStatuses")}
            defaultValue={filter.status}
            options={PRACTICE_STATUS_VALUES.map((status) => ({ value: status, label: t(`goodPractices.status.${status}`) }))}
          />
        ) : null}
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} />
            {t("goodPractices.overdueOnly")}
          </label>
        </div>
        <button type="submit" className="button">
          {t("goodPractices.filter")}
        </button>
      </Form>

      <p role="status" className="muted">
        {t("goodPractices.results", { count: practices.length })}
      </p>
      {practices.length === 0 ? (
        <p>{t("goodPractices.none")}</p>
      ) : (
        <ul className="card-grid" data-testid="practices">
          {practices.map((practice) => (
            <li key={practice.slug} className="card">
              <h2 className="card-title">
                <Link to={`/buone-prassi/${practice.slug}`}>{practice.title}</Link>
              </h2>
              <PracticeBadges practice={practice} />
              <p className="clamp">{practice.context}</p>
              {practice.organizations.length ? <p className="muted">{practice.organizations.join(", ")}</p> : null}
              {practice.tags.length ? (
                <p className="tags">
                  <span className="visually-hidden">{t("goodPractices.tags")}: </span>
                  {practice.tags.map((tag) => (
                    <span key={tag} className="tag">
                      #{tag}
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
