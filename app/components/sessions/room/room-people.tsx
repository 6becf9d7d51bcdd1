import { useTranslation } from "react-i18next";
import type { RoomCommandInput } from "~/sessions/room-commands";
import type { RoomView } from "~/sessions/room-view";
import type { RoomPerson } from "./use-session-room";

/** Who is invited, who is connected and who is present; the facilitator ticks people in the room without a device. */
export function RoomPeople({ view, people, online, send }: { view: RoomView; people: RoomPerson[]; online: string[]; send: (command: RoomCommandInput) => void }) {
  const { t } = useTranslation();
  const marks = view.me.abilities.includes("attendance.mark") && view.status === "live";
  const connected = new Set(online);
  const present = new Set(view.present);
  const presentCount = people.filter((person) => present.has(person.userId)).length;
  return (
    <section className="room-panel" aria-labelledby="room-people-title">
      <h2 id="room-people-title">{t("room.people")}</h2>
      <p className="muted small">{t("room.presentCount", { present: presentCount, invited: people.length, online: connected.size })}</p>
      <ul className="room-people" data-testid="room-people">
        {people.map((person) => {
          return (
            <li key={person.userId}>
              <span className={connected.has(person.userId) ? "presence-dot presence-online" : "presence-dot"} aria-hidden="true" />
              <span>{person.name}</span>
              <span className="visually-hidden">{connected.has(person.userId) ? t("room.connected") : t("room.notConnected")}</span>
              {marks ? (
                <label className="inline-check">
                  <input
                    type="checkbox"
                    checked={present.has(person.userId)}
                    onChange={(event) => send({ type: "attendance.mark", userId: person.userId, present: event.currentTarget.checked })}
                  />
                  {t("room.present")}
                  <span className="visually-hidden"> — {person.name}</span>
                </label>
              ) : present.has(person.userId) ? (
                <span className="tag">{t("room.present")}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
