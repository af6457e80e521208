import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, tempDir } from '../../unit/history/helpers';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs the saving child until it has reported `stopAfter` saves, then kills it with SIGKILL mid-loop. */
function saveUntilKilled(dir: string, offset: number, stopAfter: number): Promise<{ ids: string[]; openLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-child.ts'), dir, String(offset)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const ids: string[] = [];
    let openLine = '';
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('OPEN ')) openLine = line;
        if (line.startsWith('SAVED ')) ids.push(line.slice(6));
      }
      if (ids.length >= stopAfter && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ ids, openLine });
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it('loses no reported save when the process is killed with SIGKILL mid-loop, round after round', async () => {
    const dir = tempDir();
    const reported: string[] = [];
    const stops = [57, 123, 91];
    for (const [round, stopAfter] of stops.entries()) {
      const { ids, openLine } = await saveUntilKilled(dir, round * 1000, stopAfter);
      expect(ids.length).toBeGreaterThanOrEqual(stopAfter);
      // Every earlier round's reported saves were there when the child reopened the store, and no damage was found.
      expect(openLine).toMatch(/^OPEN \d+ \[\]$/);
      expect(Number(openLine.split(' ')[1])).toBeGreaterThanOrEqual(reported.length);
      reported.push(...ids);
    }

    const store = await openStore(dir);
    expect(store.notices).toEqual([]);
    const held = new Set<string>();
    for (const row of (await store.list({ limit: 500 })).items) for (const s of await store.snapshots(row.hostPortId)) held.add(s.id);
    const missing = reported.filter((id) => !held.has(id));
    expect(missing).toEqual([]);
    for (const id of reported) expect((await store.get(id)).id).toBe(id);
    // Still writable after the crashes.
    expect((await store.list()).total).toBeGreaterThan(0);
  }, 120_000);
});
