// kill -9 while a background compaction is under way (files written, commit pending, or just committed while
// saves and deletions go on) loses no reported save and brings back no reported deletion.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, tempDir } from '../../unit/history/helpers';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs the child; after it announced a compaction, waits `after` more saves and kills it with SIGKILL. */
function killDuringCompaction(dir: string, offset: number, hold: number, after: number): Promise<{ saved: string[]; deleted: string[]; openLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'compaction-crash-child.ts'), dir, String(offset), String(hold)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const saved: string[] = [];
    const deleted: string[] = [];
    let openLine = '';
    let buffer = '';
    let stderr = '';
    let compacting = -1;
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('OPEN ')) openLine = line;
        if (line.startsWith('SAVED ')) saved.push(line.slice(6));
        if (line.startsWith('DELETED ')) deleted.push(line.slice(8));
        if (line === 'COMPACTING' && compacting < 0) compacting = saved.length;
      }
      if (compacting >= 0 && saved.length >= compacting + after && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ saved, deleted, openLine });
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

describe('compaction crash safety', () => {
  it('loses nothing when the process is killed with SIGKILL during a background compaction', async () => {
    const dir = tempDir();
    const saved: string[] = [];
    const deleted: string[] = [];
    // [hold the commit for this many saves (-1: never commit), kill after this many saves past the announcement]
    const rounds: [number, number][] = [
      [-1, 12],
      [3, 9],
      [0, 1],
      [-1, 40],
    ];
    for (const [round, [hold, after]] of rounds.entries()) {
      const got = await killDuringCompaction(dir, round * 1000, hold, after);
      expect(got.openLine).toMatch(/^OPEN \d+ \[\]$/);
      saved.push(...got.saved);
      deleted.push(...got.deleted);
    }
    const store = await openStore(dir);
    expect(store.notices).toEqual([]);
    const held = new Set<string>();
    for (const row of (await store.list({ limit: 500 })).items) for (const s of await store.snapshots(row.hostPortId)) held.add(s.id);
    expect(saved.filter((id) => !held.has(id))).toEqual([]);
    expect(deleted.filter((id) => held.has(id))).toEqual([]);
    for (const id of saved) expect((await store.get(id)).id).toBe(id);
  }, 180_000);
});
