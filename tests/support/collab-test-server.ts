// A real server in a child process, for tests that kill it (kill -9) and start it again on the same
// data. Run with tsx; configured by the environment:
//   DATA_DIR or DATABASE_URL            the database, as for `npm start`
//   COLLAB_TEST_USER_EMAIL / _PASSWORD  a member account to create (or reset) before listening
// It registers the document kind "durable" (anyone signed in may edit), listens on a free loopback
// port (PORT=0) and prints one line `{"url":"http://127.0.0.1:<port>"}` once it accepts connections.
// SIGTERM closes it gracefully; SIGKILL is the point.
import { prisma } from "~/db.server";
import { registerDocumentKind } from "~/policies";
import { hashPassword } from "~/services/password.server";
import { startServer } from "../../server/app";

registerDocumentKind("durable", () => "edit");

const server = await startServer({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0), log: () => undefined });

const email = process.env.COLLAB_TEST_USER_EMAIL;
const password = process.env.COLLAB_TEST_USER_PASSWORD;
if (email && password) {
  const passwordHash = await hashPassword(password);
  await prisma.user.upsert({
    where: { email },
    create: { email, name: "Collab test", passwordHash },
    update: { passwordHash, deactivatedAt: null },
  });
}

process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

process.on("SIGTERM", () => {
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error("collab test server: close failed", error);
      process.exit(1);
    },
  );
});
