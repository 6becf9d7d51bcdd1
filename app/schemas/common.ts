import { z } from "zod";
import { messageKey } from "~/utils/messages";

// Messages are i18n keys (see utils/form-errors.ts); conform turns empty fields into undefined.

/** A required single-line text of bounded length. */
export const requiredText = (min: number, max: number) =>
  z
    .string({ required_error: "forms.required" })
    .trim()
    .min(min, min <= 1 ? "forms.required" : messageKey("forms.tooShort", { min }))
    .max(max, messageKey("forms.tooLong", { max }));

/** An optional text of bounded length. */
export const optionalText = (max: number) => z.string().trim().max(max, messageKey("forms.tooLong", { max })).optional();

export const emailField = z
  .string({ required_error: "forms.required" })
  .trim()
  .toLowerCase()
  .max(254, messageKey("forms.tooLong", { max: 254 }))
  .email("forms.invalidEmail");

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export const newPasswordField = z
  .string({ required_error: "forms.required" })
  .min(PASSWORD_MIN, messageKey("forms.tooShort", { min: PASSWORD_MIN }))
  .max(PASSWORD_MAX, messageKey("forms.tooLong", { max: PASSWORD_MAX }));

export const SPOKEN_LANGUAGES = ["it", "en", "fr", "de", "es", "ar", "uk", "ro", "sq", "zh"] as const;

export const languagesField = z
  .array(z.enum(SPOKEN_LANGUAGES, { errorMap: () => ({ message: "forms.invalidChoice" }) }))
  .or(z.enum(SPOKEN_LANGUAGES).transform((value) => [value]))
  .default([]);

export const PLATFORM_ROLE_VALUES = ["ADMIN", "COORDINATOR", "FACILITATOR", "MEMBER"] as const;
export const roleField = z.enum(PLATFORM_ROLE_VALUES, { errorMap: () => ({ message: "forms.invalidChoice" }) });
