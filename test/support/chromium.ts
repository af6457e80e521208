// Playwright cannot download its own browsers here: use Debian's Chromium. These flags keep it off the
// network (the machine has none beyond loopback) and let it run as root.
export const CHROMIUM_PATH = process.env.PORTOLAN_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
