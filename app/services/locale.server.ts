import { createCookie } from "@remix-run/node";
import { toLocale, type Locale } from "~/i18n/i18n";

/** The language picked with the switcher; it wins over the profile's, Italian otherwise. */
export const localeCookie = createCookie("twb_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The UI language of a request. */
export async function getLocale(request: Request, user?: { locale: string } | null): Promise<Locale> {
  const chosen: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return toLocale(chosen ?? user?.locale);
}
