// Performance budgets (issue 9), checked on the built site. The figures are
// printed too; `make bench` prints them all in one table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { audit, benchmarkIndex } from './lighthouse.mjs';
import { BUDGETS, REFERENCE_INDEX, codeSize, lcpRatio, routeChange, routeChangeOnReference } from './performance.mjs';
import { figure, startServer } from './support.mjs';

let server;
before(async () => {
  server = await startServer({ fallback: '404' });
});
after(async () => {
  await server?.stop();
});

const kib = (bytes) => (bytes / 1024).toFixed(1);

test(`code for a first visit is at most ${BUDGETS.codeGzipKiB} KiB gzipped`, { todo: 'over budget: the Leptos app is about 350 KiB gzipped; see docs/performance.md' }, () => {
  const size = codeSize();
  figure(`code: ${kib(size.raw)} KiB raw, ${kib(size.gzip)} KiB gzip, ${kib(size.brotli)} KiB brotli`);
  assert.ok(size.gzip <= BUDGETS.codeGzipKiB * 1024, `${kib(size.gzip)} KiB gzip`);
});

// A ratchet while the budget is not met: 290 KiB before search (issue 10),
// which added about 19 KiB; 310 before reading every feed right (issue 14:
// stories ingested once, nested blocks and tables, topics at scale, feeds
// paged by next_url), which was allowed 10 KiB; 341.9 before people pages,
// the archive's most read and topic feeds (issue 17, about 7 KiB). Raise it
// only for a feature, and say so.
test('code size does not grow past what it is today (a guard while the budget is not met)', () => {
  const size = codeSize();
  figure(`code: ${kib(size.gzip)} KiB gzip`);
  assert.ok(size.gzip <= 352.4 * 1024, `${kib(size.gzip)} KiB gzip`);
});

test(`an article's LCP is at most ${BUDGETS.lcpRatio}x that of the same article as plain HTML (throttled, median of 5)`, { timeout: 240_000 }, async () => {
  const result = await lcpRatio(server);
  figure(`lcp: app ${Math.round(result.app)} ms, plain HTML ${Math.round(result.plain)} ms, ratio ${result.ratio.toFixed(2)}`);
  assert.ok(result.ratio <= BUDGETS.lcpRatio, `ratio ${result.ratio.toFixed(2)}`);
});

test(`Lighthouse mobile performance at least ${BUDGETS.lighthouse * 100} on front, topic and article pages (median of 5); no layout shift on articles`, { timeout: 600_000 }, async () => {
  const urls = ['/', '/topics/research/', '/articles/library-cat-mochi/'].map((p) => server.url(p));
  const results = await audit(urls, ['performance'], { runs: 5 });
  for (const [url, result] of Object.entries(results)) {
    figure(`lighthouse ${new URL(url).pathname}: performance ${result.scores.performance} (runs ${result.runs.join(', ')}), FCP ${Math.round(result.fcp)} ms, LCP ${Math.round(result.lcp)} ms, TBT ${Math.round(result.tbt)} ms, CLS ${result.cls}${result.failing.length ? `; below 0.9: ${result.failing.join(', ')}` : ''}`);
    assert.ok(result.scores.performance >= BUDGETS.lighthouse, `${url}: ${result.scores.performance}: ${result.failing.join(', ')}`);
  }
  assert.equal(results[urls[2]].cls, BUDGETS.articleCls);
});

test(`a route change from one story to another is drawn within ${BUDGETS.routeChangeMs} ms on a machine of benchmark index ${REFERENCE_INDEX}`, { timeout: 120_000 }, async () => {
  const result = await routeChange(server);
  const index = await benchmarkIndex(server.url('/'));
  const onReference = routeChangeOnReference(result.median, index);
  figure(`route change: median ${result.median.toFixed(1)} ms (${result.times.map((t) => t.toFixed(1)).join(', ')}); benchmark index ${Math.round(index)}, so ${onReference.toFixed(1)} ms on the reference machine`);
  assert.ok(onReference <= BUDGETS.routeChangeMs, `${onReference.toFixed(1)} ms`);
});
