import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listNotifications, markNotificationsRead } from "~/models/notification.server";
import { requireUser } from "~/services/auth.server";
import { formatDateTime } from "~/utils/dates";
import { safeRedirectPath } from "~/utils/http.server";
import { translateMessage } from "~/utils/messages";

export const meta: MetaFunction = () => [{ title: "Notifiche · TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user.id) };
}

const readSchema = z.object({ id: z.string().uuid().optional(), next: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = readSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw data({ message: "Invalid request" }, { status: 400 });
  await markNotificationsRead(user.id, parsed.data.id ? [parsed.data.id] : undefined);
  return redirect(safeRedirectPath(parsed.data.next, "/notifiche"));
}

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.some((notification) => !notification.readAt);
  return (
    <section className="page narrow" aria-labelledby="notifications-title">
      <div className="page-heading">
        <h1 id="notifications-title">{t("notifications.title")}</h1>
        {unread ? (
          <Form method="post">
            <button type="submit" className="button button-secondary">
              {t("notifications.markAll")}
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p>{t("notifications.none")}</p>
      ) : (
        <ul className="plain-list notification-list" data-testid="notifications">
          {notifications.map((notification) => (
            <li key={notification.id} className={notification.readAt ? "notification" : "notification unread"}>
              <p>
                {notification.readAt ? null : <span className="visually-hidden">{t("notifications.unread")}: </span>}
                {translateMessage(t, notification.title)}
              </p>
              <p className="muted small">
                <time dateTime={new Date(notification.createdAt).toISOString()}>{formatDateTime(notification.createdAt, i18n.language)}</time>
              </p>
              {notification.link ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={notification.id} />
                  <input type="hidden" name="next" value={notification.link} />
                  <button type="submit" className="link-button">
                    {t("notifications.open")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/">{t("errors.goHome")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
