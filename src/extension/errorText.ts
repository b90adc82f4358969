/** The message of anything thrown, for a log line or a notification. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the log keeps of an unexpected failure: the stack when there is one, else the message. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
