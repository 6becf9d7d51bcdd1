import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeWholeBody } from "~/utils/page-encoding.server";

const page = Buffer.from(`<!DOCTYPE html><html lang="it"><body>${"<p>Doposcuola inclusivo per ragazzi con DSA</p>".repeat(200)}</body></html>`);

async function encoded(acceptEncoding: string | null, body = page) {
  const headers = new Headers({ "Content-Type": "text/html; charset=utf-8" });
  const request = new Request("http://localhost/catalogo", { headers: acceptEncoding === null ? {} : { "accept-encoding": acceptEncoding } });
  const sent = await encodeWholeBody(request, body, headers);
  return { sent, headers };
}

describe("encodeWholeBody", () => {
  it("prefers brotli, as the compression middleware does, when a browser takes it", async () => {
    const { sent, headers } = await encoded("gzip, deflate, br, zstd");
    expect(headers.get("content-encoding")).toBe("br");
    expect(brotliDecompressSync(sent).equals(page)).toBe(true);
    expect(headers.get("content-length")).toBe(String(sent.length));
    expect(sent.length).toBeLessThan(page.length / 5);
  });

  it("sends gzip or deflate to clients that take only those", async () => {
    const gzip = await encoded("gzip");
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(gzip.sent).equals(page)).toBe(true);
    const deflate = await encoded("deflate");
    expect(deflate.headers.get("content-encoding")).toBe("deflate");
    expect(inflateSync(deflate.sent).equals(page)).toBe(true);
  });

  it("honours q=0 and sends the page as it is when nothing acceptable is offered", async () => {
    const refusedBrotli = await encoded("br;q=0, gzip");
    expect(refusedBrotli.headers.get("content-encoding")).toBe("gzip");
    for (const acceptEncoding of [null, "identity", "zstd"]) {
      const { sent, headers } = await encoded(acceptEncoding);
      expect(headers.get("content-encoding")).toBeNull();
      expect(sent.equals(page)).toBe(true);
      expect(headers.get("content-length")).toBe(String(page.length));
    }
  });

  it("leaves a body under 1 KB uncompressed, like the middleware's threshold", async () => {
    const small = Buffer.from("<p>ok</p>");
    const { sent, headers } = await encoded("gzip, br", small);
    expect(headers.get("content-encoding")).toBeNull();
    expect(sent.equals(small)).toBe(true);
  });

  it("always tells caches that the body depends on Accept-Encoding", async () => {
    for (const acceptEncoding of [null, "gzip"]) {
      expect((await encoded(acceptEncoding)).headers.get("vary")).toBe("Accept-Encoding");
    }
  });
});
