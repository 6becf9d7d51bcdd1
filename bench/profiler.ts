// CPU profiles of a benchmark child's load windows, through the inspector (no --cpu-prof, whose
// profile would also hold start-up and data preparation).
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

const session = new Session();
session.connect();
await session.post("Profiler.enable");
// BENCH_PROFILE_ALLOCATIONS=1: also a sampled allocation profile of each window, counting objects
// the garbage collector has already freed (what makes a process collect often, not what it keeps).
const profileAllocations = process.env.BENCH_PROFILE_ALLOCATIONS === "1";
if (profileAllocations) await session.post("HeapProfiler.enable");
let running = false;

/**
 * The bench asks for stats before connecting, once the load starts and once it ends: profile from
 * the second call to the third of each phase (calls 1→2, 4→5, …) and write it to `folder`.
 */
export async function toggle(folder: string, call: number) {
  if (call % 3 === 1 && !running) await startWindow();
  else if (running) await endWindow(folder, `load-${Math.floor(call / 3)}`);
}

/** Starts profiling a load window (no-op when one is already being profiled). */
export async function startWindow() {
  if (running) return;
  await session.post("Profiler.start");
  if (profileAllocations) {
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  running = true;
}

/** Ends the window being profiled and writes its profile to `folder` as `<name>-<time>.cpuprofile`. */
export async function endWindow(folder: string, name: string) {
  if (!running) return;
  const { profile } = await session.post("Profiler.stop");
  running = false;
  mkdirSync(folder, { recursive: true });
  const stamp = Date.now();
  const file = path.join(folder, `${name}-${stamp}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  process.stderr.write(`[bench] CPU profile of the load window: ${file}\n`);
  if (profileAllocations) {
    const { profile: allocations } = await session.post("HeapProfiler.stopSampling");
    const allocationFile = path.join(folder, `${name}-${stamp}.heapprofile`);
    writeFileSync(allocationFile, JSON.stringify(allocations));
    process.stderr.write(`[bench] allocation profile of the load window: ${allocationFile}\n`);
  }
}
