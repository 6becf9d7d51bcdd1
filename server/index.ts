import { EnvError } from "~/env.server";
import { startServer } from "./app";

// The process entry point: `npm start` (built app) or `npm run dev` (Vite, with --dev).
const dev = process.argv.includes("--dev");

try {
  const server = await startServer({ dev });
  console.log(`TWB Community Labs in ascolto su ${server.url} (${dev ? "sviluppo" : "build"})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: chiusura in corso…`);
    // A stuck connection must not keep the process alive forever.
    const force = setTimeout(() => {
      console.error("Chiusura forzata dopo 15 s");
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await server.close();
      console.log("Chiuso.");
      process.exit(0);
    } catch (error) {
      console.error("Errore durante la chiusura:", error);
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
  } else {
    console.error("Avvio non riuscito (start-up failed):", error);
  }
  process.exit(1);
}
