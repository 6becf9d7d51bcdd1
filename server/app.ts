import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import { constants } from "node:zlib";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { databaseKind, disconnectDatabase, migrateDatabase, pingDatabase, prisma } from "~/db.server";
import { getEnv } from "~/env.server";
import { RESPONSE_COMPRESSION } from "~/utils/page-encoding.server";
import { seedNetwork, wantsDemoAccounts } from "../prisma/seed/seed";
import { createCollaboration, flushCollaboration } from "./collab/hocuspocus";
import { followAccessChanges } from "./collab/access";
import { serveLiveDocuments } from "./collab/live-documents";
import { createCollabUpgradeHandler } from "./collab/upgrade";
import { serveTopLevelFiles } from "./static-files";
import { serveSessionRooms } from "./realtime/session-rooms";
import { createRealtime } from "./realtime/socket";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as Express sees it (TRUST_PROXY decides whether X-Forwarded-For counts). */
    clientAddress: string;
  }
}

export type StartOptions = {
  port?: number;
  host?: string;
  /** Serve the app through Vite (hot reload) instead of the built files in build/. */
  dev?: boolean;
  log?: (line: string) => void;
};

export type RunningServer = {
  url: string;
  httpServer: HttpServer;
  /** Stops accepting, flushes collaborative documents, closes every connection and the database. */
  close: () => Promise<void>;
};

const PROJECT_ROOT = process.cwd();

async function remixBuild(dev: boolean, httpServer: HttpServer) {
  if (!dev) {
    const buildFile = path.join(PROJECT_ROOT, "build/server/index.js");
    // The build itself, not a function returning it: given a function, Remix rebuilds its route
    // tables and request handler on every request (meant for development's reloads).
    const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
    return { build, vite: undefined };
  }
  const { createServer: createViteServer } = await import("vite");
  const vite = await createViteServer({ server: { middlewareMode: true, hmr: { server: httpServer } } });
  return { build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>, vite };
}

/** Starts the whole app on one port: web pages, /healthz, /collab (Hocuspocus) and /socket.io/. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = getEnv();
  const log = options.log ?? ((line: string) => console.log(line));
  const dev = options.dev ?? false;

  const { applied } = await migrateDatabase();
  if (applied.length > 0) log(`Migrazioni applicate: ${applied.join(", ")}`);
  await seedNetwork(prisma, { demo: wantsDemoAccounts(env) });

  const app = express();
  const httpServer = createServer(app);
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  // The settings the entry uses for whole pages (app/utils/page-encoding.server.ts); pages arrive
  // here already encoded and pass through.
  app.use(
    compression({
      level: RESPONSE_COMPRESSION.zlibLevel,
      threshold: RESPONSE_COMPRESSION.thresholdBytes,
      brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: RESPONSE_COMPRESSION.brotliQuality } },
    }),
  );
  app.use((_request, response, next) => {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("X-Frame-Options", "DENY");
    next();
  });

  app.get("/healthz", async (_request, response) => {
    const ok = await pingDatabase();
    response.status(ok ? 200 : 503).json({ status: ok ? "ok" : "error", database: databaseKind() });
  });

  const { build, vite } = await remixBuild(dev, httpServer);
  if (vite) {
    app.use(vite.middlewares);
  } else {
    const client = path.join(PROJECT_ROOT, "build/client");
    app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(serveTopLevelFiles(client));
  }
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (request) => ({ clientAddress: request.ip ?? request.socket.remoteAddress ?? "unknown" }),
    }),
  );

  const hocuspocus = createCollaboration();
  const stopFollowingAccess = followAccessChanges(hocuspocus);
  const stopServingLiveDocuments = serveLiveDocuments(hocuspocus);
  const collab = createCollabUpgradeHandler(hocuspocus, env.APP_ORIGIN);
  const io = createRealtime(httpServer, env.APP_ORIGIN);
  const sessionRooms = serveSessionRooms(io);
  httpServer.on("upgrade", (request, socket, head) => {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    if (pathname === "/collab") return collab.handleUpgrade(request, socket, head);
    // socket.io and, in development, Vite's hot reload answer their own upgrades.
    if (pathname.startsWith("/socket.io/") || (dev && pathname === "/__vite_hmr")) return;
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
  });

  const port = options.port ?? env.PORT;
  const host = options.host ?? env.HOST;
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  const url = `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host}:${boundPort}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      stopFollowingAccess();
      stopServingLiveDocuments();
      await flushCollaboration(hocuspocus);
      await collab.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Commands already accepted are saved before the database closes.
      await sessionRooms.close();
      httpServer.closeAllConnections();
      await stopped;
      await vite?.close();
      await disconnectDatabase();
    })());

  return { url, httpServer, close };
}
