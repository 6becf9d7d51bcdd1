import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getPublicEnv } from "~/env.server";
import { createI18n, DEFAULT_LOCALE } from "~/i18n/i18n";
import { countUnreadNotifications } from "~/models/notification.server";
import { getOptionalUser, toActor } from "~/services/auth.server";
import { getLocale } from "~/services/locale.server";
import { readToast } from "~/services/session.server";
import { navigationFor } from "~/utils/navigation";
import leafletStyles from "leaflet/dist/leaflet.css?url";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: leafletStyles },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "TWB Community Labs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await getLocale(request, user);
  const { toast, headers } = await readToast(request);
  const unreadNotifications = user ? await countUnreadNotifications(user.id) : 0;
  return data(
    {
      locale,
      toast,
      env: getPublicEnv(),
      user: user ? { id: user.id, name: user.name, role: user.role } : null,
      unreadNotifications,
      navigation: navigationFor(toActor(user)),
    },
    { headers },
  );
}

/** The root loader's data (locale, signed-in user, navigation), from any route. */
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <AppShell>{children}</AppShell>
        </I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
