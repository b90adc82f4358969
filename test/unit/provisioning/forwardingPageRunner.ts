/**
 * Runs the forwarding page's script (media/forwarding-page/index.html) in a VM, as a browser
 * would with the page's address: where it sends the browser, what it shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { WEB_ORIGINS_META } from '../../../src/core/provisioning/forwarding';

export const PAGE = readFileSync(join(__dirname, '../../../media/forwarding-page/index.html'), 'utf8');
export const SCRIPT = /<script>([\s\S]*?)<\/script>/.exec(PAGE)![1]!;
export const STYLE = /<style>([\s\S]*?)<\/style>/.exec(PAGE)![1]!;

export interface PageRun {
  /** Where the page sent the browser (location.replace), if anywhere. */
  navigatedTo: string | undefined;
  /** The section shown. */
  shown: string | undefined;
  /** The address the page left in its history entry. */
  historyUrl: string | undefined;
  /** The "open VS Code" link's href. */
  link: string | undefined;
}

/** Runs the page's script with `search` as its query and `origins` in its web-origins meta. */
export function runPage(search: string, origins = ''): PageRun {
  const run: PageRun = { navigatedTo: undefined, shown: undefined, historyUrl: undefined, link: undefined };
  const sections = ['forwarding', 'refused', 'idle'].map((id) => ({ id, hidden: id !== 'idle' }));
  const sandbox = {
    URL,
    URLSearchParams,
    TextDecoder,
    Uint8Array,
    atob,
    location: {
      search,
      pathname: '/elements-callback/',
      replace: (url: string) => {
        run.navigatedTo = url;
      },
    },
    history: {
      replaceState: (_state: unknown, _title: string, url: string) => {
        run.historyUrl = url;
      },
    },
    document: {
      querySelector: (selector: string) => (selector === `meta[name="${WEB_ORIGINS_META}"]` ? { getAttribute: () => origins } : null),
      querySelectorAll: () => sections,
      getElementById: (id: string) => (id === 'open' ? { setAttribute: (_name: string, value: string) => (run.link = value) } : null),
    },
  };
  runInNewContext(SCRIPT, sandbox);
  run.shown = sections.find((section) => !section.hidden)?.id;
  return run;
}
