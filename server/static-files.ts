import { readdirSync } from "node:fs";
import express, { type RequestHandler } from "express";

/**
 * The built client's top-level files (favicon…), cached for an hour. Only a path whose first
 * segment exists in the build reaches the file system: every page request would otherwise cost
 * a `stat` of a file that is never there.
 */
export function serveTopLevelFiles(clientDir: string): RequestHandler {
  const files = express.static(clientDir, { maxAge: "1h" });
  const names = new Set(readdirSync(clientDir));
  return (request, response, next) => {
    const first = request.path.split("/")[1] ?? "";
    if (!names.has(first) && !names.has(safelyDecoded(first))) return next();
    return files(request, response, next);
  };
}

function safelyDecoded(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
