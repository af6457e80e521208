// The transport single lookups use while bulk jobs may run: each request takes a priority slot of the shared
// gate (so it goes before queued job requests, and never inside a Retry-After window Graph gave the job),
// and a Retry-After it receives pauses the job too.
import { parseRetryAfterMs } from '../graph/retry';
import type { HttpTransport } from '../ports';
import type { ThrottleGate } from './gate';
import type { BulkTimers } from './timers';

export function gatedTransport(inner: HttpTransport, gate: ThrottleGate, timers: BulkTimers): HttpTransport {
  return async (req) => {
    const ticket = await gate.acquire(true, req.signal);
    try {
      const res = await inner(req);
      if (res.status === 429 || res.status === 503 || res.status === 504) {
        const ra = parseRetryAfterMs(res.headers['retry-after'], timers.now());
        if (ra !== null) gate.noteRetryAfter(ra);
        ticket.release({ kind: 'throttled', retryAfterMs: ra });
      } else ticket.release({ kind: 'ok' });
      return res;
    } catch (err) {
      ticket.release({ kind: 'neutral' });
      throw err;
    }
  };
}
