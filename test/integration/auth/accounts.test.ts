import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALICE, BOB } from '../../support/entra-server';
import { useHarness } from './harness';
import { useNetworkGuard } from './network-guard';

const guard = useNetworkGuard();

const aliceId = `${ALICE.oid}.${ALICE.tid}`;
const bobId = `${BOB.oid}.${BOB.tid}`;

describe('accounts', () => {
  const h = useHarness(guard);

  it('keeps two accounts, makes the newest active, and switches between them', async () => {
    const auth = h.make();
    await h.signInAs(auth, ALICE);
    const { status } = await h.signInAs(auth, BOB);
    expect(status.accounts.map((a) => a.username).sort()).toEqual([ALICE.username, BOB.username]);
    expect(status.active?.homeAccountId).toBe(bobId);
    const bobToken = await auth.tokens.getToken({ forceRefresh: false });
    expect(h.server.issued.find((i) => i.access === bobToken)?.username).toBe(BOB.username);

    const switched = await auth.switchAccount(aliceId);
    expect(switched.active?.homeAccountId).toBe(aliceId);
    const aliceToken = await auth.tokens.getToken({ forceRefresh: false });
    expect(h.server.issued.find((i) => i.access === aliceToken)?.username).toBe(ALICE.username);

    // The choice survives a restart.
    expect((await h.make().status()).active?.homeAccountId).toBe(aliceId);
  });

  it('refuses to switch to an account that is not signed in', async () => {
    const auth = h.make();
    await h.signInAs(auth, ALICE);
    await expect(auth.switchAccount('nobody.nowhere')).rejects.toMatchObject({ error: { kind: 'notFound' } });
    expect((await auth.status()).active?.homeAccountId).toBe(aliceId);
  });

  it('sign out removes the account and its tokens from the cache and the disk', async () => {
    const auth = h.make();
    await h.signInAs(auth, ALICE);
    await h.signInAs(auth, BOB);
    const bobRefresh = h.server.issuedTokens.refresh[1]!;
    const aliceRefresh = h.server.issuedTokens.refresh[0]!;

    const status = await auth.signOut(bobId);
    expect(status.accounts.map((a) => a.homeAccountId)).toEqual([aliceId]);
    expect(status.active?.homeAccountId).toBe(aliceId); // the remaining account takes over
    const plain = h.encryptor.decrypt(fs.readFileSync(h.cacheFile)).toString('utf8');
    expect(plain).not.toContain(bobRefresh);
    expect(plain).not.toContain(BOB.username);
    expect(plain).toContain(aliceRefresh);

    const last = await auth.signOut(aliceId);
    expect(last).toMatchObject({ signedIn: false, active: null, accounts: [] });
    expect(h.encryptor.decrypt(fs.readFileSync(h.cacheFile)).toString('utf8')).not.toContain(aliceRefresh);
    await expect(auth.tokens.getToken({ forceRefresh: false })).rejects.toMatchObject({ error: { kind: 'signInRequired' } });
    // A restart agrees.
    expect((await h.make().status()).signedIn).toBe(false);
  });

  it('signing out an account that is already gone is not an error', async () => {
    const auth = h.make();
    await h.signInAs(auth, ALICE);
    const status = await auth.signOut(bobId);
    expect(status.active?.homeAccountId).toBe(aliceId);
  });
});
