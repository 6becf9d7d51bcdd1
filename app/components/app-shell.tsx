import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import { translateMessage } from "~/utils/messages";

/** Header with navigation, language switch and account menu; main content; footer. */
export function AppShell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  // On a phone the menu folds away once JavaScript runs; without it every link stays visible.
  const [enhanced, setEnhanced] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setEnhanced(true), []);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const navigation = data?.navigation ?? { areas: [], network: [{ to: "/organizzazioni", label: "nav.organizations" }], admin: [] };
  const redirectTo = `${location.pathname}${location.search}`;

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="header-bar">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              TWB
            </span>
            <span className="brand-name">{t("app.name")}</span>
          </Link>
          <div className="header-actions">
            <Form method="post" action="/lingua" className="inline-form">
              <input type="hidden" name="locale" value={data?.locale === "en" ? "it" : "en"} />
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <button type="submit" className="link-button" lang={data?.locale === "en" ? "it" : "en"} aria-label={t("app.switchLanguageLabel")}>
                {t("app.switchLanguage")}
              </button>
            </Form>
            {data?.user ? (
              <>
                <Link to="/notifiche" className="notification-link" data-testid="notification-link">
                  <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                    <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                    <path d="M13.73 21a2 2 0 0 1-3.46 0" />
                  </svg>
                  <span className="visually-hidden">{t("notifications.title")}</span>
                  {data.unreadNotifications > 0 ? (
                    <span className="badge" aria-label={t("notifications.badge", { count: data.unreadNotifications })}>
                      {data.unreadNotifications}
                    </span>
                  ) : null}
                </Link>
                <Link to="/profilo" className="account-link">
                  {data.user.name}
                </Link>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="button button-secondary button-small">
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`} className="button button-small">
                {t("nav.login")}
              </Link>
            )}
          </div>
        </div>
        <nav aria-label={t("app.mainNav")} className={`main-nav${enhanced && !menuOpen ? " collapsed" : ""}`}>
          <button
            type="button"
            className="nav-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav-lists"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t("app.menu")}
          </button>
          <div id="main-nav-lists" className="nav-lists">
            <NavSection items={navigation.areas} />
            <NavSection items={navigation.network} />
            {navigation.admin.length > 0 ? <NavSection items={navigation.admin} /> : null}
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {data?.toast ? (
          <p className="toast" role="status">
            {translateMessage(t, data.toast)}
          </p>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}

function NavSection({ items }: { items: { to: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="nav-list">
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} className={({ isActive }) => (isActive ? "nav-link active" : "nav-link")}>
            {t(item.label)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
