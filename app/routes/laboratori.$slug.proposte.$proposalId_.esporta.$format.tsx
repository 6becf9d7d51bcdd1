import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentToMarkdown } from "~/editor/schema/markdown";
import { getFixedT } from "~/i18n/i18n";
import { getCurrentProposalContent } from "~/models/proposal-version.server";
import { getLocale } from "~/services/locale.server";
import { requireProposalContext } from "~/services/proposal-context.server";
import { proposalPdf } from "~/services/proposal-pdf.server";
import { formatDateTime } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { slugify } from "~/utils/slugify";

// Downloads of a proposal: /esporta/md (Markdown) and /esporta/pdf, for anyone who may read it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposalContext(request, params);
  if (params.format !== "md" && params.format !== "pdf") notFound();
  const locale = await getLocale(request, user);
  const t = getFixedT(locale);
  const content = await getCurrentProposalContent(proposal.id);
  const euros = (cents: number | null) =>
    cents === null ? "—" : new Intl.NumberFormat(locale === "en" ? "en-GB" : "it-IT", { style: "currency", currency: "EUR" }).format(cents / 100);
  const details: [string, string][] = [
    [t("decisions.lab"), proposal.lab.title],
    [t("proposal.stage"), t(`stages.${proposal.stage}`)],
    [t("proposal.targetGroup"), proposal.targetGroup ?? "—"],
    [t("proposal.ageMin"), proposal.ageMin?.toString() ?? "—"],
    [t("proposal.ageMax"), proposal.ageMax?.toString() ?? "—"],
    [t("proposal.estimatedCost"), euros(proposal.estimatedCostCents)],
    [t("proposal.comuni"), proposal.comuni.map((entry) => entry.comune.name).join(", ") || "—"],
    [t("proposal.partners"), proposal.organizations.map((entry) => entry.organization.name).join(", ") || "—"],
  ];
  if (proposal.decisionNote) details.push([t("proposal.decision"), proposal.decisionNote]);
  const generated = `${t("exports.generated")} ${formatDateTime(new Date(), locale)} · TWB Community Labs`;
  const filename = `${slugify(proposal.title) || "proposta"}.${params.format}`;
  const disposition = `attachment; filename="${filename}"`;

  if (params.format === "md") {
    const header = details.map(([name, value]) => `- **${name}:** ${value}`).join("\n");
    const markdown = documentToMarkdown(content, proposal.title).replace(/\n/, `\n\n${header}\n`) + `\n---\n\n_${generated}_\n`;
    return new Response(markdown, { headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": disposition } });
  }
  const pdf = await proposalPdf({ title: proposal.title, subtitle: proposal.lab.title, details, content, footer: generated });
  return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": disposition } });
}
