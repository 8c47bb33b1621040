/**
 * The Rulebook screen's manager against a fake worker: a checked file shows its preview or its
 * problems (never both, never a late answer to an earlier file), applying sends the previewed pack's
 * SHA-256 through the app's queue, and the pack in force is read once per pack.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DatasetApi, RulepackDocument, RulepackPreview, RulepackPreviewResult } from '../../workers/contract';
import { builtInRulepack } from '../core/builtin-rulepack';
import { RulepackManager } from './rulepack-manager.svelte';
import type { WorkerApi } from './worker-client';

function preview(sha256: string): RulepackPreview {
  const totals = { count: 1, interest: 0, refund: 100 };
  return {
    fileName: 'pack.json',
    version: '2026.12.01-1',
    asOf: '2026-12-01',
    sha256,
    olderThanBuiltIn: false,
    sameAsInForce: false,
    changelog: [],
    changes: [],
    effect: { before: totals, after: totals, segmentMoves: [], refundChanged: 0 },
  };
}

/** The worker API as a fake implements it: the same parameters, every answer a promise. */
type FakeApi = {
  [K in keyof DatasetApi]: (...args: Parameters<DatasetApi[K]>) => Promise<Awaited<ReturnType<DatasetApi[K]>>>;
};

function fakeApp(worker: Partial<FakeApi>) {
  return {
    read: vi.fn(async (call: (w: WorkerApi) => Promise<unknown>) => ({
      kind: 'answered' as const,
      value: await call(worker as unknown as WorkerApi),
    })) as never,
    report: vi.fn(),
    applyRulepack: vi.fn(() => Promise.resolve()),
    revertRulepack: vi.fn(() => Promise.resolve()),
  };
}

describe('RulepackManager', () => {
  it('a valid file shows its preview; applying sends its SHA-256; an invalid one shows its problems', async () => {
    const results: RulepackPreviewResult[] = [
      { kind: 'preview', preview: preview('ab'.repeat(32)) },
      {
        kind: 'rejected',
        message: 'bad.json is not a valid rule pack: 1 problem. Nothing was changed.',
        problems: ['asOf: …'],
      },
    ];
    const app = fakeApp({ previewRulepack: () => Promise.resolve(results.shift()!) });
    const m = new RulepackManager(app);
    await m.check(new File(['{}'], 'pack.json'));
    expect(m.preview?.sha256).toBe('ab'.repeat(32));
    expect(m.rejected).toBeNull();
    await m.apply(false);
    expect(app.applyRulepack).toHaveBeenCalledWith('ab'.repeat(32), false);
    expect(m.preview).toBeNull();
    await m.check(new File(['{'], 'bad.json'));
    expect(m.preview).toBeNull();
    expect(m.rejected?.problems).toEqual(['asOf: …']);
  });

  it('an earlier file’s late answer does not replace the later one’s', async () => {
    let first!: (r: RulepackPreviewResult) => void;
    const answers = [
      new Promise<RulepackPreviewResult>((r) => (first = r)),
      Promise.resolve<RulepackPreviewResult>({ kind: 'preview', preview: preview('cd'.repeat(32)) }),
    ];
    const m = new RulepackManager(fakeApp({ previewRulepack: () => answers.shift()! }));
    const slow = m.check(new File(['{}'], 'old.json'));
    await m.check(new File(['{}'], 'new.json'));
    first({ kind: 'preview', preview: preview('ef'.repeat(32)) });
    await slow;
    expect(m.preview?.sha256).toBe('cd'.repeat(32));
  });

  it('reads the pack in force once per pack', async () => {
    const { pack, sha256 } = builtInRulepack();
    const doc: RulepackDocument = { pack, sha256, fileName: 'x.json', file: new Blob(['{}']) };
    const rulepackDocument = vi.fn(() => Promise.resolve(doc));
    const m = new RulepackManager(fakeApp({ rulepackDocument }));
    await m.show(sha256);
    await m.show(sha256);
    expect(rulepackDocument).toHaveBeenCalledTimes(1);
    expect(m.downloadUrl).toMatch(/^blob:/);
    m.close();
    expect(m.downloadUrl).toBeNull();
  });
});
