import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";

/** A WebSocket class for Node that presents a browser's session cookie (and optionally an Origin). */
function webSocketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export type CollabOutcome = { status: "synced"; provider: HocuspocusProvider; document: Y.Doc } | { status: "refused"; reason: string };

/** Opens a document on /collab as a real provider would and reports whether the server let it in. */
export function openDocument(baseUrl: string, name: string, cookie?: string, timeoutMs = 10_000): Promise<CollabOutcome> {
  const document = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, "ws")}/collab`,
    WebSocketPolyfill: webSocketWith(cookie ? { cookie } : {}),
    maxAttempts: 1,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from /collab for ${name}`)), timeoutMs);
    const provider = new HocuspocusProvider({
      websocketProvider,
      name,
      document,
      token: "session-cookie",
      onSynced: () => {
        clearTimeout(timer);
        resolve({ status: "synced", provider, document });
      },
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        provider.destroy();
        websocketProvider.destroy();
        resolve({ status: "refused", reason });
      },
    });
    provider.attach();
  });
}

/** Closes a provider and its socket. */
export function closeDocument(outcome: CollabOutcome) {
  if (outcome.status !== "synced") return;
  outcome.provider.configuration.websocketProvider.destroy();
  outcome.provider.destroy();
}

/** Types into one replica and resolves once the server has relayed it to the other. */
export async function typeAndWaitForRelay(writer: Y.Doc, witness: Y.Doc, text: string): Promise<void> {
  const arrived = new Promise<void>((resolve) => witness.getText("body").observe(() => resolve()));
  writer.getText("body").insert(0, text);
  await arrived;
}

/** A provider connected to /collab for a Y.Doc that outlives it (a replica can reconnect later). */
export type Replica = { provider: HocuspocusProvider; document: Y.Doc; acks: AckTracker; destroy: () => void };

/**
 * Which of a provider's edits the server acknowledged, message by message. Hocuspocus handles a
 * connection's messages in order and answers each one carrying a document update (Sync step 2 or
 * update) with one SyncStatus, so the n-th SyncStatus answers the n-th such message sent.
 */
export type AckTracker = {
  /** Tags acknowledged (SyncStatus "applied") so far. */
  acknowledged: Set<string>;
  /** Runs `edit` and tags the update message it sends; false if it sent none (nothing to track). */
  tag: (tag: string, edit: () => void) => boolean;
};

/** True when a client frame carries a document update (Sync or SyncReply with step 2 or update). */
function carriesUpdate(data: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== MESSAGE_SYNC && type !== 4) return false;
    const syncType = decoding.readVarUint(decoder);
    return syncType === 1 || syncType === 2;
  } catch {
    return false;
  }
}

const toBytes = (data: unknown) => (data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data as Buffer));

/**
 * Tracks acknowledgements on the socket itself (the provider's own events do not show every frame:
 * the sync step 2 it answers the server's step 1 with is invisible there). Tapping must start with
 * the socket: that step 2 is answered too, and an answer matched to the wrong message would
 * acknowledge an edit falsely.
 */
function acknowledgementTracker() {
  const inFlight: string[][] = [];
  const acknowledged = new Set<string>();
  const tracker: AckTracker = {
    acknowledged,
    tag(tag, edit) {
      const before = inFlight.length;
      edit();
      if (inFlight.length === before) return false;
      inFlight[inFlight.length - 1].push(tag);
      return true;
    },
  };
  const tap = {
    sent(data: Uint8Array) {
      if (carriesUpdate(data)) inFlight.push([]);
    },
    received(data: Uint8Array) {
      let frame: ServerFrame;
      try {
        frame = readServerFrame(data);
      } catch {
        return; // pings and the like
      }
      if (frame.kind !== "acknowledged") return;
      const tags = inFlight.shift() ?? [];
      if (frame.applied) for (const tag of tags) acknowledged.add(tag);
    },
  };
  return { tracker, tap };
}

/** Like webSocketWith, reporting every frame sent and received (one document per socket). */
function tappedWebSocket(headers: Record<string, string>, tap: { sent(data: Uint8Array): void; received(data: Uint8Array): void }) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
      this.on("message", (data) => tap.received(toBytes(data)));
      const send = this.send.bind(this) as (...args: unknown[]) => void;
      this.send = ((...args: unknown[]) => {
        tap.sent(toBytes(args[0]));
        send(...args);
      }) as WebSocket["send"];
    }
  };
}

/**
 * Connects `document` (a new one by default, or a replica's that may hold edits the server lacks) to
 * /collab and resolves once it has synced; rejects if the server refuses or does not answer in time.
 */
export function connectReplica(baseUrl: string, name: string, cookie: string, document = new Y.Doc(), timeoutMs = 10_000): Promise<Replica> {
  const { tracker: acks, tap } = acknowledgementTracker();
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, "ws")}/collab`,
    WebSocketPolyfill: tappedWebSocket({ cookie }, tap),
    maxAttempts: 1,
  });
  let provider: HocuspocusProvider | undefined;
  const destroy = () => {
    provider?.destroy();
    websocketProvider.destroy();
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      destroy();
      reject(new Error(`${name} did not sync within ${timeoutMs} ms`));
    }, timeoutMs);
    provider = new HocuspocusProvider({
      websocketProvider,
      name,
      document,
      token: "session-cookie",
      onSynced: () => {
        clearTimeout(timer);
        resolve({ provider: provider!, document, acks, destroy });
      },
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        destroy();
        reject(new Error(`${name} refused: ${reason}`));
      },
    });
    provider.attach();
  });
}

/**
 * Calls `callback` each time the server has acknowledged every update this provider sent so far:
 * the provider counts one per update message (plus one for its sync step) and the server answers
 * each, after applying it, with a SyncStatus that takes one off. Returns the unsubscribe function.
 */
export function onAllAcknowledged(provider: HocuspocusProvider, callback: () => void): () => void {
  const listener = ({ number }: { number: number }) => {
    if (number === 0) callback();
  };
  provider.on("unsyncedChanges", listener);
  return () => provider.off("unsyncedChanges", listener);
}

/** Resolves once the provider has no unacknowledged update left. */
export function waitForAcknowledgements(provider: HocuspocusProvider, timeoutMs = 10_000): Promise<void> {
  if (!provider.hasUnsyncedChanges) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${provider.configuration.name}: ${provider.unsyncedChanges} updates still unacknowledged after ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = onAllAcknowledged(provider, () => {
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

// The /collab wire format, for tests that speak it by hand: every frame starts with the document
// name (varString) and a message type (varUint); Sync (0) carries a sync step (varUint: 0 step 1,
// 1 step 2, 2 update) and a varUint8Array payload; Auth (2) carries a sub-type and a token.
const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const MESSAGE_CLOSE = 7;
const MESSAGE_SYNC_STATUS = 8;

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Raw client frames: authentication, sync step 1, and a document update (optionally as another message or sync type). */
export const collabFrames = {
  auth: (name: string, token = "session-cookie") =>
    frame((encoder) => {
      encoding.writeVarString(encoder, name);
      encoding.writeVarUint(encoder, MESSAGE_AUTH);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarString(encoder, token);
    }),
  syncStep1: (name: string, stateVector: Uint8Array = new Uint8Array([0])) =>
    frame((encoder) => {
      encoding.writeVarString(encoder, name);
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint8Array(encoder, stateVector);
    }),
  update: (name: string, update: Uint8Array, options: { messageType?: number; syncType?: number } = {}) =>
    frame((encoder) => {
      encoding.writeVarString(encoder, name);
      encoding.writeVarUint(encoder, options.messageType ?? MESSAGE_SYNC);
      encoding.writeVarUint(encoder, options.syncType ?? 2);
      encoding.writeVarUint8Array(encoder, update);
    }),
  /** What the server sends to acknowledge a document update (Hocuspocus' SyncStatus). */
  syncStatus: (name: string, applied = true) =>
    frame((encoder) => {
      encoding.writeVarString(encoder, name);
      encoding.writeVarUint(encoder, MESSAGE_SYNC_STATUS);
      encoding.writeVarUint(encoder, applied ? 1 : 0);
    }),
};

/** What a server frame says, as far as tests care: authenticated, denied, closed (with reason) or acknowledged. */
export type ServerFrame =
  | { document: string; kind: "authenticated" | "sync" | "other" }
  | { document: string; kind: "denied" | "closed"; reason: string }
  | { document: string; kind: "acknowledged"; applied: boolean };

/** Decodes the head of a frame the server sent. */
export function readServerFrame(data: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(data);
  const document = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) return { document, kind: "sync" };
  if (type === MESSAGE_CLOSE) return { document, kind: "closed", reason: decoding.readVarString(decoder) };
  if (type === MESSAGE_SYNC_STATUS) return { document, kind: "acknowledged", applied: decoding.readVarInt(decoder) === 1 };
  if (type === MESSAGE_AUTH) {
    const authType = decoding.readVarUint(decoder);
    if (authType === 2) return { document, kind: "authenticated" };
    if (authType === 1) return { document, kind: "denied", reason: decoding.readVarString(decoder) };
  }
  return { document, kind: "other" };
}
