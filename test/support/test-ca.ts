// A throwaway certificate authority and a server certificate for 127.0.0.1/localhost, made at test time so
// no private key is ever committed.
//
// Why openssl and not a package: Node can verify X.509 but not issue it. The machine already has the openssl
// CLI (it ships with every Linux/macOS CI image and Git for Windows), so shelling out costs two small processes
// and adds no dependency, where node-forge would add a large pure-JS crypto library to the lockfile for tests only.
// EC P-256 keys keep generation in the milliseconds.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface TestCa {
  /** The CA certificate (PEM): what clients are told to trust. */
  caPem: string;
  /** Server certificate (PEM), valid for IP 127.0.0.1 and DNS localhost, issued by the CA. */
  certPem: string;
  keyPem: string;
}

export function createTestCa(opts: { commonName?: string } = {}): TestCa {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-ca-'));
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  try {
    const cn = opts.commonName ?? 'Portolan Test CA';
    run([
      'req', '-x509', '-new', '-nodes',
      '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
      '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
      '-subj', `/CN=${cn} ${randomBytes(4).toString('hex')}`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    run([
      'req', '-new', '-nodes',
      '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
      '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1',
    ]);
    fs.writeFileSync(
      path.join(dir, 'server.ext'),
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ].join('\n'),
    );
    run([
      'x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key',
      '-set_serial', `0x${randomBytes(8).toString('hex')}`,
      '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem',
    ]);
    return {
      caPem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
      certPem: fs.readFileSync(path.join(dir, 'server.pem'), 'utf8'),
      keyPem: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
    };
  } finally {
    // The CA key is never needed again: once the server cert is issued, nothing else can be signed with it.
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
