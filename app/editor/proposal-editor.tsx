import { WebSocketStatus } from "@hocuspocus/provider";
import { Collaboration as CollaborationExtension } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CommentHighlights, selectionAnchor, setHighlightedThreads, type HighlightedThread } from "./comment-highlights";
import { PROPOSAL_FIELD, proposalExtensions } from "./schema/extensions";
import { useCollaboration, type Collaboration } from "./use-collaboration";

type Me = { id: string; name: string; color: string };

/** Comment threads shown on the text, and where new ones are posted (null: this person cannot comment). */
export type EditorComments = { threads: HighlightedThread[]; action: string | null };

/** The live, shared text of a proposal with presence, connection state, comments and a formatting toolbar. */
export function ProposalEditor({
  documentName,
  me,
  canEdit,
  comments,
  label,
}: {
  documentName: string;
  me: Me;
  canEdit: boolean;
  comments: EditorComments;
  /** What the text is, for screen readers (the proposal's text by default; the minutes reuse the editor). */
  label?: string;
}) {
  const revalidator = useRevalidator();
  // Someone else commented, replied or resolved: load the page's data (its threads) again.
  const collaboration = useCollaboration(documentName, me, () => revalidator.revalidate());
  if (!collaboration) return <EditorPlaceholder />;
  return <ConnectedEditor collaboration={collaboration} me={me} canEdit={canEdit} comments={comments} label={label} />;
}

function EditorPlaceholder() {
  const { t } = useTranslation();
  return (
    <div className="editor-frame" aria-busy="true">
      <p className="muted editor-loading">{t("proposal.connecting")}</p>
    </div>
  );
}

function ConnectedEditor({
  collaboration,
  me,
  canEdit,
  comments,
  label,
}: {
  collaboration: Collaboration;
  me: Me;
  canEdit: boolean;
  comments: EditorComments;
  label?: string;
}) {
  const { t } = useTranslation();
  const { provider, document, access } = collaboration;
  const editable = canEdit && access === "edit";
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...proposalExtensions(),
        CollaborationExtension.configure({ document, field: PROPOSAL_FIELD }),
        CollaborationCaret.configure({ provider, user: { id: me.id, name: me.name, color: me.color } }),
        CommentHighlights,
      ],
      editorProps: {
        attributes: {
          "aria-label": label ?? t("proposal.editorLabel"),
          "aria-multiline": "true",
          role: "textbox",
          class: "editor-content",
        },
      },
    },
    [provider, document],
  );

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  // Anchors resolve against the synced text, so highlight once the document has arrived.
  useEffect(() => {
    if (editor && collaboration.synced) setHighlightedThreads(editor.view, comments.threads);
  }, [editor, collaboration.synced, comments.threads]);

  return (
    <div className="editor-block">
      <ConnectionBanner collaboration={collaboration} canEdit={canEdit} />
      <PresenceList collaboration={collaboration} me={me} />
      {editable && editor ? <Toolbar editor={editor} /> : null}
      {editor && comments.action ? <NewThreadForm editor={editor} action={comments.action} /> : null}
      <div className="editor-frame" data-testid="proposal-editor" data-editable={editable ? "true" : "false"}>
        <EditorContent editor={editor} />
      </div>
      <p className="muted editor-save-state" aria-live="polite">
        {collaboration.status === WebSocketStatus.Connected && collaboration.synced
          ? collaboration.unsyncedChanges > 0
            ? t("proposal.saving")
            : t("proposal.saved")
          : null}
      </p>
    </div>
  );
}

function ConnectionBanner({ collaboration, canEdit }: { collaboration: Collaboration; canEdit: boolean }) {
  const { t } = useTranslation();
  const { status, access, accessChanged } = collaboration;
  let message: string | null = null;
  let tone = "notice";
  if (access === "refused") {
    message = t("proposal.refused");
    tone = "form-errors";
  } else if (status === WebSocketStatus.Disconnected) {
    message = t("proposal.offline");
  } else if (accessChanged) {
    message = t("proposal.readOnlyNow");
  } else if (access === "read" || (access === "edit" && !canEdit)) {
    message = t("proposal.readOnly");
  } else if (status === WebSocketStatus.Connecting && access === null) {
    message = t("proposal.connecting");
  }
  return (
    <div role="status" aria-live="polite" data-testid="connection-state" data-status={status} data-access={access ?? "pending"}>
      {message ? <p className={tone}>{message}</p> : null}
    </div>
  );
}

function PresenceList({ collaboration, me }: { collaboration: Collaboration; me: Me }) {
  const { t } = useTranslation();
  // One entry per person, even with several tabs open.
  const people = [...new Map(collaboration.people.map((person) => [person.userId, person])).values()];
  return (
    <section className="presence" aria-label={t("proposal.here")}>
      <h3 className="presence-title">{t("proposal.here")}</h3>
      <ul className="presence-list" data-testid="presence-list">
        {people.map((person) => (
          <li key={person.userId} className="presence-person">
            <span className="presence-dot" style={{ backgroundColor: person.color }} aria-hidden="true" />
            {person.name}
            {person.userId === me.id ? <span className="muted"> ({t("proposal.you")})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  // Re-render the pressed states when the selection moves, not on every keystroke elsewhere.
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      h2: current.isActive("heading", { level: 2 }),
      h3: current.isActive("heading", { level: 3 }),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      blockquote: current.isActive("blockquote"),
      link: current.isActive("link"),
    }),
  });
  const button = (label: string, active: boolean, run: () => void, text: string) => (
    <button type="button" className="toolbar-button" aria-pressed={active} aria-label={label} title={label} onClick={run}>
      <span aria-hidden="true">{text}</span>
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t("proposal.toolbar")}>
      {button(t("proposal.bold"), active.bold, () => chain().toggleBold().run(), "B")}
      {button(t("proposal.italic"), active.italic, () => chain().toggleItalic().run(), "I")}
      {button(t("proposal.heading"), active.h2, () => chain().toggleHeading({ level: 2 }).run(), "H2")}
      {button(t("proposal.subheading"), active.h3, () => chain().toggleHeading({ level: 3 }).run(), "H3")}
      {button(t("proposal.bulletList"), active.bulletList, () => chain().toggleBulletList().run(), "•")}
      {button(t("proposal.orderedList"), active.orderedList, () => chain().toggleOrderedList().run(), "1.")}
      {button(t("proposal.quote"), active.blockquote, () => chain().toggleBlockquote().run(), "❝")}
      {button(
        t("proposal.link"),
        active.link,
        () => {
          const previous = editor.getAttributes("link").href as string | undefined;
          const href = window.prompt(t("proposal.linkPrompt"), previous ?? "https://");
          if (href === null) return;
          if (href.trim() === "") chain().extendMarkRange("link").unsetLink().run();
          else chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
        },
        "↗",
      )}
      {button(t("proposal.table"), false, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), "▦")}
    </div>
  );
}

/** Starts a comment thread on the selected passage (works in read-only editors too). */
function NewThreadForm({ editor, action }: { editor: Editor; action: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: boolean }>();
  const [draft, setDraft] = useState<{ anchor: string; quote: string } | null>(null);
  const hasSelection = useEditorState({ editor, selector: ({ editor: current }) => !current.state.selection.empty });

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setDraft(null);
  }, [fetcher.state, fetcher.data]);

  const start = () => {
    const anchor = selectionAnchor(editor.state);
    if (!anchor) return;
    const { from, to } = editor.state.selection;
    setDraft({ anchor: JSON.stringify(anchor), quote: editor.state.doc.textBetween(from, to, " ").slice(0, 1000) });
  };

  if (!draft) {
    return (
      <p className="comment-start">
        <button type="button" className="button button-secondary button-small" onClick={start} disabled={!hasSelection}>
          {t("comments.commentSelection")}
        </button>
        {hasSelection ? null : <span className="muted small"> {t("comments.selectFirst")}</span>}
      </p>
    );
  }
  return (
    <fetcher.Form method="post" action={action} className="stack boxed" data-testid="new-thread-form">
      <input type="hidden" name="intent" value="new-thread" />
      <input type="hidden" name="anchor" value={draft.anchor} />
      <input type="hidden" name="quote" value={draft.quote} />
      <blockquote className="comment-quote">{draft.quote}</blockquote>
      <div className="field">
        <label htmlFor="new-thread-body">{t("comments.body")}</label>
        <p id="new-thread-body-help" className="field-help">
          {t("comments.mentionHelp")}
        </p>
        <textarea id="new-thread-body" name="body" rows={3} required maxLength={4000} aria-describedby="new-thread-body-help" autoFocus />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
          {t("comments.post")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setDraft(null)}>
          {t("forms.cancel")}
        </button>
      </div>
    </fetcher.Form>
  );
}
