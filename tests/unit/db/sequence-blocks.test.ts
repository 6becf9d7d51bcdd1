import { describe, expect, it, vi } from "vitest";
import { SequenceBlocks } from "~/db/sequence-blocks.server";

/** A sequence as PostgreSQL runs it: every nextval() returns the last value plus the step. */
function fakeSequence(step: number, start = 1n) {
  let last = start - BigInt(step);
  const nextValues = vi.fn(async (count: number) => {
    await Promise.resolve();
    return Array.from({ length: count }, () => (last += BigInt(step)));
  });
  return { step: vi.fn(async () => step), nextValues, takeDefault: () => (last += BigInt(step)) };
}

describe("SequenceBlocks", () => {
  it("hands out each reserved block in full, in order, asking the sequence once per block", async () => {
    const sequence = fakeSequence(4);
    const blocks = new SequenceBlocks(sequence);
    expect(await blocks.take(3)).toEqual([1n, 2n, 3n]);
    expect(await blocks.take(3)).toEqual([4n, 5n, 6n]);
    expect(await blocks.take(6)).toEqual([7n, 8n, 9n, 10n, 11n, 12n]);
    expect(sequence.nextValues.mock.calls).toEqual([[1], [1], [1]]);
    expect(sequence.step).toHaveBeenCalledTimes(1);
  });

  it("skips the values someone else took from the sequence in between", async () => {
    const sequence = fakeSequence(10);
    const blocks = new SequenceBlocks(sequence);
    expect(await blocks.take(10)).toEqual(Array.from({ length: 10 }, (_, index) => BigInt(index + 1)));
    expect(sequence.takeDefault()).toBe(11n);
    const ids = await blocks.take(12);
    expect(ids).toEqual([...Array.from({ length: 10 }, (_, index) => BigInt(index + 21)), 31n, 32n]);
  });

  it("hands out each call's ids in increasing order even when reserved blocks come back out of order", async () => {
    const blocks = new SequenceBlocks({ step: async () => 100, nextValues: async () => [201n, 1n] });
    const ids = await blocks.take(150);
    expect(ids.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, index) => BigInt(index + 1)));
    expect(ids.slice(100)).toEqual(Array.from({ length: 50 }, (_, index) => BigInt(index + 201)));
  });

  it("works with a sequence that steps by one, one id per nextval()", async () => {
    const sequence = fakeSequence(1, 100n);
    const blocks = new SequenceBlocks(sequence);
    expect(await blocks.take(3)).toEqual([100n, 101n, 102n]);
    expect(sequence.nextValues).toHaveBeenCalledWith(3);
  });

  it("never gives the same id to two concurrent callers", async () => {
    const blocks = new SequenceBlocks(fakeSequence(5));
    const taken = await Promise.all(Array.from({ length: 20 }, (_, index) => blocks.take((index % 7) + 1)));
    const ids = taken.flat();
    expect(ids).toHaveLength(taken.reduce((sum, list) => sum + list.length, 0));
    expect(new Set(ids).size).toBe(ids.length);
    for (const list of taken) expect([...list].sort((a, b) => (a < b ? -1 : 1))).toEqual(list);
  });

  it("asks for the step again after a failure instead of remembering it, and refuses a step that is not upwards", async () => {
    const sequence = fakeSequence(2);
    sequence.step.mockRejectedValueOnce(new Error("database unavailable"));
    const blocks = new SequenceBlocks(sequence);
    await expect(blocks.take(1)).rejects.toThrow("database unavailable");
    expect(await blocks.take(1)).toEqual([1n]);

    const empty = new SequenceBlocks({ step: async () => 10, nextValues: async () => [] });
    await expect(empty.take(1)).rejects.toThrow("the sequence returned no values");

    const broken = new SequenceBlocks({ step: async () => Number.NaN, nextValues: async () => [] });
    await expect(broken.take(1)).rejects.toThrow(/must step upwards by a whole number, not NaN/);
    const downwards = new SequenceBlocks({ step: async () => -1, nextValues: async () => [] });
    await expect(downwards.take(1)).rejects.toThrow(/not -1/);
  });
});
