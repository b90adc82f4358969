/**
 * The instance console for one environment: an instance's operations (its docs, cached), the
 * request document of an operation, Test Connection and Send. The extension binds one per
 * environment and gives it the keychain as a {@link SecretLookup}; everything here is plain
 * TypeScript, loaded only when the console is first used.
 */
import type { ConsoleRequest } from './request';
import { readOperations, type Operation, type OperationTree } from './operations';
import { accountAuthorization, elementAuthorization } from './references';
import { buildRequestDocument, definitionsFromResponse, type RequestDocumentOptions } from './requestDocument';
import { sendRequest, type SendOptions } from './send';
import { type ConsoleProblem, type SendResult } from './answer';

export type InstanceConsoleOptions = Omit<SendOptions, 'signal'>;

export type DocsResult = { ok: true; tree: OperationTree } | { ok: false; problem: ConsoleProblem };

export type ConnectionResult =
  | { ok: true; ms: number; endpoint?: string; requestId?: string }
  | { ok: false; ms?: number; problem: ConsoleProblem };

export interface InstanceRef {
  id: string | number;
  /** The instance's element's hub, e.g. `finance`. */
  hub: string;
  name?: string;
}

function accountRequest(path: string[], query: Array<[string, string]> = []): ConsoleRequest {
  return { method: 'GET', path, query, headers: [['Authorization', accountAuthorization()], ['Accept', 'application/json']] };
}

/** `GET /hubs/{hub}/ping` with the instance's token. */
export function pingRequest(instance: InstanceRef): ConsoleRequest {
  return { method: 'GET', path: ['hubs', instance.hub, 'ping'], query: [], headers: [['Authorization', elementAuthorization(instance.id)], ['Accept', 'application/json']] };
}

/** What the tree shows after Test Connection. */
export function connectionText(result: ConnectionResult): string {
  return result.ok ? `Connected (${result.ms} ms)` : result.problem.message;
}

export class InstanceConsole {
  private readonly docsCache = new Map<string, Promise<DocsResult>>();

  constructor(private readonly options: InstanceConsoleOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  send(request: ConsoleRequest, signal?: AbortSignal): Promise<SendResult> {
    return sendRequest(request, { ...this.options, ...(signal && { signal }) });
  }

  async testConnection(instance: InstanceRef, signal?: AbortSignal): Promise<ConnectionResult> {
    const result = await this.send(pingRequest(instance), signal);
    if (!result.ok) return { ok: false, ...(result.response && { ms: result.response.durationMs }), problem: result.problem };
    const endpoint = (result.response.json as { endpoint?: unknown } | undefined)?.endpoint;
    return {
      ok: true,
      ms: result.response.durationMs,
      ...(typeof endpoint === 'string' && { endpoint }),
      ...(result.response.requestId !== undefined && { requestId: result.response.requestId }),
    };
  }

  /** The instance's operations, read once per instance (failures are not kept, so a retry asks again). */
  docs(instanceId: string | number, signal?: AbortSignal): Promise<DocsResult> {
    const key = String(instanceId);
    const cached = this.docsCache.get(key);
    if (cached) return cached;
    const loading = this.loadDocs(key, signal).then((result) => {
      if (!result.ok) this.docsCache.delete(key);
      return result;
    });
    this.docsCache.set(key, loading);
    return loading;
  }

  /**
   * The instance's token from `GET /instances/{id}` (account auth), for when the keychain has
   * none: the caller offers to store it. The value is never logged.
   */
  async instanceToken(instanceId: string | number, signal?: AbortSignal): Promise<{ ok: true; token: string } | { ok: false; problem: ConsoleProblem }> {
    const result = await this.send(accountRequest(['instances', String(instanceId)]), signal);
    if (!result.ok) return { ok: false, problem: result.problem };
    const token = (result.response.json as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && token !== '') return { ok: true, token };
    return {
      ok: false,
      problem: { kind: 'refused', message: `GET /instances/${instanceId} answered HTTP ${result.response.status} without the instance's token.`, mayHaveTakenEffect: false },
    };
  }

  /** Forget the docs of one instance (re-authorized, deleted) or of all. */
  forgetDocs(instanceId?: string | number): void {
    if (instanceId === undefined) this.docsCache.clear();
    else this.docsCache.delete(String(instanceId));
  }

  /** The operation's models with references resolved; empty when the API has none to give (the docs' own are used then). */
  async definitions(instanceId: string | number, operationId: string, signal?: AbortSignal): Promise<Map<string, unknown>> {
    const result = await this.send(accountRequest(['instances', String(instanceId), 'docs', operationId, 'definitions'], [['resolveReferences', 'true']]), signal);
    return result.ok ? definitionsFromResponse(result.response.json) : new Map();
  }

  /** The request document of one operation, with an example body from its resolved definitions when it takes one. */
  async requestDocument(instance: InstanceRef, operation: Operation, tree: OperationTree, signal?: AbortSignal): Promise<string> {
    const options: RequestDocumentOptions = { instanceId: instance.id, hub: instance.hub, ...(instance.name !== undefined && { instanceName: instance.name }) };
    if (operation.body && operation.operationId !== undefined) options.definitions = await this.definitions(instance.id, operation.operationId, signal);
    return buildRequestDocument(operation, tree, options);
  }

  private async loadDocs(instanceId: string, signal: AbortSignal | undefined): Promise<DocsResult> {
    const result = await this.send(accountRequest(['instances', instanceId, 'docs']), signal);
    if (!result.ok) return { ok: false, problem: result.problem };
    if (result.response.json === undefined) {
      return {
        ok: false,
        problem: { kind: 'refused', message: `GET /instances/${instanceId}/docs answered HTTP ${result.response.status} with something that is not JSON.`, mayHaveTakenEffect: false },
      };
    }
    return { ok: true, tree: readOperations(result.response.json) };
  }
}
