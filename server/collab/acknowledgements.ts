// Hocuspocus applies a document update, broadcasts it to the other connections and then sends its
// sender a SyncStatus acknowledgement, all in one go. The providers count those acknowledgements
// (`unsyncedChanges`) and keep anything unacknowledged to send again after a reconnect. So the
// durability promise ("an acknowledged edit survives kill -9") only needs the *acknowledgement* to
// wait for the log, not the broadcast: the other people see an edit as soon as it arrives, and
// its sender hears "saved" once it is committed.
//
// Hocuspocus also broadcasts each update back to the connection it came from. When that copy is
// the very message the connection sent (same bytes: the connection has that content already), it
// is not sent: one socket write fewer per change, a fifth of them with four people on a document.
//
// Why an edit broadcast before its commit cannot leave an acknowledged edit dangling: log commits
// run one after the other, in arrival order, so an edit someone made on top of it (which arrives
// later) is committed in the same commit or a later one; if that one is acknowledged, the edit it
// builds on is in the log too.
import type { Connection } from "@hocuspocus/server";
import { MessageType } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";

type Send = Connection["send"];

/** Whether an outgoing Hocuspocus message is a SyncStatus (address string, then message type). */
export function isSyncStatusMessage(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    const addressLength = decoding.readVarUint(decoder);
    decoder.pos += addressLength;
    return decoding.readVarUint(decoder) === MessageType.SyncStatus;
  } catch {
    return false;
  }
}

/**
 * Holds one connection's SyncStatus messages until the log commit of the update each one
 * acknowledges has succeeded, and sends them in order. After a failed commit it sends no more
 * acknowledgements (the caller closes the connection; the client sends its edits again).
 */
export class AcknowledgementGate {
  /** The commit of the message being handled now, claimed by the SyncStatus it is about to send. */
  private current: Promise<unknown> | null = null;
  private held = 0;
  private tail: Promise<void> = Promise.resolve();
  private broken = false;
  /** The last update message received on this connection, until its echo is skipped or the next one arrives. */
  private echo: Uint8Array | null = null;

  constructor(private readonly sendNow: (message: Uint8Array) => void) {}

  /** `message` came from this connection: the same bytes broadcast back to it are not sent. */
  skipEchoOf(message: Uint8Array) {
    this.echo = message;
  }

  /** The update of the message now being handled is durable once `commit` resolves. */
  awaitCommit(commit: Promise<unknown>) {
    this.current = commit;
  }

  /** The message has been handled (whether or not it sent an acknowledgement). */
  handled() {
    this.current = null;
  }

  send(message: Uint8Array) {
    if (this.echo !== null && sameBytes(message, this.echo)) {
      this.echo = null;
      return;
    }
    // Outside those windows the connection sends straight through, with no decoding at all.
    if ((this.current === null && this.held === 0) || !isSyncStatusMessage(message)) {
      this.sendNow(message);
      return;
    }
    const commit = this.current;
    this.current = null;
    // With nothing held before it, an acknowledgement only waits for its own commit; otherwise it
    // also waits for those held before it, to keep their order.
    const after = this.held === 0 && commit !== null ? commit : this.tail.then(() => commit);
    this.held += 1;
    this.tail = after.then(
      () => {
        this.held -= 1;
        if (!this.broken) this.sendNow(message);
      },
      () => {
        this.held -= 1;
        this.broken = true;
      },
    );
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

const gates = new WeakMap<Connection, AcknowledgementGate>();

/** The gate of a connection; the first call routes the connection's sends through it. */
export function acknowledgementGateOf(connection: Connection): AcknowledgementGate {
  let gate = gates.get(connection);
  if (!gate) {
    const send: Send = connection.send.bind(connection);
    const created = new AcknowledgementGate(send);
    connection.send = (message: Uint8Array) => created.send(message);
    gates.set(connection, created);
    gate = created;
  }
  return gate;
}

/** The gate of a connection, if one was ever asked for. */
export function findAcknowledgementGate(connection: Connection): AcknowledgementGate | undefined {
  return gates.get(connection);
}
