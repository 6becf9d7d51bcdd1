// Entry of a load thread (bench/load-threads.ts): tsx's loader does not reach worker threads by
// itself, so the thread registers it before loading the TypeScript body.
import { register } from "tsx/esm/api";

register();
await import("./load-worker.ts");
