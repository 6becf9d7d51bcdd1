import { parseWithZod } from "@conform-to/zod";
import { listServiceFormOptions } from "~/models/service.server";
import { canManageCatalogue } from "~/policies";
import { serviceFormErrorMap, serviceFormSchema } from "~/schemas/service-form";
import { requireUser, toActor } from "~/services/auth.server";
import { requireAllowed } from "~/utils/http.server";

// Shared by the coordinators' catalogue pages (issue #5): who may enter them, and how the service
// form's post is read.

/** The signed-in coordinator or admin; anyone else gets 403 (and anonymous people the login). */
export async function requireCatalogueManager(request: Request) {
  const user = await requireUser(request);
  requireAllowed(canManageCatalogue(toActor(user)));
  return user;
}

/**
 * Parses the service form with the same schema as the browser, then checks that every chosen
 * organization, category and comune exists (the choices come from the page, but a post may not).
 * Refused: the reply for the form (400), or 200 when the post only added or removed a row (the
 * add/remove buttons without JavaScript).
 */
export async function parseServiceForm(formData: FormData) {
  const options = await listServiceFormOptions();
  const submission = parseWithZod(formData, { schema: serviceFormSchema(options.comuni), errorMap: serviceFormErrorMap });
  if (submission.status !== "success") return { ok: false as const, result: submission.reply(), status: submission.status === "error" ? 400 : 200 };
  const organizations = new Set(options.organizations.map((organization) => organization.id));
  const terms = new Set(options.termGroups.flatMap((group) => [group.id, ...group.children.map((term) => term.id)]));
  const comuni = new Set(options.comuni.map((comune) => comune.id));
  const fieldErrors: Record<string, string[]> = {};
  if (submission.value.organizations.some((link) => !organizations.has(link.organizationId))) fieldErrors.organizations = ["forms.invalidChoice"];
  if (submission.value.termIds.some((id) => !terms.has(id))) fieldErrors.termIds = ["forms.invalidChoice"];
  submission.value.locations.forEach((location, index) => {
    if (location.comuneId && !comuni.has(location.comuneId)) fieldErrors[`locations[${index}].comuneId`] = ["forms.invalidChoice"];
  });
  if (Object.keys(fieldErrors).length) return { ok: false as const, result: submission.reply({ fieldErrors }), status: 400 };
  return { ok: true as const, value: submission.value, submission };
}
