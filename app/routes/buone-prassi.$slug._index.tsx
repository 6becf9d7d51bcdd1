import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type UploadHandler,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PracticeBadges } from "~/components/good-practices/practice-badges";
import { TextareaField, TextField } from "~/components/ui/field";
import {
  addPracticeAttachment,
  defaultReviewDate,
  getPracticeBySlug,
  removePracticeAttachment,
  returnPractice,
  StalePracticeStatusError,
  startLabFromPractice,
  submitPractice,
  TooManyAttachmentsError,
  validatePractice,
} from "~/models/good-practice.server";
import {
  canEditPractice,
  canManagePracticeAttachments,
  canResubmitPractice,
  canReturnPractice,
  canStartLabFromPractice,
  canValidatePractice,
  canViewLab,
  canViewPractice,
  isPracticeReviewOverdue,
} from "~/policies";
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_PER_PRACTICE_MAX,
  attachmentContentType,
  attachmentProblem,
  cleanFileName,
  returnPracticeSchema,
  practiceTexts,
  validatePracticeSchema,
} from "~/schemas/good-practice";
import { getOptionalUser, requireUser, toActor } from "~/services/auth.server";
import { flashToast } from "~/services/session.server";
import { formatDate, instantToRomeWallClock, romeWallClockToInstant } from "~/utils/dates";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { notFound, requireAllowed } from "~/utils/http.server";
import { messageKey, translateMessage } from "~/utils/messages";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.practice.title ?? "Buona prassi"} · TWB Community Labs` }];

/** The practice and who is asking; validated practices are public, the others need the right person signed in. */
async function loadPractice(request: Request, slug: string | undefined) {
  const practice = await getPracticeBySlug(slug ?? "");
  if (!practice) notFound();
  const user = await getOptionalUser(request);
  const actor = toActor(user);
  if (!canViewPractice(actor, practice)) {
    if (!user) await requireUser(request); // sends anonymous visitors to the login page
    requireAllowed(false);
  }
  return { user, actor, practice };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, practice } = await loadPractice(request, params.slug);
  const showLabLinks = canViewLab(actor);
  return {
    practice: {
      id: practice.id,
      slug: practice.slug,
      ...practiceTexts(practice),
      status: practice.status,
      reviewNote: practice.reviewNote,
      reviewDueAt: practice.reviewDueAt?.toISOString() ?? null,
      validatedAt: practice.validatedAt?.toISOString() ?? null,
      validatedBy: practice.status === "VALIDATED" ? (practice.validatedBy?.name ?? null) : null,
      submittedBy: practice.submittedBy?.name ?? null,
      overdue: isPracticeReviewOverdue(practice),
      mine: user !== null && practice.submittedById === user.id,
      organizations: practice.organizations.map((entry) => entry.organization),
      // Only services the catalogue shows to everyone are listed (drafts stay with their editors).
      services: practice.services.map((entry) => entry.service).filter((service) => service.status === "PUBLISHED" || service.status === "TEMPORARILY_CLOSED"),
      labs: practice.labs.map((entry) => ({ ...entry.lab, link: showLabLinks })),
      attachments: practice.attachments.map((attachment) => ({ ...attachment, createdAt: attachment.createdAt.toISOString() })),
    },
    abilities: {
      edit: canEditPractice(actor, practice),
      attachments: canManagePracticeAttachments(actor, practice),
      validate: canValidatePractice(actor, practice),
      return: canReturnPractice(actor, practice),
      resubmit: canResubmitPractice(actor, practice),
      startLab: canStartLabFromPractice(actor, practice),
    },
    defaultReviewDate: instantToRomeWallClock(defaultReviewDate()).date,
  };
}

type UploadResult = { form: "upload"; error: string };

/**
 * Reads a multipart upload in memory, at most ATTACHMENT_MAX_BYTES of the file: a larger file is
 * read to its end (so the browser gets our answer, not a cut connection) but never kept.
 */
async function readUpload(request: Request) {
  let tooBig = false;
  const handler: UploadHandler = async ({ filename, contentType, data: chunks }) => {
    const kept: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size <= ATTACHMENT_MAX_BYTES) kept.push(chunk);
    }
    if (filename === undefined) return size <= 1000 ? Buffer.concat(kept).toString("utf8") : undefined;
    if (size > ATTACHMENT_MAX_BYTES) {
      tooBig = true;
      return undefined;
    }
    return new File([Buffer.concat(kept)], filename, { type: contentType });
  };
  const formData = await unstable_parseMultipartFormData(request, handler);
  const file = formData.get("file");
  return { intent: formData.get("intent"), file: file instanceof File ? file : null, tooBig };
}

// A request far beyond one file's limit is refused before it is read at all.
const UPLOAD_REQUEST_MAX_BYTES = ATTACHMENT_MAX_BYTES * 4;

async function uploadAttachment(request: Request, practice: { id: string; slug: string }) {
  const refuse = (error: string, status: number) => data<UploadResult>({ form: "upload", error }, { status });
  const tooBig = messageKey("goodPractices.errors.fileTooBig", { max: ATTACHMENT_MAX_BYTES / 1024 / 1024 });
  if (Number(request.headers.get("content-length") ?? 0) > UPLOAD_REQUEST_MAX_BYTES) return refuse(tooBig, 413);
  const upload = await readUpload(request);
  if (upload.intent !== "upload") throw data({ message: "Unknown action" }, { status: 400 });
  if (upload.tooBig) return refuse(tooBig, 413);
  if (!upload.file) return refuse("goodPractices.errors.fileMissing", 400);
  const fileName = cleanFileName(upload.file.name);
  const problem = attachmentProblem({ name: fileName, size: upload.file.size });
  if (problem) return refuse(problem, problem.startsWith("goodPractices.errors.fileType") ? 415 : 400);
  try {
    await addPracticeAttachment(practice.id, {
      fileName,
      contentType: attachmentContentType(fileName)!,
      content: new Uint8Array(await upload.file.arrayBuffer()),
    });
  } catch (error) {
    if (!(error instanceof TooManyAttachmentsError)) throw error;
    return refuse(messageKey("goodPractices.errors.tooManyFiles", { max: ATTACHMENTS_PER_PRACTICE_MAX }), 409);
  }
  return redirect(`/buone-prassi/${practice.slug}`, { headers: await flashToast(request, "goodPractices.uploaded") });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user: optionalUser, actor, practice } = await loadPractice(request, params.slug);
  const user = optionalUser ?? (await requireUser(request));
  const back = async (toast: string) => redirect(`/buone-prassi/${practice.slug}`, { headers: await flashToast(request, toast) });

  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    requireAllowed(canManagePracticeAttachments(actor, practice));
    return uploadAttachment(request, practice);
  }

  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    switch (intent) {
      case "validate": {
        requireAllowed(canValidatePractice(actor, practice));
        const submission = parseWithZod(formData, { schema: validatePracticeSchema });
        if (submission.status !== "success") return data({ form: "validate" as const, result: submission.reply() }, { status: 400 });
        const { reviewDueAt } = submission.value;
        // Due at the end of the chosen day in Como: the flag appears the day after.
        await validatePractice(user.id, practice.id, reviewDueAt ? romeWallClockToInstant(reviewDueAt, "23:59") : undefined);
        return back("goodPractices.validated");
      }
      case "return": {
        requireAllowed(canReturnPractice(actor, practice));
        const submission = parseWithZod(formData, { schema: returnPracticeSchema });
        if (submission.status !== "success") return data({ form: "return" as const, result: submission.reply() }, { status: 400 });
        await returnPractice(user.id, practice.id, submission.value.note);
        return back("goodPractices.returned");
      }
      case "resubmit": {
        requireAllowed(canResubmitPractice(actor, practice));
        await submitPractice(user.id, practice.id);
        return back("goodPractices.resubmitted");
      }
      case "start-lab": {
        requireAllowed(canStartLabFromPractice(actor, practice));
        const lab = await startLabFromPractice(user.id, practice.id);
        return redirect(`/laboratori/${lab.slug}`, { headers: await flashToast(request, "goodPractices.labStarted") });
      }
      case "remove-attachment": {
        requireAllowed(canManagePracticeAttachments(actor, practice));
        const attachmentId = formData.get("attachmentId");
        if (typeof attachmentId !== "string" || !/^[0-9a-f-]{36}$/i.test(attachmentId)) throw data({ message: "Invalid request" }, { status: 400 });
        if (!(await removePracticeAttachment(practice.id, attachmentId))) notFound();
        return back("goodPractices.attachmentRemoved");
      }
      default:
        throw data({ message: "Unknown action" }, { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof StalePracticeStatusError)) throw error;
    return data({ form: "stale" as const, error: "goodPractices.errors.stale" }, { status: 409 });
  }
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n|\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
    </>
  );
}

function formatSize(bytes: number, locale: string) {
  const format = (value: number) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "it-IT", { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024 * 1024) return `${format(Math.max(bytes / 1024, 0.1))} KB`;
  return `${format(bytes / 1024 / 1024)} MB`;
}

export default function PracticePage() {
  const { t, i18n } = useTranslation();
  const { practice, abilities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const sections = [
    ["context", practice.context],
    ["collaborationPattern", practice.collaborationPattern],
    ["resources", practice.resources],
    ["outcomes", practice.outcomes],
    ["evidence", practice.evidence],
  ] as const;
  return (
    <article className="page" aria-labelledby="practice-title">
      <p className="breadcrumb">
        <Link to="/buone-prassi">{t("goodPractices.title")}</Link>
      </p>
      <div className="page-heading">
        <h1 id="practice-title">{practice.title}</h1>
        {abilities.edit ? (
          <Link to={`/buone-prassi/${practice.slug}/modifica`} className="button button-secondary">
            {t("goodPractices.edit")}
          </Link>
        ) : null}
      </div>
      <PracticeBadges practice={practice} />
      {actionData && "form" in actionData && actionData.form === "stale" ? (
        <p className="form-errors" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {practice.overdue && practice.reviewDueAt ? <p className="notice">{t("goodPractices.overdueNotice", { date: formatDate(practice.reviewDueAt, i18n.language) })}</p> : null}
      {practice.status === "RETURNED" && practice.reviewNote ? (
        <div className="notice" data-testid="practice-return-note">
          <p>{t("goodPractices.returnedNotice")}</p>
          <p>{practice.reviewNote}</p>
        </div>
      ) : null}
      <p className="muted">
        {practice.submittedBy ? t("goodPractices.submittedBy", { name: practice.submittedBy }) : null}
        {practice.validatedBy && practice.validatedAt ? (
          <>
            {practice.submittedBy ? " · " : null}
            {t("goodPractices.validatedBy", { name: practice.validatedBy, date: formatDate(practice.validatedAt, i18n.language) })}
          </>
        ) : null}
      </p>

      {abilities.resubmit ? (
        <Form method="post">
          <input type="hidden" name="intent" value="resubmit" />
          <button type="submit" className="button">
            {t("goodPractices.resubmit")}
          </button>
        </Form>
      ) : null}

      {sections.map(([key, text]) => (
        <section key={key} aria-labelledby={`practice-${key}`}>
          <h2 id={`practice-${key}`}>{t(`goodPractices.fields.${key}`)}</h2>
          <Paragraphs text={text} />
        </section>
      ))}

      <div className="two-columns">
        <section aria-labelledby="practice-organizations">
          <h2 id="practice-organizations">{t("goodPractices.organizations")}</h2>
          <ul className="chips">
            {practice.organizations.map((organization) => (
              <li key={organization.id}>
                <Link to={`/organizzazioni/${organization.slug}`}>
                  {organization.name} <span className="visually-hidden">— </span>
                  <span className="chip-kind">{t(`kinds.${organization.kind}`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="practice-contact">
          <h2 id="practice-contact">{t("goodPractices.contact")}</h2>
          <p>
            {practice.contactName}
            {practice.contactEmail ? (
              <>
                {" · "}
                <a href={`mailto:${practice.contactEmail}`}>{practice.contactEmail}</a>
              </>
            ) : null}
          </p>
          {practice.tags.length ? (
            <>
              <h3>{t("goodPractices.tags")}</h3>
              <p className="tags">
                {practice.tags.map((tag) => (
                  <Link key={tag} to={`/buone-prassi?${new URLSearchParams({ tag })}`} className="tag">
                    #{tag}
                  </Link>
                ))}
              </p>
            </>
          ) : null}
        </section>
        <section aria-labelledby="practice-services">
          <h2 id="practice-services">{t("goodPractices.services")}</h2>
          {practice.services.length === 0 ? (
            <p className="muted">{t("goodPractices.noServices")}</p>
          ) : (
            <ul>
              {practice.services.map((service) => (
                <li key={service.id}>
                  <Link to={`/catalogo/servizi/${service.slug}`}>{service.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="practice-labs">
          <h2 id="practice-labs">{t("goodPractices.labs")}</h2>
          {practice.labs.length === 0 ? (
            <p className="muted">{t("goodPractices.noLabs")}</p>
          ) : (
            <ul data-testid="practice-labs">
              {practice.labs.map((lab) => (
                <li key={lab.id}>
                  {lab.link ? <Link to={`/laboratori/${lab.slug}`}>{lab.title}</Link> : lab.title}{" "}
                  <span className="tag">{t(`labs.status.${lab.status}`)}</span>
                </li>
              ))}
            </ul>
          )}
          {abilities.startLab ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="start-lab" />
              <p className="field-help" id="start-lab-help">
                {t("goodPractices.startLabHelp")}
              </p>
              <div>
                <button type="submit" className="button" aria-describedby="start-lab-help">
                  {t("goodPractices.startLab")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      </div>

      <Attachments uploadError={actionData && "form" in actionData && actionData.form === "upload" ? actionData.error : undefined} />

      {abilities.validate || abilities.return ? <ReviewForms /> : null}
    </article>
  );
}

function Attachments({ uploadError }: { uploadError?: string }) {
  const { t, i18n } = useTranslation();
  const { practice, abilities } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="practice-attachments">
      <h2 id="practice-attachments">{t("goodPractices.attachments")}</h2>
      {practice.attachments.length === 0 ? (
        <p className="muted">{t("goodPractices.noAttachments")}</p>
      ) : (
        <ul className="people-list" data-testid="practice-attachments">
          {practice.attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={`/buone-prassi/${practice.slug}/allegati/${attachment.id}`} download={attachment.fileName}>
                {attachment.fileName}
              </a>
              <span className="muted">{formatSize(attachment.size, i18n.language)}</span>
              {abilities.attachments ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-attachment" />
                  <input type="hidden" name="attachmentId" value={attachment.id} />
                  <button type="submit" className="link-button danger" aria-label={t("goodPractices.removeAttachmentLabel", { name: attachment.fileName })}>
                    {t("goodPractices.removeAttachment")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {abilities.attachments ? (
        <Form method="post" encType="multipart/form-data" className="stack boxed">
          <h3>{t("goodPractices.upload")}</h3>
          <input type="hidden" name="intent" value="upload" />
          <div className="field">
            <label htmlFor="practice-file">{t("goodPractices.file")}</label>
            <p id="practice-file-help" className="field-help">
              {t("goodPractices.fileHelp", { max: ATTACHMENT_MAX_BYTES / 1024 / 1024 })}
            </p>
            <input
              id="practice-file"
              name="file"
              type="file"
              required
              accept={ATTACHMENT_ACCEPT}
              aria-invalid={uploadError ? true : undefined}
              aria-describedby={uploadError ? "practice-file-help practice-file-error" : "practice-file-help"}
            />
            {uploadError ? (
              <ul id="practice-file-error" className="field-errors">
                <li>{translateMessage(t, uploadError)}</li>
              </ul>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button">
              {t("goodPractices.uploadButton")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

function ReviewForms() {
  const { t } = useTranslation();
  const { practice, abilities, defaultReviewDate: reviewDate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [validateForm, validateFields] = useFormWithErrors({
    id: "validate-practice",
    lastResult: actionData && "form" in actionData && actionData.form === "validate" ? actionData.result : undefined,
    defaultValue: { reviewDueAt: reviewDate },
    constraint: getZodConstraint(validatePracticeSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: validatePracticeSchema }),
  });
  const [returnForm, returnFields] = useFormWithErrors({
    id: "return-practice",
    lastResult: actionData && "form" in actionData && actionData.form === "return" ? actionData.result : undefined,
    constraint: getZodConstraint(returnPracticeSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: returnPracticeSchema }),
  });
  const dateField = validateFields.reviewDueAt;
  const noteField = returnFields.note;
  return (
    <section aria-labelledby="practice-review" className="two-columns">
      <h2 id="practice-review" className="visually-hidden">
        {t("goodPractices.review")}
      </h2>
      {abilities.validate ? (
        <Form method="post" {...getFormProps(validateForm)} className="stack boxed">
          <h3>{t("goodPractices.review")}</h3>
          <input type="hidden" name="intent" value="validate" />
          <TextField field={dateField} type="date" label={t("goodPractices.reviewDueAt")} help={t("goodPractices.reviewDueAtHelp")} />
          <div>
            <button type="submit" className="button">
              {practice.status === "VALIDATED" ? t("goodPractices.revalidate") : t("goodPractices.validate")}
            </button>
          </div>
        </Form>
      ) : null}
      {abilities.return ? (
        <Form method="post" {...getFormProps(returnForm)} className="stack boxed">
          <h3>{t("goodPractices.returnAction")}</h3>
          <input type="hidden" name="intent" value="return" />
          <TextareaField field={noteField} label={t("goodPractices.returnNote")} rows={3} />
          <div>
            <button type="submit" className="button button-secondary">
              {t("goodPractices.returnAction")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
