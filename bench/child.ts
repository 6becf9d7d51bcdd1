// The benchmark children's side of the IPC protocol with bench/harness.ts: "stats" answers with the
// process' CPU and memory, "cpu" with the CPU alone (no forced GC: for windows of a fraction of a
// second), "close" stops the server and exits.
type Hooks = {
  /** Runs before each stats answer (the app's load-window profiler). */
  beforeStats?: () => Promise<void>;
  /** Runs before each cpu answer (the session room's voting-window profiler). */
  beforeCpu?: () => Promise<void>;
  close: () => Promise<void> | void;
};

/**
 * A `beforeStats` hook that writes a CPU profile of each measured load window into `folder` (the
 * BENCH_*_PROFILE settings), or undefined when no folder is set. The profiler connects the
 * inspector when imported, so it is loaded only when asked for.
 */
export async function profileLoadWindows(folder: string | undefined): Promise<Hooks["beforeStats"]> {
  if (!folder) return undefined;
  const profiler = await import("./profiler");
  let statsCalls = 0;
  return () => profiler.toggle(folder, statsCalls++);
}

export function answerBenchParent(hooks: Hooks) {
  process.on("message", async (message: { type: string; id?: number; gc?: boolean }) => {
    if (message.type === "stats") {
      await hooks.beforeStats?.();
      // The forced GCs (for a stable heap figure) are measured on neither side: `cpu` ends the window
      // that closes here, `cpuAfterGc` starts the one that opens here. Skipped (gc: false) when the
      // reading is taken under load, where a forced pause would delay what is measured next.
      const cpu = process.cpuUsage();
      if (global.gc && message.gc !== false) {
        global.gc();
        global.gc();
      }
      process.send?.({ type: "stats", id: message.id, cpu, cpuAfterGc: process.cpuUsage(), memory: process.memoryUsage() });
    } else if (message.type === "cpu") {
      await hooks.beforeCpu?.();
      process.send?.({ type: "cpu", id: message.id, cpu: process.cpuUsage() });
    } else if (message.type === "close") {
      await hooks.close();
      process.send?.({ type: "closed" });
      process.exit(0);
    }
  });
}
