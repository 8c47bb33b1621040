/**
 * The deadline calendar as an iCalendar file (RFC 5545): one all-day event per day and kind, so the
 * CAPE last days and protest deadlines of the next weeks land in Outlook or Google Calendar. Made from
 * the Overview's calendar; deterministic (no clock), so the same figures give the same file.
 */
import type { DeadlineDay } from '../../workers/contract';
import { addDays, formatDayCompact, parseIsoDay } from '../core/dates';
import { formatCount, formatUsd } from './format';

/** Text values escape backslash, semicolon and comma (RFC 5545 §3.3.11). */
const text = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`);

function event(uid: string, date: string, summary: string, description: string): string[] {
  const day = parseIsoDay(date)!;
  return [
    'BEGIN:VEVENT',
    `UID:${uid}@cape-prep`,
    `DTSTAMP:${formatDayCompact(day)}T000000Z`,
    `DTSTART;VALUE=DATE:${formatDayCompact(day)}`,
    `DTEND;VALUE=DATE:${formatDayCompact(addDays(day, 1))}`,
    `SUMMARY:${text(summary)}`,
    `DESCRIPTION:${text(description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

export function deadlineCalendar(days: readonly DeadlineDay[], workspace: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//CAPE Prep//Deadlines//EN', 'CALSCALE:GREGORIAN'];
  lines.push(`X-WR-CALNAME:${text(`CAPE deadlines — ${workspace}`)}`);
  for (const d of days) {
    if (d.capeLast.count > 0)
      lines.push(
        ...event(
          `cape-last-${d.date}`,
          d.date,
          `CAPE last day: ${formatCount(d.capeLast.count)} entries, ${formatUsd(d.capeLast.refund)}`,
          `Last filing date CAPE accepts these liquidated entries. Declare them before this day or the refund goes the protest route.`,
        ),
      );
    if (d.protest.count > 0)
      lines.push(
        ...event(
          `protest-${d.date}`,
          d.date,
          `Protest deadline: ${formatCount(d.protest.count)} entries, ${formatUsd(d.protest.duty)} IEEPA duty`,
          `Last day to protest the liquidation of these entries (19 U.S.C. 1514).`,
        ),
      );
  }
  lines.push('END:VCALENDAR');
  // Lines end in CRLF; a line longer than 75 octets folds.
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** Long lines fold at 75 octets (RFC 5545 §3.1): a CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let part = '';
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(part);
      part = '';
      size = 0;
    }
    part += ch;
    size += n;
  }
  parts.push(part);
  return parts.join('\r\n ');
}
