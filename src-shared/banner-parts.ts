// A lookup result or a saved snapshot with thousands of banners crosses the bridge in parts, so no one task of the
// window takes them all in: hostPort.banners holds the first part, and lookup:banners gives the rest from main.
export interface BannersHeld {
  /** Present when more banners are held in main, under `id`, than the answer carries: `total` of them in all. */
  bannersHeld?: { id: string; total: number };
}
