import { describe, expect, it } from 'vitest';
import type { DayNum } from './dates';
import { addDays, formatDay } from './dates';
import {
  type FilingEvents,
  analyseWithFiling,
  assessPayment,
  capeDisagrees,
  deriveFiling,
  isOverdue,
  paymentReturned,
  resultVerdict,
} from './filing-status';
import type { Cents } from './money';
import { context, day, facts, rules } from '../../tests/factories/entries';

const none: FilingEvents = { payment: null, result: null, ledger: null };
const MARKED = Date.parse('2026-02-27T15:00:00Z');
const LOADED = Date.parse('2026-03-10T09:00:00Z');
const ledger = (over: Partial<NonNullable<FilingEvents['ledger']>> = {}) => ({
  rejected: false,
  submittedOn: day('2026-02-27'),
  markedAt: MARKED,
  ...over,
});
const result = (over: Partial<NonNullable<FilingEvents['result']>> = {}) => ({
  verdict: 'ACCEPTED' as const,
  day: day('2026-03-02') as DayNum | null,
  loadedOn: day('2026-03-10'),
  loadedAt: LOADED,
  ...over,
});
const show = (f: ReturnType<typeof deriveFiling>) => ({
  status: f.status,
  filedOn: f.filedOn === null ? null : formatDay(f.filedOn),
  acceptedOn: f.acceptedOn === null ? null : formatDay(f.acceptedOn),
});

describe('filing status and F_e (SPEC §10), latest event first', () => {
  it('never filed: NOT_FILED, no filing date', () => {
    expect(show(deriveFiling(none))).toEqual({ status: 'NOT_FILED', filedOn: null, acceptedOn: null });
  });

  it('F_e is the date on the latest CAPE result row', () => {
    expect(show(deriveFiling({ ...none, result: result(), ledger: ledger() }))).toEqual({
      status: 'ACCEPTED',
      filedOn: '2026-03-02',
      acceptedOn: '2026-03-02',
    });
  });

  it('else the submission date in the ledger', () => {
    expect(show(deriveFiling({ ...none, result: result({ day: null }), ledger: ledger() }))).toEqual({
      status: 'ACCEPTED',
      filedOn: '2026-02-27',
      acceptedOn: '2026-03-10',
    });
    expect(show(deriveFiling({ ...none, ledger: ledger() }))).toEqual({
      status: 'SUBMITTED',
      filedOn: '2026-02-27',
      acceptedOn: null,
    });
  });

  it('else the day the results file was loaded (an entry on a results file counts as submitted)', () => {
    expect(show(deriveFiling({ ...none, result: result({ day: null }) }))).toEqual({
      status: 'ACCEPTED',
      filedOn: '2026-03-10',
      acceptedOn: '2026-03-10',
    });
  });

  it('a payment file alone: PAID, filed on the day it was loaded', () => {
    const payment = { returned: false, loadedOn: day('2026-04-01') };
    expect(show(deriveFiling({ ...none, payment }))).toEqual({
      status: 'PAID',
      filedOn: '2026-04-01',
      acceptedOn: null,
    });
  });

  it('payments come before results, results before the ledger', () => {
    const rejected = result({ verdict: 'REJECTED' });
    expect(deriveFiling({ ...none, result: rejected, ledger: ledger() }).status).toBe('REJECTED');
    expect(
      deriveFiling({ payment: { returned: false, loadedOn: day('2026-04-01') }, result: rejected, ledger: ledger() })
        .status,
    ).toBe('PAID');
    expect(
      deriveFiling({ ...none, payment: { returned: true, loadedOn: day('2026-04-01') }, result: result() }),
    ).toEqual({ status: 'PAYMENT_RETURNED', filedOn: day('2026-03-02'), acceptedOn: day('2026-03-02') });
  });

  it('the ledger: marked rejected there is REJECTED', () => {
    expect(deriveFiling({ ...none, ledger: ledger({ rejected: true }) }).status).toBe('REJECTED');
  });

  it('a rejected entry marked submitted again after its result was loaded is a refile: SUBMITTED on its new date', () => {
    const rejected = result({ verdict: 'REJECTED' });
    const refiled = ledger({ submittedOn: day('2026-03-12'), markedAt: LOADED + 3_600_000 });
    expect(show(deriveFiling({ ...none, result: rejected, ledger: refiled }))).toEqual({
      status: 'SUBMITTED',
      filedOn: '2026-03-12',
      acceptedOn: null,
    });
    // Marked before the result was loaded: the rejection is the later news.
    expect(deriveFiling({ ...none, result: rejected, ledger: ledger() }).status).toBe('REJECTED');
  });
});

describe('what a row of a CAPE results file says', () => {
  it.each([
    ['Accepted', '', 'ACCEPTED'],
    ['ACCEPTED', '', 'ACCEPTED'],
    ['Accepted with Error(s)', '', 'ACCEPTED'],
    ['Updated', '', 'ACCEPTED'],
    ['Entry updated', '', 'ACCEPTED'],
    ['Rejected', '', 'REJECTED'],
    ['Rejected by batch validation', '', 'REJECTED'],
    ['Failed initial validation', '', 'REJECTED'],
    ['VALIDATION FAILED', '', 'REJECTED'],
    ['Accepted', 'INVALID HTS', 'REJECTED'],
    ['', 'ENTRY ON DRAWBACK', 'REJECTED'],
    ['Accepted', '   ', 'ACCEPTED'],
    ['Pending', '', null],
    ['', '', null],
    ['In process', ' ', null],
  ])('status %j, error %j → %s', (status, error, verdict) => {
    expect(resultVerdict(status, error)).toBe(verdict);
  });

  it.each([
    ['Paid', false],
    ['', false],
    ['Issued', false],
    ['Returned - ACH account closed', true],
    ['ACH REJECT', true],
    ['Payment failed', true],
    ['RETURNED', true],
  ])('payment status %j returned: %s', (status, returned) => {
    expect(paymentReturned(status)).toBe(returned);
  });
});

// An accepted unliquidated entry: $1,000.00 deposited 2025-06-12 (facts()), corporate at the built-in rates (6%,
// 5% in 2026 Q2). Interest is computed independently with a plain daily loop (Python Decimal, 50 digits) and
// written here.
describe('a filed entry is analysed at its own filing date F_e (SPEC §10)', () => {
  const current = context({ filingDate: day('2026-11-02') });
  const atFiling = (d: DayNum) => context({ filingDate: d }, undefined, true);
  const accepted = (filedOn: string) => ({ status: 'ACCEPTED' as const, filedOn: day(filedOn) });

  it('projects to the first Monday–Thursday non-holiday on or after F_e + 45, with interest to that day', () => {
    // F_e Wed 2026-03-04 + 45 = Sat 2026-04-18 → Mon 2026-04-20; 312 days → $52.04.
    const r = analyseWithFiling(facts(), accepted('2026-03-04'), current, atFiling);
    expect(r.segment).toBe('READY');
    expect(r.projection).toBe('liquidation');
    expect(formatDay(r.projectedDate!)).toBe('2026-04-20');
    expect(r.interest).toBe(5204);
    expect(r.refund).toBe(105204);
    // F_e Wed 2026-04-08 + 45 = Sat 2026-05-23; Mon 2026-05-25 is Memorial Day → Tue 2026-05-26; 348 days → $57.25.
    const m = analyseWithFiling(facts(), accepted('2026-04-08'), current, atFiling);
    expect(formatDay(m.projectedDate!)).toBe('2026-05-26');
    expect(m.interest).toBe(5725);
  });

  it('does not depend on the current filing date', () => {
    const later = context({ filingDate: day('2027-01-04') });
    expect(analyseWithFiling(facts(), accepted('2026-03-04'), later, atFiling)).toEqual(
      analyseWithFiling(facts(), accepted('2026-03-04'), current, atFiling),
    );
  });

  it('a liquidation date on or after F_e is CAPE’s own: the projected date as written, any weekday, interest to it, tested as unliquidated', () => {
    // Fri 2026-04-24, 316 days → $52.62; status "liquidated" (even "final") takes no part in the segment tests.
    for (const liquidationStatus of ['liquidated', 'final', 'unknown'] as const) {
      const r = analyseWithFiling(
        facts({ liquidationStatus, liquidationDate: day('2026-04-24') }),
        accepted('2026-03-04'),
        current,
        atFiling,
      );
      expect(r.segment).toBe('READY');
      expect(r.reasons).toEqual([]);
      expect(r.projection).toBe('cape-liquidation');
      expect(formatDay(r.projectedDate!)).toBe('2026-04-24');
      expect(r.interest).toBe(5262);
      expect(r.daysSinceLiquidation).toBeNull();
    }
    // Liquidated on F_e itself: CAPE's as well.
    const same = analyseWithFiling(
      facts({ liquidationStatus: 'liquidated', liquidationDate: day('2026-03-04') }),
      accepted('2026-03-04'),
      current,
      atFiling,
    );
    expect(same.projection).toBe('cape-liquidation');
  });

  it('a liquidation date before F_e is the entry’s own: reliquidated the next Monday–Thursday after F_e', () => {
    // Liquidated 2026-02-20, 12 days before F_e: Thu 2026-03-05; 266 days → $44.69.
    const r = analyseWithFiling(
      facts({ liquidationStatus: 'liquidated', liquidationDate: day('2026-02-20') }),
      accepted('2026-03-04'),
      current,
      atFiling,
    );
    expect(r.projection).toBe('reliquidation');
    expect(formatDay(r.projectedDate!)).toBe('2026-03-05');
    expect(r.interest).toBe(4469);
  });

  it('a rejected entry is analysed at the current F, like one never filed', () => {
    const f = facts({ liquidationStatus: 'liquidated', liquidationDate: day('2026-02-20') });
    const rejected = analyseWithFiling(f, { status: 'REJECTED', filedOn: day('2026-03-04') }, current, atFiling);
    // At F = 2026-11-02 the 2026-02-20 liquidation is 255 days old: FINAL_LIQUIDATION.
    expect(rejected.segment).toBe('NOT_ELIGIBLE');
    expect(rejected.reasons).toEqual(['FINAL_LIQUIDATION']);
    // At F = 2026-05-04 (current): liquidated 73 days before, READY, reliquidated Tue 2026-05-05.
    const now = context({ filingDate: day('2026-05-04') });
    const ready = analyseWithFiling(f, { status: 'REJECTED', filedOn: day('2026-03-04') }, now, atFiling);
    expect(ready.segment).toBe('READY');
    expect(formatDay(ready.projectedDate!)).toBe('2026-05-05');
  });
});

describe('CAPE_DISAGREES (SPEC §4, §10)', () => {
  const current = context({ filingDate: day('2026-05-04') });
  const atFiling = (d: DayNum) => context({ filingDate: d }, undefined, true);

  it('CAPE accepted an entry this analysis does not put in READY or DEFERRED', () => {
    const drawback = facts({ drawback: true });
    for (const status of ['ACCEPTED', 'PAID', 'PAYMENT_RETURNED'] as const) {
      const r = analyseWithFiling(drawback, { status, filedOn: day('2026-03-04') }, current, atFiling);
      expect(r.reasons).toEqual(['CAPE_DISAGREES', 'DRAWBACK']);
    }
    // Accepted and DEFERRED (AD/CVD), or READY: no disagreement.
    expect(
      analyseWithFiling(
        facts({ entryType: '03' }),
        { status: 'ACCEPTED', filedOn: day('2026-03-04') },
        current,
        atFiling,
      ).reasons,
    ).toEqual(['ADCVD']);
    expect(
      analyseWithFiling(facts(), { status: 'PAID', filedOn: day('2026-03-04') }, current, atFiling).reasons,
    ).toEqual([]);
  });

  it('CAPE rejected an entry this analysis puts in READY (at the current F)', () => {
    const r = analyseWithFiling(facts(), { status: 'REJECTED', filedOn: day('2026-03-04') }, current, atFiling);
    expect(r.segment).toBe('READY');
    expect(r.reasons).toEqual(['CAPE_DISAGREES']);
    // Rejected and not READY (here DEFERRED, or NOT_ELIGIBLE): CBP and the analysis agree.
    expect(
      analyseWithFiling(facts({ entryType: '03' }), { status: 'REJECTED', filedOn: null }, current, atFiling).reasons,
    ).toEqual(['ADCVD']);
    expect(
      analyseWithFiling(facts({ drawback: true }), { status: 'REJECTED', filedOn: null }, current, atFiling).reasons,
    ).toEqual(['DRAWBACK']);
  });

  it('no verdict, no disagreement', () => {
    for (const status of ['NOT_FILED', 'SUBMITTED'] as const)
      for (const segment of ['READY', 'NOT_ELIGIBLE', 'INVALID'] as const)
        expect(capeDisagrees(status, segment)).toBe(false);
  });
});

describe('payments against the estimate', () => {
  const refund = 105262 as Cents;
  const principal = 100000 as Cents;
  it.each([
    ['PAID', 105262, 'as-estimated'],
    ['PAID', 105262 - rules.varianceToleranceCents, 'as-estimated'],
    ['PAID', 105262 + rules.varianceToleranceCents, 'as-estimated'],
    ['PAID', 105262 - rules.varianceToleranceCents - 1, 'short'],
    ['PAID', 100000 - rules.varianceToleranceCents, 'short'],
    ['PAID', 100000 - rules.varianceToleranceCents - 1, 'likely-offset'],
    ['PAID', 110000, 'over'],
    ['PAYMENT_RETURNED', 105262, 'returned'],
    ['ACCEPTED', 0, null],
  ] as const)('%s %i → %s', (status, paid, outcome) => {
    expect(assessPayment(status, paid as Cents, refund, principal, rules)).toBe(outcome);
  });

  it('overdue: accepted and unpaid more than the rulebook’s days after acceptance', () => {
    const acceptedOn = day('2026-03-02');
    const after = (n: number) => addDays(acceptedOn, n);
    const days = rules.paymentOverdueDays;
    expect(isOverdue({ status: 'ACCEPTED', acceptedOn }, after(days), rules)).toBe(false);
    expect(isOverdue({ status: 'ACCEPTED', acceptedOn }, after(days + 1), rules)).toBe(true);
    expect(isOverdue({ status: 'PAID', acceptedOn }, after(days + 1), rules)).toBe(false);
    expect(isOverdue({ status: 'SUBMITTED', acceptedOn: null }, after(days + 1), rules)).toBe(false);
  });
});
