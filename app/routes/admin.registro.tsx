import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/ui/table-region";
import { FilterForm, FilterSelect } from "~/components/filter-form";
import { listAuditEntries } from "~/models/audit.server";
import { AUDIT_ACTIONS, auditFilterSchema } from "~/schemas/audit";
import { canViewAuditLog } from "~/policies";
import { requireUser, toActor } from "~/services/auth.server";
import { formatDateTime } from "~/utils/dates";
import { requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Registro modifiche · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAllowed(canViewAuditLog(toActor(await requireUser(request))));
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { entries, nextCursor } = await listAuditEntries(filter);
  return { entries, nextCursor, filter };
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { entries, nextCursor, filter } = useLoaderData<typeof loader>();
  const olderLink = nextCursor ? `?${new URLSearchParams({ ...(filter.action ? { action: filter.action } : {}), before: nextCursor })}` : null;
  return (
    <section className="page" aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <FilterForm>
        <FilterSelect
          name="action"
          label={t("audit.filterAction")}
          allLabel={t("audit.allActions")}
          defaultValue={filter.action}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) }))}
        />
      </FilterForm>
      {entries.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <TableRegion label={t("audit.title")} testId="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(entry.createdAt, i18n.language)}</time>
                  </td>
                  <td>{entry.actor ? <Link to={`/persone/${entry.actor.id}`}>{entry.actor.name}</Link> : t("audit.system")}</td>
                  <td>
                    <strong>{t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}</strong>
                    <br />
                    {describeEntry(entry, t)}
                  </td>
                </tr>
              ))}
            </tbody>
        </TableRegion>
      )}
      {olderLink ? (
        <p>
          <Link to={olderLink}>{t("audit.older")}</Link>
        </p>
      ) : null}
    </section>
  );
}

/** Role changes read in the reader's language; other entries keep the summary written at the time. */
function describeEntry(entry: { action: string; summary: string; details: unknown }, t: (key: string) => string) {
  const details = entry.details as { from?: string; to?: string; name?: string } | null;
  if (entry.action === "user.role_changed" && details?.from && details.to && details.name) {
    return `${details.name}: ${t(`roles.${details.from}`)} → ${t(`roles.${details.to}`)}`;
  }
  return entry.summary;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
