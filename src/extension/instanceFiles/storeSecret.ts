/**
 * "Store this secret in the keychain and refer to it as ${keychain:…}": the value goes to the OS
 * keychain under the name `${keychain:NAME}` refers to, and the reference replaces it in the
 * file. The value is never logged or shown.
 */
import * as vscode from 'vscode';
import { keychainName, referenceTo } from '../../core/instanceFile/keychainRefs';
import type { Section } from '../../core/instanceFile/keychainRefs';
import { elementKeyOf, locateValue } from '../../core/instanceFile/locate';
import { keychainReference } from '../../core/instanceFile/values';
import type { Services } from '../services';
import { confirm, notify } from '../notify';

export const STORE_SECRET_COMMAND = 'cloudElements.storeSecretInKeychain';

export interface StoreSecretArguments {
  uri: vscode.Uri;
  /** Where the secret is: `['configuration', 'oauth.api.secret']`. */
  path: [section: Section, key: string];
}

/** The keychain name for a secret when the file names no element. */
const NO_ELEMENT = 'instance';

export async function storeSecretInKeychain(services: Pick<Services, 'session' | 'vault' | 'log'>, args: StoreSecretArguments | undefined): Promise<boolean> {
  if (!args?.uri || !args.path) {
    void notify('error', 'Use this command from the quick fix on a "plain-secret" warning in an instance file.');
    return false;
  }
  const [section, key] = args.path;
  const document = await vscode.workspace.openTextDocument(args.uri);
  const text = document.getText();
  const located = locateValue(text, section, key);
  if (!located || located.value === '') {
    void notify('error', `${section} "${key}" is no longer in ${document.fileName}; nothing was stored.`);
    return false;
  }
  if (keychainReference(located.value) !== undefined) {
    void notify('info', `${section} "${key}" already refers to the keychain.`);
    return false;
  }
  const { environment } = services.session.state;
  const name = keychainName(elementKeyOf(text) ?? NO_ELEMENT, section, key);
  const stored = await services.vault.keychain(environment.id, name);
  if (stored !== undefined && stored !== located.value) {
    const answer = await confirm(`The keychain already holds a different "${name}" for ${environment.label}. Replace it with the value from this file?`, undefined, 'Replace');
    if (answer !== 'Replace') return false;
  }
  await services.vault.setKeychain(environment.id, name, located.value);
  const edit = new vscode.WorkspaceEdit();
  const range = new vscode.Range(document.positionAt(located.offset), document.positionAt(located.offset + located.length));
  edit.replace(document.uri, range, JSON.stringify(referenceTo(name)));
  if (!(await vscode.workspace.applyEdit(edit))) {
    void notify('error', `Stored "${name}" in the keychain, but could not edit ${document.fileName}: replace the value with ${referenceTo(name)} yourself.`);
    return false;
  }
  services.log.info(`Stored keychain entry "${name}" (${environment.label}) from ${document.fileName}.`);
  void notify('info', `Stored ${section} "${key}" in the keychain (${environment.label}); the file now refers to it as ${referenceTo(name)}.`,
  );
  return true;
}
