import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { isSameOrigin } from "../origin";
import { canConnectRealtime } from "~/policies";
import { getUserFromCookie, toActor } from "~/services/auth.server";
import type { RoomClientEvents, RoomServerEvents, RoomSocketData } from "./session-rooms";

/** Events the server sends; later issues (notifications) add theirs here. */
export type ServerToClientEvents = RoomServerEvents & {
  "session:ready": (payload: { userId: string; name: string }) => void;
};
export type ClientToServerEvents = RoomClientEvents;
export type SocketData = RoomSocketData;

/** socket.io on /socket.io/, same port; every socket is authenticated from the session cookie. */
export function createRealtime(httpServer: HttpServer, allowedOrigin?: string) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    path: "/socket.io/",
    serveClient: false,
    // Other upgrade paths (/collab) belong to other handlers: engine.io must not destroy them.
    destroyUpgrade: false,
    allowRequest: (request, callback) => {
      const allowed = isSameOrigin(request, allowedOrigin);
      callback(allowed ? null : "origin not allowed", allowed);
    },
  });

  io.use(async (socket, next) => {
    try {
      const user = await getUserFromCookie(socket.handshake.headers.cookie);
      if (!canConnectRealtime(toActor(user)) || !user) return next(new Error("unauthorized"));
      socket.data.user = user;
      socket.data.rooms = new Map();
      next();
    } catch (error) {
      next(error instanceof Error ? error : new Error("unauthorized"));
    }
  });

  io.on("connection", (socket) => {
    const { user } = socket.data;
    // A personal room lets later features (notifications, access changes) reach all of a person's tabs.
    void socket.join(`user:${user.id}`);
    socket.emit("session:ready", { userId: user.id, name: user.name });
  });

  return io;
}
