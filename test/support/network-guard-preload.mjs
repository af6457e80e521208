// Preload (node --import) for a child process that must stay on this machine: every attempt to reach a
// non-loopback address (a TCP/TLS socket, a DNS query, a UDP datagram) is refused before anything leaves the
// process, and recorded as one JSON line in the file named by PORTOLAN_NETWORK_GUARD_LOG. Tests assert that
// file stays empty. Sockets are caught at net.Socket.prototype.connect, where http, https, tls and fetch all
// end up; DNS is caught before the resolver (the system's, which is not loopback) is asked.
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';

const LOG = process.env.PORTOLAN_NETWORK_GUARD_LOG;
if (!LOG) throw new Error('network guard: PORTOLAN_NETWORK_GUARD_LOG must name the file that records refused attempts');

function isLoopback(host) {
  const h = String(host).toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

function refusal(kind, target) {
  appendFileSync(LOG, `${JSON.stringify({ kind, target: String(target) })}\n`);
  return Object.assign(new Error(`network guard: ${kind} to ${target} refused`), { code: 'EGUARD' });
}

/** The host a Socket#connect call targets, or null for a local (unix/pipe) socket. */
function connectTarget(args) {
  // net.connect() hands Socket#connect its normalised [options, callback] array; callers may pass (port, host).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') return first.path ? null : (first.host ?? 'localhost');
  if (typeof first === 'string' && !/^\d+$/.test(first)) return null;
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = connectTarget(args);
  if (host === null || isLoopback(host)) return connect.apply(this, args);
  const err = refusal('socket', host);
  process.nextTick(() => this.destroy(err));
  return this;
};

const DNS_METHODS = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];

function guardDns(target, promises) {
  for (const name of DNS_METHODS) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function guardedDns(host, ...rest) {
      if (isLoopback(host)) return original.call(this, host, ...rest);
      const err = refusal(`dns ${name}`, host);
      if (promises) return Promise.reject(err);
      const callback = rest.findLast((a) => typeof a === 'function');
      if (callback) process.nextTick(() => callback(err));
      return undefined;
    };
  }
}
guardDns(dns, false);
guardDns(dns.Resolver.prototype, false);
guardDns(dns.promises, true);
guardDns(dns.promises.Resolver.prototype, true);

for (const name of ['send', 'connect']) {
  const original = dgram.Socket.prototype[name];
  dgram.Socket.prototype[name] = function guardedDatagram(...args) {
    // send(msg, [offset, length,] port, address, cb) / connect(port, address, cb): the address is the string
    // right after the port. Without one, Node sends to localhost (or to the already guarded connect target).
    const portAt = args.findIndex((a, i) => typeof a === 'number' && typeof args[i + 1] === 'string');
    const address = portAt >= 0 ? args[portAt + 1] : 'localhost';
    if (isLoopback(address)) return original.apply(this, args);
    const err = refusal(`udp ${name}`, address);
    const callback = args.findLast((a) => typeof a === 'function');
    if (callback) process.nextTick(() => callback(err));
    return undefined;
  };
}
