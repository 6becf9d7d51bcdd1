// Hocuspocus' hook runner and outgoing message addresses, as patched
// (patches/@hocuspocus+server+4.7.0.patch): the extensions implementing a hook are listed once, and
// each address is UTF-8-encoded once. What the patch must keep is checked here.
import { Hocuspocus, OutgoingMessage, type Extension } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";

function recorder(name: string, calls: string[]): Extension {
  return { extensionName: name, async onChange() { calls.push(name); } } as Extension;
}

describe("Hocuspocus hooks (patched)", () => {
  it("runs every extension that implements a hook, including extensions added or replaced later", async () => {
    const calls: string[] = [];
    const hocuspocus = new Hocuspocus({ quiet: true, extensions: [recorder("first", calls), { extensionName: "silent" } as Extension] });
    const payload = {} as never;
    await hocuspocus.hooks("onChange", payload);
    expect(calls).toEqual(["first"]);

    hocuspocus.configuration.extensions.push(recorder("pushed", calls));
    await hocuspocus.hooks("onChange", payload);
    expect(calls.splice(0)).toEqual(["first", "first", "pushed"]);

    hocuspocus.configuration.extensions = [recorder("replaced", calls)];
    await hocuspocus.hooks("onChange", payload);
    expect(calls.splice(0)).toEqual(["replaced"]);

    hocuspocus.configure({ extensions: [recorder("configured", calls)] });
    await hocuspocus.hooks("onChange", payload);
    expect(calls.splice(0)).toEqual(["configured"]);
  });

  it("stops the chain at an extension that throws, and rejects with its error", async () => {
    const calls: string[] = [];
    const failing = { extensionName: "failing", async onChange() { throw new Error("no"); } } as Extension;
    const hocuspocus = new Hocuspocus({ quiet: true, extensions: [failing, recorder("after", calls)] });
    const logged = console.error;
    console.error = () => undefined;
    try {
      await expect(hocuspocus.hooks("onChange", {} as never)).rejects.toThrow("no");
    } finally {
      console.error = logged;
    }
    expect(calls).toEqual([]);
  });
});

describe("outgoing message addresses (patched)", () => {
  it("start every message with its own address, however many addresses are in use", () => {
    const addresses = ["doc:à", "doc:b", "doc:à\0session-1", ...Array.from({ length: 10_050 }, (_, index) => `doc:${index}`), "doc:à"];
    for (const address of addresses) {
      const message = new OutgoingMessage(address).writeSyncStatus(true).toUint8Array();
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarString(decoder)).toBe(address);
      expect(decoding.readVarUint(decoder)).toBe(8);
    }
  });
});
