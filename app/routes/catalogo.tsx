import { AreaPage } from "~/components/area-page";

export default function CatalogueArea() {
  return <AreaPage area="catalogue" />;
}
