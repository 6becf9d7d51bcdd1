import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { diffWordsWithSpace } from "diff";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RenderedDocument } from "~/editor/render-document";
import { documentLines } from "~/editor/schema/document-text";
import { getCurrentProposalContent, getProposalVersion, restoreProposalVersion } from "~/models/proposal-version.server";
import { requireProposalContext } from "~/services/proposal-context.server";
import { flashToast } from "~/services/session.server";
import { formatDateTime } from "~/utils/dates";
import { notFound, requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Versione · TWB Community Labs" }];

async function loadVersion(request: Request, params: Record<string, string | undefined>) {
  const context = await requireProposalContext(request, params);
  const id = z.string().uuid().safeParse(params.versionId);
  const version = id.success ? await getProposalVersion(context.proposal.id, id.data) : null;
  if (!version) notFound();
  return { ...context, version };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal, version, access } = await loadVersion(request, params);
  const current = await getCurrentProposalContent(proposal.id);
  // Word-level changes from this version to the current text, block by block.
  const changes = diffWordsWithSpace(documentLines(version.content).join("\n"), documentLines(current).join("\n")).map((part) => ({
    value: part.value,
    kind: part.added ? "added" : part.removed ? "removed" : "same",
  }));
  return {
    proposal: { id: proposal.id, title: proposal.title, lab: proposal.lab },
    version: { id: version.id, name: version.name, kind: version.kind, createdAt: version.createdAt, createdBy: version.createdBy, content: version.content },
    changes,
    unchanged: changes.every((change) => change.kind === "same"),
    canRestore: access === "edit",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal, version, access } = await loadVersion(request, params);
  requireAllowed(access === "edit");
  if (!(await restoreProposalVersion(user.id, proposal.id, version.id))) throw data({ message: "Version not found" }, { status: 404 });
  return redirect(`/laboratori/${proposal.lab.slug}/proposte/${proposal.id}`, { headers: await flashToast(request, "versions.restored") });
}

export default function VersionPage() {
  const { t, i18n } = useTranslation();
  const { proposal, version, changes, unchanged, canRestore } = useLoaderData<typeof loader>();
  const base = `/laboratori/${proposal.lab.slug}/proposte/${proposal.id}`;
  return (
    <article className="page" aria-labelledby="version-title">
      <p className="breadcrumb">
        <Link to={base}>{proposal.title}</Link> › <Link to={`${base}/versioni`}>{t("versions.title")}</Link>
      </p>
      <h1 id="version-title">{version.name ?? t(`versions.kinds.${version.kind}`)}</h1>
      <p className="muted">
        {t(`versions.kinds.${version.kind}`)} · {formatDateTime(version.createdAt, i18n.language)}
        {version.createdBy ? ` · ${version.createdBy.name}` : ""}
      </p>
      {canRestore ? (
        <Form method="post" className="actions">
          <button type="submit" className="button">
            {t("versions.restore")}
          </button>
          <span className="muted small">{t("versions.restoreHelp")}</span>
        </Form>
      ) : null}
      <div className="two-columns">
        <section aria-labelledby="version-text">
          <h2 id="version-text">{t("versions.text")}</h2>
          <div className="editor-frame">
            <RenderedDocument content={version.content} />
          </div>
        </section>
        <section aria-labelledby="version-diff">
          <h2 id="version-diff">{t("versions.changes")}</h2>
          <p className="muted small">{t("versions.legend")}</p>
          {unchanged ? (
            <p>{t("versions.unchanged")}</p>
          ) : (
            <pre className="diff" data-testid="version-diff">
              {changes.map((change, index) =>
                change.kind === "added" ? (
                  <ins key={index}>{change.value}</ins>
                ) : change.kind === "removed" ? (
                  <del key={index}>{change.value}</del>
                ) : (
                  <span key={index}>{change.value}</span>
                ),
              )}
            </pre>
          )}
        </section>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
