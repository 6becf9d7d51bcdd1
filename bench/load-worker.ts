// One load thread of bench/collab.ts: owns some of a phase's clients (connects them, makes their
// editors change the document, records arrivals) and answers the driver's requests. Timing uses
// the process-wide monotonic clock (`now`), so the driver can join changes made in one thread
// with their arrival in another.
import { parentPort } from "node:worker_threads";
import { BenchClient, Recorder } from "./client";
import { loopLateness, pool } from "./harness";
import type { LoadReply, LoadRequest, Seat } from "./load-threads";

const port = parentPort!;
let clients: Array<{ client: BenchClient; seat: Seat }> = [];
let recorder = new Recorder();
let timers: NodeJS.Timeout[] = [];
const loopDelay = loopLateness(10);

async function handle(request: LoadRequest): Promise<LoadReply> {
  switch (request.type) {
    case "connect": {
      recorder = new Recorder();
      clients = [];
      await pool(request.seats, request.concurrency, async (seat) => {
        const client = new BenchClient({ protocol: request.protocol, baseUrl: request.baseUrl, documentName: seat.documentName, cookie: seat.cookie, recorder, label: seat.label });
        clients.push({ client, seat });
        await client.connect();
      });
      return { type: "connected" };
    }
    case "start": {
      recorder.measuring = request.measure;
      loopDelay.reset();
      loopDelay.enable();
      for (const { client, seat } of clients) {
        if (!seat.editor) continue;
        timers.push(
          setTimeout(() => {
            client.edit();
            timers.push(setInterval(() => client.edit(), request.intervalMs));
          }, Math.random() * request.intervalMs),
        );
      }
      return { type: "started" };
    }
    case "measure": {
      recorder.measuring = true;
      loopDelay.reset();
      return { type: "measuring" };
    }
    case "stop": {
      timers.forEach((timer) => clearTimeout(timer));
      timers = [];
      const finalClocks: Array<[string, number, number]> = [];
      for (const { client, seat } of clients) {
        const sent = recorder.sent.get(client.doc.clientID);
        if (sent?.clocks.length) finalClocks.push([seat.documentName, client.doc.clientID, sent.clocks[sent.clocks.length - 1]]);
      }
      return { type: "stopped", finalClocks };
    }
    case "progress": {
      const byDocument = new Map<string, Map<number, number>>();
      for (const [documentName, clientID, clock] of request.finalClocks) {
        let clocks = byDocument.get(documentName);
        if (!clocks) byDocument.set(documentName, (clocks = new Map()));
        clocks.set(clientID, clock);
      }
      const behind = clients.filter(({ client, seat }) => !client.hasCaughtUp(byDocument.get(seat.documentName) ?? new Map())).length;
      return { type: "progress", behind };
    }
    case "finish": {
      recorder.measuring = false;
      loopDelay.disable();
      const editsByDocument = new Map<string, number>();
      for (const { client, seat } of clients) editsByDocument.set(seat.documentName, (editsByDocument.get(seat.documentName) ?? 0) + client.editsSent);
      const reply: LoadReply = {
        type: "finished",
        sent: [...recorder.sent].map(([clientID, { clocks, times }]) => [clientID, clocks, times]),
        arrivals: Float64Array.from(recorder.arrivals),
        editsByDocument: [...editsByDocument],
        replicas: clients.map(({ client, seat }) => ({ documentName: seat.documentName, ...client.fingerprint() })),
        unexpectedCloses: clients.filter(({ client }) => client.closedUnexpectedly).length,
        loopDelayP99Ms: loopDelay.percentileMs(99),
      };
      return reply;
    }
    case "close": {
      for (const { client } of clients) client.close();
      clients = [];
      recorder = new Recorder();
      globalThis.gc?.();
      return { type: "closed" };
    }
  }
}

port.on("message", (message: { id: number; request: LoadRequest }) => {
  handle(message.request).then(
    (reply) => port.postMessage({ id: message.id, reply }, reply.type === "finished" ? [reply.arrivals.buffer as ArrayBuffer] : []),
    (error: Error) => port.postMessage({ id: message.id, error: error.message }),
  );
});
