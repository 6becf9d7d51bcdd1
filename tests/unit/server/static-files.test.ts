import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveTopLevelFiles } from "../../../server/static-files";

describe("serveTopLevelFiles", () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "twb-static-"));
    writeFileSync(path.join(dir, "favicon.svg"), "<svg/>");
    mkdirSync(path.join(dir, "img"));
    writeFileSync(path.join(dir, "img", "logo un.svg"), "<svg id='logo'/>");
    const app = express();
    app.use(serveTopLevelFiles(dir));
    app.use((request, response) => {
      response.status(404).type("text").send(`app: ${request.path}`);
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the build's top-level files and folders with an hour of caching", async () => {
    const favicon = await fetch(`${base}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expect(await favicon.text()).toBe("<svg/>");
    expect(favicon.headers.get("cache-control")).toBe("public, max-age=3600");
    const nested = await fetch(`${base}/img/logo%20un.svg`);
    expect(await nested.text()).toBe("<svg id='logo'/>");
  });

  it("hands every other path to the app", async () => {
    for (const pathname of ["/catalogo", "/", "/favicon.svgx", "/%E0%A4%A"]) {
      const response = await fetch(`${base}${pathname}`);
      expect(response.status, pathname).toBe(404);
      expect(await response.text()).toMatch(/^app: /);
    }
  });

  it("does not serve files outside the folder", async () => {
    const response = await fetch(`${base}/img/..%2F..%2Fetc%2Fpasswd`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("root:");
  });
});
