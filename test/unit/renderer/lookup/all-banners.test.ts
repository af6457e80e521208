// The renderer's side of a result sent in parts: every banner in, in order, before the detail is shown.
import { describe, expect, it } from 'vitest';
import type { BannerView, LookupResultView, Result } from '../../../../src-shared/contract';
import { withAllBanners, type AskBanners } from '../../../../src-renderer/features/lookup/all-banners';

const banner = (i: number): BannerView => ({ banner: `b${i}`, scanProtocol: 'tcp', firstSeen: { raw: null, ms: null }, lastSeen: { raw: null, ms: null }, timesObserved: 1 }) as unknown as BannerView;

function result(first: number, total?: number): LookupResultView {
  return {
    hostPort: { banners: Array.from({ length: first }, (_, i) => banner(i)) },
    ...(total === undefined ? {} : { bannersHeld: { id: 'held-1', total } }),
  } as unknown as LookupResultView;
}

/** Main's side: parts of `size` from a list of `total`, each request recorded. */
function parts(total: number, size: number, asked: { id: string; offset: number }[]): AskBanners {
  return async (_channel, request) => {
    asked.push(request);
    const banners = Array.from({ length: Math.max(0, Math.min(size, total - request.offset)) }, (_, i) => banner(request.offset + i));
    return { ok: true, value: { banners } };
  };
}

describe('withAllBanners', () => {
  it('asks for the rest a part at a time from where it stands, and hands back the whole list without bannersHeld', async () => {
    const asked: { id: string; offset: number }[] = [];
    const r = await withAllBanners(result(1000, 2500), parts(2500, 1000, asked));
    expect(asked).toEqual([
      { id: 'held-1', offset: 1000 },
      { id: 'held-1', offset: 2000 },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.hostPort.banners.map((b) => b.banner)).toEqual(Array.from({ length: 2500 }, (_, i) => `b${i}`));
    expect(r.value).not.toHaveProperty('bannersHeld');
  });

  it('a result in one part is handed back as it is, asking nothing', async () => {
    const asked: { id: string; offset: number }[] = [];
    const whole = result(40);
    const r = await withAllBanners(whole, parts(40, 1000, asked));
    expect(r).toEqual({ ok: true, value: whole });
    expect(asked).toEqual([]);
  });

  it('passes on main refusing a part (let go meanwhile), and stops on an empty part rather than asking forever', async () => {
    const gone: AskBanners = async () => ({ ok: false, error: { kind: 'notFound', message: 'no longer held' } }) as Result<{ banners: BannerView[] }>;
    expect(await withAllBanners(result(1000, 3000), gone)).toEqual({ ok: false, error: { kind: 'notFound', message: 'no longer held' } });
    const asked: { id: string; offset: number }[] = [];
    const short = await withAllBanners(result(1000, 3000), parts(1500, 1000, asked));
    expect(short).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Only 1500 of the 3000 banners/) } });
    expect(asked).toHaveLength(2);
  });
});
