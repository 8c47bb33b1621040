/** Segment colours and labels for the views (the same colours as the .seg pills in theme.css). */
import { SEGMENT_HELP, SEGMENT_LABELS, SEGMENTS, type Segment } from '../core/reasons';

export const SEGMENT_COLORS: Record<Segment, string> = {
  READY: 'var(--ready)',
  DEFERRED: 'var(--deferred)',
  NEEDS_STATUS: 'var(--needs)',
  NOT_ELIGIBLE: 'var(--not-eligible)',
  NO_REFUND: 'var(--no-refund)',
  INVALID: 'var(--invalid)',
};

/** Display order: what comes back first. */
export const SEGMENT_ORDER: Segment[] = ['READY', 'DEFERRED', 'NEEDS_STATUS', 'NOT_ELIGIBLE', 'NO_REFUND', 'INVALID'];

export { SEGMENTS, SEGMENT_HELP, SEGMENT_LABELS };
