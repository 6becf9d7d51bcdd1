import { AreaPage } from "~/components/area-page";

export default function PurchasingArea() {
  return <AreaPage area="purchasing" />;
}
