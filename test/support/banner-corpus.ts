// Made-up host ports with many varied banners, for the specs and the benchmark that load a big detail: HTTP
// responses (short, and long enough to fold), SSH and SMTP greetings, and hostile text (escape codes, a bidi
// override, markup that would run if it were ever parsed). Plain data; Graph's shape (hostPortBanner).

/** The i-th of 1,500 consecutive days from 2020-01-01, as Graph writes a dateTimeOffset. */
export function corpusDay(i: number): string {
  return new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86_400_000).toISOString();
}

/** The i-th banner: five kinds in turn; the HTTP kind carries "X-Request: i" so a row can be told apart. */
export function variedBanner(i: number): string {
  switch (i % 5) {
    case 0:
      return `HTTP/1.1 200 OK\r\nServer: nginx/1.${i % 30}.${i % 7}\r\nDate: ${corpusDay(i)}\r\nContent-Type: text/html\r\nX-Request: ${i}\r\n\r\n`;
    case 1:
      return `SSH-2.0-OpenSSH_8.${i % 10}p1 Ubuntu-${i % 5}ubuntu0.${i % 3}\r\n`;
    case 2:
      return `220 mail${i}.example.net ESMTP Postfix (Debian/GNU)\r\n`;
    case 3:
      return `HTTP/1.1 301 Moved\r\nLocation: https://site${i}.example/\r\n${'X-Pad: '.concat('a'.repeat(120), '\r\n').repeat(8)}\r\n`;
    default:
      return `\u001b[31mred ${i}\u001b[0m \u202Egnp.exe\u202C <img src=x onerror="window.__pwned=${i}">\r\n`;
  }
}

/** n banners of variedBanner; timesObserved per row (by default scattered, so a sort has work to do). */
export function variedBanners(n: number, timesObserved: (i: number) => number = (i) => (i * 7919) % 5000): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    banner: variedBanner(i),
    scanProtocol: i % 3 === 0 ? 'http_raw' : 'telnet',
    firstSeenDateTime: corpusDay(i),
    lastSeenDateTime: corpusDay(i + 30),
    timesObserved: timesObserved(i),
  }));
}

/** A hostPort as Graph returns it: the fields the stand-in files it under, and any others. */
export interface HostPortBody {
  id: string;
  port: number;
  host: { id: string };
  [field: string]: unknown;
}

/**
 * The Graph stand-in's dataset for one host port, listed under its host (so a lookup by host and port finds it),
 * with the stand-in's built-in scenarios off.
 */
export function oneHostPort(body: HostPortBody): {
  hostPorts: Record<string, unknown>;
  ports: Record<string, Record<string, unknown>[]>;
  scenarios: false;
} {
  return {
    hostPorts: { [body.id]: body },
    ports: { [body.host.id]: [{ id: body.id, port: body.port, protocol: 'tcp', status: 'open', lastSeenDateTime: '2024-01-01T00:00:00Z' }] },
    scenarios: false,
  };
}
