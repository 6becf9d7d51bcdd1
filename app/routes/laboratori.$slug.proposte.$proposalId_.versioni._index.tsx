import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/ui/field";
import { createNamedVersion, listProposalVersions } from "~/models/proposal-version.server";
import { namedVersionSchema } from "~/schemas/lab";
import { requireProposalContext } from "~/services/proposal-context.server";
import { flashToast } from "~/services/session.server";
import { formatDateTime } from "~/utils/dates";
import { requireAllowed } from "~/utils/http.server";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction = () => [{ title: "Versioni · TWB Community Labs" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal, access } = await requireProposalContext(request, params);
  return {
    proposal: { id: proposal.id, title: proposal.title, lab: proposal.lab },
    versions: await listProposalVersions(proposal.id),
    canName: access === "edit",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal, access } = await requireProposalContext(request, params);
  requireAllowed(access === "edit");
  const submission = parseWithZod(await request.formData(), { schema: namedVersionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await createNamedVersion(user.id, proposal.id, submission.value.name);
  return redirect(`/laboratori/${proposal.lab.slug}/proposte/${proposal.id}/versioni`, { headers: await flashToast(request, "versions.saved") });
}

export default function VersionsPage() {
  const { t, i18n } = useTranslation();
  const { proposal, versions, canName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "named-version",
    lastResult: actionData?.result,
    constraint: getZodConstraint(namedVersionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: namedVersionSchema }),
  });
  const base = `/laboratori/${proposal.lab.slug}/proposte/${proposal.id}`;
  return (
    <section className="page narrow" aria-labelledby="versions-title">
      <p className="breadcrumb">
        <Link to={`/laboratori/${proposal.lab.slug}`}>{proposal.lab.title}</Link> › <Link to={base}>{proposal.title}</Link>
      </p>
      <h1 id="versions-title">{t("versions.title")}</h1>
      <p className="lead">{t("versions.intro")}</p>
      {canName ? (
        <Form method="post" {...getFormProps(form)} className="stack boxed">
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label={t("versions.name")} help={t("versions.nameHelp")} />
          <button type="submit" className="button">
            {t("versions.save")}
          </button>
        </Form>
      ) : null}
      {versions.length === 0 ? (
        <p>{t("versions.none")}</p>
      ) : (
        <ol className="plain-list activity-feed" data-testid="versions">
          {versions.map((version) => (
            <li key={version.id}>
              <Link to={`${base}/versioni/${version.id}`}>{version.name ?? t(`versions.kinds.${version.kind}`)}</Link>{" "}
              <span className="tag">{t(`versions.kinds.${version.kind}`)}</span>
              <br />
              <span className="muted small">
                {formatDateTime(version.createdAt, i18n.language)}
                {version.createdBy ? ` · ${version.createdBy.name}` : ""}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
