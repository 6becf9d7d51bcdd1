import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPracticeAttachment, getPracticeBySlug } from "~/models/good-practice.server";
import { canViewPractice } from "~/policies";
import { getOptionalUser, requireUser, toActor } from "~/services/auth.server";
import { notFound, requireAllowed } from "~/utils/http.server";

// Downloads an attachment of a practice for whoever may see the practice. The stored type comes
// from the upload allow-list; "attachment" (never inline) keeps even a mislabelled file from
// rendering inside the app's origin.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const practice = await getPracticeBySlug(params.slug ?? "");
  if (!practice) notFound();
  const user = await getOptionalUser(request);
  if (!canViewPractice(toActor(user), practice)) {
    if (!user) await requireUser(request);
    requireAllowed(false);
  }
  if (!/^[0-9a-f-]{36}$/i.test(params.attachmentId ?? "")) notFound();
  const attachment = await getPracticeAttachment(practice.id, params.attachmentId!);
  if (!attachment) notFound();
  const asciiName = attachment.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(attachment.content), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(attachment.size),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
