// insertBulkRows on the test database: a binary COPY on PGlite, an INSERT of literals on PostgreSQL.
// Both must store exactly what they were given, whatever the bytes and characters.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRawStatement, insertBulkRows, queryRawRows } from "~/db.server";
import type { BulkColumn, BulkValue } from "~/db/bulk-rows.server";

const table = `"bulk_rows_${randomUUID().replaceAll("-", "")}"`;
const COLUMNS: BulkColumn[] = [
  { name: "id", type: "int8" },
  { name: "label", type: "text" },
  { name: "data", type: "bytea" },
];

beforeAll(async () => {
  await executeRawStatement(`CREATE TABLE ${table} (id bigint PRIMARY KEY, label text NOT NULL, data bytea NOT NULL, added timestamptz NOT NULL DEFAULT now())`);
});

afterAll(async () => {
  await executeRawStatement(`DROP TABLE IF EXISTS ${table}`);
});

async function storedRows() {
  const rows = await queryRawRows<{ id: string; label: string; data: string }>(`SELECT id::text AS id, label, encode(data, 'base64') AS data FROM ${table} ORDER BY ${table}.id`);
  return rows.map((row) => [BigInt(row.id), row.label, new Uint8Array(Buffer.from(row.data, "base64"))]);
}

describe("insertBulkRows", () => {
  it("stores every row as given: extreme ids, quotes, backslashes, accents, emoji, empty and binary bytes", async () => {
    const rows: BulkValue[][] = [
      [-(2n ** 63n), "l'ultimo \\ \"quoted\"", new Uint8Array()],
      [2n ** 63n - 1n, "perché 🧩 \u0001", new Uint8Array([0, 0, 255, 92, 39])],
      ...Array.from({ length: 200 }, (_, index): BulkValue[] => [BigInt(index), `proposal:${randomUUID()}`, new Uint8Array(randomBytes(index * 7))]),
    ];
    await insertBulkRows(table, COLUMNS, rows);
    const sorted = [...rows].sort((a, b) => ((a[0] as bigint) < (b[0] as bigint) ? -1 : 1));
    expect(await storedRows()).toEqual(sorted);
    const [{ defaulted }] = await queryRawRows<{ defaulted: number }>(`SELECT count(*)::int AS defaulted FROM ${table} WHERE added IS NOT NULL`);
    expect(defaulted).toBe(rows.length);
  });

  it("writes all rows or none: a duplicate key fails the whole statement and leaves the table as it was", async () => {
    const before = await storedRows();
    await expect(
      insertBulkRows(table, COLUMNS, [
        [10_000n, "new", new Uint8Array([1])],
        [0n, "duplicate of an existing id", new Uint8Array([2])],
      ]),
    ).rejects.toThrow(/duplicate key/);
    expect(await storedRows()).toEqual(before);
  });

  it("refuses a value of the wrong type before anything reaches the database", async () => {
    const before = await storedRows();
    await expect(insertBulkRows(table, COLUMNS, [[20_000n, 42 as unknown as string, new Uint8Array()]])).rejects.toThrow("column label is text, got number");
    expect(await storedRows()).toEqual(before);
  });

  it("does nothing for no rows", async () => {
    const before = await storedRows();
    await insertBulkRows(table, COLUMNS, []);
    expect(await storedRows()).toEqual(before);
  });
});
