import { z } from "zod";
import { optionalText, requiredText, SPOKEN_LANGUAGES } from "./common";

// A catalogue service as the coordinators' form and the seed give it (issue #5). One schema for
// the browser (conform) and the server; messages are i18n keys.

const uuid = z.string().uuid("forms.invalidChoice");
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "forms.invalidTime");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "forms.invalidDate");
const age = z.coerce.number().int("catalogue.errors.age").min(0, "catalogue.errors.age").max(120, "catalogue.errors.age");
const optionalUrl = z.string().trim().url("forms.invalidUrl").max(500).optional();

export const serviceOrganizationSchema = z.object({ organizationId: uuid, isLead: z.coerce.boolean().default(false) });

export const serviceLocationSchema = z.object({
  id: uuid.optional(),
  name: requiredText(2, 200),
  address: requiredText(3, 300),
  postalCode: z.string().trim().regex(/^\d{5}$/, "catalogue.errors.postalCode").optional(),
  comuneId: uuid.optional(),
  city: requiredText(2, 120),
  latitude: z.coerce.number().min(-90, "catalogue.errors.latitude").max(90, "catalogue.errors.latitude"),
  longitude: z.coerce.number().min(-180, "catalogue.errors.longitude").max(180, "catalogue.errors.longitude"),
  accessibility: optionalText(1000),
  transportation: optionalText(1000),
});

/** Weekly hours: one row per weekday and time range, optionally valid only between two dates. */
export const weeklyHoursSchema = z
  .object({
    weekday: z.coerce.number().int().min(1, "forms.invalidChoice").max(7, "forms.invalidChoice"),
    opensAt: time,
    closesAt: time,
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    description: optionalText(300),
  })
  .refine((hours) => hours.opensAt < hours.closesAt, { message: "catalogue.errors.closesBeforeOpens", path: ["closesAt"] })
  .refine((hours) => !hours.validFrom || !hours.validTo || hours.validFrom <= hours.validTo, { message: "catalogue.errors.validToBeforeFrom", path: ["validTo"] });

/** An exception on one date: closed all day (no times) or open at special hours. */
export const scheduleExceptionSchema = z
  .object({ date: isoDate, opensAt: time.optional(), closesAt: time.optional(), description: optionalText(300) })
  .refine((exception) => Boolean(exception.opensAt) === Boolean(exception.closesAt), { message: "catalogue.errors.bothTimes", path: ["closesAt"] })
  .refine((exception) => !exception.opensAt || !exception.closesAt || exception.opensAt < exception.closesAt, {
    message: "catalogue.errors.closesBeforeOpens",
    path: ["closesAt"],
  });

export const COST_KINDS = ["FREE", "FEE", "REDUCED"] as const;
export const costOptionSchema = z
  .object({
    kind: z.enum(COST_KINDS, { errorMap: () => ({ message: "forms.invalidChoice" }) }),
    amountEuro: z.coerce.number().min(0, "catalogue.errors.amount").max(100_000, "catalogue.errors.amount").optional(),
    amountDescription: optionalText(500),
  })
  .refine((cost) => cost.kind !== "REDUCED" || Boolean(cost.amountDescription), { message: "catalogue.errors.reducedNeedsConditions", path: ["amountDescription"] });

export const serviceContactSchema = z
  .object({
    name: optionalText(200),
    title: optionalText(200),
    email: z.string().trim().toLowerCase().email("forms.invalidEmail").max(254).optional(),
    phone: z.string().trim().regex(/^\+?[0-9 ./-]{6,20}$/, "forms.invalidPhone").optional(),
  })
  .refine((contact) => contact.email || contact.phone, { message: "catalogue.errors.contactNeedsReach", path: ["phone"] });

export const serviceSchema = z
  .object({
    name: requiredText(3, 200),
    alternateName: optionalText(200),
    description: requiredText(20, 5000),
    url: optionalUrl,
    email: z.string().trim().toLowerCase().email("forms.invalidEmail").max(254).optional(),
    eligibilityDescription: optionalText(2000),
    minimumAge: age.optional(),
    maximumAge: age.optional(),
    applicationProcess: optionalText(2000),
    requiredDocuments: z.array(requiredText(2, 300)).max(20).default([]),
    feesDescription: optionalText(1000),
    accessibility: optionalText(1000),
    interpretationServices: optionalText(500),
    languages: z.array(z.enum(SPOKEN_LANGUAGES, { errorMap: () => ({ message: "forms.invalidChoice" }) })).min(1, "catalogue.errors.languages").default(["it"]),
    alert: optionalText(500),
    lastVerifiedAt: isoDate.optional(),
    organizations: z.array(serviceOrganizationSchema).min(1, "catalogue.errors.organizations").max(20),
    locations: z.array(serviceLocationSchema).max(30).default([]),
    weeklyHours: z.array(weeklyHoursSchema).max(60).default([]),
    exceptions: z.array(scheduleExceptionSchema).max(60).default([]),
    costs: z.array(costOptionSchema).max(10).default([]),
    contacts: z.array(serviceContactSchema).max(10).default([]),
    termIds: z.array(uuid).min(1, "catalogue.errors.terms").max(10),
  })
  .refine((service) => service.minimumAge === undefined || service.maximumAge === undefined || service.minimumAge <= service.maximumAge, {
    message: "catalogue.errors.ageRange",
    path: ["maximumAge"],
  })
  .refine((service) => service.organizations.filter((organization) => organization.isLead).length === 1, {
    message: "catalogue.errors.oneLead",
    path: ["organizations"],
  })
  .refine((service) => new Set(service.organizations.map((organization) => organization.organizationId)).size === service.organizations.length, {
    message: "catalogue.errors.duplicateOrganization",
    path: ["organizations"],
  });

export type ServiceInput = z.infer<typeof serviceSchema>;
export type ServiceInputDraft = z.input<typeof serviceSchema>;

export const SERVICE_STATUSES = ["DRAFT", "PUBLISHED", "TEMPORARILY_CLOSED", "UNPUBLISHED"] as const;
export const serviceStatusSchema = z.object({
  status: z.enum(SERVICE_STATUSES, { errorMap: () => ({ message: "forms.invalidChoice" }) }),
  alert: optionalText(500),
});

/** Amount in euro (form) ↔ cents (database). */
export const euroToCents = (euro: number | undefined) => (euro === undefined ? null : Math.round(euro * 100));
