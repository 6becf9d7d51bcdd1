import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { toLocale } from "~/i18n/i18n";
import { localeCookie } from "~/services/locale.server";
import { safeRedirectPath } from "~/utils/http.server";

export const loader = () => redirect("/");

/** Switches the interface language for this browser and returns to the same page. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = toLocale(form.get("locale"));
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
