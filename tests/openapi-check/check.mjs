// Independent check of an OpenAPI document (not Microsoft.OpenApi, which wrote it), in two passes:
//  1. @apidevtools/swagger-parser validate(): the document against the OpenAPI 2.0/3.0/3.1 JSON
//     schema, and every $ref resolves;
//  2. @redocly/cli lint with redocly.yaml beside this file: the recommended ruleset where only
//     structural rules are errors; warnings are printed and never fail the check.
// Usage: node check.mjs FILE.json — prints a summary and "openapi-check: PASS" and exits 0,
// or prints the problems and "openapi-check: FAIL" and exits 1 (2 on bad usage).
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';

const here = path.dirname(fileURLToPath(import.meta.url));
const redoclyCli = path.join(here, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const redoclyConfig = path.join(here, 'redocly.yaml');
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const arg = process.argv[2];
if (!arg || process.argv.length > 3) {
  console.error('usage: node check.mjs FILE.json');
  process.exit(2);
}
const file = path.resolve(arg);
const failures = [];

function finish() {
  if (failures.length > 0) {
    console.log(`openapi-check: FAIL (${failures.join('; ')})`);
    process.exit(1);
  }
  console.log('openapi-check: PASS');
  process.exit(0);
}

// 0. It must be a JSON document with an "openapi" (or "swagger") version.
let doc;
try {
  doc = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`openapi-check: ${file}: cannot read it as JSON: ${error?.message ?? error}`);
  failures.push('not JSON');
  finish();
}
const version = doc?.openapi ?? (doc?.swagger ? `swagger ${doc.swagger}` : undefined);
const paths = doc?.paths && typeof doc.paths === 'object' ? Object.values(doc.paths) : [];
const operations = paths.reduce((n, item) => n + methods.filter((m) => item && typeof item === 'object' && m in item).length, 0);
const schemas = Object.keys(doc?.components?.schemas ?? {}).length;
console.log(`openapi-check: ${file}`);
console.log(`  document: OpenAPI ${version ?? '(no version field)'}, ${paths.length} paths, ${operations} operations, ${schemas} component schemas`);

// 1. swagger-parser: schema validation and $ref resolution (it parses its own copy from the file).
try {
  await SwaggerParser.validate(file);
  console.log('  swagger-parser validate: ok');
} catch (error) {
  console.log('  swagger-parser validate: FAILED');
  // The message already lists each schema error (error.details holds the same, structured).
  for (const line of String(error?.message ?? error).split('\n')) if (line.trim()) console.log(`    ${line.trimEnd()}`);
  failures.push('swagger-parser');
}

// 2. Redocly lint, JSON output; no telemetry or notices (there is no network in CI anyway).
const run = spawnSync(
  process.execPath,
  [redoclyCli, 'lint', file, '--config', redoclyConfig, '--format', 'json', '--max-problems', '10000', '--lint-config', 'error'],
  {
    cwd: here,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
      DO_NOT_TRACK: '1',
      NO_COLOR: '1',
    },
  },
);
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
if (run.error || !report?.totals) {
  console.log(`  redocly lint: FAILED to run (exit ${run.status}${run.signal ? `, signal ${run.signal}` : ''}${run.error ? `, ${run.error.message}` : ''})`);
  for (const line of `${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim().split('\n').slice(-30)) console.log(`    ${line}`);
  failures.push('redocly lint did not run');
} else {
  const { errors, warnings } = report.totals;
  const where = (problem) => problem.location?.[0]?.pointer ?? '';
  console.log(`  redocly lint: ${errors} errors, ${warnings} warnings`);
  for (const problem of report.problems.filter((p) => p.severity === 'error')) {
    console.log(`    error ${problem.ruleId}: ${problem.message} at ${where(problem)}`);
  }
  // Warnings grouped by rule, with one example each: they are shown, not failed on.
  const byRule = new Map();
  for (const problem of report.problems.filter((p) => p.severity !== 'error')) {
    const entry = byRule.get(problem.ruleId) ?? { count: 0, example: problem };
    entry.count += 1;
    byRule.set(problem.ruleId, entry);
  }
  for (const [rule, { count, example }] of byRule) {
    console.log(`    warning ${rule} x${count}: ${example.message} (e.g. at ${where(example)})`);
  }
  if (errors > 0 || run.status !== 0) {
    if (errors === 0) console.log(`    redocly exited ${run.status} with no error counted`);
    failures.push(`redocly lint: ${errors} errors`);
  }
}

finish();
