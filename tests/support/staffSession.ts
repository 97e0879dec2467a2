import { DEMO_ACCOUNT } from '../../launcher/browserConsole';
import { DEMO_PASSWORD } from '../../server/auth/demoStaff';

export { DEMO_ACCOUNT };

const tokens = new Map<string, Promise<string>>();

/** A demo staff member's access token (signed in once per hub and user: sign-ins are rate-limited). */
export function staffToken(hubUrl: string, username: string = DEMO_ACCOUNT.username): Promise<string> {
  const key = `${hubUrl} ${username}`;
  let token = tokens.get(key);
  if (!token) {
    token = fetch(`${hubUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    });
    tokens.set(key, token);
  }
  return token;
}

export async function authorized(hubUrl: string, username?: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await staffToken(hubUrl, username)}` };
}
