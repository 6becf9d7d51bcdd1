import { describe, expect, it } from "vitest";
import { executeRawStatement, queryPreparedRows, queryRawRows } from "~/db.server";

describe("raw queries on the driver", () => {
  it("a prepared statement answers like a plain one, run after run, with each run's parameters", async () => {
    await executeRawStatement(`CREATE TABLE raw_query_probe (id int PRIMARY KEY, label text NOT NULL)`);
    await executeRawStatement(`INSERT INTO raw_query_probe SELECT g, 'riga ' || g FROM generate_series(1, 50) g`);
    const sql = `SELECT id, label FROM raw_query_probe WHERE id = ANY($1::int[]) ORDER BY id`;
    // More than five runs: PostgreSQL may then switch a prepared statement to a generic plan.
    for (let run = 1; run <= 12; run += 1) {
      const ids = `{${run},${run + 10},${run + 30}}`;
      const prepared = await queryPreparedRows<{ id: number; label: string }>(sql, [ids]);
      expect(prepared).toEqual(await queryRawRows(sql, [ids]));
      expect(prepared.map((row) => row.label)).toEqual([`riga ${run}`, `riga ${run + 10}`, `riga ${run + 30}`]);
    }
  });

  it("keeps statements of different text apart, and reports their errors like plain queries", async () => {
    const [one] = await queryPreparedRows<{ value: string }>(`SELECT $1::text AS value`, ["uno"]);
    const [two] = await queryPreparedRows<{ value: number }>(`SELECT length($1::text) AS value`, ["uno"]);
    expect(one.value).toBe("uno");
    expect(Number(two.value)).toBe(3);
    await expect(queryPreparedRows(`SELECT $1::int AS value`, ["non un numero"])).rejects.toThrow(/invalid input syntax/);
    const [after] = await queryPreparedRows<{ value: number }>(`SELECT $1::int AS value`, ["7"]);
    expect(Number(after.value)).toBe(7);
  });
});
