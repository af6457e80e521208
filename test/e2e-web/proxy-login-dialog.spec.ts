// The Proxy sign-in dialog in the real renderer. The web preview has no proxy prompts of its own (Node's stack
// takes credentials in --proxy), so main's side of the two proxyLogin channels is played here by intercepting
// the preview's bridge; every other call reaches the real core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

let preview: RunningPreview;
let userData: string;

test.beforeEach(async () => {
  userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-proxy-login-'));
  preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'] });
});

test.afterEach(async () => {
  await preview?.stop();
  rmSync(userData, { recursive: true, force: true });
});

const CHALLENGE = { id: 'c1', host: 'proxy.corp.example', port: 3128, realm: '<b>Corp</b> realm', scheme: 'basic' };

/** Plays main: one challenge waits until it is answered; answers are recorded. */
async function fakeMain(page: Page): Promise<unknown[]> {
  const answers: unknown[] = [];
  let waiting = true;
  await page.route('**/api/invoke', async (route) => {
    const { channel, payload } = route.request().postDataJSON() as { channel: string; payload: unknown };
    if (channel === 'proxyLogin:pending') return route.fulfill({ json: { ok: true, value: { challenge: waiting ? CHALLENGE : null } } });
    if (channel === 'proxyLogin:answer') {
      answers.push(payload);
      waiting = false;
      return route.fulfill({ json: { ok: true, value: { answered: true } } });
    }
    return route.continue();
  });
  return answers;
}

test('a proxy asking for credentials gets a labelled modal dialog; the answer goes to main once and the dialog closes', async ({ page }) => {
  const answers = await fakeMain(page);
  await page.goto(preview.url);
  const dialog = page.getByRole('dialog', { name: 'Proxy sign-in' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('proxy.corp.example:3128');
  // The realm comes from the proxy: shown as text, never as markup.
  await expect(dialog).toContainText('<b>Corp</b> realm');
  await expect(dialog.locator('b')).toHaveCount(0);
  await expect(page.getByLabel('User name')).toBeFocused();

  await dialog.getByRole('button', { name: 'Sign in to proxy' }).click();
  await expect(dialog.getByRole('alert')).toContainText('user name');
  expect(answers).toEqual([]);

  await page.getByLabel('User name').fill('jdoe');
  await page.getByLabel('Password').fill('s3cret');
  await shot(page, 'proxy-login-dialog');
  await dialog.getByRole('button', { name: 'Sign in to proxy' }).click();
  await expect(dialog).toBeHidden();
  expect(answers).toEqual([{ id: 'c1', username: 'jdoe', password: 's3cret' }]);
});

test('Escape cancels the request', async ({ page }) => {
  const answers = await fakeMain(page);
  await page.goto(preview.url);
  const dialog = page.getByRole('dialog', { name: 'Proxy sign-in' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(answers).toEqual([{ id: 'c1', cancel: true }]);
});
