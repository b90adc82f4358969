/** Debian's Chromium driven by playwright-core: headless, a fresh profile, no background traffic. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM } from './paths';
import { CHROMIUM_PREREQUISITE, requirePrerequisites } from './prerequisites';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** The profile folder (to read what the browser stored). */
  profileDir: string;
  close(): Promise<void>;
}

/** A persistent context in a new profile folder, so every page shares storage like one real browser. */
export async function launchBrowser(options: { viewport?: { width: number; height: number }; ignoreHTTPSErrors?: boolean } = {}): Promise<Browser> {
  requirePrerequisites([CHROMIUM_PREREQUISITE]);
  const profileDir = await mkdtemp(join(tmpdir(), 'elements-toolkit-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    ...(options.ignoreHTTPSErrors && { ignoreHTTPSErrors: true }),
  });
  return {
    context,
    profileDir,
    async close() {
      await context.close().catch(() => {});
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
