/** What the event-configuration checks find: ranges and edits in the text they checked. */

/** Which lint rule reports a finding. */
export type EventRule = 'configuration' | 'field' | 'dates' | 'urls';

export interface Edit {
  offset: number;
  length: number;
  newText: string;
}

export interface EventFix {
  title: string;
  edits: Edit[];
  preferred?: boolean;
}

export interface EventProblem {
  rule: EventRule;
  message: string;
  offset: number;
  length: number;
  fixes: EventFix[];
}
