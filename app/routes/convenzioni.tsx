import { AreaPage } from "~/components/area-page";

export default function AgreementsArea() {
  return <AreaPage area="agreements" />;
}
