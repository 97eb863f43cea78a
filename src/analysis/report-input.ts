/**
 * Reads a JSON report written by `faultline audit --format json` back in (for `diff`),
 * validating the contract so a wrong file fails with a message instead of a crash later.
 */
import { InputError } from '../core/errors.js';
import { parseJsonInput } from '../core/json-input.js';
import { sanitizeForTerminal } from '../core/text.js';
import type { Report } from './types.js';

const HINT = 'pass a report written by `faultline audit --format json`, or a snapshot written by `faultline collect`';

/** Whether parsed JSON has the shape of a report (as opposed to a snapshot). */
export function looksLikeReport(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'findings' in data && 'blastRadius' in data;
}

export function parseReport(text: string, path: string): Report {
  return validateReport(parseJsonInput(text, path, 'the report', HINT), path);
}

export function validateReport(data: unknown, path: string): Report {
  const fail = (message: string): never => {
    throw new InputError(`the report is invalid: ${message}`, { where: path, hint: HINT });
  };
  if (!isObject(data) || !looksLikeReport(data)) fail('it has no findings and blastRadius');
  const report = data as Record<string, unknown>;
  if (report.schemaVersion !== 1) {
    throw new InputError(`unsupported report schema version ${sanitizeForTerminal(JSON.stringify(report.schemaVersion) ?? 'undefined')} (this faultline reads version 1)`, {
      where: path,
      hint: 'write both reports with the same faultline version',
    });
  }
  const inventory = report.inventory;
  if (!isObject(inventory)) return fail('inventory must be an object');
  for (const key of ['resources', 'services', 'vendors'] as const) if (typeof inventory[key] !== 'number') fail(`inventory.${key} must be a number`);
  for (const key of ['regions', 'zones', 'diagnostics'] as const) if (inventory[key] !== undefined && !Array.isArray(inventory[key])) fail(`inventory.${key} must be an array`);
  arrayOf(report.findings, 'findings', fail, (f, at) => {
    for (const key of ['id', 'rule', 'severity', 'subject', 'service', 'message'] as const) if (typeof f[key] !== 'string') fail(`${at}.${key} must be a string`);
    if (!['error', 'warning', 'info'].includes(f.severity as string)) fail(`${at}.severity must be error, warning or info`);
    if (!isStrings(f.because)) fail(`${at}.because must be an array of strings`);
  });
  arrayOf(report.blastRadius, 'blastRadius', fail, (e, at) => {
    if (typeof e.failure !== 'string' || typeof e.kind !== 'string') fail(`${at}.failure and .kind must be strings`);
    if (!isStrings(e.services) || !isStrings(e.criticalServices)) fail(`${at}.services and .criticalServices must be arrays of strings`);
    if (typeof e.resources !== 'number') fail(`${at}.resources must be a number`);
  });
  arrayOf(report.concentration, 'concentration', fail, (c, at) => {
    if (typeof c.region !== 'string') fail(`${at}.region must be a string`);
    for (const key of ['services', 'criticalServices', 'share'] as const) if (typeof c[key] !== 'number') fail(`${at}.${key} must be a number`);
  });
  return {
    ...(report as unknown as Report),
    // Older reports may lack the newer inventory fields; default them rather than refuse.
    inventory: { criticalServices: 0, regions: [], zones: [], diagnostics: [], ...inventory } as unknown as Report['inventory'],
  };
}

function arrayOf(value: unknown, name: string, fail: (m: string) => never, check: (item: Record<string, unknown>, at: string) => void): void {
  if (!Array.isArray(value)) fail(`${name} must be an array`);
  (value as unknown[]).forEach((item, i) => {
    if (!isObject(item)) fail(`${name}[${i}] must be an object`);
    check(item as Record<string, unknown>, `${name}[${i}]`);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
