import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseManifest } from '../../src/config/parse.js';
import { ConfigError, ExitCode, UserError } from '../../src/core/errors.js';

const options = { knownVendors: new Set(['slack', 'teams', 'stripe', 'sendgrid']) };

/** The error parseManifest throws, checked to be one the CLI maps to exit 2 (a UserError). */
function errorOf(text: string): string {
  try {
    parseManifest(text, 'faultline.yaml', options);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.ok(error instanceof UserError);
    assert.equal(ExitCode.error, 2);
    return error.format();
  }
  assert.fail('the manifest was accepted');
}

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/manifests/${name}.yaml`, import.meta.url), 'utf8');

/** A manifest from lines, so that line numbers in expectations are easy to count. */
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

test('invalid YAML is reported at the position yaml gives, with its message', () => {
  assert.equal(
    errorOf(yaml('version: 1', 'services:', '  a:', '  b')),
    'faultline.yaml:4:3: invalid YAML: Implicit map keys need to be followed by map values\n' +
      '  hint: fix the YAML syntax: check the indentation, quotes, and that each ":" is followed by a space',
  );
});

test('tabs used for indentation are a YAML error at the tab', () => {
  assert.match(errorOf(yaml('version: 1', 'services:', '\ta: {}')), /^faultline\.yaml:3:1: invalid YAML: Tabs are not allowed as indentation/);
});

test('a second YAML document is refused with its own message', () => {
  assert.equal(
    errorOf(yaml('version: 1', '---', 'version: 1')),
    "faultline.yaml:2:1: the manifest holds more than one YAML document ('---')\n" +
      "  hint: keep a single document: remove the '---' separator and what follows, or merge it into the first",
  );
});

test('an empty file, or one with only comments, is refused', () => {
  const expected =
    'faultline.yaml:1:1: the manifest is empty\n' +
    "  hint: start it with 'version: 1' and a 'services:' section (see README: faultline.yaml reference)";
  assert.equal(errorOf(''), expected);
  assert.equal(errorOf('# nothing yet\n\n'), expected);
});

test('a top level that is not a mapping is refused', () => {
  assert.equal(errorOf('- version: 1\n'), 'faultline.yaml:1:1: the top level must be a mapping (key: value), not a list\n  hint: indent its keys under it, one `key: value` per line (see README: faultline.yaml reference)');
});

test('a missing version is refused at the start of the file', () => {
  assert.equal(errorOf('services: {}\n'), "faultline.yaml:1:1: 'version' is missing\n  hint: add 'version: 1' as the first line");
});

test('a version other than 1 is refused at its value', () => {
  assert.equal(
    errorOf(fixture('version-2')),
    "faultline.yaml:1:10: unsupported version: the number 2; this faultline reads version 1\n  hint: write 'version: 1'",
  );
  assert.match(errorOf('version: "1"\n'), /^faultline\.yaml:1:10: unsupported version: the string '1'/);
});

test('an unknown key in a service suggests the nearest allowed key', () => {
  assert.equal(
    errorOf(fixture('unknown-key-depend-on')),
    "faultline.yaml:4:5: unknown key 'dependOn' in service 'checkout'; did you mean 'dependsOn'?\n" +
      '  hint: allowed keys: critical, resources, dependsOn, runsOn',
  );
});

test('unknown keys are refused at every level', () => {
  assert.match(errorOf(yaml('version: 1', 'service: {}')), /^faultline\.yaml:2:1: unknown key 'service' in the top level; did you mean 'services'\?/);
  assert.match(errorOf(yaml('version: 1', 'vendors:', '  acme:', '    hostOn: []')), /^faultline\.yaml:4:5: unknown key 'hostOn' in vendor 'acme'; did you mean 'hostedOn'\?/);
  assert.match(
    errorOf(yaml('version: 1', 'fallbacks:', '  - { primary: vendor:slack, fallbak: vendor:teams }')),
    /^faultline\.yaml:3:30: unknown key 'fallbak' in fallbacks\[0\]; did you mean 'fallback'\?/,
  );
  assert.match(errorOf(yaml('version: 1', 'policy:', '  maxRegionSahre: 0.4')), /^faultline\.yaml:3:3: unknown key 'maxRegionSahre' in policy; did you mean 'maxRegionShare'\?/);
  assert.match(errorOf(fixture('unknown-severity-rule')), /^faultline\.yaml:4:5: unknown key 'single-regoin' in policy\.severity; did you mean 'single-region'\?/);
  assert.match(
    errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{ anyof: [vendor:slack] }]')),
    /^faultline\.yaml:4:19: unknown key 'anyof' in a group in dependsOn of service 'a'; did you mean 'anyOf'\?/,
  );
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    resources: { tag: { app: a } }')), /unknown key 'tag' in resources of service 'a'; did you mean 'tags'\?/);
});

test('a non-boolean critical is refused at its value', () => {
  assert.equal(errorOf(fixture('critical-not-a-boolean')), "faultline.yaml:4:15: critical in service 'checkout' must be true or false, not the string 'yes'\n  hint: write true or false without quotes");
});

test('dependsOn given as a single name instead of a list is refused', () => {
  assert.equal(
    errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: b', '  b:')),
    "faultline.yaml:4:16: dependsOn of service 'a' must be a list, not the string 'b'\n" +
      '  hint: write it as a YAML list: [a, b] or one "- item" per line',
  );
});

test('a tag value that is not a string is refused with a hint to quote it', () => {
  assert.equal(
    errorOf(fixture('tag-value-not-a-string')),
    "faultline.yaml:4:32: the value of tag 'tier' in resources.tags of service 'checkout' must be a string, not the number 1\n" +
      '  hint: tag values are strings; quote it: tier: "value"',
  );
});

test('an empty tag selector is refused because it would select everything', () => {
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    resources: { tags: {} }')), /^faultline\.yaml:4:24: resources\.tags of service 'a' is empty, which would select every resource/);
});

test('a service or vendor that is a list instead of a mapping is refused', () => {
  assert.equal(errorOf(yaml('version: 1', 'services:', '  a: [b]')), "faultline.yaml:3:6: service 'a' must be a mapping (key: value), not a list\n  hint: indent its keys under it, one `key: value` per line (see README: faultline.yaml reference)");
  assert.equal(errorOf(yaml('version: 1', 'services: [a, b]')), 'faultline.yaml:2:11: services must be a mapping (key: value), not a list\n  hint: indent its keys under it, one `key: value` per line (see README: faultline.yaml reference)');
});

test('malformed ids are refused with the id parser message', () => {
  assert.equal(
    errorOf(fixture('region-id-without-region')),
    "faultline.yaml:4:17: invalid id 'aws:' in dependsOn of service 'checkout': the region is missing after 'aws:', e.g. aws:us-east-1\n" +
      '  hint: see the id syntax in README: faultline.yaml reference',
  );
  assert.match(
    errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: ["vendor:"]')),
    /^faultline\.yaml:4:17: invalid id 'vendor:' in dependsOn of service 'a': the vendor name is missing after 'vendor:'/,
  );
  assert.match(
    errorOf(yaml('version: 1', 'services:', '  a:', '    runsOn: [account:aws]')),
    /^faultline\.yaml:4:14: invalid id 'account:aws' in runsOn of service 'a': an account id has the form account:<provider>:<id>/,
  );
});

test('an invalid service or vendor name is refused at its key', () => {
  assert.match(errorOf(yaml('version: 1', 'services:', '  aws:eu-west-1:')), /^faultline\.yaml:3:3: invalid service name 'aws:eu-west-1': it would read as a region id/);
  assert.match(errorOf(yaml('version: 1', 'services:', '  "my app":')), /^faultline\.yaml:3:3: invalid service name 'my app': ids cannot contain spaces/);
  assert.equal(
    errorOf(yaml('version: 1', 'vendors:', '  vendor:acme:')),
    "faultline.yaml:3:3: invalid vendor name 'vendor:acme'\n  hint: declare it by its bare name under vendors: acme",
  );
});

test('a reference to an undeclared service suggests a declared one', () => {
  assert.equal(
    errorOf(fixture('undeclared-service')),
    "faultline.yaml:5:17: unknown service 'payment' in dependsOn of service 'checkout'; did you mean 'payments'?\n" +
      '  hint: declare it under services:, or fix the name',
  );
});

test('a bare name that is a vendor is pointed at the vendor: form', () => {
  assert.equal(
    errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [slack]')),
    "faultline.yaml:4:17: unknown service 'slack' in dependsOn of service 'a'\n  hint: 'slack' is a vendor: write vendor:slack",
  );
});

test('a vendor neither declared nor in the catalogue is refused with a suggestion', () => {
  assert.equal(
    errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [vendor:slak]')),
    "faultline.yaml:4:17: unknown vendor 'slak' in dependsOn of service 'a'; did you mean 'vendor:slack'?\n" +
      "  hint: the built-in catalogue does not know 'slak': declare it under vendors: (with hostedOn if you know where it runs)",
  );
});

test('a vendor: reference to a declared service points at the bare name', () => {
  assert.equal(
    errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [vendor:b]', '  b:')),
    "faultline.yaml:4:17: unknown vendor 'b' in dependsOn of service 'a'\n  hint: 'b' is a service: write b",
  );
});

test('an empty anyOf or of is refused', () => {
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{ anyOf: [] }]')), /^faultline\.yaml:4:26: anyOf in dependsOn of service 'a' is empty/);
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{ atLeast: 1, of: [] }]')), /^faultline\.yaml:4:35: of in dependsOn of service 'a' is empty/);
});

test('atLeast must be a whole number of at least 1', () => {
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{ atLeast: 0, of: [vendor:slack] }]')), /^faultline\.yaml:4:28: atLeast in dependsOn of service 'a' must be a whole number of at least 1, not 0/);
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{ atLeast: 1.5, of: [vendor:slack] }]')), /must be a whole number of at least 1, not 1\.5/);
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{ atLeast: two, of: [vendor:slack] }]')), /atLeast in dependsOn of service 'a' must be a number, not the string 'two'/);
});

test('atLeast larger than its group is refused', () => {
  assert.equal(
    errorOf(fixture('at-least-larger-than-group')),
    "faultline.yaml:5:18: atLeast 3 in dependsOn of service 'alerts' is larger than its group of 2\n" +
      "  hint: atLeast counts members of 'of' that must stay up; it can be at most 2",
  );
});

test('a group with both anyOf and atLeast, or with neither, is refused', () => {
  assert.match(errorOf(fixture('group-with-any-of-and-at-least')), /^faultline\.yaml:6:9: a group in dependsOn of service 'alerts' has both anyOf and atLeast/);
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{}]')), /^faultline\.yaml:4:17: a group in dependsOn of service 'a' is empty: it needs anyOf, or atLeast and of/);
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{ of: [vendor:slack] }]')), /^faultline\.yaml:4:19: a group in dependsOn of service 'a' has 'of' without 'atLeast'/);
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [{ atLeast: 1 }]')), /^faultline\.yaml:4:19: a group in dependsOn of service 'a' has 'atLeast' without 'of'/);
});

test('a requirement item that is neither an id nor a group is refused', () => {
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [42]')), /^faultline\.yaml:4:17: an item of dependsOn of service 'a' must be an id or a group \(anyOf \/ atLeast \+ of\), not the number 42/);
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [[vendor:slack]]')), /must be an id or a group \(anyOf \/ atLeast \+ of\), not a list/);
});

test('a duplicate service points at the second one and names the line of the first', () => {
  assert.equal(
    errorOf(yaml('version: 1', 'services:', '  a:', '  b:', '  a:')),
    "faultline.yaml:5:3: duplicate service 'a' (first on line 3)\n  hint: remove or rename one of them",
  );
  assert.match(errorOf(yaml('version: 1', 'vendors:', '  acme:', '  acme: {}')), /^faultline\.yaml:4:3: duplicate vendor 'acme' \(first on line 3\)/);
  assert.match(
    errorOf(yaml('version: 1', 'services:', '  a:', '    critical: true', '    critical: false')),
    /^faultline\.yaml:5:5: duplicate key 'critical' in service 'a' \(first on line 4\)/,
  );
  assert.match(errorOf(yaml('version: 1', 'version: 1')), /^faultline\.yaml:2:1: duplicate key 'version' in the top level \(first on line 1\)/);
});

test('runsOn and hostedOn accept only places', () => {
  assert.equal(
    errorOf(fixture('runs-on-a-vendor')),
    "faultline.yaml:4:14: runsOn of service 'checkout' may only name places (regions, zones, providers, accounts), not the vendor 'vendor:stripe'\n" +
      '  hint: a dependency on a vendor belongs in dependsOn',
  );
  assert.match(
    errorOf(yaml('version: 1', 'vendors:', '  acme:', '    hostedOn: [{ anyOf: [aws:us-east-1, arn:aws:s3:::bucket] }]')),
    /^faultline\.yaml:4:41: hostedOn of vendor 'acme' may only name places \(regions, zones, providers, accounts\), not the resource 'arn:aws:s3:::bucket'/,
  );
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    runsOn: [b]', '  b:')), /not the service 'b'\n {2}hint: a dependency on a service belongs in dependsOn/);
});

test('a fallback needs a primary and a fallback that differ and are declared', () => {
  assert.equal(
    errorOf(yaml('version: 1', 'fallbacks:', '  - { primary: vendor:slack }')),
    "faultline.yaml:3:5: fallbacks[0] needs 'fallback'\n  hint: write { primary: vendor:slack, fallback: vendor:teams }",
  );
  assert.match(
    errorOf(yaml('version: 1', 'fallbacks:', '  - { primary: vendor:slack, fallback: vendor:slack }')),
    /^faultline\.yaml:3:40: fallbacks\[0\] names 'vendor:slack' as its own fallback/,
  );
  assert.match(
    errorOf(yaml('version: 1', 'fallbacks:', '  - { primary: vendor:slack, fallback: vendor:hangouts }')),
    /^faultline\.yaml:3:40: unknown vendor 'hangouts' in fallback of fallbacks\[0\]/,
  );
  assert.match(errorOf(yaml('version: 1', 'fallbacks:', '  primary: a')), /^faultline\.yaml:3:3: fallbacks must be a list, not a mapping/);
});

test('maxRegionShare must be a number in (0, 1]', () => {
  assert.equal(
    errorOf(fixture('max-region-share-above-one')),
    'faultline.yaml:3:19: policy.maxRegionShare must be more than 0 and at most 1, not 1.5\n' +
      '  hint: it is a fraction of the critical services: 0.5 means half',
  );
  assert.match(errorOf(yaml('version: 1', 'policy:', '  maxRegionShare: 0')), /must be more than 0 and at most 1, not 0$/m);
  assert.match(errorOf(yaml('version: 1', 'policy:', '  maxRegionShare: half')), /policy\.maxRegionShare must be a number, not the string 'half'/);
});

test('a severity level outside error|warning|info|off is refused with a suggestion', () => {
  assert.equal(
    errorOf(yaml('version: 1', 'policy:', '  severity:', '    spof: eror')),
    "faultline.yaml:4:11: unknown severity 'eror' for 'spof'; did you mean 'error'?\n  hint: use one of error, warning, info, off",
  );
});

test('structural errors are reported before reference errors, each in document order', () => {
  // The unknown service on line 4 is found only after the whole structure is valid.
  assert.match(
    errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [nope]', '    critical: maybe')),
    /^faultline\.yaml:5:15: critical in service 'a' must be true or false/,
  );
  assert.match(errorOf(yaml('version: 1', 'services:', '  a:', '    dependsOn: [nope, vendor:nope]')), /^faultline\.yaml:4:17: unknown service 'nope'/);
  assert.match(errorOf(yaml('version: 1', 'policy: { maxRegionShare: 2 }', 'services:', '  a:', '    critical: maybe')), /^faultline\.yaml:2:27: policy\.maxRegionShare must be/);
});

test('nested aliases that would expand without bound are refused', () => {
  const lines = ['version: 1', 'services:', '  a:', '    dependsOn:', '      - &l0 { anyOf: [vendor:slack, vendor:teams] }'];
  for (let i = 1; i <= 12; i++) lines.push(`      - &l${i} { anyOf: [*l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}] }`);
  assert.match(errorOf(yaml(...lines)), /too many alias expansions \(more than 1000000\)/);
});

test('a mapping key that is not a name (null, a list) is refused', () => {
  assert.equal(errorOf(yaml('version: 1', 'services:', '  ~: {}')), "faultline.yaml:3:3: a key in services must be a name, not nothing\n  hint: use a plain name (letters, digits, \".\", \"_\", \"-\") as the key");
  assert.equal(errorOf(yaml('version: 1', 'services:', '  ? [a, b]', '  : {}')), "faultline.yaml:3:5: a key in services must be a name, not a list\n  hint: use a plain name (letters, digits, \".\", \"_\", \"-\") as the key");
});
