// Prisma's schema engine compiled to WebAssembly, driven through a driver adapter. The Prisma 7 CLI
// would download a native engine from a host these machines cannot reach; this is the engine the
// CLI itself uses with driver adapters (prisma/prisma packages/migrate/src/SchemaEngineWasm.ts).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

export type { SchemaEngine };

type Runtime = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

// wasm-bindgen keeps the instance in module state of schema_engine_bg.js, which Node loads once per
// process, while this file may be evaluated several times (Remix build, custom server, Vite's SSR
// loader, each vitest file). Instantiating twice would swap the memory under live engines, so the
// one-time initialisation is recorded on globalThis.
const RUNTIME_KEY = Symbol.for("twb.db.schemaEngineRuntime");
type GlobalWithRuntime = typeof globalThis & { [RUNTIME_KEY]?: Promise<Runtime> };

function loadRuntime(): Promise<Runtime> {
  const g = globalThis as GlobalWithRuntime;
  g[RUNTIME_KEY] ??= instantiateRuntime().catch((error: unknown) => {
    delete g[RUNTIME_KEY];
    throw new Error(`Could not load Prisma's WebAssembly schema engine: ${describe(error)}`, { cause: error });
  });
  return g[RUNTIME_KEY];
}

async function instantiateRuntime(): Promise<Runtime> {
  // The package entry imports the .wasm file as an ES module, which Node cannot do; wire the
  // wasm-bindgen glue (schema_engine_bg.js) to the compiled module by hand instead.
  // createRequire because import.meta.resolve throws inside vitest.
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const runtime: Runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const module = await WebAssembly.compile(await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm")));

  const imports: WebAssembly.ModuleImports = { ...(runtime as unknown as WebAssembly.ModuleImports) };
  for (const name of Object.keys(imports)) {
    if (!name.startsWith("__wbg_setTimeout_")) continue;
    // The engine's timers race database calls and are never cleared; they must not keep a
    // script alive after its work is done.
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms >>> 0);
      timer.unref();
      return timer;
    };
  }
  const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": imports });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime;
}

interface EngineLogLine {
  level?: string;
  fields?: { message?: string };
}

function logEngineLine(line: string) {
  let parsed: EngineLogLine;
  try {
    parsed = JSON.parse(line) as EngineLogLine;
  } catch {
    parsed = { level: "INFO", fields: { message: line } };
  }
  const level = parsed.level ?? "INFO";
  if (level === "WARN" || level === "ERROR") {
    console.warn(`[schema-engine] ${level}: ${parsed.fields?.message ?? line}`);
  } else if (process.env.DEBUG?.includes("schema-engine")) {
    console.debug(`[schema-engine] ${line}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `work` with a schema engine connected through `factory`, then frees the engine. Errors that
 * a JavaScript driver raised are reported with their original message.
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const runtime = await loadRuntime();
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  let engine: SchemaEngine;
  try {
    engine = await runtime.SchemaEngine.new({ datamodels: undefined }, logEngineLine, adapter);
  } catch (error) {
    throw engineError(error, adapter.errorRegistry);
  }
  try {
    return await work(engine);
  } catch (error) {
    throw engineError(error, adapter.errorRegistry);
  } finally {
    engine.free();
  }
}

interface ErrorRegistryLike {
  consumeError?(id: number): { error: unknown } | undefined;
}

/**
 * The engine reports JavaScript errors (anything but a database error) as "GenericJs" with an id
 * into the adapter's registry; bring the original error back so the message says what happened.
 */
function engineError(error: unknown, registry: unknown): Error {
  const message = describe(error);
  const id = /GenericJs[^0-9]*(\d+)/.exec(message)?.[1];
  const original = id !== undefined ? (registry as ErrorRegistryLike).consumeError?.(Number(id))?.error : undefined;
  if (original !== undefined) return new Error(describe(original), { cause: original });
  return error instanceof Error ? error : new Error(message);
}
