/** The poll time written into a poller url, as the platform writes its placeholders. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expandPollerUrl, formatDate } from '../../../src/core/events/expand';

const AT = new Date('2017-08-30T19:19:29.123Z');

describe('poller url expansion', () => {
  it('writes each documented placeholder (docs/guides/elements/events.md L159-177) at the last poll time', () => {
    const url = "/hubs/crm/contacts?where=lastUpdated>'${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}' and a>${epoch} and b>${epoch:s} and c>${epoch:us} and d>${epoch:ms}"
      + " and e='${dateTimeZone:America/Denver:yyyy-MM-dd'T'HH:mm:ss.SSSXXX}' and f='${dateTimeZone:-6:00:EEE, dd MMM yyyy HH:mm:ss Z}' and g='${date:yyyy/MM/dd h:mm a}'";
    assert.deepEqual(expandPollerUrl(url, AT), {
      url: "/hubs/crm/contacts?where=lastUpdated>'2017-08-30T19:19:29Z' and a>1504120769123 and b>1504120769 and c>1504120769123000 and d>1504120769123"
        + " and e='2017-08-30T13:19:29.123-06:00' and f='Wed, 30 Aug 2017 13:19:29 -0600' and g='2017/08/30 7:19 PM'",
      problems: [],
    });
    assert.equal(expandPollerUrl("a='${date:HH:mm}'", AT, { serverZone: 'Asia/Kolkata' }).url, "a='00:49'", 'the server\'s zone for ${date}');
  });

  it('leaves what it cannot write as it is, and says why', () => {
    assert.deepEqual(expandPollerUrl('a=${date} b=${DateTimeZone:PST:yyyy} c=${gmtDate:YYYY} d=${dateTimeZone:EDT:yyyy}', AT), {
      url: 'a=${date} b=${DateTimeZone:PST:yyyy} c=${gmtDate:YYYY} d=${dateTimeZone:EDT:yyyy}',
      problems: [
        '${date} has no format: what the platform writes for it is not documented',
        '${DateTimeZone:PST:yyyy} is not a placeholder the docs define',
        "${gmtDate:YYYY}: The format's Y depends on a locale's week rules, which this does not know",
        '${dateTimeZone:EDT:yyyy}: "EDT" is not a time zone this can write',
      ],
    });
  });

  it('writes Java\'s three-letter zones as Java reads them: EST a fixed -05:00, PST Los Angeles\'s rules', () => {
    assert.deepEqual(formatDate('HH:mm XXX', new Date('2017-07-01T12:00:00Z'), 'EST'), { ok: true, text: '07:00 -05:00' });
    assert.deepEqual(formatDate('HH:mm XXX', new Date('2017-07-01T12:00:00Z'), 'PST'), { ok: true, text: '05:00 -07:00' });
    assert.deepEqual(formatDate('HH:mm XXX', new Date('2017-01-01T12:00:00Z'), 'PST'), { ok: true, text: '04:00 -08:00' });
    assert.deepEqual(formatDate("yyyy-MM-dd'T'HH:mm:ssX", AT, 'GMT'), { ok: true, text: '2017-08-30T19:19:29Z' });
    assert.deepEqual(formatDate("h 'o''clock' a, D", AT, 'UTC'), { ok: true, text: "7 o'clock PM, 242" });
  });

  it('writes any instant in any zone so that it reads back as the same instant', () => {
    const zones = ['UTC', 'GMT', 'EST', 'MST', 'HST', 'PST', 'CST', 'IST', 'JST', '-6:00', '+05:30', 'GMT+6', 'America/Denver', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/London', 'America/St_Johns'];
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), fc.constantFrom(...zones), (at, zone) => {
        const written = formatDate("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", at, zone);
        assert.ok(written.ok, written.ok ? '' : written.message);
        assert.equal(Date.parse(written.text), at.getTime(), `${written.text} in ${zone}`);
        const gmt = formatDate("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", at, 'GMT');
        assert.deepEqual(gmt, { ok: true, text: at.toISOString() });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the url or the time', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '{', '}', ':', 'date', 'gmtDate', 'dateTimeZone', 'epoch', 'y', 'M', "'", 'X', 'z', 'w', 'Q', '-8:00', 'PST', 'Mars/Base') }), fc.date(), (url, at) => {
        const { url: expanded, problems } = expandPollerUrl(url, at);
        assert.equal(typeof expanded, 'string');
        assert.ok(problems.every((problem) => typeof problem === 'string' && problem.length > 0));
        if (Number.isNaN(at.getTime())) assert.deepEqual({ expanded, problems }, { expanded: url, problems: ['The last poll time is not a valid date'] });
      }),
      { numRuns: 500 },
    );
  });
});
