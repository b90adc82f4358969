/**
 * A small stand-in for the `vscode` module, enough for unit tests of the extension's adapters
 * in plain Node. Tests script the user's answers through `ui` and read what was shown from
 * `shown`. The real API is exercised by the extension-host tests.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- a fake of a large API surface */
import { EventEmitter as NodeEmitter } from 'node:events';

export class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private readonly emitter = new NodeEmitter();
  readonly event = (listener: (value: T) => unknown): Disposable => {
    this.emitter.on('event', listener);
    return new Disposable(() => this.emitter.off('event', listener));
  };
  fire(value: T): void {
    this.emitter.emit('event', value);
  }
  dispose(): void {
    this.emitter.removeAllListeners();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ''), url.host, decodeURIComponent(url.pathname), url.search.replace(/^\?/, ''), url.hash.replace(/^#/, ''));
  }
  static file(path: string): Uri {
    return new Uri('file', '', path, '', '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: [base.path.replace(/\/$/, ''), ...segments].join('/') });
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: Partial<Pick<Uri, 'scheme' | 'authority' | 'path' | 'query' | 'fragment'>>): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position | number, end: Position | number, endLine?: number, endCharacter?: number) {
    if (typeof start === 'number') {
      this.start = new Position(start, end as number);
      this.end = new Position(endLine!, endCharacter!);
    } else {
      this.start = start;
      this.end = end as Position;
    }
  }
  get isEmpty(): boolean {
    return this.start.line === this.end.line && this.start.character === this.end.character;
  }
}

export class Selection extends Range {
  readonly anchor: Position;
  readonly active: Position;
  constructor(anchorLine: number, anchorCharacter: number, activeLine: number, activeCharacter: number) {
    super(anchorLine, anchorCharacter, activeLine, activeCharacter);
    this.anchor = this.start;
    this.active = this.end;
  }
}

export class CodeLens {
  constructor(readonly range: Range, public command?: { title: string; command: string; arguments?: unknown[] }) {}
  get isResolved(): boolean {
    return this.command !== undefined;
  }
}

export enum DiagnosticSeverity { Error = 0, Warning = 1, Information = 2, Hint = 3 }

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  constructor(readonly range: Range, readonly message: string, readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === other.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
}

export class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(readonly title: string, readonly kind?: CodeActionKind) {}
}

export interface RecordedEdit {
  uri: Uri;
  range: Range;
  newText: string;
}

export class WorkspaceEdit {
  readonly edits: RecordedEdit[] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri, range, newText });
  }
  insert(uri: Uri, position: Position, newText: string): void {
    this.edits.push({ uri, range: new Range(position, position), newText });
  }
  delete(uri: Uri, range: Range): void {
    this.edits.push({ uri, range, newText: '' });
  }
}

export class MarkdownString {
  constructor(public value = '', public supportThemeIcons = false) {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export class SnippetString {
  constructor(public value = '') {}
}

export class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export enum TreeItemCollapsibleState { None = 0, Collapsed = 1, Expanded = 2 }

export class TreeItem {
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon | Uri;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  id?: string;
  resourceUri?: Uri;
  constructor(public label: string | { label: string }, public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {}
}

export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum QuickPickItemKind { Separator = -1, Default = 0 }
export enum InputBoxValidationSeverity { Info = 1, Warning = 2, Error = 3 }
export class QuickInputButtons {
  static readonly Back = { iconPath: new ThemeIcon('arrow-left'), tooltip: 'Back' };
}

/** The title VS Code shows for a quick input with a step: "Title (2/5)". */
function titleWithSteps(title: string | undefined, step: number | undefined, totalSteps: number | undefined): string | undefined {
  if (step === undefined) return title;
  const steps = totalSteps === undefined ? String(step) : `${step}/${totalSteps}`;
  return title ? `${title} (${steps})` : steps;
}

/** An event whose listeners may be async; `fire` waits for all of them. */
class AsyncEvent<T> {
  private readonly listeners = new Set<(value: T) => unknown>();
  readonly event = (listener: (value: T) => unknown): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  async fire(value: T): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(value)));
  }
  dispose(): void {
    this.listeners.clear();
  }
}
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }
export enum ConfigurationTarget { Global = 1, Workspace = 2, WorkspaceFolder = 3 }
export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2, Three = 3 }
export enum TextEditorRevealType { Default = 0, InCenter = 1, InCenterIfOutsideViewport = 2, AtTop = 3 }
export enum ExtensionKind { UI = 1, Workspace = 2 }

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

// ── Scripted UI ──────────────────────────────────────────────────────────────

export type UiCall =
  /** `type` (createQuickPick only): types a filter value and returns the items shown for it. */
  | { kind: 'quickPick'; items: any[]; options: any; type?: (value: string) => any[] }
  /** From createInputBox too: answer a string to type it and press Enter, `QuickInputButtons.Back` to go back. */
  | { kind: 'inputBox'; options: any }
  | { kind: 'message'; level: 'info' | 'warning' | 'error'; message: string; items: any[]; options?: any }
  | { kind: 'saveDialog'; options: any };

/** What the fake user answers: a function per call, in order. Unscripted calls answer undefined (Escape). */
export const ui = {
  script: [] as Array<(call: UiCall) => unknown>,
  calls: [] as UiCall[],
  answer(call: UiCall): unknown {
    this.calls.push(call);
    const next = this.script.shift();
    return next ? next(call) : undefined;
  },
};

export const clipboard = { text: '' };
export const shown = {
  documents: [] as Array<{ content?: string; language?: string; uri?: Uri }>,
  opened: [] as string[],
};

function messageOptions(args: any[]): { options?: any; items: any[] } {
  return args.length > 0 && args[0] !== null && typeof args[0] === 'object' && !('title' in args[0]) ? { options: args[0], items: args.slice(1) } : { items: args };
}

const statusBarItems: any[] = [];

export const window = {
  statusBarItems,
  async showQuickPick(items: any, options?: any) {
    const resolved = await items;
    return ui.answer({ kind: 'quickPick', items: resolved, options: options ?? {} });
  },
  /**
   * A quick pick the extension drives itself: answered like showQuickPick when shown (the item,
   * undefined for Escape, or `QuickInputButtons.Back`).
   */
  createQuickPick() {
    const accepted = new EventEmitter<void>();
    const hidden = new EventEmitter<void>();
    const changed = new EventEmitter<string>();
    const triggered = new EventEmitter<any>();
    const pick: any = {
      items: [] as any[],
      selectedItems: [] as any[],
      activeItems: [] as any[],
      buttons: [] as any[],
      value: '',
      onDidAccept: accepted.event,
      onDidHide: hidden.event,
      onDidChangeValue: changed.event,
      onDidTriggerButton: triggered.event,
      show() {
        const type = (value: string) => {
          pick.value = value;
          changed.fire(value);
          return pick.items;
        };
        const options = { title: titleWithSteps(pick.title, pick.step, pick.totalSteps), placeHolder: pick.placeholder, buttons: pick.buttons, activeItems: pick.activeItems, ignoreFocusOut: pick.ignoreFocusOut };
        void Promise.resolve(ui.answer({ kind: 'quickPick', items: pick.items, options, type })).then((chosen) => {
          if (chosen === QuickInputButtons.Back) {
            triggered.fire(chosen);
          } else if (chosen) {
            pick.selectedItems = [chosen];
            accepted.fire();
          } else {
            hidden.fire();
          }
        });
      },
      hide() {
        hidden.fire();
      },
      dispose() {
        accepted.dispose();
        hidden.dispose();
        changed.dispose();
        triggered.dispose();
      },
    };
    return pick;
  },
  /**
   * An input box the extension drives itself, answered like showInputBox when shown: the text
   * typed (then Enter), undefined for Escape, or `QuickInputButtons.Back`. When Enter leaves an
   * error in `validationMessage`, the box is asked again (with that message in its options).
   */
  createInputBox() {
    const accepted = new AsyncEvent<void>();
    const changed = new AsyncEvent<string>();
    const hidden = new EventEmitter<void>();
    const triggered = new EventEmitter<any>();
    let closed = false;
    const box: any = {
      value: '',
      password: false,
      buttons: [] as any[],
      validationMessage: undefined as unknown,
      onDidAccept: accepted.event,
      onDidChangeValue: changed.event,
      onDidHide: hidden.event,
      onDidTriggerButton: triggered.event,
      show() {
        void ask();
      },
      hide() {
        if (closed) return;
        closed = true;
        hidden.fire();
      },
      dispose() {
        closed = true;
        accepted.dispose();
        changed.dispose();
        hidden.dispose();
        triggered.dispose();
      },
    };
    const refused = () => typeof box.validationMessage === 'string' || box.validationMessage?.severity === InputBoxValidationSeverity.Error;
    async function ask(): Promise<void> {
      for (;;) {
        const options = {
          title: titleWithSteps(box.title, box.step, box.totalSteps),
          prompt: box.prompt,
          placeHolder: box.placeholder,
          value: box.value,
          password: box.password,
          buttons: box.buttons,
          validationMessage: box.validationMessage,
        };
        const answer = await ui.answer({ kind: 'inputBox', options });
        if (closed) return;
        if (answer === QuickInputButtons.Back) return triggered.fire(answer);
        if (answer === undefined || answer === null) return box.hide();
        box.value = String(answer);
        await changed.fire(box.value);
        await accepted.fire();
        if (closed || !refused()) return;
      }
    }
    return box;
  },
  async showInputBox(options?: any) {
    return ui.answer({ kind: 'inputBox', options: options ?? {} });
  },
  async showInformationMessage(message: string, ...args: any[]) {
    return ui.answer({ kind: 'message', level: 'info', message, ...messageOptions(args) });
  },
  async showWarningMessage(message: string, ...args: any[]) {
    return ui.answer({ kind: 'message', level: 'warning', message, ...messageOptions(args) });
  },
  async showErrorMessage(message: string, ...args: any[]) {
    return ui.answer({ kind: 'message', level: 'error', message, ...messageOptions(args) });
  },
  async withProgress(options: any, task: (progress: any, token: any) => Promise<unknown>) {
    const source = new CancellationTokenSource();
    // The Cancel button: only a cancellable progress has one.
    if (options?.cancellable) (window as any).lastProgressCancel = () => source.cancel();
    (window as any).progressOptions.push(options);
    return task({ report: (value: unknown) => (window as any).progressReports.push(value) }, source.token);
  },
  progressReports: [] as unknown[],
  progressOptions: [] as any[],
  /** `setStatusBarMessage`: the texts, in order. */
  statusBarMessages: [] as string[],
  setStatusBarMessage(text: string) {
    (window as any).statusBarMessages.push(text);
    return new Disposable();
  },
  createStatusBarItem() {
    const item = { text: '', tooltip: '', command: undefined as unknown, show() {}, hide() {}, dispose() {} };
    statusBarItems.push(item);
    return item;
  },
  createOutputChannel(_name: string) {
    return fakeLogChannel();
  },
  registerUriHandler(handler: { handleUri(uri: Uri): unknown }) {
    (window as any).uriHandler = handler;
    return new Disposable();
  },
  registerTreeDataProvider() {
    return new Disposable();
  },
  createTreeView(_id: string, options: any) {
    return { ...options, reveal: async () => {}, dispose() {}, onDidChangeVisibility: () => new Disposable() };
  },
  async showTextDocument(document: any) {
    return { document };
  },
  activeTextEditor: undefined as any,
  /** The editor shown in each column. */
  get visibleTextEditors(): FakeTextEditor[] {
    return [...visibleEditors];
  },
};

export interface FakeLogChannel {
  lines: string[];
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  trace(message: string): void;
  debug(message: string): void;
  show(): void;
  dispose(): void;
}

export function fakeLogChannel(): FakeLogChannel {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    trace: (m) => void lines.push(`trace ${m}`),
    debug: (m) => void lines.push(`debug ${m}`),
    show() {},
    dispose() {},
  };
}

const registeredCommands = new Map<string, (...args: any[]) => any>();
export const contextKeys = new Map<string, unknown>();
export const executedCommands: Array<{ command: string; args: unknown[] }> = [];

export const commands = {
  registerCommand(id: string, fn: (...args: any[]) => any) {
    registeredCommands.set(id, fn);
    return new Disposable(() => registeredCommands.delete(id));
  },
  async executeCommand(id: string, ...args: any[]) {
    executedCommands.push({ command: id, args });
    if (id === 'setContext') {
      contextKeys.set(args[0], args[1]);
      return undefined;
    }
    return registeredCommands.get(id)?.(...args);
  },
  registered: registeredCommands,
};

export const settings = new Map<string, unknown>();
const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

export const workspace = {
  getConfiguration(section?: string) {
    const prefix = section ? `${section}.` : '';
    return {
      get: <T>(key: string, fallback?: T) => (settings.has(prefix + key) ? (settings.get(prefix + key) as T) : fallback),
      update: async (key: string, value: unknown) => {
        settings.set(prefix + key, value);
        configurationChanged.fire({ affectsConfiguration: (s: string) => (prefix + key).startsWith(s) });
      },
    };
  },
  onDidChangeConfiguration: configurationChanged.event,
  async openTextDocument(options: any) {
    const document = typeof options === 'object' && !(options instanceof Uri) ? { getText: () => options.content ?? '', languageId: options.language, uri: Uri.parse('untitled:Untitled-1') } : { uri: options };
    shown.documents.push(typeof options === 'object' && !(options instanceof Uri) ? options : { uri: options });
    return document;
  },
  registerTextDocumentContentProvider() {
    return new Disposable();
  },
  textDocuments: [] as any[],
  workspaceFolders: undefined as any,
  onDidOpenTextDocument: new EventEmitter<any>().event,
  onDidChangeTextDocument: new EventEmitter<any>().event,
  onDidCloseTextDocument: new EventEmitter<any>().event,
  async applyEdit(edit: WorkspaceEdit) {
    (workspace as any).appliedEdits.push(edit);
    return true;
  },
  appliedEdits: [] as WorkspaceEdit[],
  fs: {
    async stat() {
      throw new Error('ENOENT');
    },
    async writeFile() {},
  },
};

export const env = {
  uriScheme: 'vscode',
  /** Undefined in a local window; e.g. `ssh-remote` in a remote one. */
  remoteName: undefined as string | undefined,
  clipboard: {
    async writeText(text: string) {
      clipboard.text = text;
    },
    async readText() {
      return clipboard.text;
    },
  },
  async asExternalUri(uri: Uri) {
    return uri;
  },
  async openExternal(uri: Uri, _options?: unknown) {
    shown.opened.push(uri.toString());
    return true;
  },
};

export const languages = {
  createDiagnosticCollection(name: string) {
    const entries = new Map<string, Diagnostic[]>();
    return {
      name,
      entries,
      set(uri: Uri, diagnostics: Diagnostic[] | undefined) {
        if (diagnostics) entries.set(uri.toString(), diagnostics);
        else entries.delete(uri.toString());
      },
      get(uri: Uri) {
        return entries.get(uri.toString());
      },
      delete(uri: Uri) {
        entries.delete(uri.toString());
      },
      clear() {
        entries.clear();
      },
      dispose() {
        entries.clear();
      },
    };
  },
  registerCodeActionsProvider() {
    return new Disposable();
  },
  /** The registered CodeLens providers, for tests to ask. */
  codeLensProviders: [] as Array<{ selector: any; provider: any }>,
  registerCodeLensProvider(selector: any, provider: any) {
    const entry = { selector, provider };
    languages.codeLensProviders.push(entry);
    return new Disposable(() => languages.codeLensProviders.splice(languages.codeLensProviders.indexOf(entry), 1));
  },
  /** What `getLanguages()` answers besides the built-in ones (e.g. `http`, as if REST Client were installed). */
  extraLanguages: [] as string[],
  async getLanguages() {
    return ['plaintext', 'json', 'jsonc', 'markdown', ...languages.extraLanguages];
  },
  async setTextDocumentLanguage(document: any, languageId: string) {
    document.languageId = languageId;
    return document;
  },
  match(selector: any, document: any): number {
    return document && selector ? 10 : 0;
  },
};

export const extensions = { getExtension: () => undefined };

/** Forget everything tests scripted or recorded. */
export function resetFake(): void {
  ui.script.length = 0;
  ui.calls.length = 0;
  clipboard.text = '';
  shown.documents.length = 0;
  shown.opened.length = 0;
  settings.clear();
  contextKeys.clear();
  executedCommands.length = 0;
  window.progressReports.length = 0;
  window.progressOptions.length = 0;
  // A test cancelling "the" progress must not reach one left over from an earlier test.
  delete (window as { lastProgressCancel?: unknown }).lastProgressCancel;
  window.statusBarMessages.length = 0;
  statusBarItems.length = 0;
  workspace.appliedEdits.length = 0;
  languages.extraLanguages.length = 0;
  env.remoteName = undefined;
  resetDocuments();
}

// ── Text documents, editors, files and dialogs ──────────────────────────────

/** An in-memory `vscode.TextDocument`; `\n` or `\r\n` line ends. */
export class FakeTextDocument {
  version = 1;
  isDirty = false;
  isClosed = false;
  constructor(readonly uri: Uri, private text: string, public languageId = 'json') {}
  get fileName(): string {
    return this.uri.fsPath;
  }
  get isUntitled(): boolean {
    return this.uri.scheme === 'untitled';
  }
  private cachedLineStarts: { text: string; starts: number[] } | undefined;
  private lineStarts(): number[] {
    if (this.cachedLineStarts?.text === this.text) return this.cachedLineStarts.starts;
    const starts = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text[i] === '\n') starts.push(i + 1);
    this.cachedLineStarts = { text: this.text, starts };
    return starts;
  }
  get lineCount(): number {
    return this.lineStarts().length;
  }
  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts();
    // Binary search, as VS Code does: the linter's tests position tens of thousands of findings.
    let line = 0;
    let high = starts.length - 1;
    while (line < high) {
      const mid = (line + high + 1) >> 1;
      if (starts[mid]! <= clamped) line = mid;
      else high = mid - 1;
    }
    return new Position(line, clamped - starts[line]!);
  }
  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    const line = Math.max(0, Math.min(position.line, starts.length - 1));
    const lineEnd = line + 1 < starts.length ? starts[line + 1]! - 1 : this.text.length;
    return Math.min(starts[line]! + Math.max(0, position.character), lineEnd);
  }
  lineAt(lineOrPosition: number | Position) {
    const line = typeof lineOrPosition === 'number' ? lineOrPosition : lineOrPosition.line;
    const starts = this.lineStarts();
    const end = line + 1 < starts.length ? starts[line + 1]! - 1 : this.text.length;
    const text = this.text.slice(starts[line], end).replace(/\r$/, '');
    return { lineNumber: line, text, range: new Range(line, 0, line, text.length) };
  }
  /** Replaces the whole text (a user edit): a new version, dirty. */
  setText(text: string): void {
    this.text = text;
    this.version++;
    this.isDirty = true;
  }
  async save(): Promise<boolean> {
    this.isDirty = false;
    return true;
  }
}

/** `${1:text}`, `$1` and `\$` expanded the way the editor inserts a snippet. */
export function expandSnippet(snippet: string): string {
  let result = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i]!;
    if (ch === '\\' && /[$}\\]/.test(snippet[i + 1] ?? '')) result += snippet[++i];
    else if (ch === '$' && /\d/.test(snippet[i + 1] ?? '')) while (/\d/.test(snippet[i + 1] ?? '')) i++;
    else if (ch === '$' && snippet[i + 1] === '{') i = snippet.indexOf(':', i); // the placeholder's text follows; its closing } is skipped below
    else if (ch === '}') continue;
    else result += ch;
  }
  return result;
}

export class FakeTextEditor {
  readonly snippets: string[] = [];
  selection = new Selection(0, 0, 0, 0);
  viewColumn: ViewColumn | undefined;
  constructor(readonly document: FakeTextDocument) {}
  /** The ranges revealed, newest last. */
  readonly revealed: Range[] = [];
  revealRange(range: Range): void {
    this.revealed.push(range);
  }
  async insertSnippet(snippet: SnippetString): Promise<boolean> {
    this.snippets.push(snippet.value);
    changeDocument(this.document, this.document.getText() + expandSnippet(snippet.value));
    return true;
  }
}

const openDocuments = new Map<string, FakeTextDocument>();
/** The editor shown in each column (`window.visibleTextEditors`). */
const visibleEditors: FakeTextEditor[] = [];
const documentOpened = new EventEmitter<any>();
const documentChanged = new EventEmitter<any>();
const documentClosed = new EventEmitter<any>();
const activeEditorChanged = new EventEmitter<any>();
let untitledCount = 0;
/** The fake file system (`workspace.fs`), by `uri.toString()`. */
export const files = new Map<string, string>();

export function createTextDocument(uri: Uri | string, text: string, languageId = 'json'): FakeTextDocument {
  return new FakeTextDocument(typeof uri === 'string' ? Uri.parse(uri) : uri, text, languageId);
}

/** Opens a document as the editor would: listed in `workspace.textDocuments`, open event fired. */
export function openDocument(document: FakeTextDocument): FakeTextDocument {
  openDocuments.set(document.uri.toString(), document);
  workspace.textDocuments.push(document);
  documentOpened.fire(document);
  return document;
}

export function changeDocument(document: FakeTextDocument, text: string): void {
  document.setText(text);
  documentChanged.fire({ document, contentChanges: [{ text }], reason: undefined });
}

export function closeDocument(document: FakeTextDocument): void {
  openDocuments.delete(document.uri.toString());
  const index = workspace.textDocuments.indexOf(document);
  if (index >= 0) workspace.textDocuments.splice(index, 1);
  document.isClosed = true;
  documentClosed.fire(document);
}

/** Makes a document the active editor's, firing onDidChangeActiveTextEditor. */
export function showEditor(document: FakeTextDocument | undefined): FakeTextEditor | undefined {
  const editor = document ? new FakeTextEditor(document) : undefined;
  window.activeTextEditor = editor;
  activeEditorChanged.fire(editor);
  return editor;
}

export function resetDocuments(): void {
  openDocuments.clear();
  visibleEditors.length = 0;
  workspace.textDocuments.length = 0;
  files.clear();
  untitledCount = 0;
  window.activeTextEditor = undefined;
}

workspace.onDidOpenTextDocument = documentOpened.event;
workspace.onDidChangeTextDocument = documentChanged.event;
workspace.onDidCloseTextDocument = documentClosed.event;

const recordEdit = workspace.applyEdit;
/** Records the edit (`appliedEdits`) and applies it to open fake documents. */
workspace.applyEdit = async (edit: WorkspaceEdit) => {
  await recordEdit(edit);
  for (const [uri, document] of openDocuments) {
    const edits = edit.edits
      .filter((entry) => entry.uri.toString() === uri)
      .map((entry) => ({ start: document.offsetAt(entry.range.start), end: document.offsetAt(entry.range.end), text: entry.newText }))
      .sort((a, b) => b.start - a.start);
    if (edits.length === 0) continue;
    let text = document.getText();
    for (const { start, end, text: newText } of edits) text = text.slice(0, start) + newText + text.slice(end);
    changeDocument(document, text);
  }
  return true;
};

/** Registered content providers by scheme: openTextDocument asks them for their documents' text. */
const contentProviders = new Map<string, { provideTextDocumentContent(uri: Uri, token?: unknown): string | undefined | Promise<string | undefined> }>();
workspace.registerTextDocumentContentProvider = ((scheme: string, provider: any) => {
  contentProviders.set(scheme, provider);
  // As VS Code does: when the provider says a document changed, an open one is read again.
  const subscription = provider.onDidChange?.((uri: Uri) => {
    const document = openDocuments.get(uri.toString());
    if (document) changeDocument(document, provider.provideTextDocumentContent(uri) ?? '');
  });
  return new Disposable(() => {
    subscription?.dispose();
    if (contentProviders.get(scheme) === provider) contentProviders.delete(scheme);
  });
}) as typeof workspace.registerTextDocumentContentProvider;

const openUnknownDocument = workspace.openTextDocument;
/** Open documents and files in `files` by URI; `{content, language}` makes a new untitled document. */
workspace.openTextDocument = async (options: any) => {
  if (options instanceof Uri) {
    const open = openDocuments.get(options.toString());
    if (open) return open;
    const provider = contentProviders.get(options.scheme);
    if (provider) {
      const text = (await provider.provideTextDocumentContent(options)) ?? '';
      await openUnknownDocument(options);
      return openDocument(createTextDocument(options, text, /\.json$/.test(options.path) ? 'json' : 'plaintext'));
    }
    const stored = files.get(options.toString());
    if (stored === undefined) return openUnknownDocument(options);
    await openUnknownDocument(options);
    return openDocument(createTextDocument(options, stored, /\.json$/.test(options.path) ? 'json' : 'plaintext'));
  }
  if (options && typeof options === 'object') {
    await openUnknownDocument(options);
    return openDocument(createTextDocument(Uri.parse(`untitled:Untitled-${++untitledCount}`), options.content ?? '', options.language ?? 'plaintext'));
  }
  return openUnknownDocument(options);
};

Object.assign(workspace.fs, {
  async stat(uri: Uri) {
    const content = files.get(uri.toString());
    if (content === undefined) throw Object.assign(new Error(`File not found: ${uri.toString()}`), { code: 'FileNotFound' });
    return { type: 1, ctime: 0, mtime: 0, size: content.length };
  },
  async readFile(uri: Uri) {
    const content = files.get(uri.toString());
    if (content === undefined) throw Object.assign(new Error(`File not found: ${uri.toString()}`), { code: 'FileNotFound' });
    return new TextEncoder().encode(content);
  },
  async writeFile(uri: Uri, content: Uint8Array) {
    files.set(uri.toString(), new TextDecoder().decode(content));
  },
  async createDirectory() {},
});


Object.assign(window, {
  onDidChangeActiveTextEditor: activeEditorChanged.event,
  /** Opens (a URI) and shows a document; it becomes the active editor. */
  async showTextDocument(documentOrUri: any, options?: any) {
    const document = documentOrUri instanceof Uri ? await workspace.openTextDocument(documentOrUri) : documentOrUri;
    if (!(document instanceof FakeTextDocument)) return { document };
    // Editor groups as columns 1, 2, …: Beside is the one after the active editor's (a new group when there is none).
    const activeColumn: number = window.activeTextEditor?.viewColumn ?? ViewColumn.One;
    const wanted = options?.viewColumn;
    const column = wanted === ViewColumn.Beside ? activeColumn + 1 : wanted === undefined || wanted === ViewColumn.Active ? activeColumn : wanted;
    const editor = showEditor(document)!;
    editor.viewColumn = column;
    const others = visibleEditors.filter((shown) => shown.viewColumn !== column);
    visibleEditors.splice(0, visibleEditors.length, ...others, editor);
    return editor;
  },
  async showSaveDialog(options?: any) {
    return ui.answer({ kind: 'saveDialog', options: options ?? {} });
  },
});
