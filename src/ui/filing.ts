/** Filing statuses for the views (SPEC §10): short labels for tables and filters, and the pill classes of theme.css. */
import { FILING_STATUSES, FILING_STATUS_LABELS, type FilingStatus } from '../core/filing-status';
import type { AchEnrollment } from '../core/profile';
import type { FollowUpKind } from '../../workers/contract';

export const FILING_SHORT: Record<FilingStatus, string> = {
  NOT_FILED: 'Not filed',
  SUBMITTED: 'Submitted',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
  PAID: 'Paid',
  PAYMENT_RETURNED: 'Returned',
};

export const FOLLOW_UP_LABELS: Record<FollowUpKind, string> = {
  overdue: 'Accepted, unpaid and overdue',
  returned: 'Payment returned',
  'likely-offset': 'Likely offset against other debts',
};

/** ACH refund enrollment as the Filed screen states it. */
export const ACH_LABELS: Record<AchEnrollment, string> = {
  yes: 'enrolled',
  no: 'not enrolled',
  unknown: 'not confirmed',
};

export { FILING_STATUSES, FILING_STATUS_LABELS };
