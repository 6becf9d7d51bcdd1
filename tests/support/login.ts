/** Logs in through the real /login form and returns the session cookie ("name=value"). */
export async function loginCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`login failed for ${email}: HTTP ${response.status}`);
  return cookie.split(";")[0];
}
