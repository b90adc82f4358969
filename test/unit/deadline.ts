/**
 * A bound on a wait for an event, so that an event that never comes fails the test with what was
 * awaited and what the test knew then, instead of mocha's timeout naming no cause. The wait still
 * ends the moment the event comes; the bound is no sleep. Keep it under mocha's 10 s timeout.
 */
export const EVENT_DEADLINE_MS = 7000;

/** `promise`'s result, or an Error saying `what` was waited for in vain (with `context()`, read at the deadline). */
export async function within<T>(promise: Promise<T>, what: string, context: () => string = () => '', ms = EVENT_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const known = context();
      reject(new Error(`waited ${ms} ms for ${what}${known === '' ? '' : `; ${known}`}`));
    }, ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until `condition` holds (checked every few milliseconds: state the test cannot subscribe
 * to, such as the emulator's request log), or fails saying what was waited for.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string, context: () => string = () => '', ms = EVENT_DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const known = context();
      throw new Error(`waited ${ms} ms for ${what}${known === '' ? '' : `; ${known}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
