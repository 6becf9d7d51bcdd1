// Hocuspocus' hook runner and outgoing message addresses, as patched
// (patches/@hocuspocus+server+4.7.0.patch): the extensions implementing a hook are listed once, and
// each address is UTF-8-encoded once; a message's reply encoder is made only when a reply is written,
// and a "saved" acknowledgement is encoded once per address. What the patch must keep is checked here.
import { Hocuspocus, OutgoingMessage, type Extension } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it, vi } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

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

describe("replies and acknowledgements (patched)", () => {
  type Frame = { address: string; type: number; rest: decoding.Decoder; bytes: Uint8Array };
  const readFrame = (bytes: Uint8Array): Frame => {
    const rest = decoding.createDecoder(bytes);
    return { address: decoding.readVarString(rest), type: decoding.readVarUint(rest), rest, bytes };
  };
  /** A client frame: the address, the message type, then what `write` adds. */
  const frame = (address: string, type: number, write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, address);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  const SYNC = 0;
  const AUTH = 2;
  const SYNC_STATUS = 8;

  it("answers a sync step 1 on its own address, and acknowledges every update with its address' saved status", async () => {
    const hocuspocus = new Hocuspocus({ quiet: true });
    const sent: Frame[] = [];
    const socket = { readyState: 1, send: (data: Uint8Array) => sent.push(readFrame(data)), close: () => undefined };
    const client = hocuspocus.handleConnection(socket as never, { url: "/", headers: new Headers() } as Request);
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on("update", (update: Uint8Array) => updates.push(update));
    writer.getText("t").insert(0, "uno");
    writer.getText("t").insert(3, " due");

    for (const address of ["doc:à", "doc:b"]) {
      client.handleMessage(
        frame(address, AUTH, (encoder) => {
          encoding.writeVarUint(encoder, 0); // a token follows
          encoding.writeVarString(encoder, "token");
        }),
      );
      await vi.waitFor(() => expect(hocuspocus.documents.get(address)).toBeDefined());
      client.handleMessage(frame(address, SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())));
      for (const update of updates) client.handleMessage(frame(address, SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update)));
      await vi.waitFor(() => expect(sent.filter((f) => f.address === address && f.type === SYNC_STATUS)).toHaveLength(2));

      const replies = sent.filter((f) => f.address === address && f.type === SYNC && decoding.peekVarUint(f.rest) === 1);
      expect(replies).toHaveLength(1);
      const acknowledgements = sent.filter((f) => f.address === address && f.type === SYNC_STATUS);
      expect(acknowledgements.map((f) => decoding.readVarUint(f.rest))).toEqual([1, 1]);
      expect(Array.from(acknowledgements[1].bytes)).toEqual(Array.from(acknowledgements[0].bytes));
      expect(hocuspocus.documents.get(address)?.getText("t").toString()).toBe("uno due");
    }
  });
});
