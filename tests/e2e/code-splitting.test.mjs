// Code loaded on demand (issue 20): the pages that list stories, the search
// page and the photo viewer are chunks of their own. A first visit to the
// front page or a story fetches none; a list page fetches its own and no
// other; the search page its own, at the root and under a sub-path, within
// the Content Security Policy; a page's code is fetched as the reader reaches
// for a link to it; a chunk that fails to arrive is offered
// again, and never ends the app. The allowlist that reads a story's HTML is
// a chunk too: a feed of typed blocks (the sample's) never needs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
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

/** A chunk's name without its content hash and folder: `gazette-chunk-front-page-view`. */
const chunkName = (pathname) => path.basename(pathname).replace(/-[0-9a-f]{16}\.wasm$/, '');

test('the build writes the list pages, the search page, the photo viewer and the HTML reader as chunks of their own', () => {
  const chunks = chunkSizes();
  for (const chunk of chunks) figure(`chunk ${chunk.file}: ${(chunk.gzip / 1024).toFixed(1)} KiB gzip`);
  const names = chunks.map((c) => chunkName(c.file));
  for (const page of ['list-page-view', 'search-page-view', 'viewer-code', 'markup-reader']) {
    assert.ok(names.includes(`gazette-chunk-${page}`), `${page} in ${names.join(', ')}`);
  }
});

test("a first visit fetches its own page's chunk if it has one and no other page's, and the app runs", async () => {
  for (const [address, own] of [['/', null], ['/articles/library-cat-mochi/', null], ['/topics/research/', 'list-page-view'], ['/latest/', 'list-page-view']]) {
    const { page, chunks } = await watchedPage();
    await goLive(page, root.url(address));
    // The app is live: a link followed inside it draws the next page without a load.
    await page.waitForTimeout(300);
    const names = chunks.map(chunkName);
    if (!own) {
      assert.deepEqual(names, [], `${address} fetched ${names.join(', ')}`);
    } else {
      assert.ok(names.includes(`gazette-chunk-${own}`), `${address} fetched ${names.join(', ')}`);
    }
    assert.ok(names.every((n) => n === `gazette-chunk-${own}` || /^gazette-chunk-shared\d+$/.test(n)), `${address} fetched ${names.join(', ')}`);
    assert.equal(new Set(chunks).size, chunks.length, `each once: ${chunks.join(', ')}`);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(realProblems(page), []);
    await page.context().close();
  }
});

/** The search page's chunk and the code it shares with others, each fetched once. */
function assertSearchChunks(chunks, base, from = null) {
  assert.ok(chunks.every((c) => c.startsWith(base)), chunks.join(', '));
  const names = chunks.map(chunkName);
  assert.ok(names.includes('gazette-chunk-search-page-view'), chunks.join(', '));
  const allowed = ['gazette-chunk-search-page-view', from && `gazette-chunk-${from}`];
  assert.ok(names.every((n) => allowed.includes(n) || /^gazette-chunk-shared\d+$/.test(n)), chunks.join(', '));
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

test("a pointer on a link to a list page, or focus in the search box, fetches that page's code before the click", async () => {
  const { page, chunks } = await watchedPage();
  await goLive(page, root.url('/'));
  await page.waitForTimeout(300);
  assert.deepEqual(chunks, [], 'nothing fetched before the reader reaches for a link');
  const link = page.locator('a[href$="/topics/research/"]').first();
  const listCode = page.waitForResponse((r) => CHUNK.test(new URL(r.url()).pathname) && chunkName(new URL(r.url()).pathname) === 'gazette-chunk-list-page-view');
  await link.hover();
  await listCode;
  assert.equal(new URL(page.url()).pathname, '/', 'fetched before any click');
  const fetchedAhead = [...chunks];
  await link.click();
  await page.waitForSelector('main h1:has-text("Research")');
  await page.waitForSelector('main .card');
  assert.deepEqual(chunks, fetchedAhead, 'the click fetched nothing more');

  const searchCode = page.waitForResponse((r) => CHUNK.test(new URL(r.url()).pathname) && chunkName(new URL(r.url()).pathname) === 'gazette-chunk-search-page-view');
  await page.focus('header input[type=search]');
  await searchCode;
  assert.equal(new Set(chunks).size, chunks.length, `each once: ${chunks.join(', ')}`);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

/** Makes every fetch of a chunk whose name starts with `name` fail, as a dropped connection would; returns the undo. */
async function failChunk(page, name) {
  const pattern = new RegExp(`/gazette-chunk-${name}-[0-9a-f]{16}\\.wasm$`);
  const handler = (route) => route.abort('internetdisconnected');
  await page.route(pattern, handler);
  return () => page.unroute(pattern, handler);
}

test('a page whose code does not arrive says so and offers a retry that brings it, without ending the app', async () => {
  // Inside the app: from the front page to a topic, whose chunk fails.
  const { page } = await watchedPage();
  const restore = await failChunk(page, 'list-page-view');
  await goLive(page, root.url('/'));
  await page.locator('a[href$="/topics/research/"]').first().click();
  const alert = page.locator('main .load-failure[role=alert]');
  await alert.waitFor();
  assert.equal(await alert.locator('h1').textContent(), 'This page could not be loaded');
  assert.equal(await page.locator('h1').count(), 1);
  // The app still runs: the header's links work.
  await page.locator('header a.site-title').first().click();
  await page.waitForSelector('main .card');
  // Back to the topic: its code is asked for again, and fails again.
  await page.goBack();
  await alert.waitFor();
  await restore();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.waitForSelector('main h1:has-text("Research")');
  await page.waitForSelector('main .card');

  // A first visit: the prerendered page stays readable, with the banner's retry.
  const first = await watchedPage();
  const undo = await failChunk(first.page, 'list-page-view');
  await first.page.goto(root.url('/topics/research/'));
  const banner = first.page.locator('.load-failure.banner[role=alert]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /This page could not be loaded/);
  assert.ok(await first.page.locator('main .card').count() > 0, 'the prerendered page is still there');
  await undo();
  await banner.getByRole('button', { name: 'Try again' }).click();
  await first.page.waitForFunction(() => document.documentElement.dataset.gazette === 'live');
  assert.equal(await first.page.locator('.load-failure').count(), 0);
  const unexpected = (p) => !p.includes('ERR_INTERNET_DISCONNECTED') && !p.includes('Failed to fetch');
  assert.deepEqual(realProblems(page).filter(unexpected), []);
  assert.deepEqual(realProblems(first.page).filter(unexpected), []);
  assert.ok(![...page.problems, ...first.page.problems].some((p) => p.startsWith('pageerror')), 'no panic');
  await page.context().close();
  await first.page.context().close();
});

test('a photo viewer whose code does not arrive leaves the story as it was, and the next click opens it', async () => {
  const { page } = await watchedPage();
  const restore = await failChunk(page, 'viewer-code');
  await goLive(page, root.url('/articles/library-cat-mochi/'));
  const address = page.url();
  await page.locator('main a.photo-open').first().click();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('dialog.viewer[open]').count(), 0);
  await page.waitForFunction((address) => location.href === address, address);
  await restore();
  await page.locator('main a.photo-open').first().click();
  await page.waitForSelector('dialog.viewer[open]');
  assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), 'no panic');
  await page.context().close();
});

test("a feed whose stories come as HTML fetches the reader's code once and draws what the published blocks draw; if the code does not arrive, the reader can try again", async () => {
  const published = JSON.parse(readFileSync(path.join(ROOT, 'dist/feed.json'), 'utf8'));
  const asHtml = structuredClone(published);
  for (const item of asHtml.items) delete item._gazette.body;
  assert.ok(asHtml.items.every((item) => item.content_html), 'every story of the sample has its HTML too');
  const story = '/articles/library-cat-mochi/';
  // The sample's content_html is its blocks written as HTML, with the
  // credits line the blocks keep apart: the same photos and paragraphs.
  const storyBody = (page) => page.locator('main .story-body').evaluate((el) => ({
    figures: [...el.querySelectorAll('figure')].map((f) => f.outerHTML),
    paragraphs: [...el.querySelectorAll('p')].map((p) => p.textContent).filter((t) => !t.startsWith('Draft:')),
  }));

  const plain = await watchedPage();
  await goLive(plain.page, root.url(story));
  const drawn = await storyBody(plain.page);
  assert.deepEqual(plain.chunks, [], 'a feed of typed blocks needs no reader code');
  await plain.page.context().close();

  const { page, chunks } = await watchedPage();
  await page.route(/\/feed\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(asHtml) }));
  await goLive(page, root.url(story));
  assert.deepEqual(chunks.map(chunkName).filter((n) => !/^gazette-chunk-shared\d+$/.test(n)), ['gazette-chunk-markup-reader']);
  assert.deepEqual(await storyBody(page), drawn, 'the story read from its HTML is the published one');
  await page.locator('header a.site-title').first().click();
  await page.waitForSelector('main .card');
  assert.equal(chunks.filter((c) => chunkName(c) === 'gazette-chunk-markup-reader').length, 1, 'fetched once');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(realProblems(page), []);
  await page.context().close();

  const failing = await watchedPage();
  await failing.page.route(/\/feed\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(asHtml) }));
  const undo = await failChunk(failing.page, 'markup-reader');
  await failing.page.goto(root.url(story));
  const banner = failing.page.locator('.load-failure[role=alert]');
  await banner.waitFor();
  assert.ok(await failing.page.locator('main article h1').count() === 1, 'the prerendered story is still there');
  await undo();
  await banner.getByRole('button', { name: 'Try again' }).click();
  await failing.page.waitForFunction(() => document.documentElement.dataset.gazette === 'live');
  assert.equal(await failing.page.locator('.load-failure').count(), 0);
  assert.deepEqual(await storyBody(failing.page), drawn);
  assert.ok(!failing.page.problems.some((p) => p.startsWith('pageerror')), 'no panic');
  await failing.page.context().close();
});
