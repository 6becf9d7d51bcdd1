import { promisify } from "node:util";
import zlib from "node:zlib";
import Negotiator from "negotiator";

/**
 * How responses are compressed, here for whole pages and in the compression middleware for the rest
 * (server/app.ts): level 1, nginx's default for dynamic pages (they are rendered per request, and
 * higher levels cost several times the CPU for a few percent fewer bytes), brotli at quality 4 (the
 * middleware's default), nothing under 1 KB.
 */
export const RESPONSE_COMPRESSION = { zlibLevel: zlib.constants.Z_BEST_SPEED, brotliQuality: 4, thresholdBytes: 1024 } as const;

// The middleware's choice: brotli when the client takes it, else gzip, else deflate.
const ENCODINGS = ["br", "gzip", "deflate", "identity"];
const PREFERRED = ["br", "gzip"];

const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const deflate = promisify(zlib.deflate);
const zlibOptions = { level: RESPONSE_COMPRESSION.zlibLevel };
const encoders: Record<string, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    brotliCompress(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: RESPONSE_COMPRESSION.brotliQuality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => gzip(body, zlibOptions),
  deflate: (body) => deflate(body, zlibOptions),
};

/**
 * Compresses a whole response body at once, in libuv's thread pool, and sets Content-Encoding,
 * Content-Length and Vary: the response leaves in one socket write (headers and body together),
 * where a compression stream sends the headers with its first block, then its last block, then the
 * end of the chunked body. The middleware leaves a response that already has an encoding alone.
 */
export async function encodeWholeBody(request: Request, body: Buffer<ArrayBuffer>, headers: Headers): Promise<Buffer<ArrayBuffer>> {
  headers.append("Vary", "Accept-Encoding");
  const encoding = body.length < RESPONSE_COMPRESSION.thresholdBytes ? undefined : negotiatedEncoding(request.headers.get("accept-encoding"));
  const encode = encoding && encoders[encoding];
  // zlib's results own their memory (an ArrayBuffer, never a SharedArrayBuffer).
  const sent = encode ? ((await encode(body)) as Buffer<ArrayBuffer>) : body;
  if (encode) headers.set("Content-Encoding", encoding);
  headers.set("Content-Length", String(sent.length));
  return sent;
}

// Negotiator 0.6 takes the server's preferred order as a second argument; its type declarations predate it.
const negotiateEncoding = Negotiator.prototype.encoding as unknown as (this: Negotiator, available: string[], preferred: string[]) => string | undefined;

function negotiatedEncoding(acceptEncoding: string | null) {
  return negotiateEncoding.call(new Negotiator({ headers: { "accept-encoding": acceptEncoding ?? undefined } }), ENCODINGS, PREFERRED);
}
