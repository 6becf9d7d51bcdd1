import { AreaPage } from "~/components/area-page";

export default function MutualAidArea() {
  return <AreaPage area="mutualAid" />;
}
