import { AreaPage } from "~/components/area-page";

export default function LabsArea() {
  return <AreaPage area="labs" />;
}
