import { AreaPage } from "~/components/area-page";

export default function SessionsArea() {
  return <AreaPage area="sessions" />;
}
