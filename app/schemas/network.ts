import { z } from "zod";
import { optionalText, requiredText, roleField, emailField } from "./common";

export const ORGANIZATION_KIND_VALUES = [
  "CONSORZIO",
  "ASSOCIAZIONE_PROMOZIONE_SOCIALE",
  "ASSOCIAZIONE_VOLONTARIATO",
  "ASSOCIAZIONE_CULTURALE",
  "ASSOCIAZIONE_CATEGORIA",
  "COOPERATIVA_SOCIALE",
  "ENTE_ECCLESIASTICO",
  "FONDAZIONE",
  "ISTITUTO_SCOLASTICO",
  "AZIENDA",
  "ENTE_PUBBLICO",
] as const;

const kindField = z.enum(ORGANIZATION_KIND_VALUES, { errorMap: () => ({ message: "forms.invalidChoice" }) });
const coordinate = (limit: number) =>
  z.number({ invalid_type_error: "forms.invalidNumber" }).min(-limit, "forms.invalidNumber").max(limit, "forms.invalidNumber").optional();

export const organizationSchema = z.object({
  name: requiredText(2, 160),
  kind: kindField,
  isLead: z.boolean().default(false),
  description: optionalText(2000),
  email: emailField.optional(),
  phone: z.string().trim().max(40).regex(/^[+0-9 ().-]*$/, "forms.invalidPhone").optional(),
  website: z.string().trim().url("forms.invalidUrl").max(300).regex(/^https?:\/\//i, "forms.invalidUrl").optional(),
  address: optionalText(200),
  comuneId: z.string().uuid("forms.invalidChoice").optional(),
  latitude: coordinate(90),
  longitude: coordinate(180),
});

export const organizationFilterSchema = z.object({
  kind: kindField.optional().catch(undefined),
  comune: z.string().max(80).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export const addMemberSchema = z.object({
  intent: z.literal("add-member"),
  userId: z.string({ required_error: "forms.required" }).uuid("forms.invalidChoice"),
  title: optionalText(120),
});

export const removeMemberSchema = z.object({
  intent: z.literal("remove-member"),
  membershipId: z.string().uuid(),
});

export const roleChangeSchema = z.object({ intent: z.literal("change-role"), role: roleField });

export const peopleFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: roleField.optional().catch(undefined),
  organization: z.string().uuid().optional().catch(undefined),
});

export const invitationCreateSchema = z.object({
  intent: z.literal("create"),
  organizationId: z.string({ required_error: "forms.required" }).uuid("forms.invalidChoice"),
  role: roleField,
  email: emailField.optional(),
  validDays: z.number({ required_error: "forms.required", invalid_type_error: "forms.invalidNumber" }).int("forms.invalidNumber").min(1, "forms.invalidNumber").max(60, "forms.invalidNumber").default(14),
});

export const invitationRevokeSchema = z.object({ intent: z.literal("revoke"), invitationId: z.string().uuid() });
