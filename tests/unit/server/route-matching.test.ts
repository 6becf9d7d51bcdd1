import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The server runs @remix-run/router's CommonJS build, patched by patches/@remix-run+router+1.23.3.patch
// (route rankings and compiled paths kept between requests): these check that the kept work never
// answers for another path, another routes array, or routes patched in later.
const require = createRequire(import.meta.url);
const routerFile = require.resolve("@remix-run/router");
const router = require(routerFile) as typeof import("@remix-run/router");

const routes: import("@remix-run/router").AgnosticRouteObject[] = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "home", index: true },
      { id: "catalogue", path: "catalogo", children: [{ id: "catalogue-index", index: true }, { id: "service", path: "servizi/:slug" }] },
      { id: "labs", path: "laboratori/*" },
      { id: "exact", path: "Maiuscole", caseSensitive: true },
    ],
  },
];
const ids = (pathname: string, tree = routes) => router.matchRoutes(tree, pathname)?.map((match) => match.route.id) ?? null;

describe("route matching (patched @remix-run/router)", () => {
  it("is the patched build that Node loads, with the server render's routes made once per build", () => {
    expect(readFileSync(routerFile, "utf8")).toContain("TWB Community Labs patch");
    // RemixServer and createStaticRouter hand the router the same arrays on every request.
    expect(readFileSync(require.resolve("@remix-run/react/dist/server.js"), "utf8")).toContain("serverRoutesOf(context)");
    expect(readFileSync(require.resolve("react-router-dom/server.js"), "utf8")).toContain("dataRoutesByRoutes");
  });

  it("answers each path on its own, the same the first time and every later time", () => {
    for (let round = 0; round < 3; round += 1) {
      expect(ids("/")).toEqual(["root", "home"]);
      expect(ids("/catalogo")).toEqual(["root", "catalogue", "catalogue-index"]);
      expect(router.matchRoutes(routes, "/catalogo/servizi/centro-ascolto")?.at(-1)?.params).toEqual({ slug: "centro-ascolto" });
      expect(ids("/laboratori/dsa/proposte")).toEqual(["root", "labs"]);
      expect(ids("/sconosciuta")).toBeNull();
    }
  });

  it("keeps case-sensitive and case-insensitive paths apart", () => {
    expect(ids("/Maiuscole")).toEqual(["root", "exact"]);
    expect(ids("/maiuscole")).toBeNull();
    expect(router.matchPath({ path: "/maiuscole", caseSensitive: false }, "/MAIUSCOLE")).not.toBeNull();
    expect(router.matchPath({ path: "/maiuscole", caseSensitive: true }, "/MAIUSCOLE")).toBeNull();
    expect(router.matchPath({ path: "/catalogo", end: false }, "/catalogo/servizi")?.pathnameBase).toBe("/catalogo");
    expect(router.matchPath({ path: "/catalogo", end: true }, "/catalogo/servizi")).toBeNull();
  });

  it("ranks another routes array by its own routes", () => {
    const other = [{ id: "other", path: "/catalogo" }];
    expect(ids("/catalogo", other)).toEqual(["other"]);
    expect(ids("/catalogo")).toEqual(["root", "catalogue", "catalogue-index"]);
  });

  it("sees routes patched in during a navigation (lazy route discovery)", async () => {
    const live = router.createRouter({
      routes: structuredClone(routes),
      history: router.createMemoryHistory(),
      patchRoutesOnNavigation: ({ path, patch }) => {
        if (path === "/nuova") patch("root", [{ id: "nuova", path: "nuova" }]);
      },
    }).initialize();
    await live.navigate("/nuova");
    expect(live.state.matches.map((match) => match.route.id)).toEqual(["root", "nuova"]);
    expect(live.state.errors).toBeNull();
    live.dispose();
  });
});
