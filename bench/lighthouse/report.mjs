// Reads the Lighthouse JSON reports of one page (several runs) and prints, for bench/web.sh: each run's scores, the
// median run's metrics and bytes by resource type, the budgets (performance >= 90, accessibility 100, best practices
// >= 95) as met / NOT MET, and for a missed budget the audits that cost the points.
// Usage: node report.mjs REPORT.json...
import { readFileSync } from 'node:fs';

const budgets = { performance: 90, accessibility: 100, 'best-practices': 95 };
const runs = process.argv.slice(2).map((file) => ({ file, lhr: JSON.parse(readFileSync(file, 'utf8')) }));
if (runs.length === 0) {
  console.error('report.mjs: no Lighthouse report given');
  process.exit(2);
}

const score = (lhr, id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
const ms = (v) => `${Math.round(v).toLocaleString('en')} ms`;
const kib = (v) => `${(v / 1024).toFixed(1)} KiB`;

for (const { file, lhr } of runs) {
  const problems = lhr.runtimeError ? ` — runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}` : '';
  const warnings = (lhr.runWarnings ?? []).length ? ` — warnings: ${lhr.runWarnings.join(' | ')}` : '';
  console.log(`  run ${file.replace(/.*\//, '')}: performance ${score(lhr, 'performance')}, accessibility ${score(lhr, 'accessibility')}, best practices ${score(lhr, 'best-practices')}${problems}${warnings}`);
}

// The median run by performance score (Lighthouse's own advice for a noisy machine: take the median of several).
const sorted = [...runs].sort((a, b) => (score(a.lhr, 'performance') ?? -1) - (score(b.lhr, 'performance') ?? -1));
const { file, lhr } = sorted[Math.floor((sorted.length - 1) / 2)];
const audit = (id) => lhr.audits[id];
console.log(`  median run: ${file}`);
console.log(`    Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, throttling ${lhr.configSettings.throttlingMethod} ` +
  `(RTT ${lhr.configSettings.throttling.rttMs} ms, ${Math.round(lhr.configSettings.throttling.throughputKbps)} Kbps, CPU ×${lhr.configSettings.throttling.cpuSlowdownMultiplier}), ` +
  `benchmark index ${lhr.environment?.benchmarkIndex} (the host's speed as Lighthouse measured it)`);
const metric = (id) => audit(id)?.numericValue;
console.log(`    FCP ${ms(metric('first-contentful-paint'))}, LCP ${ms(metric('largest-contentful-paint'))}, TBT ${ms(metric('total-blocking-time'))}, ` +
  `CLS ${(metric('cumulative-layout-shift') ?? 0).toFixed(3)}, Speed Index ${ms(metric('speed-index'))}, server response ${ms(metric('server-response-time') ?? 0)}`);

// Bytes: total-byte-weight, and by resource type from the network requests Lighthouse recorded.
const requests = audit('network-requests')?.details?.items ?? [];
const kind = (r) => (r.resourceType === 'Document' ? 'document' : r.resourceType === 'Stylesheet' ? 'css' : r.resourceType === 'Script' ? 'js' : 'other');
const byKind = { document: 0, css: 0, js: 0, other: 0 };
for (const r of requests) byKind[kind(r)] += r.transferSize ?? 0;
console.log(`    total-byte-weight ${kib(metric('total-byte-weight'))} in ${requests.length} requests (document ${kib(byKind.document)}, CSS ${kib(byKind.css)}, JS ${kib(byKind.js)}, other ${kib(byKind.other)})`);
for (const r of requests) {
  console.log(`      ${kind(r).padEnd(8)} ${String(r.statusCode).padStart(3)} ${kib(r.transferSize ?? 0).padStart(10)} ${(r.sessionTargetType ?? '').padEnd(6)} ${r.url.replace(/^https?:\/\/[^/]+/, '')}`);
}

let missed = 0;
for (const [id, floor] of Object.entries(budgets)) {
  const s = score(lhr, id);
  const met = s !== null && s >= floor;
  if (!met) missed++;
  console.log(`  ${lhr.categories[id]?.title ?? id} ${floor === 100 ? '= 100' : `>= ${floor}`}: ${met ? 'met' : 'NOT MET'} (${s})`);
  if (met) continue;
  // What cost the points: every scored audit of the category below full marks, heaviest first, with what it found.
  const refs = lhr.categories[id].auditRefs.filter((ref) => {
    const a = audit(ref.id);
    return a && a.score !== null && a.score < 1 && !['notApplicable', 'manual', 'informative'].includes(a.scoreDisplayMode);
  });
  refs.sort((a, b) => b.weight - a.weight || audit(a.id).score - audit(b.id).score);
  for (const ref of refs.slice(0, 10)) {
    const a = audit(ref.id);
    const savings = a.metricSavings ? Object.entries(a.metricSavings).filter(([, v]) => v > 0).map(([k, v]) => `${k} −${Math.round(v)}`).join(', ') : '';
    console.log(`    - ${a.title} [${ref.id}, weight ${ref.weight}, score ${a.score}]${a.displayValue ? `: ${a.displayValue}` : ''}${savings ? ` (savings ${savings})` : ''}`);
    for (const item of (Array.isArray(a.details?.items) ? a.details.items : []).slice(0, 5)) {
      const what = item.url ?? item.node?.snippet ?? item.source?.url ?? item.description ?? item.label ?? JSON.stringify(item).slice(0, 160);
      const extra = item.node?.explanation ? ` — ${item.node.explanation.split('\n').slice(0, 2).join(' ')}` : item.wastedBytes ? ` — ${kib(item.wastedBytes)} to save` : '';
      console.log(`        ${String(what).replace(/\s+/g, ' ').slice(0, 200)}${extra.slice(0, 240)}`);
    }
  }
  // Performance: the opportunities and diagnostics Lighthouse lists even when they carry no weight of their own.
  if (id === 'performance') {
    const insights = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.metricSavings &&
      Object.values(a.metricSavings).some((v) => v > 0) && !refs.some((r) => r.id === a.id));
    for (const a of insights.slice(0, 10)) {
      const savings = Object.entries(a.metricSavings).filter(([, v]) => v > 0).map(([k, v]) => `${k} −${Math.round(v)}`).join(', ');
      console.log(`    - ${a.title} [${a.id}]${a.displayValue ? `: ${a.displayValue}` : ''} (savings ${savings})`);
    }
  }
}
process.exitCode = 0;
console.log(`  Lighthouse budgets missed: ${missed}`);
