import { Transform } from "node:stream";

/**
 * A pass-through stream that joins everything written to it within one turn of the event loop
 * into one chunk. React writes a page in ~2 KB pieces, and the Express adapter flushes the
 * compressor after every piece it reads, so each piece became its own gzip block and its own
 * socket write (a third of a catalogue page's CPU in bench:catalogue's profile). Joined per turn,
 * the shell goes out as one chunk and each later streamed part as another: nothing waits longer
 * than the turn it was written in.
 */
export function createCoalescedStream(): Transform {
  let pending: Buffer[] = [];
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      // The first chunk of a turn schedules the push; the end (flush) may have taken them first.
      if (pending.push(chunk) === 1) {
        setImmediate(() => {
          if (pending.length) stream.push(takePending());
        });
      }
      callback();
    },
    flush(callback) {
      callback(null, pending.length ? takePending() : undefined);
    },
  });
  const takePending = () => {
    const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = [];
    return joined;
  };
  return stream;
}
