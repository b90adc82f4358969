/** The API node's children: the instance's docs (read once per instance) as resources and operations. */
import type { Instance } from '../../core/api/types';
import type { Operation } from '../../core/console/operations';
import { errorText } from '../errorText';
import type { ConsoleBindings } from './binding';
import type { ApiListing, ApiOperationSummary } from '../views/instanceNodes';
import type { ConsoleDeps } from './contract';
import { apiUnreadableText, NO_OPERATIONS } from './texts';

function summary(operation: Operation): ApiOperationSummary {
  return {
    key: operation.key,
    method: operation.method,
    path: operation.path,
    ...(operation.summary !== undefined && { summary: operation.summary }),
    ...(operation.operationId !== undefined && { operationId: operation.operationId }),
  };
}

export async function apiListing(context: { deps: ConsoleDeps; bindings: ConsoleBindings }, instance: Instance, signal?: AbortSignal): Promise<ApiListing> {
  let docs;
  try {
    docs = await (await context.bindings.current()).docs.docs(instance.id, signal);
  } catch (error) {
    return { ok: false, message: context.deps.log.redact(errorText(error)) };
  }
  if (!docs.ok) return { ok: false, message: apiUnreadableText(instance, docs.problem.message) };
  if (docs.tree.operationCount === 0) return { ok: false, message: NO_OPERATIONS };
  return { ok: true, resources: docs.tree.resources.map((resource) => ({ name: resource.name, operations: resource.operations.map(summary) })) };
}
