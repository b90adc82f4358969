/** The UI driver's requests (see uiDriver.ts for the runner's side, suite/ui.ts for the suite's). No `vscode` here. */

export const DRIVER_PATHS = {
  quickInput: '/quick-input',
} as const;

export interface QuickInputAnswer {
  /** Text the quick input's title, prompt or placeholder must contain before it is answered. */
  expect?: string;
  /** Typed into the box, replacing what is there (a quick pick: the filter). Omitted: accept as is. */
  value?: string;
  /** The key to press after typing; default Enter. */
  key?: 'Enter' | 'Escape';
  timeoutMs?: number;
}
