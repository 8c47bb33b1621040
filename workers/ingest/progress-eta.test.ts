import { describe, expect, it } from 'vitest';
import { ETA_MIN_SECONDS, ETA_MIN_SHARE, etaSeconds } from './import-file';

describe('the time left of an import', () => {
  const MB = 1_000_000;

  it('is not estimated until enough of the file has been read, however fast the first bytes came', () => {
    // A workbook's first progress frame: 64 KB of a 30 MB file in 0.02 s would say "about 2 min" at that rate.
    expect(etaSeconds(64_000, 30 * MB, 0.02)).toBeNull();
    // A second of reading, but under 5% of the file.
    expect(etaSeconds(ETA_MIN_SHARE * 30 * MB - 1, 30 * MB, 2)).toBeNull();
    // 5% of the file, but in less than a second.
    expect(etaSeconds(ETA_MIN_SHARE * 30 * MB, 30 * MB, ETA_MIN_SECONDS - 0.01)).toBeNull();
    // A 0.75 s import never shows an estimate.
    expect(etaSeconds(15 * MB, 30 * MB, 0.75)).toBeNull();
  });

  it('then extrapolates the rate so far', () => {
    expect(etaSeconds(3 * MB, 30 * MB, 1)).toBe(9);
    expect(etaSeconds(15 * MB, 30 * MB, 5)).toBe(5);
    expect(etaSeconds(30 * MB, 30 * MB, 5)).toBe(0);
  });
});
