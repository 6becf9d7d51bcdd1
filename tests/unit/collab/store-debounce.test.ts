// Hocuspocus' store debounce, as patched (patches/@hocuspocus+server+4.7.0.patch): the timer is no
// longer reset on every change, so what it promises is checked here with fake timers.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Document, Hocuspocus, useDebounce, type onStoreDocumentPayload } from "@hocuspocus/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const require = createRequire(import.meta.url);

describe("Hocuspocus store debounce", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-12-06T09:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is the patched Hocuspocus that Node loads (both builds)", () => {
    const commonJs = require.resolve("@hocuspocus/server");
    expect(readFileSync(commonJs, "utf8")).toContain("TWB Community Labs patch");
    expect(readFileSync(commonJs.replace(/\.cjs$/, ".esm.js"), "utf8")).toContain("TWB Community Labs patch");
  });

  it("sets one timer for a burst of changes, not one per change", async () => {
    const { debounce } = useDebounce();
    const setTimer = vi.spyOn(globalThis, "setTimeout");
    for (let change = 0; change < 20; change += 1) {
      void debounce("doc", async () => undefined, 2_000, 10_000);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(setTimer).toHaveBeenCalledTimes(1);
    setTimer.mockRestore();
  });

  it("runs the latest function once, `debounce` ms after the last call", async () => {
    const { debounce, isDebounced } = useDebounce();
    const runs: string[] = [];
    void debounce("doc", async () => void runs.push("first"), 2_000, 10_000);
    await vi.advanceTimersByTimeAsync(1_500);
    void debounce("doc", async () => void runs.push("second"), 2_000, 10_000);
    await vi.advanceTimersByTimeAsync(1_500);
    // 3 s after the first call, 1.5 s after the second: not yet.
    expect(runs).toEqual([]);
    expect(isDebounced("doc")).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toEqual(["second"]);
    expect(isDebounced("doc")).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual(["second"]);
  });

  it("runs at the latest `maxDebounce` ms after the first call while calls keep coming", async () => {
    const { debounce } = useDebounce();
    const runsAt: number[] = [];
    const started = Date.now();
    for (let elapsed = 0; elapsed < 12_000; elapsed += 500) {
      void debounce("doc", async () => void runsAt.push(Date.now() - started), 2_000, 10_000);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(runsAt).toEqual([10_000]);
  });

  it("keeps documents apart", async () => {
    const { debounce } = useDebounce();
    const runs: string[] = [];
    void debounce("a", async () => void runs.push("a"), 1_000, 10_000);
    await vi.advanceTimersByTimeAsync(600);
    void debounce("b", async () => void runs.push("b"), 1_000, 10_000);
    await vi.advanceTimersByTimeAsync(400);
    expect(runs).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(600);
    expect(runs).toEqual(["a", "b"]);
  });

  it("runs at once with no wait, and on executeNow, with nothing left armed", async () => {
    const { debounce, executeNow, isDebounced } = useDebounce();
    const runs: string[] = [];
    void debounce("doc", async () => void runs.push("armed"), 2_000, 10_000);
    await debounce("doc", async () => void runs.push("now"), 0, 10_000);
    expect(runs).toEqual(["now"]);
    expect(isDebounced("doc")).toBe(false);

    void debounce("doc", async () => void runs.push("pending"), 2_000, 10_000);
    await executeNow("doc");
    expect(runs).toEqual(["now", "pending"]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(runs).toEqual(["now", "pending"]);
  });

  it("a shorter wait than the armed one is honoured", async () => {
    const { debounce } = useDebounce();
    const runs: string[] = [];
    void debounce("doc", async () => void runs.push("long"), 5_000, 10_000);
    void debounce("doc", async () => void runs.push("short"), 1_000, 10_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(["short"]);
  });

  it("answers every call with a promise, whether it arms, keeps or fires the timer", async () => {
    const { debounce } = useDebounce();
    const runs: string[] = [];
    const arming = debounce("doc", async () => void runs.push("a"), 2_000, 10_000);
    const keeping = debounce("doc", async () => void runs.push("b"), 2_000, 10_000);
    const firing = debounce("doc", async () => void runs.push("c"), 0, 10_000);
    for (const answer of [arming, keeping, firing]) expect(answer).toBeInstanceOf(Promise);
    await expect(Promise.all([arming, keeping, firing])).resolves.toBeDefined();
    expect(runs).toEqual(["c"]);
  });
});

describe("Hocuspocus store hooks", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-12-06T09:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("stores each document once per burst, with the payload of its latest change", async () => {
    const stored: Array<{ documentName: string; context: unknown }> = [];
    const hocuspocus = new Hocuspocus({
      quiet: true,
      debounce: 2_000,
      maxDebounce: 10_000,
      async onStoreDocument({ documentName, lastContext }: onStoreDocumentPayload) {
        stored.push({ documentName, context: lastContext });
      },
    });
    for (const [index, documentName] of ["one", "two"].entries()) {
      const document = new Document(documentName);
      for (let change = 0; change < 3; change += 1) {
        const payload = { instance: hocuspocus, clientsCount: 0, document, documentName, lastContext: { change, index }, lastTransactionOrigin: null };
        void hocuspocus.storeDocumentHooks(document, payload);
        await vi.advanceTimersByTimeAsync(100);
      }
    }
    await vi.advanceTimersByTimeAsync(2_000);
    expect(stored).toEqual([
      { documentName: "one", context: { change: 2, index: 0 } },
      { documentName: "two", context: { change: 2, index: 1 } },
    ]);
  });
});
