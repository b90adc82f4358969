import assert from 'node:assert/strict';
import { globToRegExp, InstanceFileMatcher, matchesGlob } from '../../../../src/extension/instanceFiles/matcher';
import { DEFAULT_LINT_PATTERNS } from '../../../../src/extension/settings';
import * as vscode from '../../vscode/fakeVscode';

const isInstancePath = (path: string) => DEFAULT_LINT_PATTERNS.some((glob) => matchesGlob(path, glob));

describe('instance file matcher', () => {
  it('matches the default patterns on absolute paths', () => {
    for (const path of ['/w/instance.json', '/w/a/b/instance.json', '/instance.json', '/w/xero.instance.json', '/w/instances/qb.json', '/w/a/instances/x.y.json']) {
      assert.ok(isInstancePath(path), path);
    }
    for (const path of ['/w/package.json', '/w/myinstance.json', '/w/instances/a/b.json', '/w/instance.json.bak', '/w/instances.json', '/w/x.instance.jsonc']) {
      assert.ok(!isInstancePath(path), path);
    }
  });

  it('supports *, ?, {a,b}, [set] and name-only patterns', () => {
    assert.ok(matchesGlob('/w/config/dev.json', 'config/{dev,prod}.json'));
    assert.ok(!matchesGlob('/w/config/test.json', 'config/{dev,prod}.json'));
    assert.ok(matchesGlob('/w/deep/x/qb1.json', '*/qb?.json'));
    assert.ok(matchesGlob('/w/a/qb1.json', 'qb[0-9].json'));
    assert.ok(!matchesGlob('/w/a/qbx.json', 'qb[!a-z].json'));
    assert.ok(matchesGlob('/w/a/ACME.Instance.json', '*.instance.json'), 'case-insensitive');
    assert.ok(matchesGlob('/w/a/b.json', '/w/**/*.json'));
    assert.ok(!matchesGlob('/x/a/b.json', '/w/**/*.json'));
    assert.ok(!matchesGlob('/w/a.json', ''));
    assert.equal(globToRegExp('a.b+(c)').test('a.b+(c)'), true);
  });

  it('takes JSON documents that match the patterns or that it was told to track', () => {
    let patterns = ['**/instance.json'];
    const matcher = new InstanceFileMatcher(() => patterns);
    const doc = (uri: string, languageId = 'json') => ({ uri: vscode.Uri.parse(uri), languageId }) as never;
    assert.ok(matcher.isInstanceFile(doc('file:///w/instance.json')));
    assert.ok(matcher.isInstanceFile(doc('file:///w/instance.json', 'jsonc')));
    assert.ok(!matcher.isInstanceFile(doc('file:///w/instance.json', 'plaintext')));
    assert.ok(!matcher.isInstanceFile(doc('untitled:Untitled-1')));
    matcher.track(vscode.Uri.parse('untitled:Untitled-1') as never);
    assert.ok(matcher.isInstanceFile(doc('untitled:Untitled-1')));
    matcher.forget(vscode.Uri.parse('untitled:Untitled-1') as never);
    assert.ok(!matcher.isInstanceFile(doc('untitled:Untitled-1')));
    patterns = ['**/other.json'];
    assert.ok(!matcher.isInstanceFile(doc('file:///w/instance.json')), 'patterns are read each time');
    assert.ok(!matcher.isInstanceFile(undefined));
  });
});
