/**
 * The extension-host entry of the activation windows: each window opens a folder named after
 * one activation event and runs activation.test.js for it.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { runMocha } from '../mochaRun';
import { activationLabel, scenarioOfFolder } from '../scenarios';

export function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const scenario = folder ? scenarioOfFolder(basename(folder.uri.path)) : undefined;
  const label = scenario ? activationLabel(scenario) : `activation-unknown-${folder?.name ?? 'no-folder'}`;
  return runMocha({ label, directory: __dirname, timeoutMs: 30_000 });
}
