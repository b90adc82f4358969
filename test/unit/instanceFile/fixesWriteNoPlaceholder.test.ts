/**
 * Issue 20 item 12: "Add missing required key(s)" inserted a placeholder that the placeholder rule
 * flagged at once. The class: no quick fix of the linter writes a value that another finding
 * flags. Over every catalog flow, bodies are generated from the flow's starting values with
 * entries, sections and names taken away or left as placeholders; every fix offered is applied,
 * and nothing it inserted may be reported.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalog } from '../../../src/core/catalog';
import type { ElementDefinition, FlowDefinition } from '../../../src/core/catalog/types';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { buildTemplate } from '../../../src/core/instanceFile/template';
import { applyEdits } from '../../../src/core/instanceFile/text';

const FLOWS: Array<{ element: ElementDefinition; flow: FlowDefinition }> = catalog.elements.flatMap((element) => element.flows.map((flow) => ({ element, flow })));

/** A body of the flow: its template with some configuration entries and top-level sections dropped, others kept as placeholders or filled. */
const body = fc
  .record({
    which: fc.nat(FLOWS.length - 1),
    drop: fc.array(fc.nat(12), { maxLength: 6 }),
    fill: fc.array(fc.nat(12), { maxLength: 6 }),
    dropTop: fc.subarray(['name', 'configuration', 'providerData', 'tags', 'element'] as const),
    indent: fc.constantFrom(0, 2, 4),
  })
  .map(({ which, drop, fill, dropTop, indent }) => {
    const { element, flow } = FLOWS[which]!;
    const template = buildTemplate(element, flow) as unknown as Record<string, unknown> & { configuration: Record<string, string> };
    const keys = Object.keys(template.configuration);
    for (const index of fill) if (keys[index]) template.configuration[keys[index]] = `value-${index}`;
    for (const index of drop) if (keys[index]) delete template.configuration[keys[index]];
    for (const name of dropTop) delete template[name];
    return JSON.stringify(template, null, indent);
  });

describe('no quick fix writes what the linter flags at once (issue 20 item 12)', () => {
  it('every fix of every finding, applied, leaves no finding inside the text it inserted', () => {
    let applied = 0;
    fc.assert(
      fc.property(body, (text) => {
        for (const finding of lintInstanceText(text)) {
          for (const fix of finding.fixes) {
            const after = applyEdits(text, fix.edits);
            applied++;
            // Where the inserted text lands in the new text: each edit shifted by the ones before it.
            const inserted: Array<[number, number]> = [];
            let shift = 0;
            for (const edit of [...fix.edits].sort((a, b) => a.offset - b.offset)) {
              inserted.push([edit.offset + shift, edit.offset + shift + edit.newText.length]);
              shift += edit.newText.length - edit.length;
            }
            const flagged = lintInstanceText(after).filter(
              (other) => other.rule === 'placeholder' && inserted.some(([start, end]) => other.offset >= start && other.offset + other.length <= end),
            );
            assert.deepEqual(
              flagged.map((other) => other.message),
              [],
              `"${fix.title}" (for: ${finding.message}) wrote what is flagged at once`,
            );
          }
        }
      }),
      { numRuns: 200 },
    );
    assert.ok(applied > 100, `applied ${applied} fixes`);
  });
});
