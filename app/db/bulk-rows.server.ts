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
  const encoded = rows.map((row, index) => {
    if (row.length !== columns.length) throw new Error(`row ${index} has ${row.length} values for ${columns.length} columns`);
    return row.map((value, column) => fieldBytes(columns[column], value, index));
  });
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

function fieldBytes(column: BulkColumn, value: BulkValue, row: number): Uint8Array {
  switch (column.type) {
    case "int8": {
      if (typeof value !== "bigint") throw typeMismatch(column, value, row);
      const bytes = Buffer.alloc(INT8_BYTES);
      bytes.writeBigInt64BE(value);
      return bytes;
    }
    case "text":
      if (typeof value !== "string") throw typeMismatch(column, value, row);
      return Buffer.from(value, "utf8");
    case "bytea":
      if (!(value instanceof Uint8Array)) throw typeMismatch(column, value, row);
      return value;
  }
}

/** The same rows as one INSERT of escaped literals (no bind parameters, as executeRawStatement wants). */
export function insertStatement(table: string, columns: readonly BulkColumn[], rows: ReadonlyArray<readonly BulkValue[]>): string {
  const values = rows.map((row, index) => {
    if (row.length !== columns.length) throw new Error(`row ${index} has ${row.length} values for ${columns.length} columns`);
    return `(${row.map((value, column) => literal(columns[column], value, index)).join(", ")})`;
  });
  return `INSERT INTO ${table} (${columns.map((column) => column.name).join(", ")}) VALUES ${values.join(",")}`;
}

/** The COPY statement that reads binaryCopyData's output from PGlite's '/dev/blob'. */
export function copyFromBlobStatement(table: string, columns: readonly BulkColumn[]): string {
  return `COPY ${table} (${columns.map((column) => column.name).join(", ")}) FROM '/dev/blob' WITH (FORMAT binary)`;
}

function literal(column: BulkColumn, value: BulkValue, row: number): string {
  switch (column.type) {
    case "int8":
      if (typeof value !== "bigint") throw typeMismatch(column, value, row);
      return value.toString();
    case "text":
      if (typeof value !== "string") throw typeMismatch(column, value, row);
      return pg.escapeLiteral(value);
    case "bytea":
      if (!(value instanceof Uint8Array)) throw typeMismatch(column, value, row);
      // Hex format: only [0-9a-f] inside the quotes, nothing to escape.
      return `'\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}'::bytea`;
  }
}

function typeMismatch(column: BulkColumn, value: BulkValue, row: number): Error {
  const got = value instanceof Uint8Array ? "bytes" : typeof value;
  return new TypeError(`row ${row}: column ${column.name} is ${column.type}, got ${got}`);
}
