/** The receiver's paths, `/events/<environment>`: what the inbox and the callback URLs share with the receiver (receiver.js, loaded when it starts). */

export const EVENTS_PATH = '/events/';

const ENVIRONMENT = /^[A-Za-z0-9._-]{1,64}$/;

/** The path's environment, or undefined when the path is not `/events/<environment>`. */
export function environmentOf(url: string | undefined): string | undefined {
  const path = (url ?? '/').split('?', 1)[0]!;
  if (!path.startsWith(EVENTS_PATH)) return undefined;
  const rest = path.slice(EVENTS_PATH.length).replace(/\/$/, '');
  return ENVIRONMENT.test(rest) ? rest : undefined;
}
