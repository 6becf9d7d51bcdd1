import { AreaPage } from "~/components/area-page";

export default function CooperativeArea() {
  return <AreaPage area="cooperative" />;
}
