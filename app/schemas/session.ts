import { z } from "zod";
import { messageKey } from "~/utils/messages";
import { optionalText, requiredText } from "./common";

// Scheduling a lab session (issue #4, "Before the session"). Date and time are what the
// facilitator reads on a wall clock in Como (Europe/Rome); the model turns them into an instant.

export const SESSION_RESPONSE_VALUES = ["YES", "NO", "MAYBE"] as const;
export const SESSION_DURATION_MIN = 15;
export const SESSION_DURATION_MAX = 8 * 60;
export const AGENDA_MAX_ITEMS = 20;

const wholeMinutes = (min: number, max: number) =>
  z
    .number({ required_error: "forms.required", invalid_type_error: "forms.invalidNumber" })
    .int("forms.invalidNumber")
    .min(min, messageKey("forms.atLeast", { min }))
    .max(max, messageKey("forms.atMost", { max }));

export const agendaItemSchema = z.object({
  title: requiredText(2, 140),
  minutes: wholeMinutes(1, SESSION_DURATION_MAX),
  proposalId: z.string().uuid("forms.invalidChoice").optional(),
});

export const sessionSchema = z
  .object({
    title: requiredText(3, 140),
    goal: requiredText(10, 2000),
    date: z.string({ required_error: "forms.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "forms.invalidDate"),
    time: z.string({ required_error: "forms.required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "forms.invalidTime"),
    durationMinutes: wholeMinutes(SESSION_DURATION_MIN, SESSION_DURATION_MAX),
    placeOrganizationId: z.string().uuid("forms.invalidChoice").optional(),
    placeDetails: optionalText(200),
    videoUrl: z
      .string()
      .trim()
      .max(500, messageKey("forms.tooLong", { max: 500 }))
      .url("forms.invalidUrl")
      .refine((value) => /^https:\/\//i.test(value), "forms.invalidUrl")
      .optional(),
    agenda: z
      .array(agendaItemSchema)
      .min(1, "sessions.agendaRequired")
      .max(AGENDA_MAX_ITEMS, messageKey("sessions.agendaTooLong", { max: AGENDA_MAX_ITEMS })),
  })
  .superRefine((value, ctx) => {
    if (!value.placeOrganizationId && !value.videoUrl) {
      ctx.addIssue({ code: "custom", path: ["placeOrganizationId"], message: "sessions.placeOrLink" });
    }
    const planned = value.agenda.reduce((sum, item) => sum + item.minutes, 0);
    if (planned > value.durationMinutes) {
      ctx.addIssue({ code: "custom", path: ["agenda"], message: messageKey("sessions.agendaOverrun", { planned, duration: value.durationMinutes }) });
    }
  });

export type SessionInput = z.infer<typeof sessionSchema>;

export const sessionResponseSchema = z.object({
  intent: z.literal("respond"),
  response: z.enum(SESSION_RESPONSE_VALUES, { errorMap: () => ({ message: "forms.invalidChoice" }) }),
});
