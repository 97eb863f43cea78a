import { test } from 'node:test';
import assert from 'node:assert/strict';
import { table } from '../../src/report/table.js';
import { plainStyle } from '../../src/report/style.js';
import type { Report } from '../../src/analysis/types.js';
import { hostileReport, realisticReport } from '../fixtures/audit-reports.js';
import { assertGolden } from './golden.js';
import { ansiStyle, stripAnsi } from './ansi-style.js';

const plain = { style: plainStyle, top: 10 };

test('the table report of a realistic estate matches its golden file', () => {
  assertGolden('audit.table.txt', table(realisticReport(), plain));
});

test('the coloured table report matches its golden file and lines up exactly like the plain one', () => {
  const coloured = table(realisticReport(), { style: ansiStyle, top: 10 });
  assertGolden('audit.table.ansi.txt', coloured);
  assert.ok(coloured.includes('\u001b['), 'the ANSI style adds colour');
  assert.equal(stripAnsi(coloured), table(realisticReport(), plain));
});

test('every line of the tables and findings fits in 100 columns', () => {
  const out = table(realisticReport(), plain);
  // Diagnostics are exempt: a collector's error message is shown whole, and the terminal wraps it.
  for (const line of out.slice(out.indexOf('Single failures')).split('\n')) {
    assert.ok([...line].length <= 100, `too wide (${[...line].length}): ${line}`);
  }
});

test('a narrower width cuts the service lists shorter with "+N more"', () => {
  const row = (width: number): string => table(realisticReport(), { ...plain, width }).split('\n').find((l) => l.startsWith('  provider:aws'))!;
  assert.ok([...row(92)].length <= 92, row(92));
  assert.match(row(92), /  checkout, payments, orders, \+6 more$/);
  assert.ok([...row(80)].length <= 80, row(80));
  assert.match(row(80), /  checkout, \+8 more$/);
});

test('critical services come first in what goes down, in bold red', () => {
  const coloured = table(realisticReport(), { style: ansiStyle, top: 10 });
  const row = coloured.split('\n').find((l) => stripAnsi(l).trimStart().startsWith('aws:us-east-1 '));
  assert.ok(row);
  assert.ok(row.includes(ansiStyle.red(ansiStyle.bold('incident-comms'))), row);
  assert.match(stripAnsi(row), /incident-comms, status-page$/);
});

test('--top N shows the first N single failures and says how many there are', () => {
  const out = table(realisticReport(), { ...plain, top: 3 });
  assert.match(out, /Single failures {2}top 3 of 12 · CRIT/);
  assert.match(out, /\n {2}aws:eu-west-1 +region/, 'the third entry is shown');
  assert.doesNotMatch(out, /\n {2}arn:aws:rds/, 'the fourth entry is not');
});

test('verbose shows full ARNs and every service a failure takes down', () => {
  const out = table(realisticReport(), { ...plain, top: Infinity, verbose: true });
  assert.ok(out.includes('arn:aws:ec2:eu-west-1:123456789012:natgateway/nat-0a1b2c3d4e5f67890  resource'));
  assert.ok(out.includes('checkout, payments, orders, incident-comms, search, notifications, admin, reporting, recommendations'));
  assert.ok(!out.includes('more'));
});

test('ARNs show as service:resource in the table, and whole with --verbose', () => {
  const out = table(realisticReport(), { ...plain, top: Infinity });
  assert.match(out, /\n {2}ec2:natgateway\/nat-0a1b2c3d4e5f67890 {2}resource/);
  assert.doesNotMatch(out, /\n {2}arn:aws:ec2/);
  const verbose = table(realisticReport(), { ...plain, top: Infinity, verbose: true });
  assert.match(verbose, /\n {2}arn:aws:ec2:eu-west-1:123456789012:natgateway\/nat-0a1b2c3d4e5f67890 {2}resource/);
});

test('findings are grouped by severity with rule, service, subject, message and causal chain', () => {
  const out = table(realisticReport(), plain);
  const errors = out.indexOf('  error (4)');
  const warnings = out.indexOf('  warning (4)');
  const info = out.indexOf('  info (2)');
  assert.ok(errors > 0 && warnings > errors && info > warnings, 'groups in severity order');
  assert.ok(
    out.includes(
      [
        '    single-region  checkout        aws:eu-west-1',
        '      checkout goes down when aws:eu-west-1 fails',
        '      checkout → orders → rds:db:orders-primary-2024 → aws:eu-west-1',
      ].join('\n'),
    ),
  );
});

test('severities are coloured: errors red, warnings yellow, info blue', () => {
  const out = table(realisticReport(), { style: ansiStyle, top: 10 });
  assert.ok(out.includes(ansiStyle.red(ansiStyle.bold('error'))));
  assert.ok(out.includes(ansiStyle.yellow('single-vendor')));
  assert.ok(out.includes(ansiStyle.blue('unknown-hosting')));
});

test('a region over policy is highlighted in the concentration table, others are not', () => {
  const out = table(realisticReport(), plain);
  assert.match(out, /aws:eu-west-1 +8 +3 +75% {2}over policy\n/);
  assert.match(out, /aws:us-east-1 +2 +1 +25%\n/);
});

test('the report ends with the finding counts', () => {
  assert.ok(table(realisticReport(), plain).endsWith('\n\n4 errors, 4 warnings, 2 info\n'));
});

test('an estate without findings or single failures says so', () => {
  const empty: Report = {
    schemaVersion: 1,
    inventory: { resources: 0, services: 1, criticalServices: 0, vendors: 0, regions: [], zones: [], diagnostics: [] },
    findings: [],
    blastRadius: [],
    concentration: [],
    vendors: [],
  };
  assert.equal(
    table(empty, plain),
    [
      '1 service (0 critical) · 0 vendors · 0 regions · 0 zones',
      '',
      'Single failures',
      '  No single failure takes a service down.',
      '',
      'Findings',
      '  No findings.',
      '',
      '0 errors, 0 warnings, 0 info',
      '',
    ].join('\n'),
  );
});

test('hostile names cannot inject escapes, control characters or extra lines into the terminal', () => {
  const out = table(hostileReport(), { ...plain, top: Infinity });
  assertGolden('hostile.table.txt', out);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  const coloured = table(hostileReport(), { style: ansiStyle, top: Infinity });
  assert.equal(stripAnsi(coloured), out, 'the only escapes in coloured output are our own');
  assert.ok(out.includes(`\n      o'brien "prod" → billing|ledger → s3:x --> <!-- y\n`), 'a chain stays on one line');
  assert.ok(out.includes('line1 line2 line3'), 'newlines in names become spaces, carriage returns go');
});

test('a causal chain too long for the line drops middle steps before it shortens any id', () => {
  const report = realisticReport();
  const because = ['storefront', 'checkout', 'anyOf(3 × ec2:instance)', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0', 'arn:aws:ec2:eu-west-1:123456789012:natgateway/nat-0a1b2c3d4e5f67890', 'aws:eu-west-1/euw1-az1'];
  report.findings = [{ ...report.findings[0]!, because }];
  const out = table(report, { ...plain, width: 100 });
  assert.ok(out.includes('      storefront → checkout → … → ec2:natgateway/nat-0a1b2c3d4e5f67890 → aws:eu-west-1/euw1-az1\n'), out);
});

test('--verbose adds where each vendor runs, from where, and the sources', () => {
  const out = table(realisticReport(), { ...plain, verbose: true });
  assert.match(out, /\n {2}vendor:slack +aws:us-east-1 +catalogue +high +2023\n/);
  assert.match(out, /\n {2}vendor:sendgrid +unknown +unknown\n/);
  assert.match(out, /\n {2}vendor:slack: https:\/\/slack\.engineering\/slacks-migration-to-a-cellular-architecture\/\n/);
  assert.doesNotMatch(table(realisticReport(), plain), /\nVendors /, 'not without --verbose');
});
