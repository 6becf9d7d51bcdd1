// The benchmark children's side of the IPC protocol with bench/collab.ts: "stats" answers with the
// process' CPU and memory, "close" stops the server and exits.
type Hooks = {
  /** Runs before each stats answer (the app's load-window profiler). */
  beforeStats?: () => Promise<void>;
  close: () => Promise<void> | void;
};

export function answerBenchParent(hooks: Hooks) {
  process.on("message", async (message: { type: string; id?: number }) => {
    if (message.type === "stats") {
      await hooks.beforeStats?.();
      // CPU first, so the forced GCs (for a stable heap figure) are not counted as load.
      const cpu = process.cpuUsage();
      if (global.gc) {
        global.gc();
        global.gc();
      }
      process.send?.({ type: "stats", id: message.id, cpu, memory: process.memoryUsage() });
    } else if (message.type === "close") {
      await hooks.close();
      process.send?.({ type: "closed" });
      process.exit(0);
    }
  });
}
