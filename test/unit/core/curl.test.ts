import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { buildCurl, createInstanceCurl, shellQuote } from '../../../src/core/curl';

const BASE = 'https://api.cloud-elements.com/elements/api-v2';

/** The arguments bash sees (printf ends each with a NUL), so quoting is checked by a real shell. */
function shellWords(command: string): string[] {
  const script = command.replace(/^curl /, "printf '%s\\0' ");
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

describe('cURL commands', () => {
  it('single-quotes shell words, writing a quote as \'\\\'\'', () => {
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote('$HOME `x` "y" \\'), `'$HOME \`x\` "y" \\'`);
  });

  it('posts an instance file by name on one line, with placeholders for the account secrets by default', () => {
    const command = createInstanceCurl({ baseUrl: `${BASE}/`, bodyFile: 'instance.json' });
    assert.equal(
      command,
      `curl -X POST ${BASE}/instances -H 'Authorization: User <INSERT_USER_SECRET>, Organization <INSERT_ORGANIZATION_SECRET>' -H 'Content-Type: application/json' -d @instance.json`,
    );
    assert.doesNotMatch(command, /[“”‘’]/, 'straight quotes only');
  });

  it('continues lines with " \\" and nothing after the backslash', () => {
    const command = createInstanceCurl({ baseUrl: BASE, bodyFile: 'instances/xero.json', multiline: true });
    const lines = command.split('\n');
    assert.equal(lines.length, 4);
    for (const line of lines.slice(0, -1)) assert.match(line, /[^ ] \\$/, JSON.stringify(line));
    assert.doesNotMatch(lines.at(-1)!, /\\$/);
    assert.ok(lines.every((line) => !/[ \t]$/.test(line)), 'no trailing whitespace anywhere');
    assert.equal(lines[3], '  -d @instances/xero.json');
  });

  it('includes the account secrets only when given', () => {
    const command = createInstanceCurl({ baseUrl: BASE, credentials: { userSecret: 'u-secret', orgSecret: 'o-secret' }, bodyFile: 'a.json' });
    assert.match(command, /-H 'Authorization: User u-secret, Organization o-secret'/);
    assert.doesNotMatch(createInstanceCurl({ baseUrl: BASE, bodyFile: 'a.json' }), /u-secret/);
  });

  it('sends an unsaved body inline: compact JSON on one line, the text as written when multi-line', () => {
    const body = '{\r\n  "name": "Bob\'s \\"books\\"",   \r\n  "configuration": {"a": "$x"}\r\n}\r\n';
    const oneLine = createInstanceCurl({ baseUrl: BASE, body });
    assert.equal(oneLine.split('\n').length, 1);
    assert.ok(oneLine.endsWith(`-d '{"name":"Bob'\\''s \\"books\\"","configuration":{"a":"$x"}}'`), oneLine);

    const multiline = createInstanceCurl({ baseUrl: BASE, body, multiline: true });
    assert.ok(multiline.split('\n').every((line) => !/[ \t\r]$/.test(line)), 'no trailing spaces or carriage returns');
    const words = shellWords(multiline);
    assert.equal(words.at(-2), '-d');
    assert.deepEqual(JSON.parse(words.at(-1)!), JSON.parse(body));
  });

  // bash is required, not optional: a skipped quoting check would prove nothing in CI.
  it('produces words a shell reads back exactly (quotes, dollars, backslashes, spaces in file names)', () => {
    const command = buildCurl({
      method: 'post',
      url: `${BASE}/instances?x=1&y=2`,
      headers: [['Authorization', "User it's, Organization $ORG"]],
      bodyFile: 'my files/instance.json',
      multiline: true,
    });
    assert.deepEqual(shellWords(command), [
      '-X',
      'POST',
      `${BASE}/instances?x=1&y=2`,
      '-H',
      "Authorization: User it's, Organization $ORG",
      '-d',
      '@my files/instance.json',
    ]);
  });

  it('keeps a body that is not JSON as written, on its lines', () => {
    const command = buildCurl({ method: 'POST', url: BASE, headers: [], body: '{"a": 1,}\n' });
    assert.equal(command, `curl -X POST ${BASE} -d '{"a": 1,}'`);
  });
});
