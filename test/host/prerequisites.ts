/** System packages the test host needs, checked up front so a missing one is named, never skipped. */
import { existsSync } from 'node:fs';

export interface Prerequisite {
  what: string;
  present: () => boolean;
  debianPackage: string;
}

export const CHROMIUM_PREREQUISITE: Prerequisite = {
  what: 'Chromium (/usr/bin/chromium), which the end-to-end tests and the extension-host runner drive',
  present: () => existsSync(process.env.ELEMENTS_CHROMIUM ?? '/usr/bin/chromium'),
  debianPackage: 'chromium',
};

/** Only needed while code-server installs (its kerberos module compiles against it). */
export const KERBEROS_PREREQUISITE: Prerequisite = {
  what: 'the Kerberos headers (krb5.h), which code-server\'s native kerberos module builds against',
  present: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h'),
  debianPackage: 'libkrb5-dev',
};

export class MissingPrerequisiteError extends Error {}

export function requirePrerequisites(prerequisites: Prerequisite[]): void {
  const missing = prerequisites.filter((prerequisite) => !prerequisite.present());
  if (missing.length === 0) return;
  const packages = missing.map((prerequisite) => prerequisite.debianPackage).join(' ');
  throw new MissingPrerequisiteError(
    `Missing ${missing.map((prerequisite) => prerequisite.what).join('; and ')}.\n` +
      `Install with: sudo apt-get install -y ${packages}   (.ci/run does this for you)`,
  );
}
