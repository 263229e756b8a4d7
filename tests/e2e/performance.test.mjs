// Performance budgets (issue 9), checked on the built site. The figures are
// printed too; `make bench` prints them all in one table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { audit, benchmarkIndex } from './lighthouse.mjs';
import { BUDGETS, FIRST_PAGES, REFERENCE_INDEX, chunkSizes, codeSize, firstVisitCode, lcpRatio, routeChange, onReferenceMachine, startupMedian, STARTUP_VISITS, viewerOpenTime } from './performance.mjs';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, figure, launch, startServer } from './support.mjs';
import { publish } from './story-shape.mjs';

let server;
before(async () => {
  server = await startServer({ fallback: '404' });
});
after(async () => {
  await server?.stop();
});

const kib = (bytes) => (bytes / 1024).toFixed(1);

test(`code for a first visit is at most ${BUDGETS.codeGzipKiB} KiB gzipped`, { todo: 'over budget: the Leptos app is about 310 KiB gzipped; see docs/performance.md' }, () => {
  const size = codeSize();
  figure(`code: ${kib(size.raw)} KiB raw, ${kib(size.gzip)} KiB gzip, ${kib(size.brotli)} KiB brotli`);
  assert.ok(size.gzip <= BUDGETS.codeGzipKiB * 1024, `${kib(size.gzip)} KiB gzip`);
});

test(`code for a first visit to an article or the front page is at most ${BUDGETS.firstVisitKiB} KiB gzipped (issue 20)`, { todo: 'over budget: about 310 KiB with the list pages, the search page and the photo viewer loaded on demand; see docs/performance.md' }, async () => {
  const browser = await launch();
  const visits = {};
  try {
    for (const [kind, route] of Object.entries(FIRST_PAGES)) {
      visits[kind] = await firstVisitCode(browser, server, route);
      const chunks = Object.keys(visits[kind].files).filter((f) => f.includes('gazette-chunk-')).length;
      figure(`first visit, ${kind} (${route}): ${kib(visits[kind].gzip)} KiB gzip, ${chunks} chunks`);
    }
  } finally {
    await browser.close();
  }
  for (const kind of ['front', 'article']) {
    assert.ok(visits[kind].gzip <= BUDGETS.firstVisitKiB * 1024, `${kind}: ${kib(visits[kind].gzip)} KiB gzip`);
  }
});

// A ratchet while the budget is not met: 290 KiB before search (issue 10),
// which added about 19 KiB; 310 before reading every feed right (issue 14:
// stories ingested once, nested blocks and tables, topics at scale, feeds
// paged by next_url), which was allowed 10 KiB; 341.9 before people pages,
// the archive's most read and topic feeds (issue 17, about 7 KiB); 352.4
// before the search page and the photo viewer became chunks loaded on
// demand (issue 20, 351.9 to 322.6 KiB), 323.1 before the list pages did
// (310.2), 310.7 before a page's code was fetched as the reader reaches for
// a link to it (0.8 KiB: the listeners and the two chunks' preloads), 311.5
// before the take-over in slices (issue 27, 4.9 KiB: the feed read as a
// future that yields between stories, the page drafted in the document,
// the pieces put off to tasks of their own, the clicks kept until live,
// the loader's separate compile and start), 316.5 before a CMS's feed came
// in whole (issue 28, 1.4 KiB: feed junk never a photo, in the browser's
// ingest too; a story given as a headline and a link says where to read
// it; a relative home_page_url named), 318.0 before every kind of content
// was shown (issue 29, 9.9 KiB: embedded players read into facades, by a
// recogniser the prerenderer shares; audio and video in native players;
// an inline element left open keeps the story's structure; the served
// page's language kept until the feed is read; players kept across the
// take-over), then 1.2 KiB for links in photo captions and credits and a
// `<picture>`'s WebP sources read from HTML, then 5.0 KiB for inline SVG
// graphics (the SVG allowlist, in the browser's ingest too) and CLDR's
// plural rules and number grouping for 21 more languages, then 2.9 KiB for
// links within a story (heading ids, fragments written against the page)
// and players a site allows, started in place, then 0.4 KiB for list items
// written outside a list read as a list, as a browser shows them; then 15.2
// KiB less (337.5 to 322.3): the HTML and SVG allowlists and the parser's
// bridge are a chunk fetched only when a story comes as HTML, as the
// sample's typed stories never do (a CMS's feed does: guarded below); then
// 0.4 KiB for the interface's
// words isolated in a page written the other way, 0.2 KiB for a story's one
// featured photo at its head (issue 29's growth: 4.9 KiB of its 6
// allowed), then 0.2 KiB for a summary that only repeats a story's opening
// not shown twice; then 0.2 KiB for a take-over with no long task (issue
// 27: a frame for each piece, the draft shown in three frames); 0.5 KiB for
// a story read from a paged archive's file linking to its true neighbours
// (issue 30: `_gazette.neighbours`); 2.3 KiB for a take-over whose
// every piece is a task of its own (the header's parts, the router, the
// page, a story's header and footer, a list page's chunk), which keeps
// each task under the budget on a host having a slow hour; 0.4 KiB for
// links within a page written against its own address (a reader without
// JavaScript stays on the story) and a search title that names the site
// once the feed is read (issue 31). The code every first visit downloads; a page's chunks come on top (firstVisitCode).
// Raise it only for a feature, and say so.
test('code size does not grow past what it is today (a guard while the budget is not met)', () => {
  const size = codeSize();
  figure(`code: ${kib(size.gzip)} KiB gzip`);
  assert.ok(size.gzip <= 326.6 * 1024, `${kib(size.gzip)} KiB gzip`);
});

// A CMS's feed gives its stories as HTML, not as Gazette's typed blocks:
// such a site's first visit also fetches the HTML reader's chunk (and the
// code it shares), as it reads the feed. Guarded as it stands: 341.5 KiB on
// 6 December, 4.0 KiB more than before that code was a chunk (split code
// compresses less well), 15.2 KiB less for a feed with typed blocks; then
// 0.6 KiB for text and lists in a list, links in code and photo sets read
// as the browser reads them, and the featured photo at a story's head;
// 0.2 KiB for a summary that repeats the story's opening left out; 0.1
// KiB for the take-over with no long task (issue 27); 0.5 KiB for a story's
// neighbours in a paged archive (issue 30); 2.3 KiB for a take-over whose
// every piece is a task of its own; 0.4 KiB for links within a page written
// against its own address and a search title that names the site (issue 31).
test('code for a first visit to a site whose feed is HTML does not grow past what it is today', { timeout: 120_000 }, async () => {
  const feed = JSON.parse(readFileSync(path.join(DIST, 'feed.json'), 'utf8'));
  for (const item of feed.items) delete item._gazette.body;
  const site = mkdtempSync(path.join(os.tmpdir(), 'gazette-html-feed-'));
  cpSync(DIST, site, { recursive: true });
  publish(site, JSON.stringify(feed));
  const htmlSite = await startServer({ root: site, fallback: '404' });
  const browser = await launch();
  try {
    const visit = await firstVisitCode(browser, htmlSite, FIRST_PAGES.article, site);
    const chunks = Object.keys(visit.files).filter((f) => f.includes('gazette-chunk-'));
    figure(`first visit, article of a site whose feed is HTML: ${kib(visit.gzip)} KiB gzip (${chunks.length} chunks: ${chunks.map((c) => c.replace(/-[0-9a-f]{16}\.wasm$/, '')).join(', ')})`);
    assert.ok(chunks.some((c) => c.startsWith('gazette-chunk-markup-reader-')), 'the HTML reader is fetched');
    assert.ok(visit.gzip <= 345.9 * 1024, `${kib(visit.gzip)} KiB gzip`);
  } finally {
    await browser.close();
    await htmlSite.stop();
    rmSync(site, { recursive: true, force: true });
  }
});

test(`an article's LCP is at most ${BUDGETS.lcpRatio}x that of the same article as plain HTML (throttled, median of 5)`, { timeout: 240_000 }, async () => {
  const result = await lcpRatio(server);
  figure(`lcp: app ${Math.round(result.app)} ms, plain HTML ${Math.round(result.plain)} ms, ratio ${result.ratio.toFixed(2)}`);
  assert.ok(result.ratio <= BUDGETS.lcpRatio, `ratio ${result.ratio.toFixed(2)}`);
});

test(`Lighthouse mobile performance at least ${BUDGETS.lighthouse * 100}, blocking time at most ${BUDGETS.blockingMs} ms, on front, topic and article pages (median of 5); no layout shift`, { timeout: 600_000 }, async () => {
  const urls = ['/', '/topics/research/', '/articles/library-cat-mochi/'].map((p) => server.url(p));
  const results = await audit(urls, ['performance'], { runs: 5 });
  const index = await benchmarkIndex(server.url('/'));
  for (const [url, result] of Object.entries(results)) {
    figure(`lighthouse ${new URL(url).pathname}: performance ${result.scores.performance} (runs ${result.runs.join(', ')}), FCP ${Math.round(result.fcp)} ms, LCP ${Math.round(result.lcp)} ms, TBT ${Math.round(result.tbt)} ms (runs ${result.tbts.map(Math.round).join(', ')}), CLS ${result.cls}; benchmark index ${Math.round(index)}${result.failing.length ? `; below 0.9: ${result.failing.join(', ')}` : ''}`);
    assert.ok(result.scores.performance >= BUDGETS.lighthouse, `${url}: ${result.scores.performance}: ${result.failing.join(', ')}`);
    assert.ok(result.tbt <= BUDGETS.blockingMs, `${url}: ${Math.round(result.tbt)} ms of blocking time`);
    assert.equal(result.cls, BUDGETS.articleCls, `${url}: layout shift`);
  }
});

// The take-over in slices (issue 27): each slice about 4 ms of work, each
// piece of the page drawn after a frame, the draft shown without being
// styled or laid out again. What is left of each long task is mostly V8
// compiling a wasm function the first time it runs, on the main thread, and
// the swap's paint; the main thread's own time in each task, and the median
// of seven first visits, keep a busy moment of the host from deciding
// (startupFromTrace, startupMedian). See docs/performance.md.
let startupMedians;
test(`while the app takes over a page, nothing moves (median of ${STARTUP_VISITS} first visits each)`, { timeout: 300_000 }, async () => {
  const index = await benchmarkIndex(server.url('/'));
  const browser = await launch();
  const medians = {};
  try {
    for (const [kind, route] of Object.entries(FIRST_PAGES).filter(([kind]) => kind !== 'search')) {
      const { median, runs } = await startupMedian(browser, server, route);
      medians[kind] = median.longest;
      figure(`take-over of ${kind} (${route}), 4x CPU: longest task after first paint ${median.longest.toFixed(0)} ms of the main thread's time (runs ${runs.map((r) => r.longest.toFixed(0)).join(', ')}; wall time ${runs.map((r) => r.longestWall.toFixed(0)).join(', ')}; ${onReferenceMachine(median.longest, index).toFixed(0)} ms on the reference machine, benchmark index ${Math.round(index)}), live at ${median.live?.toFixed(0)} ms; first layout before paint ${median.beforePaint.toFixed(0)} ms; tasks over 30 ms: ${median.long.map((t) => `${t.ms} ms (wall ${t.wall}) at ${t.at} [${t.marks.join('; ')}]`).join(', ') || 'none'}`);
      for (const run of runs) assert.equal(run.shift, 0, `${kind}: the take-over moved the page (layout shift ${run.shift})`);
    }
  } finally {
    await browser.close();
  }
  startupMedians = { medians, index };
});

test(`while the app takes over a page, no task runs over ${BUDGETS.startupTaskMs} ms at 4x CPU on a machine of benchmark index ${REFERENCE_INDEX}`, () => {
  assert.ok(startupMedians, 'measured by the test before');
  const { medians, index } = startupMedians;
  for (const [kind, longest] of Object.entries(medians)) {
    assert.ok(onReferenceMachine(longest, index) <= BUDGETS.startupTaskMs, `${kind}: a task of ${longest.toFixed(0)} ms`);
  }
});

test(`a route change from one story to another is drawn within ${BUDGETS.routeChangeMs} ms on a machine of benchmark index ${REFERENCE_INDEX}`, { timeout: 120_000 }, async () => {
  const result = await routeChange(server);
  const index = await benchmarkIndex(server.url('/'));
  const onReference = onReferenceMachine(result.median, index);
  figure(`route change: median ${result.median.toFixed(1)} ms (${result.times.map((t) => t.toFixed(1)).join(', ')}); benchmark index ${Math.round(index)}, so ${onReference.toFixed(1)} ms on the reference machine`);
  assert.ok(onReference <= BUDGETS.routeChangeMs, `${onReference.toFixed(1)} ms`);
});

// Not yet enforced (issue 20 is open): opened by a click before its code has
// arrived, the viewer takes the chunk's round trip and transfer (about 350 ms
// of the 400 here, most of it the throttled line, so a slower host tips it
// over); once loaded, `showModal` alone restyles the whole page behind the
// dialog (about 26 ms at 4x CPU), over the one frame asked for.
let viewerTimes;
async function measureViewer() {
  viewerTimes ??= {
    cold: await viewerOpenTime(server, { ready: false }),
    ready: await viewerOpenTime(server, { ready: true }),
    index: await benchmarkIndex(server.url('/')),
  };
  return viewerTimes;
}

test('the photo viewer is a chunk of its own, not in a first visit\'s code', () => {
  const viewer = chunkSizes().find((c) => c.file.startsWith('gazette-chunk-viewer-code-'));
  assert.ok(viewer, 'the viewer is a chunk of its own');
  figure(`photo viewer chunk: ${(viewer.gzip / 1024).toFixed(1)} KiB gzip`);
});

test(`on a first visit (throttled) the photo viewer opens within ${BUDGETS.viewerColdMs} ms of a click made before its code has arrived`, { timeout: 300_000, todo: 'over budget on slower hosts: the chunk\'s round trip on the throttled line is most of it; see docs/performance.md' }, async () => {
  const { cold } = await measureViewer();
  figure(`photo viewer, first visit, throttled, its code still to load: ${cold.median.toFixed(0)} ms from the click (${cold.times.map((t) => t.toFixed(0)).join(', ')})`);
  assert.ok(cold.median <= BUDGETS.viewerColdMs, `${cold.median.toFixed(0)} ms`);
});

test(`on a first visit (throttled) the photo viewer opens within ${BUDGETS.viewerReadyMs} ms of a click once its code has arrived`, { timeout: 300_000, todo: 'over budget: showModal restyles the page behind the dialog, about 26 ms at 4x CPU; see docs/performance.md' }, async () => {
  const { ready, index } = await measureViewer();
  const onReference = onReferenceMachine(ready.median, index);
  figure(`photo viewer, first visit, throttled, its code loaded: ${ready.median.toFixed(1)} ms from the click (${ready.times.map((t) => t.toFixed(1)).join(', ')}; ${onReference.toFixed(1)} ms on the reference machine)`);
  assert.ok(onReference <= BUDGETS.viewerReadyMs, `${onReference.toFixed(1)} ms`);
});
