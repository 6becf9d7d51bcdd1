import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RoomCommandInput } from "~/sessions/room-commands";
import type { RoomView } from "~/sessions/room-view";

const clock = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/** Remaining time of the shared phase timer, counted down locally from the server's numbers. */
function useRemainingMs(timer: RoomView["timer"], clockOffset: number) {
  const compute = () => {
    if (timer.state !== "running" || timer.startedAt === null) return timer.durationMs - timer.accumulatedMs;
    return timer.durationMs - timer.accumulatedMs - (Date.now() + clockOffset - timer.startedAt);
  };
  const [remaining, setRemaining] = useState(compute);
  useEffect(() => {
    setRemaining(compute());
    if (timer.state !== "running") return;
    const interval = setInterval(() => setRemaining(compute()), 500);
    return () => clearInterval(interval);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [timer.state, timer.startedAt, timer.durationMs, timer.accumulatedMs, clockOffset]);
  return remaining;
}

/** The phase timer everyone sees; the facilitator starts, pauses, extends and stops it. */
export function RoomTimer({ view, clockOffset, send }: { view: RoomView; clockOffset: number; send: (command: RoomCommandInput) => void }) {
  const { t } = useTranslation();
  const remaining = useRemainingMs(view.timer, clockOffset);
  const can = (type: string) => view.me.abilities.includes(type as never) && view.status === "live";
  const over = remaining < 0;
  return (
    <section className="room-panel" aria-labelledby="room-timer-title">
      <h2 id="room-timer-title">{t("room.timer")}</h2>
      <p className={over ? "room-clock room-clock-over" : "room-clock"} data-testid="room-timer" role="timer" aria-live="off">
        {over ? `+${clock(-remaining)}` : clock(remaining)}
      </p>
      <p className="muted small" aria-live="polite">
        {t(`room.timerStates.${view.timer.state}`)}
        {over ? ` · ${t("room.timeUp")}` : ""}
      </p>
      {can("timer.start") ? (
        <div className="actions">
          {view.timer.state === "running" ? (
            <button type="button" className="button button-small" onClick={() => send({ type: "timer.pause" })}>
              {t("room.pause")}
            </button>
          ) : view.timer.state === "paused" ? (
            <button type="button" className="button button-small" onClick={() => send({ type: "timer.resume" })}>
              {t("room.resume")}
            </button>
          ) : (
            <button type="button" className="button button-small" onClick={() => send({ type: "timer.start" })} disabled={view.timer.durationMs <= 0}>
              {t("room.startTimer")}
            </button>
          )}
          {view.timer.state === "running" || view.timer.state === "paused" ? (
            <>
              <button type="button" className="button button-secondary button-small" onClick={() => send({ type: "timer.extend", ms: 5 * 60_000 })}>
                {t("room.extend")}
              </button>
              <button type="button" className="button button-secondary button-small" onClick={() => send({ type: "timer.stop" })}>
                {t("room.stopTimer")}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
