/** Copy as cURL for the request under the cursor: its secrets masked, or as shell variables, never their values; the message says what else was masked. */
import * as vscode from 'vscode';
import { consoleCurl, type CurlSecrets } from '../../core/console/curl';
import { maskRequest } from '../../core/console/mask';
import { describeRequest } from '../../core/console/request';
import { notify } from '../notify';
import type { DocumentTarget } from './contract';
import { targetRequest, type SendContext } from './sendRequest';
import { curlCopiedText } from './texts';

interface SecretsItem extends vscode.QuickPickItem {
  secrets: CurlSecrets;
}

const ITEMS: SecretsItem[] = [
  { label: 'Token masked', description: '***, to share or paste in a ticket', secrets: 'masked' },
  { label: 'Token as $ELEMENTS_TOKEN', description: '$ELEMENTS_TOKEN, $ELEMENTS_USER_SECRET, $ELEMENTS_ORG_SECRET, to run in a shell', secrets: 'variables' },
];

export async function copyAsCurl(context: SendContext, target: DocumentTarget): Promise<void> {
  const located = await targetRequest(context, target);
  if (!located) return;
  const picked = await vscode.window.showQuickPick(ITEMS, { title: 'Cloud Elements: Copy Request as cURL', placeHolder: 'The secrets in the command' });
  if (!picked) return;
  await vscode.env.clipboard.writeText(consoleCurl(located.request, { baseUrl: located.baseUrl, secrets: picked.secrets }));
  void notify('info', curlCopiedText(describeRequest(located.request), picked.secrets, maskRequest(located.request).masked));
}
