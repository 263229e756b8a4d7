// `make bench`: every performance figure of the built site beside its
// budget, in one table. Figures only: nothing here fails on time (the
// budgets fail `make test`, in tests/e2e/performance.test.mjs and
// tests/e2e/archive.test.mjs).
//
//     node tools/bench.mjs [FILE]   FILE holds the BENCH lines of the wasm benchmarks
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { startServer, launch } from '../tests/e2e/support.mjs';
import { audit, benchmarkIndex } from '../tests/e2e/lighthouse.mjs';
import { BUDGETS, FIRST_PAGES, REFERENCE_INDEX, TYPING_PAUSE_MS, chunkSizes, codeSize, firstVisitCode, lcpRatio, routeChange, onReferenceMachine, startupMedian, viewerOpenTime, archiveRequests, searchOnce } from '../tests/e2e/performance.mjs';
import { STORIES, buildArchiveSite, gazetteBinary } from '../tests/e2e/archive-site.mjs';
import { cameraPhoto } from '../tests/e2e/camera-photo.mjs';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const rows = [];
const row = (figure, measured, budget, ok) => {
  rows.push([figure, measured, budget, ok === undefined ? 'figure' : ok ? 'within' : 'OVER']);
  console.error(`  ${figure}: ${measured}`);
};
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const size = codeSize();
row('Code every first visit downloads (wasm + JS, gzip -9)', `${kib(size.gzip)} (brotli ${kib(size.brotli)}, raw ${kib(size.raw)})`, `≤ ${BUDGETS.codeGzipKiB} KiB`, size.gzip <= BUDGETS.codeGzipKiB * 1024);

for (const chunk of chunkSizes()) row(`Code loaded on demand: ${chunk.file.replace(/-[0-9a-f]{16}\.wasm$/, '')}`, kib(chunk.gzip), 'reported');

const site = await startServer({ fallback: '404' });
try {
  const browser = await launch();
  try {
    for (const [kind, route] of Object.entries(FIRST_PAGES)) {
      const visit = await firstVisitCode(browser, site, route);
      const gated = kind === 'front' || kind === 'article';
      row(`Code for a first visit to the ${kind} page (${route}), its chunks included`, kib(visit.gzip), gated ? `≤ ${BUDGETS.firstVisitKiB} KiB (goal 200)` : 'reported', gated ? visit.gzip <= BUDGETS.firstVisitKiB * 1024 : undefined);
    }
  } finally {
    await browser.close();
  }
  const lcp = await lcpRatio(site);
  row('Article LCP against the same page as plain HTML (4x CPU, 1.6 Mbps, 150 ms RTT; median of 5)', `${lcp.ratio.toFixed(2)}x (${Math.round(lcp.app)} ms vs ${Math.round(lcp.plain)} ms)`, `≤ ${BUDGETS.lcpRatio}x (aim 1.1x)`, lcp.ratio <= BUDGETS.lcpRatio);

  const pages = { front: '/', topic: '/topics/research/', article: '/articles/library-cat-mochi/' };
  const lighthouse = await audit(Object.values(pages).map((p) => site.url(p)), ['performance'], { runs: 3 });
  for (const [name, route] of Object.entries(pages)) {
    const result = lighthouse[site.url(route)];
    row(`Lighthouse mobile performance, ${name} page (median of 3)`, `${Math.round(result.scores.performance * 100)} (LCP ${Math.round(result.lcp)} ms, TBT ${Math.round(result.tbt)} ms, CLS ${result.cls})`, `≥ ${BUDGETS.lighthouse * 100}`, result.scores.performance >= BUDGETS.lighthouse);
  }
  const articleCls = lighthouse[site.url(pages.article)].cls;
  row('Article page CLS', `${articleCls}`, `${BUDGETS.articleCls}`, articleCls === BUDGETS.articleCls);
  const index = await benchmarkIndex(site.url('/'));
  for (const [name, route] of Object.entries(pages)) {
    const result = lighthouse[site.url(route)];
    row(`Lighthouse blocking time, ${name} page (CPU slowdown fitted to index ${Math.round(index)})`, `${Math.round(result.tbt)} ms (runs ${result.tbts.map(Math.round).join(', ')})`, `≤ ${BUDGETS.blockingMs} ms`, result.tbt <= BUDGETS.blockingMs);
  }

  const startupBrowser = await launch();
  try {
    for (const [name, route] of Object.entries(pages)) {
      const { median, runs } = await startupMedian(startupBrowser, site, route);
      const onReference = onReferenceMachine(median.longest, index);
      row(`Longest task while the app takes over the ${name} page, after first paint (4x CPU, median of 5), on a machine of benchmark index ${REFERENCE_INDEX}`, `${onReference.toFixed(0)} ms (${median.longest.toFixed(0)} ms here; runs ${runs.map((r) => r.longest.toFixed(0)).join(', ')}; live at ${median.live?.toFixed(0)} ms; first layout before paint ${median.beforePaint.toFixed(0)} ms)`, `≤ ${BUDGETS.startupTaskMs} ms`, onReference <= BUDGETS.startupTaskMs);
    }
  } finally {
    await startupBrowser.close();
  }

  const route = await routeChange(site);
  const onReference = onReferenceMachine(route.median, index);
  row(`Route change, story to story (click to drawn; median of 11), on a machine of benchmark index ${REFERENCE_INDEX}`, `${onReference.toFixed(1)} ms (${route.median.toFixed(1)} ms here, index ${Math.round(index)})`, `≤ ${BUDGETS.routeChangeMs} ms`, onReference <= BUDGETS.routeChangeMs);

  const cold = await viewerOpenTime(site, { ready: false });
  row('Photo viewer on a first visit (4x CPU, 1.6 Mbps, 150 ms): click to open, its code not yet loaded (median of 3)', `${cold.median.toFixed(0)} ms`, `≤ ${BUDGETS.viewerColdMs} ms`, cold.median <= BUDGETS.viewerColdMs);
  const ready = await viewerOpenTime(site, { ready: true });
  const readyOnReference = onReferenceMachine(ready.median, index);
  row(`Photo viewer on a first visit, its code loaded (the pointer rested on the photo): click to open, on a machine of benchmark index ${REFERENCE_INDEX}`, `${readyOnReference.toFixed(1)} ms (${ready.median.toFixed(1)} ms here)`, `≤ ${BUDGETS.viewerReadyMs} ms`, readyOnReference <= BUDGETS.viewerReadyMs);
} finally {
  await site.stop();
}

const benchLines = process.argv[2] && existsSync(process.argv[2]) ? readFileSync(process.argv[2], 'utf8').split('\n') : [];
/** The figures of the wasm benchmark line named `name`, as numbers by key. */
const benchFigures = (name) => {
  const line = benchLines.find((l) => l.startsWith(`${name} `));
  return line ? Object.fromEntries([...line.matchAll(/(\w+)=([\d.]+)/g)].map(([, key, value]) => [key, Number(value)])) : undefined;
};
const parse = benchFigures('wasm-vs-js');
if (parse) {
  row('Parse and index 10,000 stories in Chromium: wasm against JSON.parse + JS', `${parse.ratio.toFixed(2)}x (${parse.wasm_ms} ms vs ${parse.js_ms} ms)`, `≤ ${BUDGETS.parseRatio}x`, parse.ratio <= BUDGETS.parseRatio);
} else {
  row('Parse and index 10,000 stories in Chromium: wasm against JSON.parse + JS', 'not measured (run through make bench)', `≤ ${BUDGETS.parseRatio}x`);
}
const serde = benchFigures('reader-vs-serde');
if (serde) {
  row('Read 10,000 stories in Chromium: the positional reader against serde into the wire types', `serde ${serde.serde_ratio.toFixed(2)}x the reader's time (${serde.serde_ms} ms vs ${serde.reader_ms} ms)`, 'reported');
}

const archive = buildArchiveSite();
const server = await startServer({ root: archive });
try {
  const requests = await archiveRequests(server, [['/', '.lead-story'], ['/topics/research/?page=100', '.page-status'], ['/articles/story-19999/', 'article h1']]);
  for (const [route, files] of Object.entries(requests)) {
    row(`Feed requests, ${STORIES.toLocaleString('en')}-story archive, ${route}`, `${files.length} (${files.join(', ')})`, `≤ ${BUDGETS.archiveRequests}`, files.length <= BUDGETS.archiveRequests);
  }
  const browser = await launch();
  try {
    for (const [query, expected] of [['story 17321', 'Archive story number 17321'], ['17321', 'Archive story number 17321']]) {
      const search = await searchOnce(browser, server, query, expected);
      await search.page.context().close();
      row(`Search, ${STORIES.toLocaleString('en')}-story archive, “${query}”: first result after the ${TYPING_PAUSE_MS} ms typing pause (whole wait ${search.firstMs.toFixed(0)} ms)`, `${(search.firstMs - TYPING_PAUSE_MS).toFixed(0)} ms`, `≤ ${BUDGETS.searchFirstResultMs} ms`, search.firstMs - TYPING_PAUSE_MS <= BUDGETS.searchFirstResultMs);
      row(`Search, “${query}”: bytes fetched for the query`, kib(search.queryBytes), 'small (reported)');
      if (query === '17321') row('Search engine loaded once per visit (Pagefind script, wasm, metadata, filters)', kib(search.engineBytes), 'reported');
    }
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
  rmSync(archive, { recursive: true, force: true });
}

// The photo pipeline as Trunk's hook runs it: four camera photos, a cold cache.
{
  const browser = await launch();
  const photos = mkdtempSync(path.join(os.tmpdir(), 'gazette-photo-bench-'));
  try {
    const photo = await cameraPhoto(browser);
    const feed = JSON.parse(readFileSync('dist/feed.json', 'utf8'));
    cpSync('dist', photos, { recursive: true });
    const env = { ...process.env, GAZETTE_CACHE: path.join(photos, '.cache') };
    // The sample's own photos first, so that the figure is the camera photos' alone.
    spawnSync(gazetteBinary(), ['publish', photos], { encoding: 'utf8', env });
    for (let i = 0; i < 4; i++) {
      // Four different files: the cache is by content.
      writeFileSync(path.join(photos, `images/camera-${i}.jpg`), Buffer.concat([photo, Buffer.from([i])]));
      (feed.items[i]._gazette ??= {}).gallery = [{ url: `images/camera-${i}.jpg` }];
    }
    writeFileSync(path.join(photos, 'feed.json'), JSON.stringify(feed));
    const run = spawnSync(gazetteBinary(), ['publish', photos], { encoding: 'utf8', env });
    const each = run.stderr.match(/(\d+) sized now \((\d+) ms each\)/);
    row(`Photo pipeline: a 4,000 x 3,000 camera JPEG (${kib(photo.length)}) to 4 widths in JPEG and WebP, upright and stripped (per photo, one core)`, each ? `${each[2]} ms` : `not measured: ${run.stderr.slice(-200)}`, 'reported');
  } finally {
    await browser.close();
    rmSync(photos, { recursive: true, force: true });
  }
}

console.log('| Figure | Measured | Budget | |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
