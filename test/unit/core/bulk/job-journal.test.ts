import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalWriter, replayJob, writeDefinition } from '../../../../src-main/core/bulk/job-journal';
import { planBulk } from '../../../../src-shared/bulk-targets';

describe('bulk job journal', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('cuts a torn last line so the next entry is not glued to it, and re-run entries reset answers', async () => {
    dir = await mkdtemp(join(tmpdir(), 'portolan-journal-'));
    await writeDefinition(dir, { id: 'j', name: 'n', createdAt: 0, targets: planBulk(['10.0.0.1:1', '10.0.0.2:2']).targets });
    const w = new JournalWriter(dir);
    await w.open();
    await w.append({ t: 'outcome', key: '10.0.0.1|1', status: 'failed', error: { kind: 'network', message: 'x' }, at: 1 });
    await w.close();
    await appendFile(join(dir, 'journal.jsonl'), '{"t":"outcome","key":"10.0.0.2|2","sta');
    const w2 = new JournalWriter(dir);
    await w2.open();
    await w2.append({ t: 'rerun', keys: ['10.0.0.1|1'], at: 2 });
    await w2.append({ t: 'state', state: 'paused', at: 3 });
    await w2.close();
    const r = await replayJob(dir);
    expect(r.skipped).toBe(0);
    expect(r.outcomes.size).toBe(0);
    expect(r.state).toBe('paused');
    expect((await readFile(join(dir, 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });
});
