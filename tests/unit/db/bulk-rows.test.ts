import { describe, expect, it } from "vitest";
import { binaryCopyData, copyFromBlobStatement, insertStatement, type BulkColumn } from "~/db/bulk-rows.server";

const COLUMNS: BulkColumn[] = [
  { name: "id", type: "int8" },
  { name: `"name"`, type: "text" },
  { name: `"data"`, type: "bytea" },
];

describe("binaryCopyData", () => {
  it("writes PostgreSQL's binary COPY header, each row's fields with their lengths, and the trailer", () => {
    const data = Buffer.from(binaryCopyData(COLUMNS, [[-2n, "è", new Uint8Array([0, 255])]]));
    const expected = Buffer.concat([
      Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"),
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]),
      Buffer.from([0, 3]),
      Buffer.from([0, 0, 0, 8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]),
      Buffer.from([0, 0, 0, 2, 0xc3, 0xa8]),
      Buffer.from([0, 0, 0, 2, 0, 255]),
      Buffer.from([0xff, 0xff]),
    ]);
    expect(data.equals(expected)).toBe(true);
  });

  it("encodes no rows as the header and the trailer alone", () => {
    expect(binaryCopyData(COLUMNS, []).byteLength).toBe(19 + 2);
  });

  it("refuses a value of the wrong type or a row of the wrong width, naming the row and column", () => {
    expect(() => binaryCopyData(COLUMNS, [[1n, "a", new Uint8Array()], ["1", "b", new Uint8Array()]])).toThrow("row 1: column id is int8, got string");
    expect(() => binaryCopyData(COLUMNS, [[1n, new Uint8Array(), new Uint8Array()]])).toThrow('column "name" is text, got bytes');
    expect(() => binaryCopyData(COLUMNS, [[1n, "a"]])).toThrow("row 0 has 2 values for 3 columns");
  });
});

describe("insertStatement", () => {
  it("writes escaped literals and hex bytea, with no bind parameters", () => {
    expect(insertStatement(`"t"`, COLUMNS, [[7n, "l'uno", new Uint8Array([1, 171])], [8n, "b\\c", new Uint8Array()]])).toBe(
      `INSERT INTO "t" (id, "name", "data") VALUES (7, 'l''uno', '\\x01ab'::bytea),(8,  E'b\\\\c', '\\x'::bytea)`,
    );
  });

  it("refuses a value of the wrong type", () => {
    expect(() => insertStatement(`"t"`, COLUMNS, [[1n, "a", "not bytes"]])).toThrow('row 0: column "data" is bytea, got string');
  });
});

describe("copyFromBlobStatement", () => {
  it("reads the listed columns in binary format from PGlite's blob device", () => {
    expect(copyFromBlobStatement(`"t"`, COLUMNS)).toBe(`COPY "t" (id, "name", "data") FROM '/dev/blob' WITH (FORMAT binary)`);
  });
});
