// Code loaded on demand (issue 20): a first visit to the front page or a
// story fetches no chunk; the search page fetches its own, at the root and
// under a sub-path, within the Content Security Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, goLive, realProblems, figure } from './support.mjs';
import { chunkSizes } from './performance.mjs';

const CHUNK = /\/gazette-chunk-[^/]*\.wasm$/;

let browser;
let root;
let news;
before(async () => {
  browser = await launch();
  root = await startServer({ fallback: '404' });
  news = await startServer({ root: path.join(ROOT, 'dist-news'), prefix: '/news/', fallback: '404' });
});
after(async () => {
  await browser?.close();
  await root?.stop();
  await news?.stop();
});

/** A page that records the chunks it fetches and any policy violation (its console's are in `page.problems`). */
async function watchedPage() {
  const page = await openPage(browser);
  const chunks = [];
  page.on('request', (request) => {
    if (CHUNK.test(new URL(request.url()).pathname)) chunks.push(new URL(request.url()).pathname);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, chunks };
}

test('the build writes the search page as a chunk of its own', () => {
  const chunks = chunkSizes();
  for (const chunk of chunks) figure(`chunk ${chunk.file}: ${(chunk.gzip / 1024).toFixed(1)} KiB gzip`);
  assert.ok(chunks.some((c) => c.file.startsWith('gazette-chunk-search-page-view-')), JSON.stringify(chunks));
});

test('a first visit to the front page and to a story fetches no chunk, and the app runs', async () => {
  for (const address of ['/', '/articles/library-cat-mochi/']) {
    const { page, chunks } = await watchedPage();
    await goLive(page, root.url(address));
    // The app is live: a link followed inside it draws the next page without a load.
    await page.waitForTimeout(300);
    assert.deepEqual(chunks, [], `${address} fetched ${chunks.join(', ')}`);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(realProblems(page), []);
    await page.context().close();
  }
});

/** The search page's chunk and the code it shares with others, each fetched once. */
function assertSearchChunks(chunks, base) {
  const names = chunks.map((c) => c.slice(base.length).replace(/-[0-9a-f]{16}\.wasm$/, ''));
  assert.ok(names.includes('gazette-chunk-search-page-view'), chunks.join(', '));
  assert.ok(names.every((n) => n === 'gazette-chunk-search-page-view' || /^gazette-chunk-shared\d+$/.test(n)), chunks.join(', '));
  assert.equal(new Set(chunks).size, chunks.length, `each once: ${chunks.join(', ')}`);
}

test('the search page fetches its chunk once, opened directly or from a story, at / and under /news/', async () => {
  for (const [server, base] of [[root, '/'], [news, '/news/']]) {
    const direct = await watchedPage();
    await goLive(direct.page, server.url('search/?q=library'));
    await direct.page.waitForSelector('main .search-result mark');
    assertSearchChunks(direct.chunks, base);
    await direct.page.context().close();

    const { page, chunks } = await watchedPage();
    await goLive(page, server.url('articles/library-cat-mochi/'));
    assert.deepEqual(chunks, []);
    await page.fill('header input[type=search]', 'library');
    await page.press('header input[type=search]', 'Enter');
    await page.waitForSelector('main .search-result mark');
    assert.equal(new URL(page.url()).pathname, `${base}search/`, 'the search address keeps one base');
    await page.goBack();
    await page.waitForSelector('main article h1');
    await page.goForward();
    await page.waitForSelector('main .search-result mark');
    assertSearchChunks(chunks, base);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(realProblems(page), []);
    await page.context().close();
  }
});
