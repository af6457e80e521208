// Sign-in in real Chromium through the web preview, against a local Entra-shaped HTTPS authority (throwaway
// CA) and a Graph-shaped server that accepts only access tokens that authority issued. The browser step runs
// in a second page of the same context, as an analyst's browser would: the authority's form_post page posts
// to the app's 127.0.0.1 loopback. Also: cancel, accounts, "Sign in again", settings and the first-run guide.
// Everything listens on 127.0.0.1 and is stopped by the describe that started it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { ALICE, BOB, startEntraServer, type EntraServer, type EntraUser } from '../support/entra-server';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { lookUp as fillAndLookUp, shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

const TENANT = ALICE.tid;
const SEED = { host: '85.13.139.18', port: 21 };

/** From whichever screen is open: to Lookup, then the shared form helper. */
async function lookUp(page: Page, host: string, port: number): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Lookup' }).click();
  await fillAndLookUp(page, host, port);
}

function signInUrls(preview: RunningPreview): string[] {
  return [...preview.stdout().matchAll(/^SIGNIN_URL=(\S+)$/gm)].map((m) => m[1]!);
}

/** The sign-in URL the preview prints after `before` earlier ones. */
async function nextSignInUrl(preview: RunningPreview, before: number): Promise<string> {
  await expect.poll(() => signInUrls(preview).length, { timeout: 20_000 }).toBeGreaterThan(before);
  return signInUrls(preview)[before]!;
}

/** The analyst's browser: a second page that loads the authority's page, which posts to the loopback. */
async function completeInBrowser(context: BrowserContext, url: string): Promise<void> {
  const tab = await context.newPage();
  try {
    await tab.goto(url);
    await expect(tab.getByRole('heading', { name: 'You can return to Portolan' })).toBeVisible();
    expect(new URL(tab.url()).hostname).toBe('localhost');
  } finally {
    await tab.close();
  }
}

/** Clicks a sign-in button and completes the browser step; resolves when the account shows. */
async function signIn(page: Page, preview: RunningPreview, button: () => Promise<void>, name: string): Promise<void> {
  const before = signInUrls(preview).length;
  await button();
  const url = await nextSignInUrl(preview, before);
  await expect(page.getByText('Signing in… finish in your browser')).toBeVisible();
  await completeInBrowser(page.context(), url);
  await expect(page.getByTestId('account-name')).toHaveText(name);
}

const signInButton = (page: Page) => page.getByRole('button', { name: 'Sign in', exact: true });

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Every file under dir, recursively, as raw bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

test.describe('sign-in through the Entra stand-in', () => {
  test.describe.configure({ mode: 'serial' });
  // The authority's page is served with the throwaway CA, which Chromium does not know.
  test.use({ ignoreHTTPSErrors: true });

  let entra: EntraServer;
  let graph: GraphServer;
  let dir: string;
  let userData: string;
  let caFile: string;
  let preview: RunningPreview | undefined;

  const start = () =>
    startPreview({
      args: [
        '--port', '0',
        '--user-data', userData,
        '--graph-base-url', graph.url,
        '--authority', entra.url,
        '--client-id', entra.clientId,
        '--tenant', TENANT,
        '--ca-file', caFile,
      ],
      env: { PORTOLAN_GRAPH_TOKEN: undefined },
    });

  /** The Graph server saw only bearer tokens the authority issued, and the last one was `access`. */
  function expectGraphSaw(access: string): void {
    // The reachability probe (GET of the service root) carries no token; every API call carries an issued one.
    expect(graph.requests.filter((r) => r.url === '/').every((r) => r.headers.authorization === undefined)).toBe(true);
    const auth = graph.requests.filter((r) => r.url !== '/').map((r) => r.headers.authorization);
    expect(auth.length).toBeGreaterThan(0);
    expect(auth.at(-1)).toBe(`Bearer ${access}`);
    for (const a of auth) expect(entra.issuedTokens.access).toContain(a?.replace(/^Bearer /, ''));
  }

  /** Looks up the seed and checks Graph got the newest access token issued to `user`. */
  async function lookUpAs(page: Page, user: EntraUser): Promise<void> {
    await lookUp(page, SEED.host, SEED.port);
    await expect(page.locator('#section-banners')).toContainText('220 FTP');
    expectGraphSaw(entra.issued.filter((i) => i.username === user.username).at(-1)!.access);
  }

  /** Signs in one more account through the account menu's "Add another account". */
  async function addAccount(page: Page, p: RunningPreview, name: string): Promise<void> {
    await signIn(
      page,
      p,
      async () => {
        await page.getByRole('button', { name: /^Account: / }).click();
        await page.getByRole('button', { name: 'Add another account' }).click();
      },
      name,
    );
  }

  test.beforeAll(async () => {
    entra = await startEntraServer();
    graph = await startGraphServer({ acceptToken: (t) => entra.issuedTokens.access.includes(t) });
    dir = mkdtempSync(join(tmpdir(), 'portolan-e2e-signin-'));
    userData = join(dir, 'user-data');
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, entra.caPem);
    preview = await start();
  });
  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    await entra?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('signs in in a second page, looks up with the issued token, keeps no token in plain text, signs out', async ({ page }) => {
    const p = preview!;
    await page.goto(p.url);
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    await expect(page.getByTestId('first-run')).toHaveCount(0);

    entra.signInAs(ALICE);
    await signIn(page, p, () => signInButton(page).click(), ALICE.name);
    const chip = page.getByRole('button', { name: /^Account: / });
    await expect(chip).toContainText(ALICE.username);
    await expect(page.getByText(`Tenant ${TENANT.slice(0, 8)}…`)).toBeVisible();
    await expect(signInButton(page)).toHaveCount(0);
    expect(entra.tokenRequests.map((r) => [r.grantType, r.ok])).toEqual([['authorization_code', true]]);

    // Graph refuses anything but an issued token, so a lookup that works proves which token was sent.
    await lookUp(page, SEED.host, SEED.port);
    await expect(page.locator('#section-banners')).toContainText('220 FTP');
    expectGraphSaw(entra.issued.at(-1)!.access);

    // No token of any kind in plain text anywhere in the user-data folder.
    const files = filesUnder(userData);
    const cache = files.find((f) => f.path.endsWith(join('auth', 'msal-cache.bin')));
    expect(cache?.bytes.length ?? 0).toBeGreaterThan(100);
    const secrets = [...entra.issuedTokens.access, ...entra.issuedTokens.refresh, ...entra.issuedTokens.id];
    expect(secrets.length).toBe(3);
    for (const f of files) {
      for (const secret of secrets) expect(f.bytes.includes(Buffer.from(secret)), `${secret.slice(0, 6)}… in ${f.path}`).toBe(false);
    }
    // Nor in what the renderer can see, nor in the preview's output (its logs).
    const html = await page.content();
    const logs = p.stdout() + p.stderr();
    for (const secret of secrets) {
      expect(html).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }

    await chip.click();
    const menu = page.getByRole('group', { name: 'Accounts' });
    await expect(menu).toContainText(ALICE.name);
    await expect(menu).toContainText(`Tenant ${TENANT}`);
    await expect(menu.getByText('Active')).toBeVisible();
    await shot(page, 'signed-in', { fullPage: false });

    await menu.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(signInButton(page)).toBeVisible();
    await expect(page.getByTestId('account-name')).toHaveCount(0);
    // Signed out means the account's tokens are gone: a lookup asks for sign-in rather than using them.
    const before = graph.requests.length;
    await lookUp(page, SEED.host, SEED.port);
    await expect(page.getByTestId('sign-in-again')).toContainText('Sign in with your work account');
    expect(graph.requests.length).toBe(before);
  });

  test('the settings view marks the fields preview flags fix', async ({ page }) => {
    await page.goto(preview!.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByTestId('preview-flags')).toBeVisible();
    await expect(page.getByLabel('Application (client) ID')).toHaveValue(entra.clientId);
    await expect(page.getByLabel('Application (client) ID')).toBeDisabled();
    await expect(page.getByText('Set by --client-id for this run.')).toBeVisible();
    await expect(page.getByLabel('Tenant', { exact: true })).toHaveValue(TENANT);
    await expect(page.getByText('Set by --tenant for this run.')).toBeVisible();
    await expect(page.getByRole('radio', { name: /Custom/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: /Custom/ })).toBeDisabled();
    await expect(page.getByLabel('Sign-in authority')).toHaveValue(entra.url);
    await expect(page.getByLabel('Graph service root')).toHaveValue(graph.url);
    await expect(page.getByText('Set by --graph-base-url for this run.')).toBeVisible();
    // What a flag does not fix can still be saved.
    await page.getByLabel('Days to keep snapshots').fill('90');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
    await expect(page.getByLabel('Days to keep snapshots')).toHaveValue('90');
  });

  test('Cancel sign-in stops a pending sign-in', async ({ page }) => {
    const p = preview!;
    await page.goto(p.url);
    const before = signInUrls(p).length;
    await signInButton(page).click();
    const url = await nextSignInUrl(p, before);
    await expect(page.getByText('Signing in… finish in your browser')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await expect(signInButton(page)).toBeVisible();
    await expect(page.getByText('Signing in… finish in your browser')).toHaveCount(0);
    // A cancel is the analyst's choice, not an error.
    await expect(page.locator('.auth-error')).toHaveCount(0);
    // The loopback is closed: nothing listens where the authority's page would deliver the code.
    const loopbackPort = Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
    expect(loopbackPort).toBeGreaterThan(0);
    await expect.poll(() => listening(loopbackPort)).toBe(false);
    // And a new sign-in can start at once (one at a time, and the cancelled one is over).
    await signInButton(page).click();
    await nextSignInUrl(p, before + 1);
    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await expect(signInButton(page)).toBeVisible();
    expect(entra.tokenRequests.filter((r) => r.grantType === 'authorization_code')).toHaveLength(1);
  });

  test('a sign-in begun before a reload still ends in the UI, by cancel or by completing it', async ({ page }) => {
    const p = preview!;
    await page.goto(p.url);
    let before = signInUrls(p).length;
    await signInButton(page).click();
    await nextSignInUrl(p, before);
    await page.reload();
    await expect(page.getByText('Signing in… finish in your browser')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await expect(signInButton(page)).toBeVisible();

    before = signInUrls(p).length;
    await signInButton(page).click();
    const url = await nextSignInUrl(p, before);
    await page.reload();
    await expect(page.getByText('Signing in… finish in your browser')).toBeVisible();
    entra.signInAs(ALICE);
    await completeInBrowser(page.context(), url);
    await expect(page.getByTestId('account-name')).toHaveText(ALICE.name);
    await page.getByRole('button', { name: /^Account: / }).click();
    await page.getByRole('group', { name: 'Accounts' }).getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(signInButton(page)).toBeVisible();
  });

  test('several accounts: add another, switch between them; the lookup uses the active one', async ({ page }) => {
    const p = preview!;
    await page.goto(p.url);
    entra.signInAs(ALICE);
    await signIn(page, p, () => signInButton(page).click(), ALICE.name);

    entra.signInAs(BOB);
    const chip = page.getByRole('button', { name: /^Account: / });
    await addAccount(page, p, BOB.name);
    await lookUpAs(page, BOB);

    await chip.click();
    const menu = page.getByRole('group', { name: 'Accounts' });
    await expect(menu.getByRole('listitem')).toHaveCount(2);
    await menu.getByRole('button', { name: `Switch to ${ALICE.username}` }).click();
    await expect(page.getByTestId('account-name')).toHaveText(ALICE.name);
    await lookUpAs(page, ALICE);

    // Leave only Alice signed in for the restart test.
    await chip.click();
    await menu.getByRole('button', { name: `Remove ${BOB.username}` }).click();
    await chip.click();
    await expect(menu.getByRole('listitem')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
  });

  test('a restart with the same user data stays signed in: no new sign-in URL, a silent token for the lookup', async ({ page }) => {
    await preview!.stop();
    preview = undefined;
    const authorizeBefore = entra.authorizeRequests.length;
    const codeGrantsBefore = entra.tokenRequests.filter((r) => r.grantType === 'authorization_code').length;
    preview = await start();
    const p = preview;
    await page.goto(p.url);
    await expect(page.getByTestId('account-name')).toHaveText(ALICE.name);
    await lookUpAs(page, ALICE);
    expect(signInUrls(p)).toEqual([]);
    expect(entra.authorizeRequests.length).toBe(authorizeBefore);
    expect(entra.tokenRequests.filter((r) => r.grantType === 'authorization_code')).toHaveLength(codeGrantsBefore);
  });

  test('a revoked sign-in shows "Sign in again"; signing in runs the lookup again', async ({ page }) => {
    const p = preview!;
    await page.goto(p.url);
    await expect(page.getByTestId('account-name')).toHaveText(ALICE.name);
    // Tokens that are already stale make every lookup refresh; then the refresh token is revoked.
    entra.expiresIn = 60;
    entra.signInAs(ALICE);
    await addAccount(page, p, ALICE.name);
    entra.revokeRefreshTokens();
    await lookUp(page, SEED.host, SEED.port);
    const prompt = page.getByTestId('sign-in-again');
    await expect(prompt).toHaveAttribute('role', 'alert');
    await expect(prompt).toContainText('Sign in again');
    await expect(prompt).toContainText(/expired or was revoked/);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(1);
    await shot(page, 'sign-in-again');

    entra.expiresIn = 3600;
    await signIn(page, p, () => prompt.getByRole('button', { name: 'Sign in', exact: true }).click(), ALICE.name);
    await expect(prompt).toHaveCount(0);
    await expect(page.locator('#section-banners')).toContainText('220 FTP');
    expectGraphSaw(entra.issued.at(-1)!.access);
  });
});

test.describe('without a client ID', () => {
  test.describe.configure({ mode: 'serial' });
  let dir: string;
  let graph: GraphServer;
  let preview: RunningPreview;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portolan-e2e-firstrun-'));
    // Once a client ID is saved the app leaves demo data and app:info probes the Graph root: keep that on
    // 127.0.0.1 whatever cloud the test picks.
    graph = await startGraphServer();
    preview = await startPreview({ args: ['--port', '0', '--user-data', dir, '--graph-base-url', graph.url], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
  });
  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the first-run guide explains the app registration; the demo stays usable; it can be dismissed', async ({ page }) => {
    await page.goto(preview.url);
    const guide = page.getByTestId('first-run');
    await expect(guide).toBeVisible();
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    for (const text of [
      'App registrations → New registration',
      'Mobile and desktop applications',
      'http://localhost',
      'Allow public client flows',
      'ThreatIntelligence.Read.All',
      'Grant admin consent',
      'Application (client) ID',
    ]) {
      await expect(guide).toContainText(text);
    }
    await shot(page, 'first-run');

    await page.getByRole('button', { name: /85\.13\.139\.18:21/ }).click();
    await expect(page.locator('#section-banners')).toContainText('220 FTP');

    await guide.getByRole('button', { name: 'Hide setup steps' }).click();
    await expect(guide).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    await expect(page.getByTestId('first-run')).toHaveCount(0);
  });

  test('Sign in without a client ID points to Settings', async ({ page }) => {
    await page.goto(preview.url);
    await signInButton(page).click();
    await expect(page.getByRole('alert').filter({ hasText: 'application (client) ID' })).toBeVisible();
    await page.getByRole('button', { name: 'Go to Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expect(page.locator('.auth-error')).toHaveCount(0);
  });

  test('settings refuse an invalid client ID with a clear message and save a valid one', async ({ page }) => {
    await page.goto(preview.url);
    await page.getByTestId('first-run').getByRole('button', { name: 'Open Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expect(page.getByRole('radio', { name: /Global/ })).toBeChecked();
    await expect(page.getByLabel('Tenant', { exact: true })).toHaveValue('organizations');
    await expect(page.getByLabel('Application (client) ID')).toBeEditable();
    await expect(page.getByText(`Graph requests go to ${graph.url}: set by --graph-base-url for this run.`)).toBeVisible();

    const clientId = page.getByLabel('Application (client) ID');
    await clientId.fill('not-a-guid');
    await page.getByRole('button', { name: 'Save' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'must be a GUID' });
    await expect(problem).toBeVisible();
    await expect(clientId).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toHaveCount(0);
    await shot(page, 'settings-invalid');

    // The custom cloud shows its two fields; main refuses it without an authority.
    await page.getByRole('radio', { name: /Custom/ }).check();
    await expect(page.getByLabel('Sign-in authority')).toBeVisible();
    await expect(page.getByLabel('Graph service root')).toBeVisible();
    await page.getByRole('radio', { name: /US Government L5 \(DoD\)/ }).check();
    await expect(page.getByLabel('Sign-in authority')).toHaveCount(0);

    await clientId.fill('6A2B1C3D-0000-4000-8000-00000000C11E');
    await page.getByLabel('Tenant', { exact: true }).fill('contoso.onmicrosoft.com');
    await page.getByLabel('Snapshots kept per host port').fill('25');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
    await expect(problem).toHaveCount(0);
    // Main normalises the GUID; the app leaves demo data now that sign-in is configured.
    await expect(clientId).toHaveValue('6a2b1c3d-0000-4000-8000-00000000c11e');
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    await shot(page, 'settings');

    // Saved in main: a fresh page reads the same values back.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByLabel('Application (client) ID')).toHaveValue('6a2b1c3d-0000-4000-8000-00000000c11e');
    await expect(page.getByRole('radio', { name: /US Government L5 \(DoD\)/ })).toBeChecked();
    await expect(page.getByLabel('Snapshots kept per host port')).toHaveValue('25');
    const saved = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { settings: Record<string, unknown> };
    expect(saved.settings).toMatchObject({ clientId: '6a2b1c3d-0000-4000-8000-00000000c11e', cloud: 'usGovL5', tenant: 'contoso.onmicrosoft.com', retentionPerHostPort: 25 });
    expect(statSync(join(dir, 'settings.json')).size).toBeGreaterThan(0);
  });
});
