// The snapshot + log storage of collaborative documents (app/models/collab-document.server.ts) and
// the persistence extension on a real Hocuspocus instance, against the test database.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { prisma, queryRawRows } from "~/db.server";
import {
  appendDocumentUpdates,
  compactDocument,
  loadDocumentState,
  loadDocumentUpdates,
  loadStoredDocument,
  vacuumDocumentStorage,
} from "~/models/collab-document.server";
import { Hocuspocus } from "@hocuspocus/server";
import { createCollaboration, flushCollaboration } from "../../../server/collab/hocuspocus";
import { DurablePersistence } from "../../../server/collab/persistence";

/** A replica whose every update is collected, as the server would log them. */
function recordingReplica() {
  const document = new Y.Doc();
  const updates: Uint8Array[] = [];
  document.on("update", (update: Uint8Array) => updates.push(update));
  return { document, text: document.getText("body"), updates, take: () => updates.splice(0) };
}

async function append(name: string, updates: Uint8Array[]) {
  await appendDocumentUpdates(updates.map((update) => ({ documentName: name, update })));
}

async function textOf(name: string): Promise<string> {
  const state = await loadDocumentState(name);
  const document = new Y.Doc();
  if (state) Y.applyUpdate(document, state);
  return document.getText("body").toString();
}

describe("snapshot + log", () => {
  it("has no state for a document never written", async () => {
    expect(await loadDocumentState(`storage:${randomUUID()}`)).toBeNull();
  });

  it("reads a document's log in the order of its ids, also across a power of ten (ids read as text sort differently)", async () => {
    const name = `storage:${randomUUID()}`;
    const ids = [999_999_999n, 1_000_000_000n, 1_000_000_001n, 99_999_999_999n];
    for (const id of [...ids].reverse()) {
      await queryRawRows(`INSERT INTO "CollabUpdate" (id, "documentName", "update") VALUES ($1, $2, '\\x00')`, [id.toString(), name]);
    }
    expect((await loadDocumentUpdates(name)).map((row) => row.id)).toEqual(ids);
    expect((await loadDocumentUpdates(name, { take: 2 })).map((row) => row.id)).toEqual(ids.slice(0, 2));
    await queryRawRows(`DELETE FROM "CollabUpdate" WHERE "documentName" = $1`, [name]);
  });

  it("loads the snapshot and then the log, and compaction folds exactly the rows it read", async () => {
    const name = `storage:${randomUUID()}`;
    const replica = recordingReplica();
    replica.text.insert(0, "Prima parte. ");
    await append(name, replica.take());
    expect((await loadStoredDocument(name)).snapshot).toBeNull();

    const first = await compactDocument(name);
    expect(first).toMatchObject({ compactedRows: 1, skippedIds: [] });
    expect(await loadDocumentUpdates(name)).toEqual([]);

    replica.text.insert(replica.text.length, "Seconda parte.");
    replica.text.delete(0, 6);
    await append(name, replica.take());
    const stored = await loadStoredDocument(name);
    expect(stored.snapshot?.byteLength).toBe(first.snapshotBytes);
    expect(stored.updates).toHaveLength(2);
    expect(await textOf(name)).toBe(replica.text.toString());

    const second = await compactDocument(name);
    expect(second.compactedRows).toBe(2);
    expect(await loadDocumentUpdates(name)).toEqual([]);
    expect(await textOf(name)).toBe(replica.text.toString());
    expect(await compactDocument(name)).toMatchObject({ compactedRows: 0, snapshotBytes: second.snapshotBytes });
  });

  it("applies rows that repeat the snapshot without duplicating content", async () => {
    const name = `storage:${randomUUID()}`;
    const replica = recordingReplica();
    replica.text.insert(0, "una volta sola");
    const updates = replica.take();
    await append(name, updates);
    await compactDocument(name);
    // The same updates again, as a client that resends after a lost acknowledgement would.
    await append(name, [...updates, Y.encodeStateAsUpdate(replica.document)]);
    expect(await textOf(name)).toBe("una volta sola");
    await compactDocument(name);
    expect(await textOf(name)).toBe("una volta sola");
  });

  it("never loses rows appended while compactions run, in batches of any size and from two module copies", async () => {
    // A second copy of the model module (as the Remix build and the server each load their own)
    // does not share the in-process queue, so its compactions race for real: only the snapshot
    // compare-and-swap keeps them from overwriting each other.
    vi.resetModules();
    const otherCopy = await import("~/models/collab-document.server");
    expect(otherCopy.compactDocument).not.toBe(compactDocument);

    const name = `storage:${randomUUID()}`;
    const replica = recordingReplica();
    const mine: Promise<unknown>[] = [];
    const theirs: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      replica.text.insert(replica.text.length, `${i} `);
      if (i % 7 === 0) replica.text.delete(0, 1);
      await append(name, replica.take());
      if (i % 20 === 0) {
        mine.push(compactDocument(name, { batchRows: 1 + (i % 40) }), compactDocument(name));
        theirs.push(otherCopy.compactDocument(name, { batchRows: 3 }));
      }
    }
    const [ours, others] = await Promise.all([Promise.allSettled(mine), Promise.allSettled(theirs)]);
    // Giving up after repeated conflicts is safe (the rows stay in the log); any other failure is not,
    // and both sides must have made progress.
    for (const outcome of [...ours, ...others]) {
      if (outcome.status === "rejected") expect(String(outcome.reason)).toContain("snapshot kept changing");
    }
    expect(ours.some((outcome) => outcome.status === "fulfilled")).toBe(true);
    expect(others.some((outcome) => outcome.status === "fulfilled")).toBe(true);
    expect(await textOf(name)).toBe(replica.text.toString());

    await compactDocument(name, { batchRows: 7 });
    expect(await loadDocumentUpdates(name)).toEqual([]);
    expect(await textOf(name)).toBe(replica.text.toString());
  });

  it("names the ids of appended rows itself, distinct from each other and from rows inserted with the column default", async () => {
    const names = [`storage:${randomUUID()}`, `storage:${randomUUID()}`];
    const replica = recordingReplica();
    const appended = [];
    for (let round = 0; round < 3; round++) {
      const batch = Array.from({ length: 700 }, (_, index) => {
        replica.text.insert(replica.text.length, String(index % 10));
        return { documentName: names[index % 2], update: replica.take()[0] };
      });
      appended.push(...(await appendDocumentUpdates(batch)));
      // Between blocks, a row written by something else takes the sequence's next value itself.
      await prisma.collabUpdate.create({ data: { documentName: names[0], update: new Uint8Array(replica.take()[0] ?? [0, 0]) } });
    }
    expect(appended).toHaveLength(2_100);
    expect(appended.map((row) => row.documentName)).toEqual(Array.from({ length: 2_100 }, (_, index) => names[index % 2]));
    expect(new Set(appended.map((row) => row.id)).size).toBe(2_100);
    const stored = await queryRawRows<{ documentName: string; id: string }>(
      `SELECT "documentName", id::text AS id FROM "CollabUpdate" WHERE "documentName" = ANY($1::text[])`,
      [`{${names.join(",")}}`],
    );
    expect(stored).toHaveLength(2_103);
    const storedIds = new Map(stored.map((row) => [BigInt(row.id), row.documentName]));
    expect(storedIds.size).toBe(2_103);
    for (const row of appended) expect(storedIds.get(row.id)).toBe(row.documentName);
    // Concurrent appends share the reserved blocks without handing an id out twice.
    const concurrent = await Promise.all(
      Array.from({ length: 8 }, (_, index) => appendDocumentUpdates([{ documentName: names[1], update: Y.encodeStateAsUpdate(replica.document) }, { documentName: names[index % 2], update: new Uint8Array([0, 0]) }])),
    );
    expect(new Set([...concurrent.flat(), ...appended].map((row) => row.id)).size).toBe(2_116);
    expect(await textOf(names[1])).toBe(replica.text.toString());
  });

  it("does not let a compaction that read fewer rows overwrite a newer snapshot", async () => {
    vi.resetModules();
    const otherCopy = await import("~/models/collab-document.server");
    for (let round = 0; round < 5; round++) {
      const name = `storage:${randomUUID()}`;
      const replica = recordingReplica();
      replica.text.insert(0, "base ");
      await append(name, replica.take());
      await compactDocument(name);
      for (let i = 0; i < 10; i++) {
        replica.text.insert(replica.text.length, `${i} `);
        await append(name, replica.take());
      }
      // Issued together, their reads interleave: the other copy reads all ten rows, this one only
      // five; the other commits first (deleting all ten), so this one must notice the snapshot it
      // merged onto is gone, or rows 5-9 would vanish.
      const outcomes = await Promise.allSettled([otherCopy.compactDocument(name, { batchRows: 10 }), compactDocument(name, { batchRows: 5 })]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled"]);
      expect(await textOf(name)).toBe(replica.text.toString());
    }
  });

  it("skips a poison row with a warning instead of failing the load or the compaction forever", async () => {
    const name = `storage:${randomUUID()}`;
    const replica = recordingReplica();
    replica.text.insert(0, "prima ");
    await append(name, replica.take());
    // Yjs decodes this as an update but throws when applying it.
    const poison = await prisma.collabUpdate.create({
      data: { documentName: name, update: new Uint8Array([1, 1, 141, 224, 162, 182, 12, 0, 132, 141, 224, 162, 182, 12, 4, 6, 32, 119, 111, 114, 108, 100, 0]) },
    });
    replica.text.insert(replica.text.length, "dopo");
    await append(name, replica.take());

    const warn = vi.fn();
    const spy = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      expect(await textOf(name)).toBe("prima dopo");
      const result = await compactDocument(name, { warn });
      expect(result.compactedRows).toBe(3);
      expect(result.skippedIds).toEqual([poison.id]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`log row ${poison.id}`));
      expect(await loadDocumentUpdates(name)).toEqual([]);
      expect(await textOf(name)).toBe("prima dopo");
    } finally {
      spy.mockRestore();
    }
  });

  it("garbage-collects deleted content, so typing and deleting does not grow the snapshot", async () => {
    const name = `storage:${randomUUID()}`;
    const replica = recordingReplica();
    for (let i = 0; i < 50; i++) {
      replica.text.insert(0, "x".repeat(2_000));
      replica.text.delete(0, 2_000);
    }
    const updates = replica.take();
    await append(name, updates);
    const result = await compactDocument(name);
    expect(result.compactedBytes).toBeGreaterThan(100_000);
    expect(result.snapshotBytes).toBeLessThan(1_000);
    expect(await textOf(name)).toBe("");
  });

  it("vacuums the log so new rows reuse the space of compacted ones (measured on the embedded database)", async () => {
    // On PostgreSQL the test files share one database and write to the log concurrently, so only
    // the embedded database, private to this file, gives a table size that this test alone moves.
    const measured = !process.env.DATABASE_URL;
    const logBytes = async () => Number((await queryRawRows<{ bytes: string }>(`SELECT pg_relation_size('"CollabUpdate"')::text AS bytes`))[0].bytes);
    const fillAndCompact = async () => {
      const name = `storage:${randomUUID()}`;
      const replica = recordingReplica();
      for (let i = 0; i < 300; i++) replica.text.insert(0, `${i}`.padEnd(1_000, "x"));
      await append(name, replica.take());
      expect((await compactDocument(name)).compactedRows).toBe(300);
      return name;
    };

    await fillAndCompact();
    const afterFirst = await logBytes();
    await fillAndCompact();
    const withoutVacuum = await logBytes();
    if (measured) expect(withoutVacuum).toBeGreaterThan(afterFirst + 200_000);

    await vacuumDocumentStorage();
    const name = await fillAndCompact();
    if (measured) expect(await logBytes()).toBeLessThanOrEqual(withoutVacuum);
    // The log works as before after a vacuum.
    expect(await textOf(name)).toMatch(/^299x+/);
  });
});

describe("the persistence extension on Hocuspocus", () => {
  it("makes server-side changes (direct connections) durable and compacts when the document unloads", async () => {
    const hocuspocus = createCollaboration();
    const name = `storage:${randomUUID()}`;
    const connection = await hocuspocus.openDirectConnection(name);
    await connection.transact((document) => document.getText("body").insert(0, "Scritto dal server"));
    await connection.disconnect();
    await flushCollaboration(hocuspocus);

    expect(await textOf(name)).toBe("Scritto dal server");
    expect(await loadDocumentUpdates(name)).toEqual([]);
    expect((await loadStoredDocument(name)).snapshot).not.toBeNull();

    // Loaded again: snapshot plus whatever the log holds since.
    const replica = recordingReplica();
    Y.applyUpdate(replica.document, (await loadDocumentState(name))!);
    replica.take();
    replica.text.insert(0, "Dal log: ");
    await append(name, replica.take());
    const again = await hocuspocus.openDirectConnection(name);
    expect(again.document?.getText("body").toString()).toBe("Dal log: Scritto dal server");
    await again.disconnect();
    await flushCollaboration(hocuspocus);
  });

  it("compacts in the background once a loaded document has logged enough rows", async () => {
    const persistence = new DurablePersistence({ compactAfterRows: 10 });
    const hocuspocus = new Hocuspocus({ quiet: true, extensions: [persistence] });
    const name = `storage:${randomUUID()}`;
    const connection = await hocuspocus.openDirectConnection(name);
    for (let i = 0; i < 25; i++) await connection.transact((document) => document.getText("body").insert(0, `${i} `));
    await persistence.idle();
    // Well before the debounced store hook (2 s): the row count alone triggered compactions.
    expect((await loadStoredDocument(name)).snapshot).not.toBeNull();
    expect((await loadDocumentUpdates(name)).length).toBeLessThan(10);
    expect(await textOf(name)).toBe(connection.document!.getText("body").toString());
    await connection.disconnect();
    await persistence.idle();
    expect(await loadDocumentUpdates(name)).toEqual([]);
  });

  it("vacuums the log once its compactions have deleted enough rows, one vacuum at a time", async () => {
    const vacuum = vi.fn(vacuumDocumentStorage);
    const persistence = new DurablePersistence({ compactAfterRows: 10, vacuumAfterDeletedRows: 20, storage: { vacuum } });
    const hocuspocus = new Hocuspocus({ quiet: true, extensions: [persistence] });
    const name = `storage:${randomUUID()}`;
    const connection = await hocuspocus.openDirectConnection(name);
    for (let i = 0; i < 15; i++) await connection.transact((document) => document.getText("body").insert(0, `${i} `));
    await persistence.idle();
    expect(vacuum).not.toHaveBeenCalled();
    for (let i = 15; i < 25; i++) await connection.transact((document) => document.getText("body").insert(0, `${i} `));
    await connection.disconnect();
    await persistence.idle();
    // 25 rows compacted in all: one vacuum after the 20th, none for the 5 left over.
    expect(vacuum).toHaveBeenCalledTimes(1);
    expect(await loadDocumentUpdates(name)).toEqual([]);
    expect(await textOf(name)).toMatch(/^24 23 /);
  });
});
