/**
 * The element routes a client calls (devportal `docs/platform-api/elements/index.md`; churros
 * `src/test/platform/elements/elements.js`): `GET /elements` (paged, filtered by CEQL `where`),
 * `GET /elements/keys`, `GET /elements/{keyOrId}` and `GET /elements/{keyOrId}/configuration`,
 * by key or by numeric id.
 */
import { parseWhere, unsupportedWhere, matchesWhere, type CeqlFields, type Condition } from '../base/ceql';
import type { Handlers } from '../base/context';
import { ApiError, jsonReply } from '../base/http';
import { PAGING_PARAMETERS, pageHeaders, paginate } from '../base/paging';
import { booleanParameter, refuseUnknownParameters } from '../base/query';
import type { DocumentedElementSummary } from '../base/shapes';
import { configurationFields, type ElementDirectory } from '../stores/elements';

/** The element fields `where` takes: the scalar fields of the documented element (`extended` included), and `abridged`. */
const ELEMENT_FIELDS = [
  'id',
  'key',
  'name',
  'hub',
  'description',
  'image',
  'hookName',
  'active',
  'deleted',
  'typeOauth',
  'trialAccount',
  'extended',
  'private',
  'beta',
  'cloneable',
  'extendable',
  'transformationsEnabled',
  'bulkDownloadEnabled',
  'bulkUploadEnabled',
  'protocolType',
  'signupURL',
  'abridged',
] as const satisfies ReadonlyArray<keyof DocumentedElementSummary | 'abridged'>;

const BOOLEAN_FIELDS = new Set<string>(['active', 'deleted', 'typeOauth', 'trialAccount', 'extended', 'private', 'beta', 'cloneable', 'extendable', 'transformationsEnabled', 'bulkDownloadEnabled', 'bulkUploadEnabled', 'abridged']);

function literalsOf(condition: Condition) {
  return condition.kind === 'compare' ? [condition.value] : condition.kind === 'in' ? condition.values : [];
}

export const ELEMENT_WHERE: CeqlFields = {
  what: 'elements',
  names: ELEMENT_FIELDS,
  caseInsensitive: ['name', 'hub'],
  check(condition) {
    if (BOOLEAN_FIELDS.has(condition.field) && literalsOf(condition).some((literal) => literal.text !== 'true' && literal.text !== 'false')) {
      throw unsupportedWhere(`${condition.field} takes 'true' or 'false'`);
    }
    // Every element the emulator serves is abridged: only a condition that keeps them can be honoured.
    const keepsAbridged = condition.kind === 'compare' && condition.operator === '=' && condition.value.text === 'true';
    if (condition.field === 'abridged' && !keepsAbridged) {
      throw unsupportedWhere("the emulator serves abridged elements only, so only abridged = 'true' can be honoured");
    }
  },
};

/**
 * `GET /elements` takes these, and nothing it would ignore. `abridged=true` is what Cloud Elements'
 * own tests send (churros `src/test/platform/catalog-properties.js`: `cloud.get('/elements?abridged=true')`),
 * and the emulator serves abridged elements only, so `abridged=false` cannot be honoured.
 */
export const ELEMENT_LIST_PARAMETERS = ['where', 'abridged', ...PAGING_PARAMETERS] as const;

/** An element configuration entry as the element API shows it (churros `element.configuration.schema.json`). */
export interface ElementConfiguration {
  id: number;
  name: string;
  key: string;
  description: string;
  defaultValue: string | null;
  type: 'PASSWORD' | 'BOOLEAN' | 'TEXTFIELD_1000';
  required: boolean;
  hideFromConsole: boolean;
  active: boolean;
  internal: boolean;
  companyConfig: boolean;
  resellerConfig: boolean;
  groupControl: boolean;
  displayOrder: number;
}

/** The element routes' handlers, built with the element directory (all they read). */
export function elementRoutes(elements: ElementDirectory): Handlers<'list' | 'keys' | 'get' | 'configuration'> {
  return {
    /** `GET /elements`: paged, filtered by CEQL `where`. */
    list: (request) => {
      refuseUnknownParameters(request.query, 'GET /elements', ELEMENT_LIST_PARAMETERS);
      if (!booleanParameter(request.query, 'abridged') && request.query.has('abridged')) {
        throw new ApiError(400, 'The emulator serves abridged elements only: the query parameter abridged takes true here.');
      }
      const all = elements.list();
      const positions = new Map(all.map((element, index) => [element.key, index]));
      const where = request.query.get('where');
      const expression = where === null ? undefined : parseWhere(where, ELEMENT_WHERE);
      const summaries = all.map((element) => elements.summary(element));
      const value = (summary: DocumentedElementSummary) => (field: string) =>
        field === 'abridged' ? true : (summary[field as keyof DocumentedElementSummary] as string | number | boolean | undefined);
      const matching = expression ? summaries.filter((summary) => matchesWhere(expression, value(summary), ELEMENT_WHERE)) : summaries;
      const page = paginate(matching, (summary) => positions.get(summary.key)!, request.query, 'elements');
      return jsonReply(200, page.items, pageHeaders(page, request.query));
    },

    /** `GET /elements/keys`. */
    keys: () => jsonReply(200, elements.list().map((element) => element.key)),

    /** `GET /elements/{keyOrId}`. */
    get: (request) => jsonReply(200, elements.summary(elements.require(request.params.keyOrId!))),

    /** `GET /elements/{keyOrId}/configuration`: the element's configuration fields, documented defaults as `defaultValue`. */
    configuration: (request) => {
      const element = elements.require(request.params.keyOrId!);
      const entries = configurationFields(element).map(
        (field, index): ElementConfiguration => ({
          id: elements.idOf(element) * 1000 + index + 1,
          name: field.label,
          key: field.key,
          description: field.description ?? field.label,
          defaultValue: field.default ?? null,
          type: field.secret ? 'PASSWORD' : field.kind === 'boolean' ? 'BOOLEAN' : 'TEXTFIELD_1000',
          required: field.required,
          hideFromConsole: false,
          active: true,
          internal: false,
          companyConfig: false,
          resellerConfig: false,
          groupControl: false,
          displayOrder: index + 1,
        }),
      );
      return jsonReply(200, entries);
    },
  };
}
