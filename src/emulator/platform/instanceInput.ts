/** An instance body once checked (`instanceBody.ts`): what the exchange and the instance record read. */
import type { ElementDefinition, FlowDefinition } from '../../core/catalog/types';

export interface InstanceInput {
  element: ElementDefinition;
  flow: FlowDefinition;
  name?: string;
  configuration: Record<string, string>;
  providerData?: Record<string, string>;
  tags?: string[];
  externalAuthentication?: 'initial' | 'none';
}
