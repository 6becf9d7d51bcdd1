import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LabActivityFeed } from "~/components/labs/activity-feed";
import { LabRoleOptions } from "~/components/labs/lab-role-options";
import { ProposalBoard } from "~/components/labs/proposal-board";
import { LabSessions } from "~/components/sessions/lab-sessions";
import {
  addLabMember,
  addLabOrganization,
  AlreadyInLabError,
  changeLabMemberRole,
  decideJoinRequest,
  DuplicateJoinRequestError,
  getLabBySlug,
  getPendingJoinRequest,
  listLabActivity,
  removeLabMember,
  requestToJoinLab,
  setLabStatus,
} from "~/models/lab.server";
import { listLabSessions } from "~/models/lab-session.server";
import { listOrganizationOptions } from "~/models/organization.server";
import { createProposal, listLabProposals } from "~/models/proposal.server";
import { listPeopleOutsideLab } from "~/models/lab-people.server";
import { canCreateProposal, canManageLab, canRequestToJoin, canScheduleSession, canViewLab, canViewSession, type LabMembership } from "~/policies";
import {
  addLabMemberSchema,
  addLabOrganizationSchema,
  changeLabRoleSchema,
  decideJoinSchema,
  joinRequestSchema,
  LAB_STATUS_VALUES,
  labStatusSchema,
  newProposalSchema,
  removeLabMemberSchema,
} from "~/schemas/lab";
import { requireUser, toActor } from "~/services/auth.server";
import { getLocale } from "~/services/locale.server";
import { flashToast } from "~/services/session.server";
import { notFound, requireAllowed } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: `${loaderData?.lab.title ?? "Laboratorio"} · TWB Community Labs` }];

async function loadLab(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const lab = await getLabBySlug(slug ?? "");
  if (!lab) notFound();
  const actor = toActor(user);
  requireAllowed(canViewLab(actor));
  const member = lab.members.find((entry) => entry.userId === user.id);
  const membership: LabMembership = member ? { role: member.role } : null;
  return { user, actor, lab, membership };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, lab, membership } = await loadLab(request, params.slug);
  const canManage = canManageLab(actor, membership);
  const [proposals, sessions, activity, pendingRequest, candidates, organizations] = await Promise.all([
    listLabProposals(lab.id),
    canViewSession(actor, membership) ? listLabSessions(lab.id) : { upcoming: [], past: [] },
    listLabActivity(lab.id),
    membership ? null : getPendingJoinRequest(lab.id, user.id),
    canManage ? listPeopleOutsideLab(lab.id) : [],
    canManage ? listOrganizationOptions() : [],
  ]);
  const labOrganizationIds = new Set(lab.organizations.map((entry) => entry.organizationId));
  return {
    lab: {
      id: lab.id,
      slug: lab.slug,
      title: lab.title,
      challenge: lab.challenge,
      status: lab.status,
      organizations: lab.organizations.map((entry) => entry.organization),
      members: lab.members.map((entry) => ({
        userId: entry.userId,
        name: entry.user.name,
        role: entry.role,
        organizations: entry.user.memberships.map((membership) => membership.organization.name),
      })),
      joinRequests: canManage ? lab.joinRequests.map((request) => ({ id: request.id, name: request.user.name, message: request.message })) : [],
    },
    myRole: membership?.role ?? null,
    abilities: {
      manage: canManage,
      requestJoin: canRequestToJoin(actor, membership, lab) && !pendingRequest,
      createProposal: canCreateProposal(actor, membership, lab),
      viewSessions: canViewSession(actor, membership),
      scheduleSession: canScheduleSession(actor, membership, lab),
    },
    pendingRequest: Boolean(pendingRequest),
    proposals,
    sessions,
    activity,
    candidates,
    organizationsToInvite: organizations.filter((organization) => !labOrganizationIds.has(organization.id)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, lab, membership } = await loadLab(request, params.slug);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = async (toast: string) => redirect(`/laboratori/${lab.slug}`, { headers: await flashToast(request, toast) });
  const parse = <T,>(schema: { safeParse: (input: unknown) => { success: true; data: T } | { success: false } }) => {
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw data({ message: "Invalid request" }, { status: 400 });
    return parsed.data;
  };

  if (intent === "request-join") {
    requireAllowed(canRequestToJoin(actor, membership, lab));
    const { message } = parse(joinRequestSchema);
    try {
      await requestToJoinLab(lab.id, user.id, message);
    } catch (error) {
      if (!(error instanceof DuplicateJoinRequestError)) throw error;
    }
    return back("labs.joinRequested");
  }

  if (intent === "new-proposal") {
    requireAllowed(canCreateProposal(actor, membership, lab));
    const submission = parseWithZod(formData, { schema: newProposalSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), form: "new-proposal" }, { status: 400 });
    const proposal = await createProposal(user.id, lab.id, { title: submission.value.title }, await getLocale(request, user));
    return redirect(`/laboratori/${lab.slug}/proposte/${proposal.id}`);
  }

  requireAllowed(canManageLab(actor, membership));
  switch (intent) {
    case "add-member": {
      const submission = parseWithZod(formData, { schema: addLabMemberSchema });
      if (submission.status !== "success") return data({ result: submission.reply(), form: "add-member" }, { status: 400 });
      try {
        await addLabMember(user.id, lab.id, submission.value.userId, submission.value.role);
      } catch (error) {
        if (!(error instanceof AlreadyInLabError)) throw error;
        return data({ result: submission.reply({ fieldErrors: { userId: ["labs.alreadyMember"] } }), form: "add-member" }, { status: 409 });
      }
      return back("labs.saved");
    }
    case "change-role": {
      const { userId, role } = parse(changeLabRoleSchema);
      await changeLabMemberRole(user.id, lab.id, userId, role);
      return back("labs.saved");
    }
    case "remove-member": {
      const { userId } = parse(removeLabMemberSchema);
      await removeLabMember(user.id, lab.id, userId);
      return back("labs.saved");
    }
    case "add-organization": {
      const { organizationId } = parse(addLabOrganizationSchema);
      await addLabOrganization(user.id, lab.id, organizationId);
      return back("labs.saved");
    }
    case "set-status": {
      const { status } = parse(labStatusSchema);
      await setLabStatus(user.id, lab.id, status);
      return back("labs.saved");
    }
    case "decide-join": {
      const { requestId, decision, role } = parse(decideJoinSchema);
      await decideJoinRequest(user.id, lab.id, requestId, decision === "accept" ? { accept: true, role } : { accept: false });
      return back("labs.saved");
    }
    default:
      throw data({ message: "Unknown action" }, { status: 400 });
  }
}

export default function LabPage() {
  const { t } = useTranslation();
  const { lab, myRole, abilities, pendingRequest, proposals, sessions, activity } = useLoaderData<typeof loader>();
  const kinds = new Set(lab.organizations.map((organization) => organization.kind)).size;

  return (
    <article className="page" aria-labelledby="lab-title">
      <p className="breadcrumb">
        <Link to="/laboratori">{t("nav.labs")}</Link>
      </p>
      <h1 id="lab-title">{lab.title}</h1>
      <p className="tags">
        <span className="tag" data-testid="lab-status">
          {t(`labs.status.${lab.status}`)}
        </span>
        {myRole ? <span className="tag tag-accent">{t("labs.yourRole", { role: t(`labs.roles.${myRole}`) })}</span> : null}
      </p>
      <h2>{t("labs.challenge")}</h2>
      <p className="lead">{lab.challenge}</p>

      <section aria-labelledby="lab-orgs">
        <h2 id="lab-orgs">{t("labs.organizations")}</h2>
        <p className="muted">{t("labs.kindsCount", { count: kinds })}</p>
        {kinds < 2 ? <p className="notice">{t("labs.kindsWarning")}</p> : null}
        <ul className="chips">
          {lab.organizations.map((organization) => (
            <li key={organization.id}>
              <Link to={`/organizzazioni/${organization.slug}`}>
                {organization.name} <span className="visually-hidden">— </span>
                <span className="chip-kind">{t(`kinds.${organization.kind}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {abilities.requestJoin ? <JoinRequestForm /> : null}
      {pendingRequest ? <p className="notice">{t("labs.joinPending")}</p> : null}

      <ProposalBoard labSlug={lab.slug} proposals={proposals} canCreate={abilities.createProposal} />

      {abilities.viewSessions ? <LabSessions labSlug={lab.slug} upcoming={sessions.upcoming} past={sessions.past} canSchedule={abilities.scheduleSession} /> : null}

      <div className="two-columns">
        <LabPeople />
        <LabActivityFeed activity={activity} />
      </div>
    </article>
  );
}

function JoinRequestForm() {
  const { t } = useTranslation();
  return (
    <Form method="post" className="stack boxed">
      <input type="hidden" name="intent" value="request-join" />
      <div className="field">
        <label htmlFor="join-message">
          {t("labs.joinMessage")} <span className="optional">({t("forms.optional")})</span>
        </label>
        <textarea id="join-message" name="message" rows={2} maxLength={1000} />
      </div>
      <button type="submit" className="button">
        {t("labs.askToJoin")}
      </button>
    </Form>
  );
}

function LabPeople() {
  const { t } = useTranslation();
  const { lab, abilities, candidates, organizationsToInvite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const addMemberErrors = actionData && "form" in actionData && actionData.form === "add-member" ? actionData.result.error?.userId : undefined;
  return (
    <section aria-labelledby="lab-people">
      <h2 id="lab-people">{t("labs.people")}</h2>
      <ul className="people-list" data-testid="lab-members">
        {lab.members.map((member) => (
          <li key={member.userId}>
            <Link to={`/persone/${member.userId}`}>{member.name}</Link>
            {member.organizations.length ? <span className="muted"> · {member.organizations.join(", ")}</span> : null}
            {abilities.manage ? (
              <>
                <Form method="post" className="inline-form role-form">
                  <input type="hidden" name="intent" value="change-role" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <select name="role" defaultValue={member.role} aria-label={t("labs.roleLabel", { name: member.name })}>
                    <LabRoleOptions />
                  </select>
                  <button type="submit" className="button button-secondary button-small">
                    {t("labs.save")}
                  </button>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-member" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <button type="submit" className="link-button danger" aria-label={t("labs.removeLabel", { name: member.name })}>
                    {t("labs.remove")}
                  </button>
                </Form>
              </>
            ) : (
              <span className="tag">{t(`labs.roles.${member.role}`)}</span>
            )}
          </li>
        ))}
      </ul>

      {abilities.manage && lab.joinRequests.length > 0 ? (
        <section aria-labelledby="join-requests" className="boxed">
          <h3 id="join-requests">{t("labs.joinRequests")}</h3>
          <ul className="plain-list stack">
            {lab.joinRequests.map((request) => (
              <li key={request.id}>
                <strong>{request.name}</strong>
                {request.message ? <p className="muted">{request.message}</p> : null}
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="decide-join" />
                  <input type="hidden" name="requestId" value={request.id} />
                  <label htmlFor={`join-role-${request.id}`}>{t("labs.acceptAs", { name: request.name })}</label>
                  <select id={`join-role-${request.id}`} name="role" defaultValue="MEMBER" className="inline-select">
                    <LabRoleOptions />
                  </select>
                  <button type="submit" name="decision" value="accept" className="button button-small">
                    {t("labs.accept")}
                  </button>
                  <button type="submit" name="decision" value="decline" className="button button-secondary button-small">
                    {t("labs.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {abilities.manage ? (
        <>
          <Form method="post" className="stack boxed">
            <h3>{t("labs.addPerson")}</h3>
            <input type="hidden" name="intent" value="add-member" />
            <div className="field">
              <label htmlFor="lab-add-person">{t("labs.person")}</label>
              <select id="lab-add-person" name="userId" required aria-invalid={addMemberErrors ? true : undefined} aria-describedby={addMemberErrors ? "lab-add-person-error" : undefined}>
                <option value="" />
                {candidates.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name} ({person.email})
                  </option>
                ))}
              </select>
              {addMemberErrors ? (
                <p id="lab-add-person-error" className="field-errors">
                  {t(addMemberErrors[0])}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="lab-add-role">{t("labs.role")}</label>
              <select id="lab-add-role" name="role" defaultValue="MEMBER">
                <LabRoleOptions />
              </select>
            </div>
            <button type="submit" className="button">
              {t("labs.invite")}
            </button>
          </Form>
          <Form method="post" className="stack boxed">
            <h3>{t("labs.addOrganization")}</h3>
            <p className="field-help">{t("labs.addOrganizationHelp")}</p>
            <input type="hidden" name="intent" value="add-organization" />
            <div className="field">
              <label htmlFor="lab-add-org">{t("invitation.organization")}</label>
              <select id="lab-add-org" name="organizationId" required>
                <option value="" />
                {organizationsToInvite.map((organization) => (
                  <option key={organization.id} value={organization.id}>
                    {organization.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t("labs.invite")}
            </button>
          </Form>
          <Form method="post" className="stack boxed">
            <input type="hidden" name="intent" value="set-status" />
            <div className="field">
              <label htmlFor="lab-status">{t("labs.changeStatus")}</label>
              <select id="lab-status" name="status" defaultValue={lab.status}>
                {LAB_STATUS_VALUES.map((status) => (
                  <option key={status} value={status}>
                    {t(`labs.status.${status}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary">
              {t("labs.save")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
