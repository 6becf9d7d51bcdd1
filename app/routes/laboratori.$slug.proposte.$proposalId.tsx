import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxGroup, FormErrors, TextField } from "~/components/ui/field";
import { ProposalEditor } from "~/editor/proposal-editor";
import { userColor } from "~/editor/user-color";
import { CommentsPanel } from "~/components/labs/comments-panel";
import { listComuni } from "~/models/comune.server";
import { listCommentThreads } from "~/models/comment.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { moveProposal, NoteRequiredError, proposalDocumentName, StaleStageError, updateProposalFields } from "~/models/proposal.server";
import { listProposalSessions } from "~/models/session-minutes.server";
import { getServiceOfProposal } from "~/models/service.server";
import { allowedTransitions, canComment, canManageCatalogue, canResolveThread, transitionNeedsNote } from "~/policies";
import { moveProposalSchema, proposalFieldsSchema } from "~/schemas/lab";
import { requireProposalContext } from "~/services/proposal-context.server";
import { flashToast } from "~/services/session.server";
import { formatDateTime } from "~/utils/dates";
import { requireAllowed } from "~/utils/http.server";
import { messageKey } from "~/utils/messages";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { useFormWithErrors } from "~/utils/use-form-with-errors";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.proposal.title ?? "Proposta"} · TWB Community Labs` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, proposal, membership, access } = await requireProposalContext(request, params);
  const editable = access === "edit";
  const [comuni, organizations] = editable ? await Promise.all([listComuni(), listOrganizationOptions()]) : [[], []];
  const moves = allowedTransitions(actor, membership, proposal.lab, proposal);
  const [threads, sessions, service] = await Promise.all([listCommentThreads(proposal.id), listProposalSessions(proposal.id), getServiceOfProposal(proposal.id)]);
  return {
    proposal: {
      id: proposal.id,
      title: proposal.title,
      stage: proposal.stage,
      targetGroup: proposal.targetGroup,
      ageMin: proposal.ageMin,
      ageMax: proposal.ageMax,
      estimatedCostCents: proposal.estimatedCostCents,
      decisionNote: proposal.decisionNote,
      approvedCostCents: proposal.approvedCostCents,
      startPeriod: proposal.startPeriod,
      author: proposal.author,
      decidedBy: proposal.decidedBy,
      comuni: proposal.comuni.map((entry) => entry.comune),
      organizations: proposal.organizations.map((entry) => entry.organization),
      transitions: proposal.transitions,
      lab: proposal.lab,
    },
    documentName: proposalDocumentName(proposal.id),
    me: { id: user.id, name: user.name, color: userColor(user.id) },
    editable,
    moves: moves.map((to) => ({ to, needsNote: transitionNeedsNote(proposal.stage, to) })),
    canComment: canComment(actor, membership, proposal.lab),
    threads: threads.map((thread) => ({
      id: thread.id,
      anchor: thread.anchor as { from: unknown; to: unknown },
      quote: thread.quote,
      resolvedAt: thread.resolvedAt,
      resolvedBy: thread.resolvedBy,
      comments: thread.comments,
      canResolve: canResolveThread(actor, membership, proposal.lab, thread),
    })),
    sessions,
    comuni,
    organizations,
    // The catalogue (issue #5): the service this proposal became, or the coordinators' way to create it.
    service: service ? { slug: service.slug, name: service.name } : null,
    canCatalogue: !service && proposal.stage === "APPROVED" && canManageCatalogue(actor),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, proposal, membership, access } = await requireProposalContext(request, params);
  const formData = await request.formData();
  const back = async (toast: string) => redirect(`/laboratori/${proposal.lab.slug}/proposte/${proposal.id}`, { headers: await flashToast(request, toast) });

  if (formData.get("intent") === "move") {
    const submission = parseWithZod(formData, { schema: moveProposalSchema });
    if (submission.status !== "success") return data({ form: "move", result: submission.reply() }, { status: 400 });
    const { to, note, approvedCost, startPeriod } = submission.value;
    requireAllowed(allowedTransitions(actor, membership, proposal.lab, proposal).includes(to));
    try {
      await moveProposal(user.id, proposal.id, proposal.stage, { to, note, approvedCostCents: approvedCost, startPeriod });
    } catch (error) {
      if (error instanceof NoteRequiredError) {
        return data({ form: "move", result: submission.reply({ fieldErrors: { note: ["proposal.noteRequired"] } }) }, { status: 400 });
      }
      if (error instanceof StaleStageError) return data({ form: "move", result: submission.reply({ formErrors: ["proposal.stale"] }) }, { status: 409 });
      throw error;
    }
    return back(messageKey("proposal.moved", { stage: to }));
  }

  requireAllowed(access === "edit");
  const submission = parseWithZod(formData, { schema: proposalFieldsSchema });
  if (submission.status !== "success") return data({ form: "fields", result: submission.reply() }, { status: 400 });
  const { estimatedCost, intent: _intent, ...fields } = submission.value;
  await updateProposalFields(user.id, proposal.id, { ...fields, estimatedCostCents: estimatedCost });
  return back("proposal.fieldsSaved");
}

export default function ProposalPage() {
  const { t, i18n } = useTranslation();
  const { proposal, documentName, me, editable, moves, threads, sessions, canComment: mayComment, service, canCatalogue } = useLoaderData<typeof loader>();
  const commentsAction = `/laboratori/${proposal.lab.slug}/proposte/${proposal.id}/commenti`;
  const openThreads = useMemo(() => threads.filter((thread) => !thread.resolvedAt).map(({ id, anchor }) => ({ id, anchor })), [threads]);
  const euros = (cents: number | null) =>
    cents === null ? t("common.none") : new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "it-IT", { style: "currency", currency: "EUR" }).format(cents / 100);

  return (
    <article className="page proposal-page" aria-labelledby="proposal-title">
      <p className="breadcrumb">
        <Link to="/laboratori">{t("nav.labs")}</Link> › <Link to={`/laboratori/${proposal.lab.slug}`}>{proposal.lab.title}</Link>
      </p>
      <h1 id="proposal-title">{proposal.title}</h1>
      <p className="tags">
        <span className="tag tag-accent" data-testid="proposal-stage">
          {t(`stages.${proposal.stage}`)}
        </span>
        {proposal.author ? <span className="muted">{t("proposal.author")}: {proposal.author.name}</span> : null}
        <Link to={`/laboratori/${proposal.lab.slug}/proposte/${proposal.id}/versioni`}>{t("versions.open")}</Link>
        <a href={`/laboratori/${proposal.lab.slug}/proposte/${proposal.id}/esporta/pdf`} download>
          {t("exports.pdf")}
        </a>
        <a href={`/laboratori/${proposal.lab.slug}/proposte/${proposal.id}/esporta/md`} download>
          {t("exports.markdown")}
        </a>
      </p>

      <div className="proposal-layout">
        <div className="proposal-main">
          <ProposalEditor documentName={documentName} me={me} canEdit={editable} comments={{ threads: openThreads, action: mayComment ? commentsAction : null }} />
          <CommentsPanel threads={threads} action={commentsAction} canComment={mayComment} />
        </div>
        <aside className="proposal-side">
          {editable ? (
            <ProposalFieldsForm />
          ) : (
            <section aria-labelledby="fields-title">
              <h2 id="fields-title">{t("proposal.fields")}</h2>
              <dl className="details">
                <dt>{t("proposal.targetGroup")}</dt>
                <dd>{proposal.targetGroup ?? t("common.none")}</dd>
                <dt>{t("proposal.ageMin")}</dt>
                <dd>{proposal.ageMin ?? t("common.none")}</dd>
                <dt>{t("proposal.ageMax")}</dt>
                <dd>{proposal.ageMax ?? t("common.none")}</dd>
                <dt>{t("proposal.estimatedCost")}</dt>
                <dd>{euros(proposal.estimatedCostCents)}</dd>
                <dt>{t("proposal.comuni")}</dt>
                <dd>{proposal.comuni.map((comune) => comune.name).join(", ") || t("common.none")}</dd>
                <dt>{t("proposal.partners")}</dt>
                <dd>{proposal.organizations.map((organization) => organization.name).join(", ") || t("common.none")}</dd>
              </dl>
            </section>
          )}

          <section aria-labelledby="moves-title" className="boxed">
            <h2 id="moves-title">{t("proposal.moveTitle")}</h2>
            {proposal.decisionNote ? (
              <div className="notice">
                <strong>{t("proposal.decision")}:</strong> {proposal.decisionNote}
                {proposal.approvedCostCents !== null ? <p>{t("proposal.approvedCost")}: {euros(proposal.approvedCostCents)}</p> : null}
                {proposal.startPeriod ? <p>{t("proposal.startPeriod")}: {proposal.startPeriod}</p> : null}
              </div>
            ) : null}
            {moves.length === 0 ? <p className="muted">{t("proposal.noMoves")}</p> : <MoveForm />}
            {service ? (
              <p data-testid="proposal-service">
                <Link to={`/catalogo/servizi/${service.slug}`}>{t("catalogueAdmin.serviceInCatalogue")}</Link>: {service.name}
              </p>
            ) : canCatalogue ? (
              <div className="stack">
                <p className="field-help">{t("catalogueAdmin.publishAsServiceHelp")}</p>
                <p>
                  <Link to={`/catalogo/da-proposta/${proposal.id}`} className="button">
                    {t("catalogueAdmin.publishAsService")}
                  </Link>
                </p>
              </div>
            ) : null}
          </section>

          {sessions.length ? (
            <section aria-labelledby="proposal-sessions-title">
              <h2 id="proposal-sessions-title">{t("minutes.sessions")}</h2>
              <p className="muted small">{t("minutes.proposalSessions")}</p>
              <ul className="session-list" data-testid="proposal-sessions">
                {sessions.map((session) => (
                  <li key={session.id}>
                    <Link to={`/laboratori/${proposal.lab.slug}/sessioni/${session.id}`}>{session.title}</Link>{" "}
                    <time className="muted small" dateTime={new Date(session.startsAt).toISOString()}>
                      {formatDateTime(session.startsAt, i18n.language)}
                    </time>
                    {session.status === "CLOSED" ? (
                      <>
                        {" "}
                        · <Link to={`/laboratori/${proposal.lab.slug}/sessioni/${session.id}/verbale`}>{t("minutes.link")}</Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <section aria-labelledby="history-title">
            <h2 id="history-title">{t("proposal.history")}</h2>
            <ol className="activity-feed">
              {proposal.transitions.map((transition) => (
                <li key={transition.id}>
                  {t(`stages.${transition.from}`)} → <strong>{t(`stages.${transition.to}`)}</strong>
                  {transition.actor ? ` · ${transition.actor.name}` : ""}
                  {transition.note ? <p className="muted">{transition.note}</p> : null}
                  <br />
                  <time className="muted small" dateTime={new Date(transition.createdAt).toISOString()}>
                    {formatDateTime(transition.createdAt, i18n.language)}
                  </time>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </article>
  );
}

function ProposalFieldsForm() {
  const { t } = useTranslation();
  const { proposal, comuni, organizations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "proposal-fields",
    lastResult: actionData?.form === "fields" ? actionData.result : undefined,
    defaultValue: {
      title: proposal.title,
      targetGroup: proposal.targetGroup ?? "",
      ageMin: proposal.ageMin?.toString() ?? "",
      ageMax: proposal.ageMax?.toString() ?? "",
      estimatedCost: proposal.estimatedCostCents !== null ? (proposal.estimatedCostCents / 100).toString() : "",
      comuneIds: proposal.comuni.map((comune) => comune.id),
      organizationIds: proposal.organizations.map((organization) => organization.id),
    },
    constraint: getZodConstraint(proposalFieldsSchema),
    ...FIELD_VALIDATION,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposalFieldsSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="fields-title">
      <h2 id="fields-title">{t("proposal.fields")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="update-fields" />
      <TextField field={fields.title} label={t("labs.proposalTitle")} />
      <TextField field={fields.targetGroup} label={t("proposal.targetGroup")} optional />
      <div className="field-row">
        <TextField field={fields.ageMin} label={t("proposal.ageMin")} type="number" inputMode="numeric" optional />
        <TextField field={fields.ageMax} label={t("proposal.ageMax")} type="number" inputMode="numeric" optional />
      </div>
      <TextField field={fields.estimatedCost} label={t("proposal.estimatedCost")} type="number" step="0.01" inputMode="decimal" optional />
      <details>
        <summary>{t("proposal.comuni")}</summary>
        <CheckboxGroup field={fields.comuneIds} label={t("proposal.comuni")} options={comuni.map((comune) => ({ value: comune.id, label: comune.name }))} />
      </details>
      <details>
        <summary>{t("proposal.partners")}</summary>
        <CheckboxGroup
          field={fields.organizationIds}
          label={t("proposal.partners")}
          options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
        />
      </details>
      <button type="submit" className="button">
        {t("proposal.saveFields")}
      </button>
    </Form>
  );
}

function MoveForm() {
  const { t } = useTranslation();
  const { moves } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useFormWithErrors({
    id: "move",
    lastResult: actionData?.form === "move" ? actionData.result : undefined,
    constraint: getZodConstraint(moveProposalSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moveProposalSchema }),
  });
  const decides = moves.some((move) => move.to === "APPROVED");
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="move" />
      {moves.some((move) => move.needsNote) ? (
        <div className="field">
          <label htmlFor={fields.note.id}>{t("proposal.note")}</label>
          <textarea
            id={fields.note.id}
            name={fields.note.name}
            rows={3}
            aria-invalid={fields.note.errors ? true : undefined}
            aria-describedby={fields.note.errors ? fields.note.errorId : undefined}
          />
          {fields.note.errors ? (
            <p id={fields.note.errorId} className="field-errors">
              {t(fields.note.errors[0])}
            </p>
          ) : null}
        </div>
      ) : null}
      {decides ? (
        <>
          <TextField field={fields.approvedCost} label={t("proposal.approvedCost")} type="number" step="0.01" inputMode="decimal" optional />
          <TextField field={fields.startPeriod} label={t("proposal.startPeriod")} optional />
        </>
      ) : null}
      <div className="actions">
        {moves.map((move) => (
          <button key={move.to} type="submit" name="to" value={move.to} className={move.to === "REJECTED" || move.to === "WITHDRAWN" ? "button button-secondary" : "button"}>
            {t("proposal.moveTo", { stage: t(`stages.${move.to}`) })}
          </button>
        ))}
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
