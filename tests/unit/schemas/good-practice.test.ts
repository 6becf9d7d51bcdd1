import { describe, expect, it } from "vitest";
import {
  ATTACHMENT_MAX_BYTES,
  attachmentContentType,
  attachmentProblem,
  cleanFileName,
  goodPracticeSchema,
  parseTags,
  practiceFilterSchema,
  returnPracticeSchema,
  validatePracticeSchema,
} from "~/schemas/good-practice";

const messages = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

const ORG = "3f1b1c9e-8a55-4a57-9d7a-2a0c3d4e5f60";
const valid = {
  title: "Doposcuola condiviso",
  context: "Famiglie con ragazzi DSA senza sostegno pomeridiano.",
  collaborationPattern: "Associazione, cooperativa e scuola si dividono i compiti.",
  resources: "Due educatori",
  outcomes: "Quaranta ragazzi seguiti",
  evidence: "Questionario alle famiglie",
  contactName: "Elena",
  contactEmail: "Elena@Example.org ",
  tags: "DSA, scuola ,  Scuola, ",
  organizationIds: ORG,
};

describe("good practice form", () => {
  it("accepts a complete practice, normalising tags, email and a single organization", () => {
    const parsed = goodPracticeSchema.parse(valid);
    expect(parsed.tags).toEqual(["dsa", "scuola"]);
    expect(parsed.contactEmail).toBe("elena@example.org");
    expect(parsed.organizationIds).toEqual([ORG]);
    expect(parsed.serviceIds).toEqual([]);
  });

  it("says what is wrong next to each field, as i18n keys", () => {
    expect(
      messages(goodPracticeSchema.safeParse({ ...valid, title: "Ok", context: undefined, contactEmail: "nope", organizationIds: undefined, tags: Array.from({ length: 11 }, (_, index) => `tag${index}`).join(", ") })),
    ).toEqual({
      title: "forms.tooShort?min=5",
      context: "forms.required",
      contactEmail: "forms.invalidEmail",
      organizationIds: "goodPractices.errors.organizationsRequired",
      tags: "goodPractices.errors.tooManyTags?max=10",
    });
    expect(messages(goodPracticeSchema.safeParse({ ...valid, tags: "x".repeat(41) }))).toEqual({ tags: "goodPractices.errors.tagTooLong?max=40" });
    expect(goodPracticeSchema.safeParse({ ...valid, organizationIds: "not-a-uuid" }).success).toBe(false);
  });

  it("parses tags from a comma-separated line", () => {
    expect(parseTags(" Welfare   aziendale,ANZIANI,,anziani ")).toEqual(["welfare aziendale", "anziani"]);
    expect(parseTags("")).toEqual([]);
  });
});

describe("validation and return", () => {
  it("takes a review date from tomorrow to five years ahead, or none (the default year)", () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    expect(validatePracticeSchema.parse({ intent: "validate" }).reviewDueAt).toBeUndefined();
    expect(validatePracticeSchema.parse({ intent: "validate", reviewDueAt: inDays(365) }).reviewDueAt).toBe(inDays(365));
    expect(messages(validatePracticeSchema.safeParse({ intent: "validate", reviewDueAt: inDays(-2) }))).toEqual({ reviewDueAt: "goodPractices.errors.reviewDateRange?years=5" });
    expect(messages(validatePracticeSchema.safeParse({ intent: "validate", reviewDueAt: inDays(6 * 366) }))).toEqual({ reviewDueAt: "goodPractices.errors.reviewDateRange?years=5" });
    expect(messages(validatePracticeSchema.safeParse({ intent: "validate", reviewDueAt: "01/02/2030" }))).toEqual({ reviewDueAt: "forms.invalidDate" });
  });

  it("needs a note to return a practice", () => {
    expect(messages(returnPracticeSchema.safeParse({ intent: "return" }))).toEqual({ note: "forms.required" });
    expect(returnPracticeSchema.parse({ intent: "return", note: "  Mancano i dati  " }).note).toBe("Mancano i dati");
  });

  it("ignores malformed filters instead of failing", () => {
    expect(practiceFilterSchema.parse({ q: " dsa ", status: "NOPE", overdue: "1" })).toEqual({ q: "dsa", status: undefined, overdue: true });
    expect(practiceFilterSchema.parse({}).overdue).toBe(false);
  });
});

describe("attachments", () => {
  it("allows PDF, images, office documents and text by extension, nothing else", () => {
    expect(attachmentContentType("Relazione finale.PDF")).toBe("application/pdf");
    expect(attachmentContentType("foto.jpeg")).toBe("image/jpeg");
    expect(attachmentContentType("dati.xlsx")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(attachmentContentType("note.txt")).toBe("text/plain");
    for (const name of ["pagina.html", "logo.svg", "script.js", "archivio.zip", "senza-estensione", "doppio.pdf.exe"]) {
      expect(attachmentContentType(name), name).toBeNull();
    }
  });

  it("refuses files that are empty, too big or of another type, with the reason", () => {
    expect(attachmentProblem({ name: "ok.pdf", size: 1000 })).toBeNull();
    expect(attachmentProblem({ name: "ok.pdf", size: ATTACHMENT_MAX_BYTES })).toBeNull();
    expect(attachmentProblem({ name: "big.pdf", size: ATTACHMENT_MAX_BYTES + 1 })).toBe("goodPractices.errors.fileTooBig?max=5");
    expect(attachmentProblem({ name: "page.html", size: 10 })).toBe("goodPractices.errors.fileType");
    expect(attachmentProblem({ name: "", size: 0 })).toBe("goodPractices.errors.fileMissing");
  });

  it("keeps only a harmless base name", () => {
    expect(cleanFileName("C:\\Users\\ada\\Relazione \"finale\".pdf")).toBe("Relazione finale.pdf");
    expect(cleanFileName("../../etc/passwd.txt")).toBe("passwd.txt");
    expect(cleanFileName("a\u0000b\n.txt")).toBe("ab.txt");
    expect(cleanFileName("")).toBe("allegato");
  });
});
