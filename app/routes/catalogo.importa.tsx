import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { importHsdsDocument, MAX_IMPORT_BYTES, type ImportProblem, type ImportResult } from "~/models/hsds-import.server";
import { canImportCatalogue } from "~/policies";
import { requireUser, toActor } from "~/services/auth.server";
import { requireAllowed } from "~/utils/http.server";

// /catalogo/importa: a coordinator imports an HSDS 3.0 service or organization document (pasted
// or uploaded). Refused documents list every problem and write nothing. With
// `Accept: application/json` the action answers JSON (the same result), for scripts.

export async function loader({ request }: LoaderFunctionArgs) {
  requireAllowed(canImportCatalogue(toActor(await requireUser(request))));
  return { maxBytes: MAX_IMPORT_BYTES };
}

const KINDS = ["auto", "service", "organization"] as const;

function wantsJson(request: Request) {
  const accept = request.headers.get("Accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(canImportCatalogue(toActor(user)));
  const respond = (result: ImportResult | { ok: false; problems: ImportProblem[] }, status: number) =>
    wantsJson(request) ? Response.json(result, { status }) : data({ result }, { status });

  // Refuse oversized bodies before reading them (a file plus the form's other fields).
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) {
    return respond({ ok: false, problems: [{ path: "/", code: "tooLarge", params: { max: MAX_IMPORT_BYTES }, message: `The document is larger than ${MAX_IMPORT_BYTES} bytes` }] }, 413);
  }
  const form = await request.formData();
  const file = form.get("file");
  const pasted = form.get("document");
  const text = file instanceof File && file.size > 0 ? await file.text() : typeof pasted === "string" ? pasted : "";
  const kindValue = String(form.get("kind") ?? "auto");
  const kind = (KINDS as readonly string[]).includes(kindValue) ? (kindValue as (typeof KINDS)[number]) : "auto";
  const result = await importHsdsDocument(user.id, text, kind);
  return respond(result, result.ok ? 200 : 400);
}

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  const { t, i18n } = useTranslation();
  const describe = (problem: ImportProblem) => {
    const key = `hsds.problems.${problem.code}`;
    if (i18n.exists(key)) return t(key, problem.params ?? {});
    if (problem.code.startsWith("schema.")) return t("hsds.problems.schema.other", { message: problem.message });
    return problem.message;
  };
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t("hsds.where")}</th>
          <th scope="col">{t("hsds.what")}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((problem, index) => (
          <tr key={index}>
            <td>
              <code>{problem.path === "/" ? t("hsds.root") : problem.path}</code>
            </td>
            <td>{describe(problem)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function CatalogueImportPage() {
  const { t } = useTranslation();
  // The JSON variant of the action is for scripts; the page only ever sees { result }.
  const actionData = useActionData<{ result: ImportResult }>();
  const navigation = useNavigation();
  const result = actionData?.result;
  return (
    <section className="page narrow" aria-labelledby="hsds-import-title">
      <h1 id="hsds-import-title">{t("hsds.importTitle")}</h1>
      <p>{t("hsds.importIntro")}</p>

      {result && !result.ok ? (
        <div role="alert" className="notice notice-error" aria-labelledby="hsds-refused-title">
          <h2 id="hsds-refused-title">{t("hsds.refusedTitle")}</h2>
          <p>{t("hsds.refusedIntro", { count: result.problems.length })}</p>
          <ProblemList problems={result.problems} />
        </div>
      ) : null}

      {result && result.ok ? (
        <div role="status" className="notice notice-success" aria-labelledby="hsds-done-title">
          <h2 id="hsds-done-title">{t("hsds.successTitle")}</h2>
          {result.organizations.length ? (
            <>
              <h3>{t("hsds.organizations")}</h3>
              <ul>
                {result.organizations.map((organization) => (
                  <li key={organization.id}>
                    {organization.name} ({organization.created ? t("hsds.created") : t("hsds.updated")}) ·{" "}
                    <a href={`/api/hsds/organizations/${organization.id}`}>{t("hsds.viewJson")}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {result.services.length ? (
            <>
              <h3>{t("hsds.services")}</h3>
              <ul>
                {result.services.map((service) => (
                  <li key={service.id}>
                    {service.name} ({service.created ? t("hsds.created") : t("hsds.updated")}) ·{" "}
                    <a href={`/api/hsds/services/${service.id}`}>{t("hsds.viewJson")}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {result.warnings.length ? (
            <>
              <h3>{t("hsds.warningsTitle")}</h3>
              <ProblemList problems={result.warnings} />
            </>
          ) : null}
        </div>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="hsds-document">{t("hsds.documentLabel")}</label>
          <p id="hsds-document-help" className="field-help">
            {t("hsds.documentHelp")}
          </p>
          <textarea id="hsds-document" name="document" rows={14} spellCheck={false} aria-describedby="hsds-document-help" className="monospace" />
        </div>
        <div className="field">
          <label htmlFor="hsds-file">{t("hsds.fileLabel")}</label>
          <input id="hsds-file" name="file" type="file" accept="application/json,.json" />
        </div>
        <div className="field">
          <label htmlFor="hsds-kind">{t("hsds.kindLabel")}</label>
          <select id="hsds-kind" name="kind" defaultValue="auto">
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`hsds.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {t("hsds.submit")}
        </button>
      </Form>

      <h2>{t("hsds.exportTitle")}</h2>
      <p>{t("hsds.exportIntro")}</p>
      <ul>
        <li>
          <a href="/api/hsds/export.zip" download>
            {t("hsds.exportLink")}
          </a>
        </li>
        <li>
          <Link to="/api/hsds/services" reloadDocument>
            {t("hsds.apiLink")}
          </Link>
        </li>
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
