/** "Provision Element…": element → flow → the wizard. */
import { catalog } from '../../core/catalog';
import type { Instance } from '../../core/api/types';
import { pickElement, pickFlow } from '../pickers';
import type { Services } from '../services';
import { elementFromArgument } from '../views/elementsTree';
import { defaultInstanceName } from './fieldPrompts';
import { beginRun, runWizard } from './wizard';

const TITLE = 'Cloud Elements: Provision Element';

/**
 * `argument`: an Elements-view node, an Instances-view element group (`{elementKey}`), an
 * element key, or nothing (then the user picks the element).
 */
export async function provisionElement(services: Services, argument?: unknown): Promise<Instance | undefined> {
  const run = await beginRun(services, 'provision an element', 'Provision Element');
  if (!run) return undefined;
  const fromArgument = elementFromArgument(argument, catalog);
  if (!fromArgument && argument !== undefined && argument !== null) {
    services.log.info('Provision Element: the element it was invoked on is not in the catalog; asking instead.');
  }
  const element = fromArgument ?? (await pickElement(catalog, TITLE));
  if (!element) return undefined;
  const flow = await pickFlow(element, `${TITLE}: ${element.name}`);
  if (!flow) return undefined;
  return runWizard(services, run, {
    element,
    flow,
    target: { action: 'create' },
    name: defaultInstanceName(element, flow),
    ...(flow.template.tags && { tags: flow.template.tags.filter((tag) => !/^<.*>$/.test(tag)) }),
  });
}
