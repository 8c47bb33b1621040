import { describe, expect, it } from 'vitest';
import { deadlineCalendar } from './deadline-ics';

describe('deadlineCalendar: the deadlines as an iCalendar file', () => {
  const ics = deadlineCalendar(
    [
      { date: '2026-05-08', capeLast: { count: 3, refund: 1234567 }, protest: { count: 0, duty: 0 } },
      { date: '2026-05-19', capeLast: { count: 1, refund: 100 }, protest: { count: 2, duty: 100000 } },
    ],
    'Acme; Imports, LLC',
  );
  const lines = ics.split('\r\n');

  it('one all-day event per day and kind, CRLF lines, text escaped', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines).toContain('DTSTART;VALUE=DATE:20260508');
    expect(lines).toContain('DTEND;VALUE=DATE:20260509');
    expect(lines).toContain('SUMMARY:CAPE last day: 3 entries\\, $12\\,345.67');
    expect(lines).toContain('X-WR-CALNAME:CAPE deadlines — Acme\\; Imports\\, LLC');
    expect(ics).toContain('UID:protest-2026-05-19@cape-prep');
  });

  it('folds lines longer than 75 octets with CRLF and a space', () => {
    for (const l of lines) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      'DESCRIPTION:Last filing date CAPE accepts these liquidated entries. Declare them before this day or the refund goes the protest route.',
    );
  });
});
