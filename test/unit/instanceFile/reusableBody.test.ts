/**
 * reusableBody (issue 20, item 7): over every flow of the catalog and generated values, a saved
 * body never keeps what the browser step returned, keeps everything else, and a flow without a
 * browser step is saved as it was sent.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalog } from '../../../src/core/catalog';
import type { CreateInstanceRequest } from '../../../src/core/api/types';
import { hasSpentAuthorization, reusableBody } from '../../../src/core/instanceFile/reusableBody';
import { remainingPlaceholders } from '../../../src/core/instanceFile/placeholders';

const flows = catalog.elements.flatMap((element) => element.flows.map((flow) => ({ element, flow })));

describe('reusableBody', () => {
  it('every catalog flow with a browser step: no callback value survives, the rest is kept, the callback is the registered one', () => {
    const value = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !text.includes('<'));
    fc.assert(
      fc.property(fc.constantFrom(...flows), fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 3 }), value, fc.option(fc.constant('https://you.github.io/cb/'), { nil: undefined }), ({ element, flow }, extra, spent, registered) => {
        const configuration: Record<string, string> = { ...extra };
        for (const field of flow.configuration) configuration[field.key] = `${field.key}-value`;
        const providerData: Record<string, string> = {};
        for (const field of flow.providerData) providerData[field.key] = `${spent}-${field.key}`;
        const request: CreateInstanceRequest = { element: { key: element.key }, name: 'n', configuration, ...(flow.providerData.length > 0 && { providerData }) };
        const body = reusableBody(request, flow, registered);
        if (!hasSpentAuthorization(flow)) {
          assert.deepEqual(body, request);
          return;
        }
        const text = JSON.stringify(body);
        for (const entry of Object.values(providerData)) assert.ok(!text.includes(entry), `${element.key} ${flow.type}: ${entry} left out`);
        for (const key of Object.keys(body.providerData ?? {})) assert.ok(remainingPlaceholders({ providerData: { [key]: body.providerData![key] } }).length === 1, `${key} is a placeholder`);
        const callbackKey = flow.configuration.find((field) => field.role === 'callbackUrl')?.key;
        for (const [key, kept] of Object.entries(configuration)) {
          if (key === callbackKey) assert.equal(body.configuration[key], registered ?? flow.configuration.find((field) => field.key === key)!.placeholder);
          else assert.equal(body.configuration[key], kept);
        }
        assert.deepEqual(request.providerData, flow.providerData.length > 0 ? providerData : undefined, 'the request itself is not changed');
      }),
    );
  });
});
