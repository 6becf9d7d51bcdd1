import { describe, expect, it } from "vitest";
import { invitationAcceptSchema, loginFormSchema, passwordChangeSchema, profileSchema } from "~/schemas/account";
import { organizationSchema } from "~/schemas/network";

const messages = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("account schemas", () => {
  it("normalises the login email and rejects a malformed one with an i18n key", () => {
    expect(loginFormSchema.parse({ email: "  Membro@TWB.example ", password: "x" }).email).toBe("membro@twb.example");
    expect(messages(loginFormSchema.safeParse({ email: "nope", password: "x" }))).toEqual({ email: "forms.invalidEmail" });
  });

  it("asks for a 10-character password and a matching confirmation", () => {
    expect(messages(passwordChangeSchema.safeParse({ currentPassword: "old", password: "short", confirmPassword: "short" }))).toEqual({
      password: "forms.tooShort?min=10",
    });
    expect(
      messages(passwordChangeSchema.safeParse({ currentPassword: "old", password: "long-enough-1", confirmPassword: "long-enough-2" })),
    ).toEqual({ confirmPassword: "forms.passwordsDiffer" });
  });

  it("accepts one or many spoken languages and refuses unknown codes", () => {
    expect(profileSchema.parse({ name: "Ada", languages: "it", locale: "it" }).languages).toEqual(["it"]);
    expect(profileSchema.parse({ name: "Ada", languages: ["it", "en"], locale: "en" }).languages).toEqual(["it", "en"]);
    expect(profileSchema.safeParse({ name: "Ada", languages: ["xx"], locale: "it" }).success).toBe(false);
    expect(messages(profileSchema.safeParse({ name: "Ada", languages: [], locale: "fr" }))).toEqual({ locale: "forms.invalidChoice" });
  });

  it("checks a new account from an invitation", () => {
    const valid = { name: "Ada Lovelace", email: "ada@example.org", password: "a-long-password", confirmPassword: "a-long-password" };
    expect(invitationAcceptSchema.safeParse(valid).success).toBe(true);
    expect(messages(invitationAcceptSchema.safeParse({ ...valid, name: "A" }))).toEqual({ name: "forms.tooShort?min=2" });
  });
});

describe("organization schema", () => {
  const base = { name: "Cooperativa Esempio", kind: "COOPERATIVA_SOCIALE" };

  it("accepts a minimal organization", () => {
    expect(organizationSchema.parse(base)).toMatchObject({ name: "Cooperativa Esempio", isLead: false });
  });

  it("refuses out-of-range coordinates, non-http websites and unknown kinds", () => {
    expect(messages(organizationSchema.safeParse({ ...base, latitude: 91 }))).toEqual({ latitude: "forms.invalidNumber" });
    expect(messages(organizationSchema.safeParse({ ...base, website: "javascript:alert(1)" }))).toEqual({ website: "forms.invalidUrl" });
    expect(messages(organizationSchema.safeParse({ ...base, kind: "BANCA" }))).toEqual({ kind: "forms.invalidChoice" });
  });
});
