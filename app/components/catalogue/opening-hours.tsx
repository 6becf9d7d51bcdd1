import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/dates";

type Row = { id: string; weekday: number | null; date: Date | string | null; opensAt: string | null; closesAt: string | null; validFrom: Date | string | null; validTo: Date | string | null; description: string | null };

/** A service's week, Monday first (time ranges of a day joined), then its special days from today on. */
export function OpeningHours({ schedules }: { schedules: Row[] }) {
  const { t, i18n } = useTranslation();
  const weekly = schedules.filter((row) => row.weekday !== null);
  const today = new Date().toISOString().slice(0, 10);
  const exceptions = schedules.filter((row) => row.weekday === null && row.date && String(row.date).slice(0, 10) >= today);
  if (!weekly.length && !exceptions.length) return <p className="muted">{t("catalogue.service.noHours")}</p>;
  const validity = (row: Row) => {
    const from = row.validFrom ? formatDate(row.validFrom, i18n.language) : null;
    const to = row.validTo ? formatDate(row.validTo, i18n.language) : null;
    if (from && to) return t("catalogue.service.validity", { from, to });
    if (from) return t("catalogue.service.validFrom", { from });
    if (to) return t("catalogue.service.validTo", { to });
    return null;
  };
  return (
    <>
      {weekly.length ? (
        <table className="hours-table">
          <tbody>
            {[1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => {
              const rows = weekly.filter((row) => row.weekday === weekday);
              if (!rows.length) return [];
              return [
                <tr key={weekday}>
                  <th scope="row">{t(`catalogue.weekdays.${weekday}`)}</th>
                  <td>
                    {rows
                      .map((row) => [`${row.opensAt}–${row.closesAt}`, validity(row), row.description].filter(Boolean).join(" · "))
                      .join("; ")}
                  </td>
                </tr>,
              ];
            })}
          </tbody>
        </table>
      ) : null}
      {exceptions.length ? (
        <>
          <h3>{t("catalogue.service.exceptions")}</h3>
          <ul className="plain-list">
            {exceptions.map((row) => (
              <li key={row.id}>
                {formatDate(row.date!, i18n.language)}: {row.opensAt ? `${row.opensAt}–${row.closesAt}` : t("catalogue.service.closedAllDay")}
                {row.description ? ` · ${row.description}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
