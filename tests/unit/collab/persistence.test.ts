import type { afterHandleMessagePayload, beforeHandleMessagePayload, onChangePayload, onStoreDocumentPayload } from "@hocuspocus/server";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import {
  AppendBatcher,
  classifyUpdate,
  CollabRefusal,
  DurablePersistence,
  readDocumentUpdate,
} from "../../../server/collab/persistence";
import { collabFrames, readServerFrame } from "../../support/collab-client";

/** A Yjs update inserting `text` into a fresh document. */
function insertion(text: string): Uint8Array {
  const document = new Y.Doc();
  document.getText("body").insert(0, text);
  return Y.encodeStateAsUpdate(document);
}

/** An update that only deletes: everything of a document built from `base`. */
function deletionOf(base: Uint8Array): Uint8Array {
  const document = new Y.Doc();
  Y.applyUpdate(document, base);
  const before = Y.encodeStateVector(document);
  document.getText("body").delete(0, document.getText("body").length);
  return Y.encodeStateAsUpdate(document, before);
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

// Log row ids as the database would hand them out.
let lastId = 0n;
const withIds = (rows: Array<{ documentName: string }>) => rows.map(({ documentName }) => ({ documentName, id: ++lastId }));

describe("readDocumentUpdate", () => {
  const update = insertion("ciao");

  it("extracts the Yjs update of Sync Update and Sync Step 2 messages, and of SyncReply", () => {
    expect(readDocumentUpdate(collabFrames.update("doc:1", update))).toEqual(update);
    expect(readDocumentUpdate(collabFrames.update("doc:1", update, { syncType: 1 }))).toEqual(update);
    expect(readDocumentUpdate(collabFrames.update("doc:1", update, { messageType: 4 }))).toEqual(update);
  });

  it("reads routing keys that carry a session id", () => {
    expect(readDocumentUpdate(collabFrames.update("doc:1\0session-7", update))).toEqual(update);
  });

  it("returns null for messages that carry no document update", () => {
    expect(readDocumentUpdate(collabFrames.syncStep1("doc:1"))).toBeNull();
    expect(readDocumentUpdate(collabFrames.auth("doc:1"))).toBeNull();
    // Awareness (1) with an update-like payload is not a document update.
    expect(readDocumentUpdate(collabFrames.update("doc:1", update, { messageType: 1 }))).toBeNull();
    // Sync with an unknown sync type: Hocuspocus refuses it itself.
    expect(readDocumentUpdate(collabFrames.update("doc:1", update, { syncType: 9 }))).toBeNull();
  });

  it("throws on truncated messages", () => {
    const whole = collabFrames.update("doc:1", update);
    for (const length of [0, 3, 6, 7, whole.length - 1]) {
      expect(() => readDocumentUpdate(whole.slice(0, length)), `length ${length}`).toThrow();
      // A message read out of a larger buffer (as ws hands them) must not reach past its own end.
      const inLargerBuffer = new Uint8Array(whole.length + 64);
      inLargerBuffer.set(whole);
      expect(() => readDocumentUpdate(inLargerBuffer.subarray(0, length)), `length ${length} in a larger buffer`).toThrow();
    }
  });
});

describe("classifyUpdate", () => {
  it("tells content, deletions and empty updates apart", () => {
    const base = insertion("testo");
    expect(classifyUpdate(base)).toBe("content");
    expect(classifyUpdate(deletionOf(base))).toBe("deletions");
    expect(classifyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe("empty");
  });

  it("throws on malformed updates", () => {
    expect(() => classifyUpdate(new Uint8Array([5, 200, 1, 2]))).toThrow();
    expect(() => classifyUpdate(insertion("testo").slice(0, 6))).toThrow();
  });
});

describe("AppendBatcher", () => {
  it("commits the appends of one event-loop turn together and resolves them only after the commit", async () => {
    const commit = deferred();
    const write = vi.fn((rows: Array<{ documentName: string; update: Uint8Array }>) => commit.promise.then(() => withIds(rows)));
    const batcher = new AppendBatcher(write);
    const resolved: number[] = [];
    const appends = [1, 2, 3].map((n) => batcher.append(`doc:${n}`, new Uint8Array([n])).then(() => resolved.push(n)));

    await turn();
    expect(write).toHaveBeenCalledTimes(1);
    expect(write.mock.calls[0][0]).toEqual([1, 2, 3].map((n) => ({ documentName: `doc:${n}`, update: new Uint8Array([n]) })));
    await turn();
    expect(resolved).toEqual([]);

    commit.resolve();
    await Promise.all(appends);
    expect(resolved).toEqual([1, 2, 3]);
    expect(batcher.stats).toMatchObject({ commits: 1, rows: 3, largestCommit: 3 });
  });

  it("queues appends made during a commit into the next one", async () => {
    const commits = [deferred(), deferred()];
    const write = vi.fn((rows: Array<{ documentName: string }>) => commits[write.mock.calls.length - 1].promise.then(() => withIds(rows)));
    const batcher = new AppendBatcher(write);
    const first = batcher.append("doc", new Uint8Array([1]));
    await turn();
    const second = batcher.append("doc", new Uint8Array([2]));
    const third = batcher.append("doc", new Uint8Array([3]));
    await turn();
    expect(write).toHaveBeenCalledTimes(1);

    commits[0].resolve();
    await first;
    await vi.waitFor(() => expect(write).toHaveBeenCalledTimes(2));
    expect(write.mock.calls[1][0]).toHaveLength(2);
    commits[1].resolve();
    await Promise.all([second, third]);
  });

  it("rejects every waiter of a failed commit, and later appends still go through", async () => {
    let fail = true;
    const batcher = new AppendBatcher(async (rows) => {
      if (fail) throw new Error("disk full");
      return withIds(rows);
    });
    const results = await Promise.allSettled([batcher.append("a", new Uint8Array([1])), batcher.append("b", new Uint8Array([2]))]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(batcher.stats.failedCommits).toBe(1);
    fail = false;
    await expect(batcher.append("a", new Uint8Array([3]))).resolves.toHaveLength(1);
  });

  it("starts commits at most once per interval, so appends under load share commits, yet commits a lone append at once", async () => {
    const commits: Array<{ at: number; rows: number }> = [];
    const batcher = new AppendBatcher(
      async (rows) => {
        commits.push({ at: performance.now(), rows: rows.length });
        return withIds(rows);
      },
      { rows: 1_000, bytes: 1_000_000, intervalMs: 60 },
    );
    const start = performance.now();
    await batcher.append("doc", new Uint8Array(1));
    expect(commits[0].at - start).toBeLessThan(30);
    // Within the interval: these wait for it and go together.
    const later = [batcher.append("doc", new Uint8Array(1))];
    await new Promise((resolve) => setTimeout(resolve, 10));
    later.push(batcher.append("doc", new Uint8Array(1)));
    await Promise.all(later);
    expect(commits).toHaveLength(2);
    expect(commits[1].rows).toBe(2);
    expect(commits[1].at - commits[0].at).toBeGreaterThanOrEqual(55);
    // Once the interval has passed, a lone append does not wait.
    await new Promise((resolve) => setTimeout(resolve, 80));
    const lone = performance.now();
    await batcher.append("doc", new Uint8Array(1));
    expect(commits[2].at - lone).toBeLessThan(30);
  });

  it("splits a large backlog by rows and bytes, always taking at least one update", async () => {
    const sizes: number[] = [];
    const batcher = new AppendBatcher(
      async (rows) => {
        sizes.push(rows.length);
        return withIds(rows);
      },
      { rows: 3, bytes: 10, intervalMs: 0 },
    );
    await Promise.all([
      ...Array.from({ length: 7 }, () => batcher.append("doc", new Uint8Array(1))),
      batcher.append("doc", new Uint8Array(50)),
      batcher.append("doc", new Uint8Array(6)),
      batcher.append("doc", new Uint8Array(6)),
    ]);
    expect(sizes).toEqual([3, 3, 1, 1, 1, 1]);
  });

  it("flushed() waits for everything queued so far and never rejects", async () => {
    const commit = deferred();
    const batcher = new AppendBatcher((rows) => commit.promise.then(() => withIds(rows)));
    const append = batcher.append("doc", new Uint8Array([1])).catch(() => "failed");
    let flushed = false;
    const done = batcher.flushed().then(() => (flushed = true));
    await turn();
    expect(flushed).toBe(false);
    commit.reject(new Error("down"));
    await done;
    expect(await append).toBe("failed");
  });
});

describe("DurablePersistence.beforeHandleMessage", () => {
  function setup(options: { maxDocumentBytes?: number; fail?: boolean; holdCommits?: boolean } = {}) {
    const state = { fail: options.fail ?? false };
    const logged: Array<{ documentName: string; update: Uint8Array }> = [];
    const commits: Array<ReturnType<typeof deferred>> = [];
    const warn = vi.fn();
    // A compaction that folds nothing away: the size estimate stays what was logged.
    const compact = vi.fn(async () => ({
      compactedRows: 0,
      compactedBytes: 0,
      snapshotBytes: 0,
      skippedIds: [],
    }));
    const persistence = new DurablePersistence({
      maxDocumentBytes: options.maxDocumentBytes,
      compactAfterRows: Number.MAX_SAFE_INTEGER,
      warn,
      storage: {
        appendRows: async (rows) => {
          if (options.holdCommits) {
            const commit = deferred();
            commits.push(commit);
            await commit.promise;
          }
          if (state.fail) throw new Error("database unavailable");
          logged.push(...rows);
          return withIds(rows);
        },
        compact,
        replaceSnapshot: compact,
      },
    });
    // Stores in these tests are those of a document nobody has open any more.
    const document = Object.assign(new Y.Doc(), { getConnectionsCount: () => 0 });
    // What reaches the client's socket, and how the connection was closed.
    const delivered: Uint8Array[] = [];
    const connection = { readOnly: false, send: vi.fn((message: Uint8Array) => delivered.push(message)), close: vi.fn() };
    const send = (message: Uint8Array, readOnly = false) => {
      connection.readOnly = readOnly;
      return persistence.beforeHandleMessage({
        update: message,
        connection,
        document,
        documentName: "doc:1",
      } as unknown as beforeHandleMessagePayload);
    };
    /** What Hocuspocus does with a message once the hook resolves: apply it, acknowledge it, finish. */
    const handle = async (message: Uint8Array) => {
      await send(message);
      Y.applyUpdate(document, readDocumentUpdate(message)!);
      connection.send(collabFrames.syncStatus("doc:1"));
      await persistence.afterHandleMessage({ update: message, connection, document } as unknown as afterHandleMessagePayload);
    };
    return { persistence, logged, send, handle, document, compact, warn, state, connection, delivered, commits };
  }

  it("acknowledges an update only once it is committed, in order, while other messages pass straight through", async () => {
    const { handle, connection, delivered, commits, logged } = setup({ holdCommits: true });
    await handle(collabFrames.update("doc:1", insertion("uno")));
    await turn();
    // Applied already (others see it), but not acknowledged to its sender.
    expect(commits).toHaveLength(1);
    expect(delivered).toEqual([]);
    // A broadcast of someone else's edit is not held back.
    const broadcast = collabFrames.update("doc:1", insertion("altro"));
    connection.send(broadcast);
    expect(delivered).toEqual([broadcast]);

    await handle(collabFrames.update("doc:1", insertion("due")));
    commits[0].resolve();
    await vi.waitFor(() => expect(delivered).toHaveLength(2));
    expect(logged).toHaveLength(1);
    expect(readServerFrame(delivered[1])).toEqual({ document: "doc:1", kind: "acknowledged", applied: true });
    // The next commit starts once the interval since the last one has passed.
    await vi.waitFor(() => expect(commits).toHaveLength(2));
    expect(delivered).toHaveLength(2);
    commits[1].resolve();
    await vi.waitFor(() => expect(delivered).toHaveLength(3));
    expect(logged).toHaveLength(2);
  });

  it("compacts from the live copy, folding exactly the rows it has applied, after any committed message is applied", async () => {
    const { persistence, send, document, compact } = setup();
    const first = collabFrames.update("doc:1", insertion("uno"));
    const second = collabFrames.update("doc:1", insertion("due"));
    await send(first);
    await send(second);
    const applied = (message: Uint8Array) => {
      // What Hocuspocus does between the two hooks.
      Y.applyUpdate(document, readDocumentUpdate(message)!);
      return persistence.afterHandleMessage({ update: message, document } as unknown as afterHandleMessagePayload);
    };
    await applied(first);
    const store = persistence.onStoreDocument({ document, documentName: "doc:1" } as unknown as onStoreDocumentPayload);
    await turn();
    await turn();
    // The second message is not applied yet: its row must not be folded away.
    expect(compact).not.toHaveBeenCalled();
    await applied(second);
    await store;
    expect(compact).toHaveBeenCalledTimes(1);
    const [name, state, rows] = compact.mock.calls[0] as unknown as [string, Uint8Array, bigint[]];
    expect(name).toBe("doc:1");
    expect(rows).toEqual([lastId - 1n, lastId]);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, state);
    expect([...replica.getText("body").toString()].sort()).toEqual([..."unodue"].sort());
  });

  it("logs the updates of Sync Update and Sync Step 2 messages", async () => {
    const { logged, send, persistence } = setup();
    const update = insertion("ciao");
    await send(collabFrames.update("doc:1", update));
    await send(collabFrames.update("doc:1", update, { syncType: 1 }));
    await persistence.idle();
    expect(logged).toEqual([
      { documentName: "doc:1", update },
      { documentName: "doc:1", update },
    ]);
  });

  it("logs nothing for read-only connections, empty updates and messages without updates", async () => {
    const { logged, send } = setup();
    await send(collabFrames.update("doc:1", insertion("ciao")), true);
    await send(collabFrames.update("doc:1", Y.encodeStateAsUpdate(new Y.Doc()), { syncType: 1 }));
    await send(collabFrames.syncStep1("doc:1"));
    expect(logged).toEqual([]);
  });

  it("refuses malformed updates with a reason, logging nothing", async () => {
    const { logged, send } = setup();
    await expect(send(collabFrames.update("doc:1", new Uint8Array([5, 200, 1, 2])))).rejects.toMatchObject({ reason: "malformed-update" });
    await expect(send(collabFrames.update("doc:1", insertion("ciao")).slice(0, 9))).rejects.toBeInstanceOf(CollabRefusal);
    expect(logged).toEqual([]);
  });

  it("refuses content that would pass the size limit, but still accepts deletions", async () => {
    const { logged, send, compact, persistence } = setup({ maxDocumentBytes: 200 });
    const first = insertion("a".repeat(100));
    await send(collabFrames.update("doc:1", first));
    await expect(send(collabFrames.update("doc:1", insertion("b".repeat(100))))).rejects.toMatchObject({ reason: "document-too-large" });
    // It compacted first (the estimate counts deleted content until then), then refused.
    expect(compact).toHaveBeenCalledTimes(1);
    expect(logged).toHaveLength(1);
    await send(collabFrames.update("doc:1", deletionOf(first)));
    await persistence.idle();
    expect(logged).toHaveLength(2);
  });

  it("does not acknowledge, and closes the connection, when the log cannot be written", async () => {
    const { handle, persistence, connection, delivered, warn, state } = setup({ fail: true });
    await handle(collabFrames.update("doc:1", insertion("ciao")));
    await persistence.idle();
    await vi.waitFor(() => expect(connection.close).toHaveBeenCalledWith({ code: 4503, reason: "storage-unavailable" }));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("could not log an update"));
    // Nothing acknowledged afterwards on that connection either, even if the database is back.
    state.fail = false;
    await handle(collabFrames.update("doc:1", insertion("dopo")));
    await persistence.idle();
    await turn();
    expect(delivered.filter((message) => readServerFrame(message).kind === "acknowledged")).toEqual([]);
  });

  it("logs server-side changes (not from a connection) through onChange, and never rejects there", async () => {
    const { persistence, logged, document } = setup();
    const update = insertion("dal server");
    const change = (transactionOrigin: unknown) =>
      persistence.onChange({ transactionOrigin, update, document, documentName: "doc:1" } as unknown as onChangePayload);
    await change({ source: "connection" });
    await change({ source: "local", skipStoreHooks: true });
    await change({ source: "local" });
    await change(null);
    await persistence.idle();
    expect(logged).toHaveLength(2);
  });

  it("logs the whole document at the next store when a server-side change could not be logged", async () => {
    const { persistence, logged, document, warn, state, compact } = setup({ fail: true });
    document.getText("body").insert(0, "modifica dal server");
    const update = Y.encodeStateAsUpdate(document);
    await expect(
      persistence.onChange({ transactionOrigin: null, update, document, documentName: "doc:1" } as unknown as onChangePayload),
    ).resolves.toBeUndefined();
    await persistence.idle();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("could not log a server-side change"));

    const store = () => persistence.onStoreDocument({ document, documentName: "doc:1" } as unknown as onStoreDocumentPayload);
    // Still failing: the store throws, so Hocuspocus keeps the document in memory and retries.
    await expect(store()).rejects.toThrow("database unavailable");
    state.fail = false;
    await store();
    expect(logged).toEqual([{ documentName: "doc:1", update: Y.encodeStateAsUpdate(document) }]);
    expect(compact).toHaveBeenCalledTimes(1);
    // Once logged, later stores do not log it again.
    await store();
    expect(logged).toHaveLength(1);
  });
});
