/**
 * The emulator's small model of each hub's resources: what `GET /instances/{id}/docs`
 * documents and `/hubs/{hub}/{resource}` serves. Every hub of the catalog has an entry
 * (a test checks it); a hub it does not know (a custom catalog) gets {@link FALLBACK_RESOURCES}.
 */

export type FieldKind = 'string' | 'email' | 'phone' | 'url' | 'date' | 'date-time' | 'number' | 'integer' | 'boolean' | 'address';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** A create (POST) or replace (PUT) must give it. */
  required?: boolean;
  /** The allowed values of a string field. */
  values?: readonly string[];
  /** Where sample values come from, for strings: words of this list. */
  sample?: SampleList;
}

export type SampleList = 'company' | 'firstName' | 'lastName' | 'fullName' | 'word' | 'title' | 'code' | 'fileName' | 'reference';

export interface ResourceSpec {
  /** The path segment, plural: `ledger-accounts`. */
  name: string;
  /** Singular, for operation ids and definition names: `LedgerAccount`. */
  singular: string;
  fields: readonly FieldSpec[];
}

const f = (name: string, kind: FieldKind, extra: Omit<FieldSpec, 'name' | 'kind'> = {}): FieldSpec => ({ name, kind, ...extra });
const required = (name: string, kind: FieldKind, extra: Omit<FieldSpec, 'name' | 'kind' | 'required'> = {}): FieldSpec => f(name, kind, { ...extra, required: true });
const CURRENCIES = ['USD', 'EUR', 'GBP', 'NZD', 'AUD'] as const;

function resource(name: string, singular: string, fields: FieldSpec[]): ResourceSpec {
  return { name, singular, fields };
}

const customers = resource('customers', 'Customer', [
  required('name', 'string', { sample: 'company' }),
  f('email', 'email'),
  f('phone', 'phone'),
  f('currency', 'string', { values: CURRENCIES }),
  f('balance', 'number'),
  f('active', 'boolean'),
  f('address', 'address'),
]);
const invoices = resource('invoices', 'Invoice', [
  required('customerId', 'string', { sample: 'reference' }),
  f('invoiceNumber', 'string', { sample: 'code' }),
  f('issueDate', 'date'),
  f('dueDate', 'date'),
  f('status', 'string', { values: ['draft', 'open', 'paid', 'void'] }),
  f('total', 'number'),
  f('currency', 'string', { values: CURRENCIES }),
]);
const payments = resource('payments', 'Payment', [
  required('amount', 'number'),
  f('invoiceId', 'string', { sample: 'reference' }),
  f('paymentDate', 'date'),
  f('method', 'string', { values: ['card', 'bank-transfer', 'cash', 'check'] }),
  f('currency', 'string', { values: CURRENCIES }),
]);
const vendors = resource('vendors', 'Vendor', [
  required('name', 'string', { sample: 'company' }),
  f('email', 'email'),
  f('phone', 'phone'),
  f('currency', 'string', { values: CURRENCIES }),
  f('balance', 'number'),
  f('address', 'address'),
]);
const ledgerAccounts = resource('ledger-accounts', 'LedgerAccount', [
  required('name', 'string', { sample: 'title' }),
  f('code', 'string', { sample: 'code' }),
  f('type', 'string', { values: ['asset', 'liability', 'equity', 'income', 'expense'] }),
  f('active', 'boolean'),
]);
const people = (name: string, singular: string, more: FieldSpec[] = []) =>
  resource(name, singular, [f('firstName', 'string', { sample: 'firstName' }), required('lastName', 'string', { sample: 'lastName' }), f('email', 'email'), ...more]);
const named = (name: string, singular: string, more: FieldSpec[] = [], sample: SampleList = 'title') =>
  resource(name, singular, [required('name', 'string', { sample }), ...more]);

export const FALLBACK_RESOURCES: readonly ResourceSpec[] = [named('records', 'Record', [f('description', 'string', { sample: 'word' })])];

export const HUB_RESOURCES: Readonly<Record<string, readonly ResourceSpec[]>> = {
  finance: [customers, invoices, payments, vendors, ledgerAccounts],
  sage: [customers, invoices, payments, ledgerAccounts],
  crm: [
    named('accounts', 'Account', [f('industry', 'string', { values: ['software', 'retail', 'manufacturing', 'services'] }), f('website', 'url'), f('phone', 'phone'), f('address', 'address')], 'company'),
    people('contacts', 'Contact', [f('phone', 'phone'), f('accountId', 'string', { sample: 'reference' })]),
    people('leads', 'Lead', [f('company', 'string', { sample: 'company' }), f('status', 'string', { values: ['new', 'working', 'qualified', 'unqualified'] })]),
    named('opportunities', 'Opportunity', [
      f('accountId', 'string', { sample: 'reference' }),
      f('amount', 'number'),
      f('stage', 'string', { values: ['prospecting', 'proposal', 'negotiation', 'closed-won', 'closed-lost'] }),
      f('closeDate', 'date'),
    ]),
  ],
  documents: [
    named('files', 'File', [f('path', 'string', { sample: 'fileName' }), f('size', 'integer'), f('mimeType', 'string', { values: ['application/pdf', 'text/plain', 'image/png'] }), f('folderId', 'string', { sample: 'reference' })], 'fileName'),
    named('folders', 'Folder', [f('path', 'string', { sample: 'fileName' }), f('parentFolderId', 'string', { sample: 'reference' })], 'word'),
  ],
  marketing: [
    resource('contacts', 'Contact', [required('email', 'email'), f('firstName', 'string', { sample: 'firstName' }), f('lastName', 'string', { sample: 'lastName' }), f('subscribed', 'boolean')]),
    named('lists', 'List', [f('memberCount', 'integer')]),
    named('campaigns', 'Campaign', [f('status', 'string', { values: ['draft', 'scheduled', 'sent'] }), f('sendDate', 'date')]),
  ],
  helpdesk: [
    resource('incidents', 'Incident', [
      required('subject', 'string', { sample: 'title' }),
      f('status', 'string', { values: ['open', 'pending', 'solved', 'closed'] }),
      f('priority', 'string', { values: ['low', 'normal', 'high', 'urgent'] }),
      f('requesterEmail', 'email'),
    ]),
    named('agents', 'Agent', [f('email', 'email')], 'fullName'),
    named('contacts', 'Contact', [f('email', 'email'), f('phone', 'phone')], 'fullName'),
  ],
  ecommerce: [
    named('products', 'Product', [f('sku', 'string', { sample: 'code' }), f('price', 'number'), f('inventory', 'integer'), f('active', 'boolean')], 'word'),
    resource('orders', 'Order', [
      required('customerId', 'string', { sample: 'reference' }),
      f('total', 'number'),
      f('status', 'string', { values: ['pending', 'paid', 'fulfilled', 'cancelled'] }),
      f('orderDate', 'date-time'),
    ]),
    people('customers', 'Customer'),
  ],
  humancapital: [
    people('employees', 'Employee', [f('jobTitle', 'string', { sample: 'title' }), f('hireDate', 'date'), f('departmentId', 'string', { sample: 'reference' })]),
    named('departments', 'Department', [f('code', 'string', { sample: 'code' })]),
  ],
  employee: [
    people('employees', 'Employee', [f('jobTitle', 'string', { sample: 'title' }), f('hireDate', 'date')]),
    named('departments', 'Department', [f('code', 'string', { sample: 'code' })]),
  ],
  payment: [
    named('customers', 'Customer', [f('email', 'email')], 'company'),
    resource('payments', 'Payment', [required('amount', 'number'), f('currency', 'string', { values: CURRENCIES }), f('status', 'string', { values: ['succeeded', 'pending', 'failed'] }), f('customerId', 'string', { sample: 'reference' })]),
    resource('subscriptions', 'Subscription', [required('customerId', 'string', { sample: 'reference' }), f('plan', 'string', { sample: 'word' }), f('status', 'string', { values: ['active', 'cancelled', 'past-due'] }), f('startDate', 'date')]),
  ],
  erp: [
    named('customers', 'Customer', [f('email', 'email'), f('currency', 'string', { values: CURRENCIES })], 'company'),
    named('items', 'Item', [f('sku', 'string', { sample: 'code' }), f('unitPrice', 'number'), f('quantityOnHand', 'integer')], 'word'),
    resource('purchase-orders', 'PurchaseOrder', [required('vendorName', 'string', { sample: 'company' }), f('orderDate', 'date'), f('total', 'number'), f('status', 'string', { values: ['draft', 'submitted', 'received', 'closed'] })]),
  ],
  general: [named('contacts', 'Contact', [f('email', 'email'), f('phone', 'phone')], 'fullName'), resource('notes', 'Note', [required('title', 'string', { sample: 'title' }), f('body', 'string', { sample: 'word' })])],
  scheduling: [
    resource('appointments', 'Appointment', [required('title', 'string', { sample: 'title' }), f('start', 'date-time'), f('end', 'date-time'), f('attendeeEmail', 'email')]),
    named('calendars', 'Calendar', [f('timeZone', 'string', { values: ['UTC', 'America/Denver', 'Europe/London'] })]),
  ],
  esignature: [
    named('agreements', 'Agreement', [f('status', 'string', { values: ['draft', 'out-for-signature', 'signed', 'cancelled'] }), f('signerEmail', 'email')]),
    named('templates', 'Template'),
  ],
  collaboration: [
    named('channels', 'Channel', [f('topic', 'string', { sample: 'title' }), f('private', 'boolean')], 'word'),
    resource('messages', 'Message', [required('channelId', 'string', { sample: 'reference' }), required('text', 'string', { sample: 'title' }), f('sentAt', 'date-time')]),
  ],
  social: [
    resource('posts', 'Post', [required('text', 'string', { sample: 'title' }), f('publishedAt', 'date-time'), f('likes', 'integer')]),
    named('users', 'User', [f('handle', 'string', { sample: 'word' })], 'fullName'),
  ],
  fsa: [
    resource('work-orders', 'WorkOrder', [required('subject', 'string', { sample: 'title' }), f('status', 'string', { values: ['new', 'scheduled', 'in-progress', 'done'] }), f('scheduledDate', 'date'), f('technicianId', 'string', { sample: 'reference' })]),
    named('technicians', 'Technician', [f('email', 'email'), f('phone', 'phone')], 'fullName'),
  ],
  db: [named('records', 'Record', [f('value', 'string', { sample: 'word' }), f('updatedAt', 'date-time')], 'word')],
  conferencing: [
    resource('meetings', 'Meeting', [required('topic', 'string', { sample: 'title' }), f('start', 'date-time'), f('durationMinutes', 'integer'), f('joinUrl', 'url')]),
    named('participants', 'Participant', [f('email', 'email')], 'fullName'),
  ],
  screening: [
    people('candidates', 'Candidate'),
    resource('screenings', 'Screening', [required('candidateId', 'string', { sample: 'reference' }), f('package', 'string', { values: ['basic', 'standard', 'premium'] }), f('status', 'string', { values: ['pending', 'complete', 'disputed'] })]),
  ],
  messaging: [
    resource('messages', 'Message', [required('to', 'phone'), required('body', 'string', { sample: 'title' }), f('status', 'string', { values: ['queued', 'sent', 'delivered', 'failed'] }), f('sentAt', 'date-time')]),
    named('contacts', 'Contact', [f('phone', 'phone')], 'fullName'),
  ],
  analytics: [named('reports', 'Report', [f('createdAt', 'date-time')]), named('metrics', 'Metric', [f('value', 'number')], 'word')],
};

/** Fields every record has and the server sets: never taken from a request body. */
export const READ_ONLY_FIELDS: readonly FieldSpec[] = [f('id', 'string'), f('createdDate', 'date-time'), f('modifiedDate', 'date-time')];

export function resourcesOf(hub: string): readonly ResourceSpec[] {
  return Object.prototype.hasOwnProperty.call(HUB_RESOURCES, hub) ? HUB_RESOURCES[hub]! : FALLBACK_RESOURCES;
}

export function findResource(hub: string, name: string): ResourceSpec | undefined {
  return resourcesOf(hub).find((spec) => spec.name === name);
}
