/** The fake providers' HTML: the authorize page (Allow / Deny) and an error page. */
import { STATUS_CODES } from 'node:http';
import type { ProviderRefusal } from '../../core/catalog/redirectRules';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f3f4f6; color: #1f2937; margin: 0; }
  main { max-width: 28rem; margin: 4rem auto; background: #fff; border-radius: 0.75rem; padding: 2rem;
         box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  .badge { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: #6b7280; }
  code { background: #f3f4f6; padding: .1rem .3rem; border-radius: .25rem; word-break: break-all; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: .6rem 1.4rem; border-radius: .5rem; border: 1px solid #d1d5db; cursor: pointer; }
  #allow { background: #2563eb; border-color: #2563eb; color: #fff; }
  .error h1 { color: #b91c1c; }`;

function page(title: string, content: string, className = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}
</style>
</head>
<body>
<main${className ? ` class="${className}"` : ''}>
<p class="badge">Cloud Elements emulator · fake provider</p>
${content}
</main>
</body>
</html>
`;
}

export interface AuthorizePage {
  elementName: string;
  /** The app's client id / consumer key, as a provider shows which app asks. */
  clientId: string;
  /** The provider's protocol, as `PROTOCOL_LABELS` names it. */
  protocol: string;
  /** Where the user will be sent after deciding (not secret). */
  callbackUrl: string;
  /** Decision endpoint. */
  action: string;
  /** Handle of the pending authorization, posted back with the decision. */
  handle: string;
}

export function renderAuthorizePage(details: AuthorizePage): string {
  const name = escapeHtml(details.elementName);
  return page(
    `Authorize access to ${details.elementName}`,
    `<h1>Allow access to your ${name} account?</h1>
<p>The application <code id="client-id">${escapeHtml(details.clientId)}</code> is asking to connect to ${name} (${details.protocol}).</p>
<p>After you decide, you will be sent back to <code id="callback">${escapeHtml(details.callbackUrl)}</code>.</p>
<form method="post" action="${escapeHtml(details.action)}">
<input type="hidden" name="request" value="${escapeHtml(details.handle)}">
<div class="actions">
<button id="allow" type="submit" name="decision" value="allow">Allow</button>
<button id="deny" type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
  );
}

/**
 * A provider's own error page for a redirect_uri its app did not register (the provider's words,
 * from the catalog's redirect rules), under the emulator's badge.
 */
export function renderProviderRefusal(provider: string, refusal: ProviderRefusal): string {
  const lines = refusal.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  return page(
    refusal.title,
    `<p class="badge" id="provider">${escapeHtml(provider)}</p>\n<h1 id="provider-error">${escapeHtml(refusal.title)}</h1>\n<div id="provider-message">\n${lines}\n</div>`,
    'error',
  );
}

export function renderErrorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`, 'error');
}

/** What a gateway in front of the API shows when the service behind it fails (fault `body: "html"`). */
export function renderGatewayErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>
<head><title>${title}</title></head>
<body>
<center><h1>${title}</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;
}
