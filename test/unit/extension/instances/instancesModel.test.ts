/** The Instances view's state without VS Code (src/extension/views/instancesModel.ts): loads, stale answers, paging, nodes. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from '../../../../src/core/api/errors';
import type { Instance } from '../../../../src/core/api/types';
import type { InstancesNode } from '../../../../src/extension/views/instanceNodes';
import { InstancesModel, type FirstPage, type OpenPages, type RunLoad } from '../../../../src/extension/views/instancesModel';
import { instanceRecord } from '../../helpers';

const run: RunLoad = (task) => task();

function instance(id: number, elementKey: string): Instance {
  return instanceRecord(id, elementKey, { name: `n${id}`, element: { id: 1, key: elementKey, name: elementKey.toUpperCase(), active: true, deleted: false, typeOauth: true, trialAccount: false } });
}

async function* pagesOf(pages: Instance[][], failAt?: number): AsyncGenerator<Instance[], void, undefined> {
  for (const [index, page] of pages.entries()) {
    if (index === failAt) throw new ApiError('Injected fault: 503 Service Unavailable.', { kind: 'http', method: 'GET', path: '/instances', status: 503 });
    yield page;
  }
}

const opening = (pages: Instance[][], failAt?: number): OpenPages => async () => pagesOf(pages, failAt);

function ids(nodes: InstancesNode[]): number[] {
  return nodes.flatMap((node) => (node.kind === 'elementGroup' ? node.instances.map((child) => child.instance.id) : []));
}

describe('Instances view state (instancesModel.ts, no vscode)', () => {
  it('pages of any size: the first page, then Load more until the last, every instance once, grouped; a failed read-ahead keeps what was loaded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }), fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), async (sizes, failAt) => {
        let next = 1;
        const pages = sizes.map((size) => Array.from({ length: size }, () => instance(next++, next % 2 ? 'xero' : 'freshbooks')));
        const model = new InstancesModel((text) => text);
        const outcomes: FirstPage[] = [];
        await model.reload(opening(pages, failAt), run, (outcome) => void outcomes.push(outcome));
        assert.deepEqual(outcomes, [{ kind: 'loaded', count: pages[0]!.length }]);
        while (model.hasMore) await model.loadMore(run);
        const shown = failAt === undefined || failAt >= pages.length ? pages.length : failAt;
        assert.deepEqual(ids(model.rootNodes()).sort((a, b) => a - b), pages.slice(0, shown).flat().map((each) => each.id));
        const errors = model.rootNodes().filter((node) => node.kind === 'error');
        assert.equal(errors.length, shown < pages.length ? 1 : 0);
        for (const node of model.rootNodes()) {
          if (node.kind === 'elementGroup') for (const child of node.instances) assert.equal(model.parentOf(child), node);
        }
      }),
    );
  });

  it('a failed first page is one error node; not signed in is nothing at all', async () => {
    const model = new InstancesModel((text) => text.replace('503', '<redacted>'));
    const outcomes: FirstPage[] = [];
    await model.reload(opening([[instance(1, 'xero')]], 0), run, (outcome) => void outcomes.push(outcome));
    assert.equal(outcomes[0]?.kind, 'failed');
    assert.deepEqual(model.rootNodes().map((node) => node.kind), ['error']);
    assert.ok(!JSON.stringify(model.rootNodes()).includes('503'), 'messages are redacted');
    await model.reload(async () => undefined, run, (outcome) => void outcomes.push(outcome));
    assert.equal(outcomes.length, 1, 'no outcome when there is nothing to load');
    assert.ok(model.idle);
    assert.deepEqual(model.rootNodes(), []);
  });

  it('a load overtaken by a reset or a newer load is dropped, whatever order the answers come in', async () => {
    const model = new InstancesModel((text) => text);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: OpenPages = async () => {
      await held;
      return pagesOf([[instance(1, 'xero')]]);
    };
    const outcomes: FirstPage[] = [];
    const first = model.reload(slow, run, (outcome) => void outcomes.push(outcome));
    await model.reload(opening([[instance(2, 'xero'), instance(3, 'xero')]]), run, (outcome) => void outcomes.push(outcome));
    release();
    await first;
    assert.deepEqual(outcomes, [{ kind: 'loaded', count: 2 }]);
    assert.deepEqual(ids(model.rootNodes()), [2, 3]);
    model.reset();
    assert.ok(model.idle);
  });

  it('one API node per instance node, and children below it from the listing', async () => {
    const model = new InstancesModel((text) => text);
    await model.reload(opening([[instance(1, 'xero')]]), run, () => {});
    const [group] = model.rootNodes();
    const [node] = await model.childrenOf(group!, true, async () => ({ ok: true, resources: [] }));
    const listing = async () => ({ ok: true as const, resources: [{ name: 'contacts', operations: [{ key: 'get', method: 'GET', path: '/contacts' }] }] });
    const [api] = await model.childrenOf(node!, true, listing);
    const [again] = await model.childrenOf(node!, true, listing);
    assert.equal(api, again);
    assert.equal(model.apiNodeShown(1), api);
    assert.deepEqual(await model.childrenOf(node!, false, listing), []);
    const [resource] = await model.childrenOf(api!, true, listing);
    assert.equal(resource?.kind, 'apiResource');
    assert.equal(model.parentOf(resource!), api);
  });
});
