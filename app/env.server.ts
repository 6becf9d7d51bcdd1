import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL deve iniziare con postgresql:// (must start with postgresql://)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default("./data"),
  SESSION_SECRET: z
    .string()
    .min(32, "SESSION_SECRET deve avere almeno 32 caratteri (must be at least 32 characters)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SEED_DEMO: booleanFlag,
  APP_ORIGIN: z.string().url().optional(),
  TRUST_PROXY: booleanFlag,
  MAP_TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z.string().default("© OpenStreetMap contributors"),
});

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string; databaseKind: "embedded" | "postgres" };

export class EnvError extends Error {}

/** Parses and checks the environment once per process; throws EnvError with every problem listed. */
export function getEnv(): Env {
  const cache = globalThis as unknown as { __twbEnv?: Env };
  if (cache.__twbEnv) return cache.__twbEnv;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Configurazione non valida (invalid environment):\n${problems.join("\n")}`);
  }
  const values = parsed.data;
  if (values.NODE_ENV === "production" && !values.SESSION_SECRET) {
    throw new EnvError(
      "SESSION_SECRET è obbligatorio in produzione (SESSION_SECRET is required when NODE_ENV=production).\n" +
        "  Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"",
    );
  }
  const env: Env = {
    ...values,
    SESSION_SECRET: values.SESSION_SECRET ?? developmentSessionSecret(values.DATA_DIR),
    databaseKind: values.DATABASE_URL ? "postgres" : "embedded",
  };
  cache.__twbEnv = env;
  return env;
}

/**
 * Outside production a secret is generated once and kept in DATA_DIR, so that sessions survive a
 * restart of `npm start` without asking a newcomer to configure anything.
 */
function developmentSessionSecret(dataDir: string): string {
  if (dataDir.startsWith("memory://")) return randomBytes(32).toString("hex");
  const file = path.resolve(dataDir, ".session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Values the browser may see: nothing secret goes here. */
export function getPublicEnv() {
  const env = getEnv();
  return { MAP_TILE_URL: env.MAP_TILE_URL, MAP_TILE_ATTRIBUTION: env.MAP_TILE_ATTRIBUTION };
}
export type PublicEnv = ReturnType<typeof getPublicEnv>;
