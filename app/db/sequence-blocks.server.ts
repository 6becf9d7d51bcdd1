// Ids taken from a PostgreSQL sequence in blocks, so that an INSERT can carry its ids instead of
// asking for them back with RETURNING. A sequence that steps by N hands every nextval() caller the
// start of a range of N values nobody else gets (other callers, the column default included, get
// other starts); the caller then uses the whole range. With a step of 1 this still works, one id
// per nextval().

/** The two questions asked of the sequence. */
export type BlockSequence = {
  /** Its increment (read once, when the first ids are taken). */
  step: () => Promise<number>;
  /** Runs nextval() `count` times in one statement and returns the values. */
  nextValues: (count: number) => Promise<bigint[]>;
};

export class SequenceBlocks {
  private step: number | null = null;
  private readonly ranges: Array<{ next: bigint; end: bigint }> = [];
  private available = 0;

  constructor(private readonly sequence: BlockSequence) {}

  /** `count` ids no other caller of the sequence has or will get, in increasing order. */
  async take(count: number): Promise<bigint[]> {
    // Concurrent callers may reserve at the same time: whatever one reserved serves the next.
    while (this.available < count) {
      const step = this.step ?? (await this.readStep());
      const starts = await this.sequence.nextValues(Math.ceil((count - this.available) / step));
      if (starts.length === 0) throw new Error("the sequence returned no values");
      for (const start of starts) this.ranges.push({ next: start, end: start + BigInt(step) });
      // Answers to concurrent reservations may arrive out of order (a pool of connections).
      this.ranges.sort((a, b) => (a.next < b.next ? -1 : a.next > b.next ? 1 : 0));
      this.available += starts.length * step;
    }
    const ids: bigint[] = [];
    while (ids.length < count) {
      const range = this.ranges[0];
      ids.push(range.next);
      range.next += 1n;
      if (range.next === range.end) this.ranges.shift();
    }
    this.available -= count;
    return ids;
  }

  private async readStep(): Promise<number> {
    const step = await this.sequence.step();
    if (!Number.isSafeInteger(step) || step < 1) throw new Error(`a sequence used in blocks must step upwards by a whole number, not ${step}`);
    this.step = step;
    return step;
  }
}
