import { describe, expect, it } from "vitest";
import type { GoodPracticeStatus } from "~/generated/prisma/enums";
import {
  canEditPractice,
  canManagePracticeAttachments,
  canResubmitPractice,
  canReturnPractice,
  canReviewPractices,
  canStartLabFromPractice,
  canSubmitPractice,
  canValidatePractice,
  canViewPractice,
  isPracticeReviewOverdue,
  type Actor,
} from "~/policies";

const person = (role: NonNullable<Actor>["role"], id = role.toLowerCase()): Actor => ({ id, role, organizationIds: [] });
const submitter = person("MEMBER", "submitter");
const practice = (status: GoodPracticeStatus) => ({ status, submittedById: "submitter" });

type Row = [string, Actor, GoodPracticeStatus, { view: boolean; edit: boolean; validate: boolean; return: boolean; resubmit: boolean; startLab: boolean }];

// role × status → what they may do with one practice.
const table: Row[] = [
  ["anonymous, validated", null, "VALIDATED", { view: true, edit: false, validate: false, return: false, resubmit: false, startLab: false }],
  ["anonymous, submitted", null, "SUBMITTED", { view: false, edit: false, validate: false, return: false, resubmit: false, startLab: false }],
  ["anonymous, returned", null, "RETURNED", { view: false, edit: false, validate: false, return: false, resubmit: false, startLab: false }],
  ["submitter, submitted", submitter, "SUBMITTED", { view: true, edit: true, validate: false, return: false, resubmit: false, startLab: false }],
  ["submitter, returned", submitter, "RETURNED", { view: true, edit: true, validate: false, return: false, resubmit: true, startLab: false }],
  ["submitter, validated", submitter, "VALIDATED", { view: true, edit: false, validate: false, return: false, resubmit: false, startLab: false }],
  ["other member, submitted", person("MEMBER"), "SUBMITTED", { view: false, edit: false, validate: false, return: false, resubmit: false, startLab: false }],
  ["other member, validated", person("MEMBER"), "VALIDATED", { view: true, edit: false, validate: false, return: false, resubmit: false, startLab: false }],
  ["facilitator, submitted", person("FACILITATOR"), "SUBMITTED", { view: false, edit: false, validate: false, return: false, resubmit: false, startLab: false }],
  ["facilitator, validated", person("FACILITATOR"), "VALIDATED", { view: true, edit: false, validate: false, return: false, resubmit: false, startLab: true }],
  ["coordinator, submitted", person("COORDINATOR"), "SUBMITTED", { view: true, edit: true, validate: true, return: true, resubmit: false, startLab: false }],
  ["coordinator, returned", person("COORDINATOR"), "RETURNED", { view: true, edit: true, validate: true, return: false, resubmit: true, startLab: false }],
  ["coordinator, validated", person("COORDINATOR"), "VALIDATED", { view: true, edit: true, validate: true, return: true, resubmit: false, startLab: true }],
  ["admin, submitted", person("ADMIN"), "SUBMITTED", { view: true, edit: true, validate: true, return: true, resubmit: false, startLab: false }],
  ["admin, validated", person("ADMIN"), "VALIDATED", { view: true, edit: true, validate: true, return: true, resubmit: false, startLab: true }],
];

describe("good practices: who may do what", () => {
  it.each(table)("%s", (_name, actor, status, expected) => {
    const subject = practice(status);
    expect({
      view: canViewPractice(actor, subject),
      edit: canEditPractice(actor, subject),
      validate: canValidatePractice(actor, subject),
      return: canReturnPractice(actor, subject),
      resubmit: canResubmitPractice(actor, subject),
      startLab: canStartLabFromPractice(actor, subject),
    }).toEqual(expected);
    expect(canManagePracticeAttachments(actor, subject)).toBe(expected.edit);
  });

  it.each([
    [null, false, false],
    [person("MEMBER"), true, false],
    [person("FACILITATOR"), true, false],
    [person("COORDINATOR"), true, true],
    [person("ADMIN"), true, true],
  ] as const)("%o submits: %s, reviews the registry: %s", (actor, submit, review) => {
    expect(canSubmitPractice(actor)).toBe(submit);
    expect(canReviewPractices(actor)).toBe(review);
  });

  it("a practice without a known submitter is nobody's own", () => {
    expect(canEditPractice(person("MEMBER"), { status: "SUBMITTED", submittedById: null })).toBe(false);
    expect(canViewPractice(person("MEMBER"), { status: "RETURNED", submittedById: null })).toBe(false);
  });

  it("flags a validated practice once its review date has passed, and only a validated one", () => {
    const now = new Date("2027-03-01T10:00:00Z");
    expect(isPracticeReviewOverdue({ status: "VALIDATED", reviewDueAt: new Date("2027-02-28T22:59:00Z") }, now)).toBe(true);
    expect(isPracticeReviewOverdue({ status: "VALIDATED", reviewDueAt: "2027-03-02T00:00:00Z" }, now)).toBe(false);
    expect(isPracticeReviewOverdue({ status: "VALIDATED", reviewDueAt: null }, now)).toBe(false);
    expect(isPracticeReviewOverdue({ status: "RETURNED", reviewDueAt: new Date("2020-01-01") }, now)).toBe(false);
  });
});
