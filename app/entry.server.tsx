import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { createCoalescedStream } from "~/utils/coalesced-stream.server";

const ABORT_DELAY_MS = 5_000;

/** 403s and 404s thrown on purpose are answers, not failures: only real errors reach the log. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (error && typeof error === "object" && "status" in error && "statusText" in error && "internal" in error) return;
  console.error(error);
};

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  // Crawlers get the whole page at once; browsers get it streamed as soon as the shell is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Cleared once everything is rendered: a pending timer per page would keep each finished
    // render alive for ABORT_DELAY_MS and then abort it for nothing (bench:catalogue's profile).
    // Set before the render starts, so any callback can clear it; `abort` exists long before it fires.
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY_MS);
    const sendShell = () => {
      shellRendered = true;
      const body = createCoalescedStream();
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />, {
      onShellReady() {
        if (!waitForAll) sendShell();
      },
      onAllReady() {
        clearTimeout(abortTimer);
        if (waitForAll) sendShell();
      },
      onShellError(error: unknown) {
        clearTimeout(abortTimer);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}
