// Many rows into one table in one statement, for the hottest write there is (the collaboration
// log: every edit). On the embedded database the rows travel as PostgreSQL's binary COPY format
// (COPY ... FROM '/dev/blob'): PGlite then neither parses nor hex-decodes them, which costs its
// thread about a quarter less per row than an INSERT of the same rows as literals (bench:collab,
// README session 17). A PostgreSQL server gets that INSERT: COPY needs a streaming client there,
// and its log writes were never the bottleneck.
import pg from "pg";

/** The column types bulk rows may hold, as PostgreSQL names them. */
export type BulkColumnType = "int8" | "text" | "bytea";

/** A target column: its quoted or plain SQL name and its type. */
export type BulkColumn = { name: string; type: BulkColumnType };

/** One value per column, in column order: int8 as bigint, text as string, bytea as bytes. */
export type BulkValue = bigint | string | Uint8Array;

// "PGCOPY\n\xff\r\n\0", then 32-bit flags (0: no OIDs) and a 32-bit header-extension length (0).
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = SIGNATURE.length + 8;
const TRAILER_BYTES = 2;
const INT8_BYTES = 8;

/**
 * The rows in PostgreSQL's binary COPY format: the header, per row its field count and each field
 * as a 32-bit length and its bytes (int8 big-endian, text as UTF-8, bytea as is), then -1. Throws
 * if a value does not match its column's type or a row has the wrong number of values.
 */
export function binaryCopyData(columns: readonly BulkColumn[], rows: ReadonlyArray<readonly BulkValue[]>): Uint8Array<ArrayBuffer> {
  checkRows(columns, rows);
  const encoded = rows.map((row) => row.map((value, column) => fieldBytes(columns[column].type, value)));
  let size = HEADER_BYTES + TRAILER_BYTES;
  for (const fields of encoded) {
    size += 2;
    for (const field of fields) size += 4 + field.byteLength;
  }
  const data = Buffer.alloc(size);
  data.set(SIGNATURE, 0);
  let offset = HEADER_BYTES;
  for (const fields of encoded) {
    offset = data.writeInt16BE(fields.length, offset);
    for (const field of fields) {
      offset = data.writeInt32BE(field.byteLength, offset);
      data.set(field, offset);
      offset += field.byteLength;
    }
  }
  data.writeInt16BE(-1, offset);
  return data;
}

// For values checkRows has matched with their column's type.
function fieldBytes(type: BulkColumnType, value: BulkValue): Uint8Array {
  switch (type) {
    case "int8": {
      const bytes = Buffer.alloc(INT8_BYTES);
      bytes.writeBigInt64BE(value as bigint);
      return bytes;
    }
    case "text":
      return Buffer.from(value as string, "utf8");
    case "bytea":
      return value as Uint8Array;
  }
}

/** The same rows as one INSERT of escaped literals (no bind parameters, as executeRawStatement wants). */
export function insertStatement(table: string, columns: readonly BulkColumn[], rows: ReadonlyArray<readonly BulkValue[]>): string {
  checkRows(columns, rows);
  const values = rows.map((row) => `(${row.map((value, column) => literal(columns[column].type, value)).join(", ")})`);
  return `INSERT INTO ${table} (${columns.map((column) => column.name).join(", ")}) VALUES ${values.join(",")}`;
}

/** The COPY statement that reads binaryCopyData's output from PGlite's '/dev/blob'. */
export function copyFromBlobStatement(table: string, columns: readonly BulkColumn[]): string {
  return `COPY ${table} (${columns.map((column) => column.name).join(", ")}) FROM '/dev/blob' WITH (FORMAT binary)`;
}

// For values checkRows has matched with their column's type.
function literal(type: BulkColumnType, value: BulkValue): string {
  switch (type) {
    case "int8":
      return (value as bigint).toString();
    case "text":
      return pg.escapeLiteral(value as string);
    case "bytea": {
      // Hex format: only [0-9a-f] inside the quotes, nothing to escape.
      const bytes = value as Uint8Array;
      return `'\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}'::bytea`;
    }
  }
}

const matchesType: Record<BulkColumnType, (value: BulkValue) => boolean> = {
  int8: (value) => typeof value === "bigint",
  text: (value) => typeof value === "string",
  bytea: (value) => value instanceof Uint8Array,
};

/** Throws, naming the row and column, unless every row has one value of its column's type per column. */
function checkRows(columns: readonly BulkColumn[], rows: ReadonlyArray<readonly BulkValue[]>) {
  rows.forEach((row, index) => {
    if (row.length !== columns.length) throw new Error(`row ${index} has ${row.length} values for ${columns.length} columns`);
    row.forEach((value, column) => {
      const { name, type } = columns[column];
      if (matchesType[type](value)) return;
      const got = value instanceof Uint8Array ? "bytes" : typeof value;
      throw new TypeError(`row ${index}: column ${name} is ${type}, got ${got}`);
    });
  });
}
