import { promisify } from "node:util";
import zlib from "node:zlib";
import Negotiator from "negotiator";

// What the compression middleware (server/app.ts) would choose, with the same settings: brotli at
// quality 4 when the client takes it, else gzip or deflate at level 1.
const ENCODINGS = ["br", "gzip", "deflate", "identity"];
const PREFERRED = ["br", "gzip"];
const MIN_BYTES = 1024;

const encoders: Record<string, (body: Buffer) => Promise<Buffer>> = {
  br: (body) => promisify(zlib.brotliCompress)(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => promisify(zlib.gzip)(body, { level: zlib.constants.Z_BEST_SPEED }),
  deflate: (body) => promisify(zlib.deflate)(body, { level: zlib.constants.Z_BEST_SPEED }),
};

/**
 * Compresses a whole response body at once, in libuv's thread pool, and sets Content-Encoding,
 * Content-Length and Vary: the response leaves in one socket write (headers and body together),
 * where a compression stream sends the headers with its first block, then its last block, then the
 * end of the chunked body. The middleware leaves a response that already has an encoding alone.
 */
export async function encodeWholeBody(request: Request, body: Buffer<ArrayBuffer>, headers: Headers): Promise<Buffer<ArrayBuffer>> {
  headers.append("Vary", "Accept-Encoding");
  const encoding = body.length < MIN_BYTES ? "identity" : negotiatedEncoding(request.headers.get("accept-encoding"));
  const encode = encoding ? encoders[encoding] : undefined;
  // zlib's results own their memory (an ArrayBuffer, never a SharedArrayBuffer).
  const sent = encode ? ((await encode(body)) as Buffer<ArrayBuffer>) : body;
  if (encode) headers.set("Content-Encoding", encoding!);
  headers.set("Content-Length", String(sent.length));
  return sent;
}

// Negotiator 0.6 takes the server's preferred order as a second argument; its type declarations predate it.
const negotiateEncoding = Negotiator.prototype.encoding as unknown as (this: Negotiator, available: string[], preferred: string[]) => string | undefined;

function negotiatedEncoding(acceptEncoding: string | null) {
  return negotiateEncoding.call(new Negotiator({ headers: { "accept-encoding": acceptEncoding ?? undefined } }), ENCODINGS, PREFERRED);
}
