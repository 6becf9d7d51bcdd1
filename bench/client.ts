// A minimal hand-rolled Yjs client for the benchmark: one WebSocket and one Y.Doc per client, speaking
// the y-protocols sync protocol as the stock providers do, without their awareness, timers and
// event machinery (hundreds of stock providers in one process would load the shared 2 cores more
// than the servers under test). Two framings:
// - "hocuspocus": every message starts with the document name; the client first sends an Auth
//   message (token + provider version, as @hocuspocus/provider 4.8 does), then SyncStep1. The
//   session cookie travels in the upgrade request, as a browser's would.
// - "y-websocket": the document name is the URL path; messages are [type][payload].
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

export type Protocol = "hocuspocus" | "y-websocket";

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const MESSAGE_SYNC_REPLY = 4; // Hocuspocus only
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;
const AUTH_AUTHENTICATED = 2;
const HOCUSPOCUS_PROVIDER_VERSION = "4.8.0";
const REMOTE = Symbol("remote");

/** Milliseconds on the process-wide monotonic clock: comparable across the load threads. */
export const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * What one load thread saw: when its editors made each change, and when its replicas caught up
 * with a sender. The driver joins the two across threads into latencies (see `latenciesOf`).
 */
export class Recorder {
  /** Per Yjs clientID of a sender: the sender's clock after each change, and when it was made. */
  readonly sent = new Map<number, { clocks: number[]; times: number[] }>();
  /** Flat quadruples: sender clientID, replica's previous state of it, its new state, arrival time. */
  readonly arrivals: number[] = [];
  /** Off during a phase's warm-up and once it ends: changes made then are neither timed nor counted. */
  measuring = true;
}

export type SentTable = Array<[clientID: number, clocks: number[], times: number[]]>;

/** Latency of every (change, receiving replica) pair that arrived, and when the change was sent. */
export function latenciesOf(sent: SentTable, arrivals: ArrayLike<number>[]) {
  const bySender = new Map(sent.map(([clientID, clocks, times]) => [clientID, { clocks, times }]));
  const latencies: number[] = [];
  const sentAts: number[] = [];
  for (const list of arrivals) {
    for (let i = 0; i < list.length; i += 4) {
      const sender = bySender.get(list[i]);
      if (!sender) continue;
      // The changes with previous < clock <= state arrived at this moment.
      let index = lowerBound(sender.clocks, list[i + 1] + 1);
      while (index < sender.clocks.length && sender.clocks[index] <= list[i + 2]) {
        latencies.push(list[i + 3] - sender.times[index]);
        sentAts.push(sender.times[index]);
        index += 1;
      }
    }
  }
  return { latencies, sentAts };
}

function lowerBound(sorted: number[], value: number) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export type ClientOptions = {
  protocol: Protocol;
  /** http://host:port of the server. */
  baseUrl: string;
  documentName: string;
  cookie?: string;
  recorder?: Recorder;
  label: string;
};

export class BenchClient {
  readonly doc = new Y.Doc();
  readonly fragment = this.doc.getXmlFragment("default");
  private ws!: WebSocket;
  private seq = 0;
  private measuredEdits = 0;
  /** Per sender clientID: the state of it this replica had at its last arrival. */
  private readonly received = new Map<number, number>();
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (error: Error) => void;
  private isSynced = false;
  closedUnexpectedly: string | null = null;
  private closing = false;

  constructor(private readonly options: ClientOptions) {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => undefined);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      const encoder = this.header(MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.ws.send(encoding.toUint8Array(encoder));
    });
  }

  private get hocuspocus() {
    return this.options.protocol === "hocuspocus";
  }

  private header(type: number) {
    const encoder = encoding.createEncoder();
    if (this.hocuspocus) encoding.writeVarString(encoder, this.options.documentName);
    encoding.writeVarUint(encoder, type);
    return encoder;
  }

  connect(timeoutMs = 30_000): Promise<void> {
    const ws_ = this.options.baseUrl.replace(/^http/, "ws");
    const url = this.hocuspocus ? `${ws_}/collab` : `${ws_}/${this.options.documentName}`;
    this.ws = new WebSocket(url, { headers: this.options.cookie ? { cookie: this.options.cookie } : {}, perMessageDeflate: false });
    this.ws.binaryType = "nodebuffer";
    const timer = setTimeout(() => this.rejectReady(new Error(`${this.options.label}: not synced after ${timeoutMs} ms`)), timeoutMs);
    this.ready.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    this.ws.on("open", () => {
      if (this.hocuspocus) {
        const auth = this.header(MESSAGE_AUTH);
        encoding.writeVarUint(auth, AUTH_TOKEN);
        encoding.writeVarString(auth, "session-cookie");
        encoding.writeVarString(auth, HOCUSPOCUS_PROVIDER_VERSION);
        this.ws.send(encoding.toUint8Array(auth));
      }
      const step1 = this.header(MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(step1, this.doc);
      this.ws.send(encoding.toUint8Array(step1));
    });
    this.ws.on("message", (data: Buffer) => this.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    this.ws.on("close", (code, reason) => {
      if (!this.closing) this.closedUnexpectedly = `${code} ${reason.toString()}`;
      this.rejectReady(new Error(`${this.options.label}: closed ${code} ${reason.toString()}`));
    });
    this.ws.on("error", (error) => this.rejectReady(error));
    return this.ready;
  }

  private onMessage(data: Uint8Array) {
    const decoder = decoding.createDecoder(data);
    if (this.hocuspocus) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC || (this.hocuspocus && type === MESSAGE_SYNC_REPLY)) {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        const reply = this.header(this.hocuspocus ? MESSAGE_SYNC_REPLY : MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(reply, this.doc, decoding.readVarUint8Array(decoder));
        this.ws.send(encoding.toUint8Array(reply));
      } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        this.receive(decoding.readVarUint8Array(decoder));
        if (syncType === syncProtocol.messageYjsSyncStep2 && !this.isSynced) {
          this.isSynced = true;
          this.resolveReady();
        }
      }
    } else if (this.hocuspocus && type === MESSAGE_AUTH) {
      const authType = decoding.readVarUint(decoder);
      if (authType === AUTH_PERMISSION_DENIED) this.rejectReady(new Error(`${this.options.label}: permission denied: ${decoding.readVarString(decoder)}`));
      else if (authType !== AUTH_AUTHENTICATED) this.rejectReady(new Error(`${this.options.label}: unexpected auth message ${authType}`));
    }
    // Awareness, SyncStatus and the rest are not needed here.
  }

  private receive(update: Uint8Array) {
    const recorder = this.options.recorder;
    const senders = recorder ? Y.parseUpdateMeta(update).to : null;
    Y.applyUpdate(this.doc, update, REMOTE);
    if (!recorder || !senders || !recorder.measuring) return;
    const arrivedAt = now();
    for (const client of senders.keys()) {
      if (client === this.doc.clientID) continue;
      // The replica's own state (not the update's range): out-of-order pending structs do not count.
      const state = Y.getState(this.doc.store, client);
      const previous = this.received.get(client) ?? 0;
      if (state <= previous) continue;
      recorder.arrivals.push(client, previous, state, arrivedAt);
      this.received.set(client, state);
    }
  }

  /** Whether this replica holds everything each sender made (final clocks by clientID). */
  hasCaughtUp(finalClocks: Map<number, number>) {
    for (const [client, clock] of finalClocks) {
      if (client !== this.doc.clientID && Y.getState(this.doc.store, client) < clock) return false;
    }
    return true;
  }

  /** One Tiptap-sized change: a new paragraph with a short text, as the editor would insert it. */
  edit() {
    const recorder = this.options.recorder!;
    const seq = this.seq++;
    const sentAt = now();
    this.doc.transact(() => {
      const paragraph = new Y.XmlElement("paragraph");
      this.fragment.insert(this.fragment.length, [paragraph]);
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      text.insert(0, `${this.options.label}#${seq} ok`);
    });
    if (!recorder.measuring) return;
    this.measuredEdits += 1;
    let sent = recorder.sent.get(this.doc.clientID);
    if (!sent) recorder.sent.set(this.doc.clientID, (sent = { clocks: [], times: [] }));
    sent.clocks.push(Y.getState(this.doc.store, this.doc.clientID));
    sent.times.push(sentAt);
  }

  /** Changes made while the recorder was measuring. */
  get editsSent() {
    return this.measuredEdits;
  }

  close() {
    this.closing = true;
    this.ws?.terminate();
    this.doc.destroy();
  }

  /** What the replica holds: state vector and the document's content. */
  fingerprint() {
    return { stateVector: Buffer.from(Y.encodeStateVector(this.doc)).toString("base64"), content: this.fragment.toString() };
  }
}
