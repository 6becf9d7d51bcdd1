import { AreaPage } from "~/components/area-page";

export default function PracticesArea() {
  return <AreaPage area="practices" />;
}
