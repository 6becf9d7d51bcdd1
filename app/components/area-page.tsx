import { useTranslation } from "react-i18next";
import { AREAS, type AreaKey } from "~/utils/navigation";

/** The page of a work area that a later issue fills: what the area is for, in the programme's words. */
export function AreaPage({ area }: { area: AreaKey }) {
  const { t } = useTranslation();
  const item = AREAS.find((candidate) => candidate.key === area);
  return (
    <section className="page" aria-labelledby="area-title">
      <h1 id="area-title">{t(item?.label ?? "")}</h1>
      <p className="lead">{t(`areas.${area}`)}</p>
      <p className="notice">{t("areas.comingWith")}</p>
    </section>
  );
}
