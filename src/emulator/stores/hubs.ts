/**
 * The hubs as `GET /hubs`, `/hubs/keys`, `/hubs/{key}` and `/hubs/{key}/elements` describe them
 * (devportal `docs/platform-api/hubs/index.md`): one per hub of the catalog, with the ids, names
 * and descriptions that page shows where it shows them.
 */
import type { Catalog } from '../../core/catalog';
import type { ElementDefinition } from '../../core/catalog/types';
import { hubKeyOf } from './elements';

export interface HubSummary {
  id: number;
  name: string;
  key: string;
  description: string;
}

export interface HubDetail extends HubSummary {
  active: boolean;
}

/** The hubs the page's `GET /hubs` and `GET /hubs/{key}` examples show. */
const DOCUMENTED: Readonly<Record<string, Omit<HubSummary, 'key'>>> = {
  helpdesk: { id: 14, name: 'Help Desk', description: 'Help Desk Services' },
  marketing: { id: 12, name: 'Marketing', description: 'Marketing Element Hub' },
  messaging: { id: 1, name: 'Messaging', description: 'Messaging type includes Emails, SMS' },
  crm: { id: 11, name: 'CRM', description: 'CRM Element Hub' },
  documents: { id: 4, name: 'Cloud Storage & Documents', description: 'Document Hub includes GoogleDrive, Dropbox, Box.com, OneDrive, Sharepoint, and Amazon s3' },
};

const NAMES: Readonly<Record<string, string>> = {
  db: 'Database',
  erp: 'ERP',
  fsa: 'Field Service',
  humancapital: 'Human Capital',
  esignature: 'eSignature',
  ecommerce: 'eCommerce',
};

function titleOf(key: string): string {
  return NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

export class HubDirectory {
  private readonly hubs: HubSummary[];

  constructor(private readonly catalog: Catalog) {
    const keys = [...new Set(catalog.elements.map(hubKeyOf))].sort();
    const used = new Set(Object.values(DOCUMENTED).map((hub) => hub.id));
    let next = 100;
    this.hubs = keys.map((key) => {
      const documented = DOCUMENTED[key];
      if (documented) return { key, ...documented };
      while (used.has(next)) next += 1;
      used.add(next);
      return { id: next, key, name: titleOf(key), description: `${titleOf(key)} Element Hub` };
    });
  }

  list(): HubSummary[] {
    return this.hubs;
  }

  keys(): string[] {
    return this.hubs.map((hub) => hub.key);
  }

  find(key: string): HubDetail | undefined {
    const hub = this.hubs.find((candidate) => candidate.key === key);
    return hub && { ...hub, active: true };
  }

  elementsOf(key: string): ElementDefinition[] {
    return this.catalog.elements.filter((element) => hubKeyOf(element) === key);
  }
}
