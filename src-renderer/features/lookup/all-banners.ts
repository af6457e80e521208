// A lookup result or a saved snapshot with thousands of banners arrives in parts (BannersHeld): the first with the
// answer, the rest asked for here, one part per answer, so the window takes each in as its own short task and stays
// free for input in between. The detail is shown once every banner is in, so sorting and filtering see them all.
import type { BannersHeld } from '../../../src-shared/banner-parts';
import type { BannerView, HostPortView, Result } from '../../../src-shared/contract';

/** Asks main for banners from `offset` on (lookup:banners). */
export type AskBanners = (channel: 'lookup:banners', request: { id: string; offset: number }) => Promise<Result<{ banners: BannerView[] }>>;

export async function withAllBanners<T extends { hostPort: HostPortView } & BannersHeld>(answer: T, ask: AskBanners): Promise<Result<T>> {
  const held = answer.bannersHeld;
  if (!held) return { ok: true, value: answer };
  const banners = [...answer.hostPort.banners];
  while (banners.length < held.total) {
    const part = await ask('lookup:banners', { id: held.id, offset: banners.length });
    if (!part.ok) return part;
    // An empty part would never end the loop; main always sends at least one banner while any are left.
    if (part.value.banners.length === 0) return { ok: false, error: { kind: 'internal', message: `Only ${banners.length} of the ${held.total} banners arrived: look the host port up again.` } };
    banners.push(...part.value.banners);
  }
  const { bannersHeld: _held, ...whole } = answer;
  return { ok: true, value: { ...whole, hostPort: { ...answer.hostPort, banners } } as T };
}
