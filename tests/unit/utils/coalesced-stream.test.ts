import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createCoalescedStream } from "~/utils/coalesced-stream.server";

function collect(stream: NodeJS.ReadableStream) {
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  const ended = new Promise<void>((resolve) => stream.on("end", resolve));
  return { chunks, ended };
}

describe("coalesced stream", () => {
  it("joins what is written in one turn into one chunk, in order", async () => {
    const stream = createCoalescedStream();
    const { chunks, ended } = collect(stream);
    for (let i = 0; i < 50; i += 1) stream.write(new TextEncoder().encode(`<p>${i}</p>`));
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual([Array.from({ length: 50 }, (_, i) => `<p>${i}</p>`).join("")]);
    stream.end();
    await ended;
    expect(chunks).toHaveLength(1);
  });

  it("keeps streaming: what a later turn writes goes out as its own chunk, without waiting for the end", async () => {
    const stream = createCoalescedStream();
    const { chunks, ended } = collect(stream);
    stream.write("<html>shell");
    stream.write(Buffer.from("…</body>"));
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual(["<html>shell…</body>"]);
    stream.write("<template>late part</template>");
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual(["<html>shell…</body>", "<template>late part</template>"]);
    stream.end("</html>");
    await ended;
    expect(chunks.join("")).toBe("<html>shell…</body><template>late part</template></html>");
  });

  it("ends with what was written in the same turn as the end, and nothing after it", async () => {
    const stream = createCoalescedStream();
    const { chunks, ended } = collect(stream);
    stream.write("a");
    stream.write("b");
    stream.end("c");
    await ended;
    await nextTurn();
    expect(chunks.join("")).toBe("abc");
  });
});
