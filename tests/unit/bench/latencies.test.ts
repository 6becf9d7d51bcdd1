// The collaboration benchmark joins the changes one load thread made with their arrival in another
// (bench/client.ts `latenciesOf`): each change must count once per replica that received it, from
// the arrival that first covered its clock, and nothing else may count.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { latenciesOf, type SentTable } from "../../../bench/client";

function edit(doc: Y.Doc, text: string) {
  doc.getXmlFragment("default").insert(0, [new Y.XmlText(text)]);
  return Y.getState(doc.store, doc.clientID);
}

describe("benchmark latencies", () => {
  it("counts each change once per replica, from the arrival that first held it", () => {
    const sender = new Y.Doc();
    const clocks = [edit(sender, "one"), edit(sender, "two"), edit(sender, "three")];
    const sent: SentTable = [[sender.clientID, clocks, [100, 200, 300]]];
    // Replica A gets the first change alone, then the other two together; replica B all three at once.
    const replicaA = [sender.clientID, 0, clocks[0], 110, sender.clientID, clocks[0], clocks[2], 350];
    const replicaB = [sender.clientID, 0, clocks[2], 400];
    const { latencies, sentAts } = latenciesOf(sent, [Float64Array.from(replicaA), replicaB]);
    expect(latencies).toEqual([10, 150, 50, 300, 200, 100]);
    expect(sentAts).toEqual([100, 200, 300, 100, 200, 300]);
  });

  it("leaves out changes made during the warm-up, even when they arrive with a measured one", () => {
    const sender = new Y.Doc();
    const clocks = [edit(sender, "warm-up"), edit(sender, "measured one"), edit(sender, "measured two")];
    // The warm-up change was never recorded as sent; the replica was not recording when it arrived.
    const sent: SentTable = [[sender.clientID, clocks.slice(1), [200, 300]]];
    const arrivals = [sender.clientID, 0, clocks[1], 250, sender.clientID, clocks[1], clocks[2], 320];
    expect(latenciesOf(sent, [arrivals]).latencies).toEqual([50, 20]);
  });

  it("ignores senders that are not measured and states that hold no new change", () => {
    const sender = new Y.Doc();
    const clocks = [edit(sender, "one"), edit(sender, "two")];
    const sent: SentTable = [[sender.clientID, clocks, [10, 20]]];
    const someoneElse = sender.clientID + 1;
    // A state between two changes covers only the first; a later arrival up to the same state adds nothing.
    const arrivals = [someoneElse, 0, 50, 15, sender.clientID, 0, clocks[0] + 1, 30, sender.clientID, clocks[0] + 1, clocks[0] + 1, 40];
    expect(latenciesOf(sent, [arrivals]).latencies).toEqual([20]);
  });
});
