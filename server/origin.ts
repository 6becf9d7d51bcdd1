import type { IncomingMessage } from "node:http";

/**
 * True when a browser's Origin is this app's own (APP_ORIGIN, or the same host), or when no
 * Origin is sent (non-browser clients, which still need a valid session cookie). Checked on every
 * WebSocket upgrade so that another site cannot ride a signed-in person's cookie.
 */
export function isSameOrigin(request: IncomingMessage, allowedOrigin?: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (allowedOrigin) return origin === allowedOrigin;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
