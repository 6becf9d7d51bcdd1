import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/services/auth.server";

export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  return logout(request, "login.loggedOut");
}
