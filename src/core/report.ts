/**
 * The one-page report's choices that are the app's, not CBP's: how far ahead it looks for protest
 * deadlines and how many entries it names. Its deadlines come from the rulebook (deadlines.ts), an
 * IOR's payment risk from the client list (distribution.ts `achWarnings`).
 */

/** Protest deadlines the report lists: from the filing date to this many days after it. */
export const PROTEST_LOOKAHEAD_DAYS = 60;

/** Entries each risk list of the report names (soonest first); counts and dollars cover them all. */
export const REPORT_LISTED = 10;
