/**
 * Which elements have events, how (polling, webhooks) and which resources can be polled, as
 * their documentation pages say (cloud-elements/devportal at dad3573; the notes of issue 22, §7).
 * An element not listed here is not offered events by the wizard: the docs were not read for it.
 */

export type EventMethod = 'polling' | 'webhook';

export interface EventSupport {
  /** The documented ways, the default first. */
  methods: readonly EventMethod[];
  /** Resources the docs list for polling (their hub paths are /hubs/<hub>/<resource>). */
  resources: readonly string[];
  /**
   * How polling is configured: `json` (`event.poller.configuration`), `legacy` (a `|`-list of
   * resource names in `event.poller.urls`, devportal _archive/events/polling.md L21-38).
   */
  poller: 'json' | 'legacy';
  /** Where the docs say so. */
  source: string;
}

const QBO_RESOURCES = [
  'bill-payments', 'bills', 'classes', 'credit-memos', 'credit-terms', 'currencies', 'customers', 'employees', 'invoices', 'journal-entries', 'ledger-accounts',
  'payment-methods', 'payments', 'products', 'purchase-orders', 'refund-receipts', 'sales-receipts', 'tax-codes', 'tax-rates', 'time-activities', 'vendor-credits', 'vendors',
];

const SUPPORT: Readonly<Record<string, EventSupport>> = {
  quickbooks: { methods: ['polling', 'webhook'], resources: QBO_RESOURCES, poller: 'legacy', source: 'docs/elements/quickbooksonline/index.md L26, events.md L33-56; _archive/events/polling.md L23' },
  freshbooks: { methods: ['webhook'], resources: [], poller: 'json', source: 'docs/elements/freshbooks/freshbooks-create-instance.md L191-199' },
  freshbooksv2: { methods: ['webhook'], resources: [], poller: 'json', source: 'docs/elements/freshbooksv2/index.md L26, events.md L26' },
  sageoneus: { methods: ['polling'], resources: ['expenses', 'contacts', 'sales-invoices', 'products', 'purchase-invoices'], poller: 'json', source: 'docs/elements/sageoneus/events.md at f62e3f1, L44-89' },
  sageone: { methods: ['polling'], resources: ['customers'], poller: 'json', source: 'docs/elements/sageone/index.md L26, events.md L22-34' },
  quickbooksonprem: {
    methods: ['polling'],
    resources: ['bills', 'credit-memos', 'item-receipts', 'invoices', 'journal-entries', 'payments', 'sales-receipts', 'purchase-orders', 'sales-orders', 'customers', 'employees', 'products', 'vendors'],
    poller: 'json',
    source: 'docs/elements/quickbooksenterprise/index.md L27, events.md L22-38',
  },
  intacct: {
    methods: ['polling'],
    resources: ['vendors', 'customers', 'sales-orders', 'ledger-accounts', 'transactions', 'projects', 'employees', 'invoices', 'purchase-orders', 'vouchers', 'bills', 'journals', 'payments', 'items'],
    poller: 'json',
    source: 'docs/elements/intacct/events.md L30-170',
  },
  hubspot: { methods: ['polling', 'webhook'], resources: ['accounts', 'contacts'], poller: 'json', source: '_includes/Elements/Hubspot/events.md' },
  hubspotcrm: { methods: ['polling', 'webhook'], resources: ['accounts', 'contacts'], poller: 'json', source: '_includes/Elements/Hubspot/events.md' },
  box: { methods: ['webhook'], resources: [], poller: 'json', source: 'docs/elements/box/authenticate.md L230 (event.metadata: file, folder)' },
  dropbox: { methods: ['webhook'], resources: [], poller: 'json', source: '_includes/Elements/dropbox/setup.md L40' },
};

/** The element's documented events; undefined when it has none (Xero: "Events | Not Supported", _archive/xero/index.md L25) or the docs were not read for it. */
export function eventSupportFor(elementKey: string): EventSupport | undefined {
  return Object.prototype.hasOwnProperty.call(SUPPORT, elementKey) ? SUPPORT[elementKey] : undefined;
}

/**
 * The event entries a new instance file of the element starts with: events documented but off
 * (`event.notification.enabled: "false"`, the documented default), the default way, and the
 * default refresh interval for polling. Turning them on is the user's choice: then the callback
 * URL and a `${keychain:…}` signature key go next to them (the keys' hover says what each is).
 */
export function starterEventConfiguration(elementKey: string): Record<string, string> {
  const support = eventSupportFor(elementKey);
  if (!support) return {};
  const method = support.methods[0]!;
  return {
    'event.notification.enabled': 'false',
    'event.vendor.type': method,
    ...(method === 'polling' && { 'event.poller.refresh_interval': '15' }),
  };
}
