import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { RoomError } from "~/sessions/room-errors";
import type { RoomCommandInput } from "~/sessions/room-commands";
import type { RoomView } from "~/sessions/room-view";

// The browser's side of a live session room (server/realtime/session-rooms.ts): one socket.io
// connection with the session cookie, the latest view the server sent (older ones, arriving late,
// are dropped), and `send` for commands, which resolves with the server's answer.

export type RoomPerson = { userId: string; name: string; response: string; organizations: string[] };
type Envelope = { sessionId: string; view: RoomView; online: string[] };
export type CommandAnswer = { ok: true; version: number; createdId: string | null } | { ok: false; error: RoomError };
type JoinAnswer = { ok: true; room: Envelope; people: RoomPerson[] } | { ok: false; error: RoomError };

export type RoomConnection = "connecting" | "online" | "offline" | "refused";

export type SessionRoom = {
  connection: RoomConnection;
  room: Envelope | null;
  /** The people invited (sent on joining, and again when the list changes). */
  people: RoomPerson[];
  /** The last refusal, to show next to the controls (cleared by the next accepted command). */
  lastError: RoomError | null;
  send: (command: RoomCommandInput) => Promise<CommandAnswer>;
  /** Milliseconds to add to Date.now() to read the server's clock (timers count down locally). */
  clockOffset: number;
};

const OFFLINE_ERROR: RoomError = { code: "conflict", reason: "room-unavailable", message: "Not connected" };
const OFFLINE: CommandAnswer = { ok: false, error: OFFLINE_ERROR };

/** Joins the room of `sessionId` and follows it; reconnects and joins again after a drop. */
export function useSessionRoom(sessionId: string): SessionRoom {
  const [connection, setConnection] = useState<RoomConnection>("connecting");
  const [room, setRoom] = useState<Envelope | null>(null);
  const [people, setPeople] = useState<RoomPerson[]>([]);
  const [lastError, setLastError] = useState<RoomError | null>(null);
  const [clockOffset, setClockOffset] = useState(0);
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    const socket = io({ path: "/socket.io/", transports: ["websocket"] });
    socketRef.current = socket;
    const accept = (envelope: Envelope) => {
      if (envelope.sessionId !== sessionId) return;
      setClockOffset(envelope.view.now - Date.now());
      setRoom((current) => (current && current.view.version > envelope.view.version ? current : envelope));
    };
    socket.on("connect", () => {
      socket.emit("room:join", { sessionId }, (answer: JoinAnswer) => {
        if (answer.ok) {
          setConnection("online");
          setPeople(answer.people);
          accept(answer.room);
        } else {
          setConnection("refused");
          setLastError(answer.error);
        }
      });
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", () => setConnection("offline"));
    socket.on("room:view", accept);
    socket.on("room:people", (payload: { sessionId: string; people: RoomPerson[] }) => {
      if (payload.sessionId === sessionId) setPeople(payload.people);
    });
    socket.on("room:error", (error: RoomError) => {
      setLastError(error);
      if (error.code === "forbidden" && error.reason === "not-invited") setConnection("refused");
    });
    return () => {
      socket.emit("room:leave", { sessionId });
      socket.close();
      socketRef.current = null;
    };
  }, [sessionId]);

  const send = useCallback(
    (command: RoomCommandInput) =>
      new Promise<CommandAnswer>((resolve) => {
        const socket = socketRef.current;
        if (!socket?.connected) {
          setLastError(OFFLINE_ERROR);
          return resolve(OFFLINE);
        }
        socket.timeout(10_000).emit("room:command", { sessionId, command }, (timeout: Error | null, answer: CommandAnswer) => {
          const result = timeout ? OFFLINE : answer;
          setLastError(result.ok ? null : result.error);
          resolve(result);
        });
      }),
    [sessionId],
  );

  return { connection, room, people, lastError, send, clockOffset };
}
