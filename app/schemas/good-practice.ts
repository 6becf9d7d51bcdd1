import { z } from "zod";
import { messageKey } from "~/utils/messages";
import { emailField, optionalText, requiredText } from "./common";

// Forms of the good-practice registry (issue #5). Messages are i18n keys; one schema serves the
// browser (conform) and the server.

/** The practice's own texts: what its form edits, its page shows and the seed writes. */
export const PRACTICE_TEXT_FIELDS = ["title", "context", "collaborationPattern", "resources", "outcomes", "evidence", "contactName", "contactEmail", "tags"] as const;
type PracticeTextField = (typeof PRACTICE_TEXT_FIELDS)[number];

/** Picks the practice's own texts out of a stored or seeded practice. */
export function practiceTexts<T extends Record<PracticeTextField, unknown>>(practice: T): Pick<T, PracticeTextField> {
  return Object.fromEntries(PRACTICE_TEXT_FIELDS.map((field) => [field, practice[field]])) as Pick<T, PracticeTextField>;
}

export const PRACTICE_STATUS_VALUES = ["SUBMITTED", "VALIDATED", "RETURNED"] as const;
export const PRACTICE_TAGS_MAX = 10;
export const PRACTICE_TAG_MAX_LENGTH = 40;

const uuidList = z
  .array(z.string().uuid("forms.invalidChoice"))
  .or(z.string().uuid("forms.invalidChoice").transform((value) => [value]))
  .default([]);

/** "DSA, scuola ,  Scuola" → ["dsa", "scuola"]: comma-separated, trimmed, lower-case, without repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((tag) => tag.trim().replace(/\s+/g, " ").toLowerCase()).filter(Boolean))];
}

const tagsField = z
  .string()
  .optional()
  .transform((value) => parseTags(value ?? ""))
  .superRefine((tags, ctx) => {
    if (tags.length > PRACTICE_TAGS_MAX) ctx.addIssue({ code: "custom", message: messageKey("goodPractices.errors.tooManyTags", { max: PRACTICE_TAGS_MAX }) });
    if (tags.some((tag) => tag.length > PRACTICE_TAG_MAX_LENGTH)) ctx.addIssue({ code: "custom", message: messageKey("goodPractices.errors.tagTooLong", { max: PRACTICE_TAG_MAX_LENGTH }) });
  });

export const goodPracticeSchema = z.object({
  title: requiredText(5, 160),
  context: requiredText(20, 6000),
  collaborationPattern: requiredText(20, 6000),
  resources: requiredText(3, 4000),
  outcomes: requiredText(10, 4000),
  evidence: requiredText(10, 4000),
  contactName: requiredText(2, 120),
  contactEmail: emailField.optional(),
  tags: tagsField,
  organizationIds: uuidList.refine((ids) => ids.length > 0, "goodPractices.errors.organizationsRequired"),
  serviceIds: uuidList,
});
export type GoodPracticeInput = z.infer<typeof goodPracticeSchema>;

export const REVIEW_MAX_YEARS = 5;

/** The review date a coordinator sets on validation: a day from tomorrow to five years ahead (default one year). */
export const validatePracticeSchema = z.object({
  intent: z.literal("validate"),
  reviewDueAt: z
    .string()
    .superRefine((value, ctx) => {
      const time = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
      if (Number.isNaN(time)) return void ctx.addIssue({ code: "custom", message: "forms.invalidDate" });
      const days = (time - Date.now()) / 86_400_000;
      if (days <= 0 || days > REVIEW_MAX_YEARS * 366) ctx.addIssue({ code: "custom", message: messageKey("goodPractices.errors.reviewDateRange", { years: REVIEW_MAX_YEARS }) });
    })
    .optional(),
});

export const returnPracticeSchema = z.object({
  intent: z.literal("return"),
  note: requiredText(5, 2000),
});

/** The list's filters; anything malformed is ignored rather than refused (they come from the address). */
export const practiceFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  organization: z.string().max(80).optional().catch(undefined),
  tag: z.string().trim().max(PRACTICE_TAG_MAX_LENGTH).optional().catch(undefined),
  status: z.enum(PRACTICE_STATUS_VALUES).optional().catch(undefined),
  overdue: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
});
export type PracticeFilter = z.infer<typeof practiceFilterSchema>;

// Attachments: evidence of a practice (reports, photos, agreements). The file's extension picks
// the stored Content-Type from this allow-list, so nothing outside it (HTML, SVG, scripts) is ever
// stored or served back.
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_PER_PRACTICE_MAX = 10;

export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  txt: "text/plain",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
};

/** The `accept` attribute of the file input. */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((extension) => `.${extension}`)
  .join(",");

/** A file name safe to store and to put in a Content-Disposition header: no path, no control or quote characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"\\]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.slice(-120) || "allegato";
}

/** The Content-Type to store for a file name, or null when its type is not allowed. */
export function attachmentContentType(fileName: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension ? (ATTACHMENT_TYPES[extension] ?? null) : null;
}

/** Why a file cannot be attached (an i18n key), or null when it can. */
export function attachmentProblem(file: { name: string; size: number }): string | null {
  if (!file.name || file.size === 0) return "goodPractices.errors.fileMissing";
  if (file.size > ATTACHMENT_MAX_BYTES) return messageKey("goodPractices.errors.fileTooBig", { max: ATTACHMENT_MAX_BYTES / 1024 / 1024 });
  if (!attachmentContentType(file.name)) return "goodPractices.errors.fileType";
  return null;
}
