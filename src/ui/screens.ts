/** The app's screens in the order the side navigation lists them: the one list the UI, tests and screenshots use. */
export const SCREENS = [
  { view: 'import', label: 'Import' },
  { view: 'overview', label: 'Overview' },
  { view: 'entries', label: 'Entries' },
  { view: 'payments', label: 'Payments' },
  { view: 'declarations', label: 'Declarations' },
  { view: 'filed', label: 'Filed' },
  { view: 'report', label: 'Report' },
  { view: 'assumptions', label: 'Assumptions' },
  { view: 'profile', label: 'Profile' },
  { view: 'rulebook', label: 'Rulebook' },
  { view: 'workspaces', label: 'Workspaces' },
  { view: 'data', label: 'Your data' },
] as const;

export type View = (typeof SCREENS)[number]['view'];

/** The screens' names as the navigation shows them. */
export const SCREEN_LABELS: readonly string[] = SCREENS.map((s) => s.label);
