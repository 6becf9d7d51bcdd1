import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../../server/app";
import { createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("one process, one port", () => {
  it("answers /healthz with the database it runs on", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "embedded" });
  });

  it("serves the Italian home page with the areas in the navigation", async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="it"');
    for (const area of ["Laboratori", "Sessioni", "Buone prassi", "Catalogo e mappa", "Convenzioni", "Gruppi d&#x27;acquisto", "Mutuo aiuto", "Cooperativa"]) {
      expect(html).toContain(area);
    }
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("sends a page whole: compressed once, with its length, and the same page to every client", async () => {
    const raw = (acceptEncoding?: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${server.url}/catalogo?q=doposcuola`, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
    const plain = await raw();
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-length"]).toBe(String(plain.body.length));
    const gzipped = await raw("gzip");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers["content-length"]).toBe(String(gzipped.body.length));
    expect(gzipped.headers["transfer-encoding"]).toBeUndefined();
    expect(gzipped.headers.vary).toBe("Accept-Encoding");
    expect(gunzipSync(gzipped.body).toString()).toBe(plain.body.toString());
    expect(plain.body.toString()).toContain("Doposcuola");
    expect((await raw("gzip, deflate, br")).headers["content-encoding"]).toBe("br");
  });

  it("switches to English and back", async () => {
    const response = await fetch(`${server.url}/lingua`, {
      method: "POST",
      body: new URLSearchParams({ locale: "en", redirectTo: "/organizzazioni" }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/organizzazioni");
    const cookie = response.headers.get("set-cookie")!.split(";")[0];
    const page = await (await fetch(`${server.url}/organizzazioni`, { headers: { cookie } })).text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain("The network&#x27;s organizations");
  });

  it("gives real 404 and 403 statuses", async () => {
    expect((await fetch(`${server.url}/non-esiste`)).status).toBe(404);
    const member = await createTestUser();
    const cookie = await loginCookie(server.url, member.email, TEST_PASSWORD);
    expect((await fetch(`${server.url}/admin/registro`, { headers: { cookie } })).status).toBe(403);
    expect((await fetch(`${server.url}/persone`, { headers: { cookie } })).status).toBe(200);
  });
});

describe("login over HTTP", () => {
  it("sets an httpOnly, SameSite=Lax session cookie and refuses wrong passwords with 401", async () => {
    const person = await createTestUser();
    const ok = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: person.email, password: TEST_PASSWORD }),
      redirect: "manual",
    });
    expect(ok.status).toBe(302);
    const cookie = ok.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const wrong = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: person.email, password: "wrong-password" }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Email o password non corretti.");
  });

  it("locks an account out from an address after repeated failures, with 429 and the same wording for unknown emails", async () => {
    const person = await createTestUser();
    const attempt = (password: string) =>
      fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email: person.email, password }), redirect: "manual" });
    for (let index = 0; index < 5; index++) expect((await attempt("wrong-password")).status).toBe(401);
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Troppi tentativi");
  });

  it("sends people back to login from member pages, keeping where they were going", async () => {
    const response = await fetch(`${server.url}/persone?q=ada`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fpersone%3Fq%3Dada");
  });
});
