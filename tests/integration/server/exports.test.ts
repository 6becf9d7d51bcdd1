import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProposal } from "~/models/proposal.server";
import type { RunningServer } from "../../../server/app";
import { createTestLab, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("proposal exports", () => {
  it("downloads the proposal as Markdown and as PDF for people who may read it, and refuses others", async () => {
    const [member, outsider] = await Promise.all([createTestUser(), createTestUser()]);
    const lab = await createTestLab([{ userId: member.id, role: "MEMBER" }]);
    const proposal = await createProposal(member.id, lab.id, { title: "Spazio compiti d'estate" });
    const base = `${server.url}/laboratori/${lab.slug}/proposte/${proposal.id}/esporta`;
    const cookie = await loginCookie(server.url, member.email, TEST_PASSWORD);

    const markdown = await fetch(`${base}/md`, { headers: { cookie } });
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    expect(markdown.headers.get("content-disposition")).toBe('attachment; filename="spazio-compiti-d-estate.md"');
    const text = await markdown.text();
    expect(text.startsWith("# Spazio compiti d'estate\n")).toBe(true);
    expect(text).toContain("- **Fase:** Bozza");
    expect(text).toContain("## Bisogno a cui risponde");

    const pdf = await fetch(`${base}/pdf`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.includes(Buffer.from("DejaVuSans"))).toBe(true);
    expect(bytes.subarray(-6).toString()).toContain("%%EOF");

    const outsiderCookie = await loginCookie(server.url, outsider.email, TEST_PASSWORD);
    expect((await fetch(`${base}/pdf`, { headers: { cookie: outsiderCookie } })).status).toBe(403);
    expect((await fetch(`${base}/docx`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${base}/md`, { redirect: "manual" })).status).toBe(302);
  });
});
