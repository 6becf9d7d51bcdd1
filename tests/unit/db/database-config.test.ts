import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { databaseKind } from "~/db.server";
import { lockDataDirectory } from "~/db/pglite.server";

describe("database selection", () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("uses PostgreSQL for a postgresql:// DATABASE_URL and the embedded database otherwise", () => {
    process.env.DATABASE_URL = "postgresql://app@db.example:5432/twb";
    expect(databaseKind()).toBe("postgres");
    process.env.DATABASE_URL = "postgres://app@db.example/twb";
    expect(databaseKind()).toBe("postgres");
    delete process.env.DATABASE_URL;
    expect(databaseKind()).toBe("embedded");
    process.env.DATABASE_URL = "  ";
    expect(databaseKind()).toBe("embedded");
  });

  it("refuses a DATABASE_URL that is not PostgreSQL, without echoing it", () => {
    process.env.DATABASE_URL = "mysql://root:secret@db.example/twb";
    expect(() => databaseKind()).toThrow(/DATABASE_URL must be a PostgreSQL URL.*"mysql:\/\/…"/);
    expect(() => databaseKind()).not.toThrow(/secret/);
    process.env.DATABASE_URL = "not a url";
    expect(() => databaseKind()).toThrow(/DATABASE_URL is not a valid URL/);
  });
});

describe("embedded data directory lock", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "twb-lock-"));
    dirs.push(dir);
    return path.join(dir, "pglite");
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("writes the pid and removes the lock on release", () => {
    const dataDir = tempDir();
    const release = lockDataDirectory(dataDir);
    expect(readFileSync(`${dataDir}.lock`, "utf8").trim()).toBe(String(process.pid));
    expect(() => lockDataDirectory(dataDir)).toThrow(/still open or closing in this process/);
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    lockDataDirectory(dataDir)();
  });

  it("refuses a folder locked by another live process", () => {
    const dataDir = tempDir();
    writeFileSync(`${dataDir}.lock`, `${process.ppid}\n`);
    expect(() => lockDataDirectory(dataDir)).toThrow(new RegExp(`in use by another process \\(pid ${process.ppid}\\)`));
  });

  it("takes over a lock left by a process that is gone", () => {
    const dataDir = tempDir();
    // Pid numbers are below 2^22 on Linux: this one cannot be running.
    writeFileSync(`${dataDir}.lock`, "99999999\n");
    const release = lockDataDirectory(dataDir);
    expect(readFileSync(`${dataDir}.lock`, "utf8").trim()).toBe(String(process.pid));
    release();
  });
});
