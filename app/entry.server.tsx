import { Writable } from "node:stream";
import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { encodeWholeBody } from "~/utils/page-encoding.server";

const ABORT_DELAY_MS = 5_000;

/** 403s and 404s thrown on purpose are answers, not failures: only real errors reach the log. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (error && typeof error === "object" && "status" in error && "statusText" in error && "internal" in error) return;
  console.error(error);
};

/**
 * Every page is sent whole, once React has rendered all of it (what Remix's template does for
 * crawlers). No loader defers data, so streaming the shell first only split a page into one gzip
 * block and one socket write per turn of the render (shell, then each part of the loader data):
 * in bench:catalogue that was 12–14% of a catalogue page's CPU, for a shell that arrived a
 * fraction of a millisecond earlier. A route that starts deferring data should bring streaming back.
 * The whole page is then compressed at once (encodeWholeBody) and leaves in one socket write.
 */
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Cleared once everything is rendered: a pending timer per page would keep each finished
    // render alive for ABORT_DELAY_MS and then abort it for nothing (bench:catalogue's profile).
    // Set before the render starts, so any callback can clear it; `abort` exists long before it fires.
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY_MS);
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />, {
      onShellReady() {
        shellRendered = true;
      },
      onAllReady() {
        clearTimeout(abortTimer);
        const chunks: Buffer[] = [];
        const page = new Writable({
          // React aborts the render when its destination closes, even a finished one, and then ends
          // it a second time (an ERR_STREAM_ALREADY_FINISHED error built on every page).
          emitClose: false,
          write(chunk: Buffer, _encoding, callback) {
            chunks.push(chunk);
            callback();
          },
          final(callback) {
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            encodeWholeBody(request, Buffer.concat(chunks), responseHeaders).then(
              (body) => resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode })),
              reject,
            );
            callback();
          },
        });
        pipe(page);
      },
      onShellError(error: unknown) {
        clearTimeout(abortTimer);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Before the shell, onShellError rejects and Remix logs the error itself.
        if (shellRendered) console.error(error);
      },
    });
  });
}
