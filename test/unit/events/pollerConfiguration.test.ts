/**
 * The poller configuration: placeholders, date formats, zones, the JSON fields and the legacy
 * lines, on the docs' own examples (cloud-elements/devportal at dad3573 unless a commit is given).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { datePatternProblem, dateFieldFormatProblem, looksLikeDatePattern } from '../../../src/core/events/dateFormat';
import { checkLegacyPollerUrls, parseLegacyPollerUrls } from '../../../src/core/events/legacyPollerUrls';
import { scanPlaceholders } from '../../../src/core/events/placeholders';
import { DEFAULT_DATE_FORMAT, generatePollerConfiguration, readPollerConfiguration } from '../../../src/core/events/pollerConfiguration';
import type { ResourceChoice } from '../../../src/core/events/pollerConfiguration';
import { isKnownTimeZone, timeZoneProblem } from '../../../src/core/events/timeZone';

const problemsOf = (url: string) => scanPlaceholders(url).problems.map((problem) => url.slice(problem.offset, problem.offset + problem.length));

/** The findings of a configuration: rule, and the text each names. */
function findings(value: unknown): string[] {
  const read = readPollerConfiguration(value);
  assert.ok(read.ok, read.ok ? '' : read.message);
  return read.problems.map((problem) => `${problem.rule}: ${read.text.slice(problem.offset, problem.offset + problem.length)}`);
}

/** _archive/events/polling.md L63-97, verbatim. */
const ARCHIVED = {
  contacts: {
    url: "/hubs/crm/contacts?where=update_time >= '${gmtDate:yyyy-MM-dd HH:mm:ss}'",
    filterByCurrentDate: true,
    filterByUpdatedDate: false,
    idField: 'user.id',
    datesConfiguration: { updatedDateField: 'update_time', updatedDateFormat: 'yyyy-MM-dd HH:mm:ss', updatedDateTimezone: 'GMT', createdDateField: 'add_time', createdDateFormat: 'yyyy-MM-dd HH:mm:ss', createdDateTimezone: 'GMT' },
    createdCheckTolerance: 2,
    pageSize: 10000,
    updatedDateTimezone: 'MST',
    pollDelay: 30,
  },
  accounts: {
    url: "/hubs/crm/accounts?where=update_time >= '${gmtDate:yyyy-MM-dd HH:mm:ss}'",
    filterByUpdatedDate: false,
    idField: 'user.id',
    datesConfiguration: { updatedDateField: 'update_time', updatedDateFormat: 'yyyy-MM-dd HH:mm:ss', createdDateField: 'add_time', createdDateFormat: 'yyyy-MM-dd HH:mm:ss' },
    createdCheckTolerance: 2,
    pageSize: 10000,
    updatedDateTimezone: 'MST',
  },
};

describe('poller configuration', () => {
  describe('placeholders', () => {
    it('accepts every documented descriptor (docs/guides/elements/events.md L159-177) and the forms in use', () => {
      for (const url of [
        "/hubs/crm/contacts?where=lastUpdated>'${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
        "/hubs/finance/customers?where=lastModifiedDate>='${date:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
        "/hubs/x?where=a>='${dateTimeZone:America/Denver:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'",
        "/hubs/x?where=a>='${dateTimeZone:PST:yyyy-MM-dd}' and b>'${dateTimeZone:-8:00:HH:mm}' and c>'${dateTimeZone:+6:00:yyyy}'",
        '/hubs/x?where=a>${epoch} and b>${epoch:s} and c>${epoch:ms} and d>${epoch:us}',
        "/hubs/crm/contacts?where=lastmodifieddate='${date}'",
        '/hubs/crm/contacts',
      ]) {
        assert.deepEqual(scanPlaceholders(url).problems, [], url);
      }
    });

    it('flags the docs\' placeholders the platform does not expand, each on its own text', () => {
      assert.deepEqual(problemsOf("a='${DateTimeZone:PST:yyyy-MM-dd'T'HH:mm:ss.SSS}'"), ["${DateTimeZone:PST:yyyy-MM-dd'T'HH:mm:ss.SSS}"]);
      assert.deepEqual(problemsOf('a>${milliseconds}'), ['${milliseconds}']);
      assert.deepEqual(problemsOf('a>${518862600}'), ['${518862600}']);
      assert.deepEqual(problemsOf('a>${dateFieldDescriptor:dateFieldFormat}'), ['${dateFieldDescriptor:dateFieldFormat}']);
      assert.deepEqual(problemsOf('a>${date:10 digit integer Unix time}'), ['i'], 'i is no pattern letter');
      assert.deepEqual(problemsOf('a>${dateTimeZone:{TimeZone}:yyyy-MM-dd HH:mm:ss}'), ['{TimeZone}']);
      assert.deepEqual(problemsOf('a>${epoch:yyyy}'), ['${epoch:yyyy}']);
      assert.deepEqual(problemsOf('a>${gmtDate}'), ['${gmtDate}']);
      assert.deepEqual(problemsOf("a>${gmtDate:yyyy-MM-ddTHH:mm}"), ['T']);
      assert.deepEqual(problemsOf('a>${gmtDate:yyyy'), ['${']);
      assert.deepEqual(problemsOf('a>${keychain:token}'), ['${keychain:token}'], 'a keychain reference is the toolkit\'s, for a whole value');
    });

    it('offers the evident repair, and only that', () => {
      const [dateTimeZone] = scanPlaceholders('${DateTimeZone:PST:yyyy}').problems;
      assert.deepEqual(dateTimeZone!.fix, { title: 'Change to dateTimeZone', newText: 'dateTimeZone', offset: 2, length: 12 });
      assert.equal(scanPlaceholders('${milliseconds}').problems[0]!.fix!.newText, '${epoch}');
      assert.equal(scanPlaceholders('${gmtDate:yyyy-MM-ddTHH:mm}').problems[0]!.fix!.newText, "yyyy-MM-dd'T'HH:mm");
      assert.equal(scanPlaceholders('${518862600}').problems[0]!.fix, undefined);
    });

    it('never throws, and every problem lies inside the text', () => {
      const pieces = fc.constantFrom('${', '}', '{', ':', 'date', 'gmtDate', 'dateTimeZone', 'epoch', 'ms', "'", 'T', 'yyyy', '-8:00', 'GMT', 'x', '/');
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join(''))), (url) => {
          for (const problem of scanPlaceholders(url).problems) {
            assert.ok(problem.offset >= 0 && problem.length >= 0 && problem.offset + problem.length <= url.length);
            if (problem.fix) assert.ok(problem.fix.offset >= 0 && problem.fix.offset + problem.fix.length <= url.length);
          }
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('date formats', () => {
    it('takes the docs\' formats (docs/guides/elements/events.md L183-194) and milliseconds in the date fields', () => {
      for (const format of ["yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ssZ", "yyyy-MM-dd'T'HH:mm:ss'Z'", 'yyyy-MM-dd', 'yyyy/MM/dd HH:mm:ss', "MM/dd/yyyy'T'HH:mm:ssXXX", 'dd/MM/yyyy', 'EEE, dd MMM yyyy HH:mm:ss Z', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "h 'o''clock' a"]) {
        assert.equal(datePatternProblem(format), undefined, format);
        assert.equal(dateFieldFormatProblem(format), undefined, format);
      }
      assert.equal(dateFieldFormatProblem('milliseconds'), undefined);
      assert.ok(datePatternProblem('milliseconds'), 'not a pattern where a pattern is needed');
    });

    it('refuses what Java\'s SimpleDateFormat refuses, at the character, with the repair when it is evident', () => {
      const at = (format: string) => {
        const problem = dateFieldFormatProblem(format)!;
        return [format.slice(problem.offset, problem.offset + problem.length), problem.repaired];
      };
      assert.deepEqual(at("yyyy-MM-dd'T'HH:mm:ssXXX'"), ["'", "yyyy-MM-dd'T'HH:mm:ssXXX"]); // docs/guides/elements/events.md L117
      assert.deepEqual(at("milliseconds'"), ["'", 'milliseconds']); // docs/elements/linkedin/events.md L100
      assert.deepEqual(at("10 digit integer Unix time'"), ['i', undefined]); // docs/elements/eloqua/events.md L84
      assert.deepEqual(at("518862600'"), ["'", undefined]);
      assert.deepEqual(at('yyyy-MM-ddTHH:mm:ss'), ['T', "yyyy-MM-dd'T'HH:mm:ss"]);
      assert.deepEqual(at('yyyy-MM-dd HH:mm:ssXXXX'), ['XXXX', undefined]);
      assert.deepEqual(at('2017-01-01'), ['2017-01-01', undefined]);
      assert.deepEqual(at(''), ['', undefined]);
    });

    it('tells a date pattern from a field name', () => {
      for (const pattern of ["yyyy-MM-dd'T'HH:mm:ssXXX", 'yyyy-MM-dd', 'HH:mm:ss']) assert.ok(looksLikeDatePattern(pattern), pattern);
      for (const field of ['updated_at', 'properties.lastmodifieddate', '_info.lastUpdated', 'mdate', 'milliseconds']) assert.ok(!looksLikeDatePattern(field), field);
    });
  });

  describe('time zones', () => {
    it('knows the docs\' zones and Java\'s ids, and says why it would read another as GMT', () => {
      for (const zone of ['GMT', 'UTC', 'EST', 'MST', 'PST', 'America/Denver', 'Etc/GMT+6', '-6:00', '+6:00', 'GMT+06:00', 'America/Argentina/Buenos_Aires']) assert.ok(isKnownTimeZone(zone), zone);
      assert.match(timeZoneProblem('EDT')!, /would read it as GMT/);
      assert.match(timeZoneProblem('{TimeZone}')!, /template placeholder/);
      assert.match(timeZoneProblem('')!, /empty/);
    });
  });

  describe('JSON fields', () => {
    it('reads the archived page\'s example, and flags only its stray resource-level updatedDateTimezone', () => {
      assert.deepEqual(findings(ARCHIVED), ['field: "updatedDateTimezone"', 'field: "updatedDateTimezone"']);
      const read = readPollerConfiguration(ARCHIVED);
      assert.ok(read.ok);
      assert.deepEqual(read.resources[0], {
        name: 'contacts',
        url: ARCHIVED.contacts.url,
        idField: 'user.id',
        createdCheckTolerance: 2,
        pageSize: 10000,
        filterByUpdatedDate: false,
        filterByCurrentDate: true,
        pollDelay: 30,
        dates: ARCHIVED.contacts.datesConfiguration,
      });
    });

    it('flags the docs\' other mistakes: the prose\'s filterByUpdateDate, HubSpot\'s createdCheckTolerance, a stray quote, a fixed date', () => {
      // _includes/Elements/Hubspot/events.md L91-104, verbatim
      const hubspot = { accounts: { url: "/hubs/crm/contacts?where=lastmodifieddate='${date}'", idField: 'vid', filterByUpdatedDate: true, datesConfiguration: { updatedDateField: 'properties.lastmodifieddate', updatedDateFormat: 'milliseconds', createdDateField: 'properties.createdate', createdDateFormat: 'milliseconds', createdCheckTolerance: 10 } } };
      assert.deepEqual(findings(hubspot), ['field: "createdCheckTolerance"']);
      // docs/guides/elements/events.md L106-125, verbatim
      const builder = { deals: { url: '/hubs/marketing/deals?where=mdate>=2017-02-28T16:11:29-06:00', idField: 'id', filterByUpdatedDate: true, datesConfiguration: { updatedDateField: 'mdate', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ssXXX", updatedDateTimezone: 'GMT', createdDateField: 'cdate', createdDateFormat: "yyyy-MM-dd'T'HH:mm:ssXXX'", createdDateTimezone: 'GMT' }, createdCheckTolerance: 60, pageSize: 20, pollDelay: 60 } };
      assert.deepEqual(findings(builder), ['field: 2017-02-28T16:11:29-06:00', "dates: '"]);
      // docs/elements/sageone/events.md L93-106, verbatim: the unclosed quote of attributes=
      const sageOne = { customers: { url: "/hubs/finance/customers?where=lastModifiedDate>='${date:yyyy-MM-dd'T'HH:mm:ss'Z'}' and attributes='created_at,updated_at", idField: 'id', datesConfiguration: { updatedDateField: 'updated_at', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'", updatedDateTimezone: 'GMT', createdDateField: 'created_at', createdDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'", createdDateTimezone: 'GMT' } } };
      assert.deepEqual(findings(sageOne), ["field: '"]);
      const misspelt = { contacts: { url: '/hubs/crm/contacts', idField: 'id', filterByUpdateDate: false } };
      const read = readPollerConfiguration(misspelt);
      assert.ok(read.ok);
      assert.equal(read.resources[0]!.filterByUpdatedDate, true, 'the misspelt field is not the documented one: the default stays');
      assert.deepEqual(read.problems.map((problem) => problem.message), [
        'Unknown field "filterByUpdateDate" in resource "contacts": did you mean "filterByUpdatedDate"? (The archived polling page\'s prose spells it filterByUpdateDate once; its example, the element-builder guide and the platform\'s own configurations write filterByUpdatedDate.) The docs define no filterByUpdateDate: ignored, it would leave filterByUpdatedDate at its default, true.',
      ]);
      assert.deepEqual(read.problems[0]!.fixes[0]!.edits.map((edit) => edit.newText), ['"filterByUpdatedDate"']);
    });

    it('accepts the docs\' clean examples: the provisioning guide\'s, Sage One US\'s, the platform\'s own netsuiteerpv2 string', () => {
      // docs/guides/event-management/provisioning-apis.md L41-74
      const guide = { contacts: { url: "/hubs/crm/contacts?where=lastUpdated>'${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'", idField: 'id', datesConfiguration: { updatedDateField: '_info.lastUpdated', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'", updatedDateTimezone: 'GMT', createdDateField: '_info.lastUpdated', createdDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'", createdDateTimezone: 'GMT' } } };
      assert.deepEqual(findings(guide), []);
      // docs/elements/sageoneus/events.md @ f62e3f1: a query format and a field format that differ, for different fields
      const sageOneUs = { expenses: { url: "/hubs/sageaccounting/expenses?where=updated_or_created_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ssXXX}'", idField: 'id', datesConfiguration: { updatedDateField: 'updated_at', updatedDateFormat: 'yyyy-MM-dd HH:mm:ss', updatedDateTimezone: 'UTC', createdDateField: 'created_at', createdDateFormat: 'yyyy-MM-dd HH:mm:ss', createdDateTimezone: 'UTC' } } };
      assert.deepEqual(findings(sageOneUs), []);
      // the 2019 netsuiteerpv2 instance's stored string, with > written as \u003e
      const stored = '{"customers": {"url": "/hubs/erp/customers?where=lastModifiedDate\\u003e\'${date:yyyy-MM-dd\'T\'HH:mm:ssXXX}\'", "idField": "internalId", "filterByUpdatedDate": true, "datesConfiguration": {"updatedDateField": "lastModifiedDate", "updatedDateFormat": "yyyy-MM-dd\'T\'HH:mm:ssXXX", "createdDateField": "dateCreated", "createdDateFormat": "yyyy-MM-dd\'T\'HH:mm:ssXXX"}}}';
      assert.deepEqual(findings(stored), []);
      assert.deepEqual(findings('{}'), [], 'an element\'s default, "{}"');
    });

    it('places a problem inside an escaped url on the characters it names', () => {
      const stored = '{"c": {"url": "/hubs/erp/c?where=d\\u003e\'${Date:yyyy}\'", "idField": "id"}}';
      assert.deepEqual(findings(stored), ['dates: ${Date:yyyy}']);
    });

    it('compares the where clause\'s format with the format of the same field', () => {
      const mismatch = { c: { url: "/hubs/crm/contacts?where=lastUpdated>'${gmtDate:yyyy-MM-dd}'", idField: 'id', datesConfiguration: { updatedDateField: '_info.lastUpdated', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss'Z'", createdDateField: 'c', createdDateFormat: 'milliseconds' } } };
      assert.deepEqual(findings(mismatch), ['dates: yyyy-MM-dd']);
    });

    it('flags swapped fields and formats, and a format without its field', () => {
      const swapped = { c: { url: '/hubs/a', idField: 'id', datesConfiguration: { updatedDateField: 'yyyy-MM-dd', updatedDateFormat: 'updated_at', createdDateFormat: 'yyyy' } } };
      assert.deepEqual(findings(swapped), ['dates: "yyyy-MM-dd"', 'dates: "createdDateFormat"']);
    });

    it('says what the configuration must be when it cannot be used', () => {
      assert.deepEqual(readPollerConfiguration('{"a": '), { ok: false, message: 'event.poller.configuration is not valid JSON (first error at character 7)' });
      assert.deepEqual(readPollerConfiguration(12), { ok: false, message: 'event.poller.configuration is a JSON object, or a string holding one' });
      assert.deepEqual(readPollerConfiguration('[]'), { ok: false, message: 'event.poller.configuration is an object of polled resources' });
      assert.deepEqual(findings({ a: 1, b: { idField: 'id' }, c: { url: 5, idField: 'id' } }), ['configuration: 1', 'configuration: "b"', 'configuration: 5']);
      const twice = readPollerConfiguration(JSON.stringify(JSON.stringify({ c: { url: '/hubs/a', idField: 'id' } })));
      assert.deepEqual(twice, { ok: false, message: 'event.poller.configuration is JSON encoded twice: a string of JSON whose value is itself a string of JSON' });
    });

    it('never throws, on any value', () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), fc.jsonValue().map((value) => JSON.stringify(value))), (value) => {
          readPollerConfiguration(value);
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('generated configurations', () => {
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text.trim() !== '');
    const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
    const field = fc.stringMatching(/^[A-Za-z_][\w.]{0,15}$/);
    const choice: fc.Arbitrary<ResourceChoice> = fc.record(
      {
        name,
        path: fc.tuple(segment, segment).map(([hub, resource]) => `/hubs/${hub}/${resource}`),
        idField: field,
        dates: fc.record({ updatedField: field, createdField: field, format: fc.constantFrom(DEFAULT_DATE_FORMAT, 'yyyy-MM-dd HH:mm:ss', 'milliseconds'), whereField: field }, { requiredKeys: ['updatedField'] }),
      },
      { requiredKeys: ['name', 'path'] },
    );

    it('reads back as chosen, with no problem, for any choice of resources', () => {
      fc.assert(
        fc.property(fc.uniqueArray(choice, { selector: (c) => c.name, maxLength: 5 }), (choices) => {
          const text = generatePollerConfiguration(choices);
          const read = readPollerConfiguration(text);
          assert.ok(read.ok);
          assert.deepEqual(read.problems, []);
          assert.deepEqual(read.resources.map((resource) => resource.name), choices.map((c) => c.name));
          read.resources.forEach((resource, i) => {
            assert.ok(resource.url.startsWith(choices[i]!.path));
            assert.equal(resource.idField, choices[i]!.idField ?? 'id');
          });
        }),
        { numRuns: 300 },
      );
    });

    it('writes what the docs recommend: ${gmtDate:…} in a where clause, or no where clause', () => {
      assert.equal(
        generatePollerConfiguration([{ name: 'contacts', path: '/hubs/crm/contacts', dates: { updatedField: 'updated_at', createdField: 'created_at', whereField: 'lastModifiedDate' } }]),
        '{"contacts":{"url":"/hubs/crm/contacts?where=lastModifiedDate>=\'${gmtDate:yyyy-MM-dd\'T\'HH:mm:ssXXX}\'","idField":"id","datesConfiguration":{"updatedDateField":"updated_at","updatedDateFormat":"yyyy-MM-dd\'T\'HH:mm:ssXXX","createdDateField":"created_at","createdDateFormat":"yyyy-MM-dd\'T\'HH:mm:ssXXX"}}}',
      );
      assert.equal(generatePollerConfiguration([{ name: 'customers', path: '/hubs/finance/customers' }]), '{"customers":{"url":"/hubs/finance/customers","idField":"id"}}');
      assert.equal(generatePollerConfiguration([]), '{}');
    });

    it('names the choice it cannot write', () => {
      assert.throws(() => generatePollerConfiguration([{ name: 'a', path: "/hubs/crm/a?where=x='1'" }]), /The path of "a" must be a hub path/);
      assert.throws(() => generatePollerConfiguration([{ name: 'a', path: '/hubs/a' }, { name: 'a', path: '/hubs/b' }]), /chosen twice/);
      assert.throws(() => generatePollerConfiguration([{ name: 'a', path: '/hubs/a', dates: { updatedField: 'u', format: 'nope' } }]), /not a Java date pattern/);
      assert.throws(() => generatePollerConfiguration([{ name: ' ', path: '/hubs/a' }]), /needs a name/);
    });
  });

  describe('legacy event.poller.urls', () => {
    it('reads the three documented shapes and leaves the name lists alone', () => {
      // _archive/events/polling.md L36-37: 8 fields, the last timezone left out
      const lines = "accounts|/hubs/crm/accounts?where=LastModifiedDate>=${date}||LastModifiedDate|yyyy-MM-dd'T'HH:mm:ssZ||CreatedDate|yyyy-MM-dd'T'HH:mm:ssZ\ncontacts|/hubs/crm/contacts?where=LastModifiedDate>=${date}||LastModifiedDate|yyyy-MM-dd'T'HH:mm:ssZ||CreatedDate|yyyy-MM-dd'T'HH:mm:ssZ";
      assert.deepEqual(checkLegacyPollerUrls(lines), []);
      assert.deepEqual(parseLegacyPollerUrls(lines).map((line) => [line.kind, line.fields.length]), [['line', 8], ['line', 8]]);
      // docs/elements/docusign/docusign-create-instance.md L106
      assert.deepEqual(checkLegacyPollerUrls("envelopes|/hubs/esignature/envelopes?where=from_date='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'"), []);
      // QuickBooks Online @ f676b4a L90, Pardot, a single name, HubSpot's newline list, and the current QBO page's run-together names
      for (const names of ['bill-payments|bills|classes|credit-memos|credit-terms|currencies|customers', 'contacts|leads', 'leads', 'contacts\ncompanies\ndeals', 'bill-paymentsbillsclassescredit-memos', 'a||b|']) {
        assert.deepEqual(checkLegacyPollerUrls(names), [], names);
      }
    });

    it('flags a line with a URL and the wrong number of fields, on that line', () => {
      const value = 'contacts|/hubs/crm/contacts\r\naccounts|/hubs/crm/accounts|x|LastModifiedDate\nleads';
      const problems = checkLegacyPollerUrls(value);
      assert.deepEqual(problems.map((problem) => [problem.rule, value.slice(problem.offset, problem.offset + problem.length)]), [['urls', 'accounts|/hubs/crm/accounts|x|LastModifiedDate']]);
      assert.match(problems[0]!.message, /has 4 "\|"-separated fields: a line with a URL is resource\|url \(2 fields\) or resource\|pollerUrl\|/);
      for (const count of [3, 4, 5, 6, 7, 10, 11]) {
        const line = ['r', '/hubs/a', ...Array.from({ length: count - 2 }, () => '')].join('|');
        assert.equal(checkLegacyPollerUrls(line).length, 1, line);
      }
    });

    it('checks the formats, zones and placeholders of a line', () => {
      const value = "a|/hubs/a?where=x>=${milliseconds}||u|yyyy-MM-ddTHH|EDT|c|milliseconds'";
      assert.deepEqual(checkLegacyPollerUrls(value).map((problem) => `${problem.rule}: ${value.slice(problem.offset, problem.offset + problem.length)}`), [
        'dates: ${milliseconds}',
        'dates: T',
        "dates: '",
        'dates: EDT',
      ]);
    });

    it('says where JSON belongs', () => {
      assert.match(checkLegacyPollerUrls(' {"contacts": {"url": "/hubs/crm/contacts"}}')[0]!.message, /goes in "event.poller.configuration"/);
    });
  });
});
