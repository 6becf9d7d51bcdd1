// How `npm run serve` (and `npm start`, after its build) runs the server, as package.json says:
// tests and benchmarks that start the server as its own process start it the same way.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageJson = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../package.json");

/** What the `serve` script hands tsx: the Node flags, then the server's entry file. */
export function serveScriptArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(packageJson, "utf8")) as { scripts: Record<string, string> };
  return scripts.serve.split(/\s+/).slice(1);
}

/** The Node flags of the `serve` script. */
export function serveNodeFlags(): string[] {
  return serveScriptArguments().filter((argument) => argument.startsWith("--"));
}
