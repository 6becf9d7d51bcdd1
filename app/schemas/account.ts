import { z } from "zod";
import { emailField, languagesField, newPasswordField, optionalText, requiredText } from "./common";

export const loginFormSchema = z.object({
  email: emailField,
  password: z.string({ required_error: "forms.required" }).max(200),
  redirectTo: z.string().optional(),
});

export const profileSchema = z.object({
  name: requiredText(2, 120),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+0-9 ().-]*$/, "forms.invalidPhone")
    .optional(),
  bio: optionalText(1000),
  languages: languagesField,
  locale: z.enum(["it", "en"], { errorMap: () => ({ message: "forms.invalidChoice" }) }),
});

/** Two password fields must agree; the message sits on the confirmation field. */
function withConfirmation<T extends z.ZodRawShape & { password: typeof newPasswordField; confirmPassword: z.ZodString }>(shape: T) {
  return z.object(shape).superRefine((value, ctx) => {
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "forms.passwordsDiffer" });
    }
  });
}

export const passwordChangeSchema = withConfirmation({
  currentPassword: z.string({ required_error: "forms.required" }).max(200),
  password: newPasswordField,
  confirmPassword: z.string({ required_error: "forms.required" }),
});

export const invitationAcceptSchema = withConfirmation({
  name: requiredText(2, 120),
  email: emailField,
  password: newPasswordField,
  confirmPassword: z.string({ required_error: "forms.required" }),
  languages: languagesField,
});
