import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/dates";

export type PanelThread = {
  id: string;
  quote: string;
  resolvedAt: string | Date | null;
  resolvedBy: { name: string } | null;
  canResolve: boolean;
  comments: { id: string; body: string; createdAt: string | Date; author: { name: string } | null }[];
};

/** The comment threads of a proposal: open ones first, then the resolved ones folded away. */
export function CommentsPanel({ threads, action, canComment }: { threads: PanelThread[]; action: string; canComment: boolean }) {
  const { t } = useTranslation();
  const open = threads.filter((thread) => !thread.resolvedAt);
  const resolved = threads.filter((thread) => thread.resolvedAt);
  return (
    <section aria-labelledby="comments" className="comments-panel">
      <h2 id="comments">{t("comments.title", { count: open.length })}</h2>
      {open.length === 0 ? <p className="muted">{t("comments.none")}</p> : null}
      <ul className="plain-list stack" data-testid="open-threads">
        {open.map((thread) => (
          <Thread key={thread.id} thread={thread} action={action} canComment={canComment} />
        ))}
      </ul>
      {resolved.length > 0 ? (
        <details>
          <summary>{t("comments.resolvedCount", { count: resolved.length })}</summary>
          <ul className="plain-list stack" data-testid="resolved-threads">
            {resolved.map((thread) => (
              <Thread key={thread.id} thread={thread} action={action} canComment={canComment} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function Thread({ thread, action, canComment }: { thread: PanelThread; action: string; canComment: boolean }) {
  const { t, i18n } = useTranslation();
  const reply = useFetcher<{ ok: boolean }>();
  const toggle = useFetcher<{ ok: boolean }>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (reply.state === "idle" && reply.data?.ok) form.current?.reset();
  }, [reply.state, reply.data]);

  return (
    <li className={thread.resolvedAt ? "thread resolved" : "thread"} data-thread-id={thread.id}>
      <blockquote className="comment-quote">{thread.quote}</blockquote>
      <ol className="plain-list">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="comment">
            <p className="comment-meta">
              <strong>{comment.author?.name ?? t("audit.system")}</strong>{" "}
              <time className="muted small" dateTime={new Date(comment.createdAt).toISOString()}>
                {formatDateTime(comment.createdAt, i18n.language)}
              </time>
            </p>
            <p className="comment-body">{comment.body}</p>
          </li>
        ))}
      </ol>
      {thread.resolvedAt ? (
        <p className="muted small">{t("comments.resolvedBy", { name: thread.resolvedBy?.name ?? "" })}</p>
      ) : null}
      {canComment ? (
        <reply.Form method="post" action={action} ref={form} className="stack">
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="threadId" value={thread.id} />
          <label htmlFor={`reply-${thread.id}`} className="visually-hidden">
            {t("comments.reply")}
          </label>
          <textarea id={`reply-${thread.id}`} name="body" rows={2} required maxLength={4000} placeholder={t("comments.replyPlaceholder")} />
          <div className="actions">
            <button type="submit" className="button button-small" disabled={reply.state !== "idle"}>
              {t("comments.reply")}
            </button>
          </div>
        </reply.Form>
      ) : null}
      {thread.canResolve ? (
        <toggle.Form method="post" action={action}>
          <input type="hidden" name="threadId" value={thread.id} />
          <button type="submit" name="intent" value={thread.resolvedAt ? "reopen" : "resolve"} className="link-button" disabled={toggle.state !== "idle"}>
            {thread.resolvedAt ? t("comments.reopen") : t("comments.resolve")}
          </button>
        </toggle.Form>
      ) : null}
    </li>
  );
}
