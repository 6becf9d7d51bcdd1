import { createCookieSessionStorage, type Session } from "@remix-run/node";
import { getEnv } from "~/env.server";

type SessionData = { userId: string; version: number };
type FlashData = { toast: string };

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

function createStorage() {
  const env = getEnv();
  return createCookieSessionStorage<SessionData, FlashData>({
    cookie: {
      name: "__twb_session",
      httpOnly: true,
      sameSite: "lax",
      secure: env.NODE_ENV === "production",
      path: "/",
      secrets: [env.SESSION_SECRET],
      maxAge: SESSION_MAX_AGE_SECONDS,
    },
  });
}

let storage: ReturnType<typeof createStorage> | undefined;

/** The cookie session storage, created on first use once the environment is known. */
export function sessionStorage() {
  storage ??= createStorage();
  return storage;
}

/** The session carried by a request's (or a WebSocket upgrade's) Cookie header. */
export function getSession(cookieHeader: string | null | undefined): Promise<Session<SessionData, FlashData>> {
  return sessionStorage().getSession(cookieHeader ?? null);
}

/** Serialises a session into a Set-Cookie header value. */
export function commitSession(session: Session<SessionData, FlashData>): Promise<string> {
  return sessionStorage().commitSession(session);
}

/** A Set-Cookie value that removes the session cookie. */
export function destroySession(session: Session<SessionData, FlashData>): Promise<string> {
  return sessionStorage().destroySession(session);
}

/** Reads and clears the one-shot message shown after a redirect. */
export async function readToast(request: Request): Promise<{ toast: string | null; headers: HeadersInit | undefined }> {
  const session = await getSession(request.headers.get("Cookie"));
  const toast = session.get("toast") ?? null;
  return { toast, headers: toast ? { "Set-Cookie": await commitSession(session) } : undefined };
}

/** Adds a one-shot message to show on the next page, returning the Set-Cookie header. */
export async function flashToast(request: Request, message: string): Promise<HeadersInit> {
  const session = await getSession(request.headers.get("Cookie"));
  session.flash("toast", message);
  return { "Set-Cookie": await commitSession(session) };
}
