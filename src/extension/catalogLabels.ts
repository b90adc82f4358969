/** How the catalog's hubs and flows are named on screen: the Elements view, the Instances view and the element picker. */
import type { ElementDefinition, FlowDefinition } from '../core/catalog/types';

const HUB_LABELS: Record<string, string> = {
  crm: 'CRM',
  erp: 'ERP',
  fsa: 'Field Service',
  db: 'Database',
  humancapital: 'Human Capital',
  esignature: 'eSignature',
  ecommerce: 'eCommerce',
};

export function hubLabel(hub: string): string {
  return HUB_LABELS[hub] ?? hub.charAt(0).toUpperCase() + hub.slice(1);
}

/** A flow's label, with "(legacy)" when the provider has retired it. */
export function flowName(flow: FlowDefinition): string {
  return flow.legacy === undefined ? flow.label : `${flow.label} (legacy)`;
}

export function flowSummary(element: ElementDefinition): string {
  return element.flows.map(flowName).join(' · ');
}
