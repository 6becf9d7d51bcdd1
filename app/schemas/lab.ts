import { z } from "zod";
import { messageKey } from "~/utils/messages";
import { optionalText, requiredText } from "./common";

export const LAB_ROLE_VALUES = ["FACILITATOR", "MEMBER", "OBSERVER"] as const;
export const LAB_STATUS_VALUES = ["ACTIVE", "PAUSED", "CLOSED"] as const;
export const PROPOSAL_STAGE_VALUES = ["DRAFT", "CO_DESIGN", "SUBMITTED", "UNDER_EVALUATION", "APPROVED", "REJECTED", "WITHDRAWN"] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: "forms.invalidChoice" }) });
const uuidList = z
  .array(z.string().uuid("forms.invalidChoice"))
  .or(z.string().uuid("forms.invalidChoice").transform((value) => [value]))
  .default([]);

export const labSchema = z.object({
  title: requiredText(3, 140),
  challenge: requiredText(10, 4000),
  organizationIds: uuidList,
});

export const addLabMemberSchema = z.object({ intent: z.literal("add-member"), userId: z.string({ required_error: "forms.required" }).uuid("forms.invalidChoice"), role: choice(LAB_ROLE_VALUES) });
export const changeLabRoleSchema = z.object({ intent: z.literal("change-role"), userId: z.string().uuid(), role: choice(LAB_ROLE_VALUES) });
export const removeLabMemberSchema = z.object({ intent: z.literal("remove-member"), userId: z.string().uuid() });
export const addLabOrganizationSchema = z.object({ intent: z.literal("add-organization"), organizationId: z.string({ required_error: "forms.required" }).uuid("forms.invalidChoice") });
export const labStatusSchema = z.object({ intent: z.literal("set-status"), status: choice(LAB_STATUS_VALUES) });
export const joinRequestSchema = z.object({ intent: z.literal("request-join"), message: optionalText(1000) });
export const decideJoinSchema = z.object({
  intent: z.literal("decide-join"),
  requestId: z.string().uuid(),
  decision: z.enum(["accept", "decline"]),
  role: choice(LAB_ROLE_VALUES).default("MEMBER"),
});
export const newProposalSchema = z.object({ intent: z.literal("new-proposal"), title: requiredText(3, 160) });

const euros = z
  .number({ invalid_type_error: "forms.invalidNumber" })
  .min(0, "forms.invalidNumber")
  .max(100_000_000, "forms.invalidNumber")
  .transform((value) => Math.round(value * 100))
  .optional();
const age = z.number({ invalid_type_error: "forms.invalidNumber" }).int("forms.invalidNumber").min(0, "forms.invalidNumber").max(120, "forms.invalidNumber").optional();

export const proposalFieldsSchema = z
  .object({
    intent: z.literal("update-fields"),
    title: requiredText(3, 160),
    targetGroup: optionalText(500),
    ageMin: age,
    ageMax: age,
    estimatedCost: euros,
    comuneIds: uuidList,
    organizationIds: uuidList,
  })
  .superRefine((value, ctx) => {
    if (value.ageMin !== undefined && value.ageMax !== undefined && value.ageMin > value.ageMax) {
      ctx.addIssue({ code: "custom", path: ["ageMax"], message: "proposal.ageRange" });
    }
  });

export const moveProposalSchema = z.object({
  intent: z.literal("move"),
  to: choice(PROPOSAL_STAGE_VALUES),
  note: optionalText(4000),
  approvedCost: euros,
  startPeriod: z.string().trim().max(80, messageKey("forms.tooLong", { max: 80 })).optional(),
});

export const namedVersionSchema = z.object({ name: requiredText(2, 120) });

const commentBody = requiredText(1, 4000);
const relativePosition = z.record(z.unknown()).refine((value) => "type" in value || "tname" in value || "item" in value, "forms.invalidChoice");

export const newThreadSchema = z.object({
  intent: z.literal("new-thread"),
  body: commentBody,
  quote: z.string().trim().min(1, "forms.required").max(1000),
  anchor: z
    .string()
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "forms.invalidChoice" });
        return z.NEVER;
      }
    })
    .pipe(z.object({ from: relativePosition, to: relativePosition })),
});
export const replySchema = z.object({ intent: z.literal("reply"), threadId: z.string().uuid(), body: commentBody });
export const resolveThreadSchema = z.object({ intent: z.enum(["resolve", "reopen"]), threadId: z.string().uuid() });
