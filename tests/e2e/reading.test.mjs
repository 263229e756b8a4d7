// The reading path: front page, a story, a topic, not found, history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForPage, realProblems, goLive } from './support.mjs';
import { siteUnderTest } from './site-fixture.mjs';

const site = siteUnderTest();

test('the front page lists stories and a click opens one', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/'));
  await waitForPage(page);
  assert.match(await page.title(), /Caldera University News/);
  const headlines = page.locator('main .card-headline a');
  assert.ok((await headlines.count()) >= 10, 'lead, latest and topic sections');
  const first = headlines.first();
  const title = (await first.textContent()).trim();
  const href = await first.getAttribute('href');
  assert.match(href, /^\/articles\/[a-z0-9-]+\/$/);
  await first.click();
  await page.waitForURL((url) => url.pathname === href);
  await page.waitForSelector('article h1');
  assert.equal((await page.locator('h1').count()), 1);
  assert.equal((await page.locator('article h1').textContent()).trim(), title);
  assert.match(await page.title(), new RegExp(title.slice(0, 20)));
  assert.deepEqual(realProblems(page), []);
});

test('an article loads directly with its metadata, photos and credits', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/articles/year-of-global-partnerships/'));
  await page.waitForSelector('article h1');
  assert.equal(await page.locator('article h1').textContent(), 'Caldera launches its Year of Global Partnerships');
  const meta = await page.locator('.article-meta').textContent();
  assert.match(meta, /University News/);
  assert.match(meta, /November 24, 2026/);
  assert.match(meta, /1,873 views/);
  assert.match(meta, /min read/);
  assert.equal(await page.locator('.article-meta .meta-date time').getAttribute('datetime'), '2026-11-24T10:00:00+08:00');
  assert.ok((await page.locator('article figure img').count()) >= 2);
  for (const img of await page.locator('article figure img').all()) {
    assert.ok(await img.getAttribute('width'), 'every photo has a width');
    assert.ok(await img.getAttribute('height'), 'and a height');
  }
  const credits = await page.locator('.credits').textContent();
  assert.match(credits, /Draft: XU Lan/);
  assert.match(credits, /Revision: CHENG Wei/);
  assert.deepEqual(realProblems(page), []);
});

test('a topic page lists its stories; Back and Forward work', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/'));
  await waitForPage(page);
  await page.locator('.topic-nav a', { hasText: 'Research' }).click();
  await page.waitForURL(/\/topics\/research\/$/);
  await page.waitForSelector('main h1:text("Research")');
  assert.equal(await page.locator('.topic-nav a[aria-current=page]').textContent(), 'Research');
  assert.equal(await page.locator('main .card').count(), 3);
  await page.locator('main .card-headline a').first().click();
  await page.waitForSelector('article h1');
  await page.goBack();
  await page.waitForSelector('main h1:text("Research")');
  await page.goForward();
  await page.waitForSelector('article h1');
  await page.goBack();
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/');
  assert.deepEqual(realProblems(page), []);
});

test('unknown paths, topics and stories show a not-found page with ways back', async () => {
  const page = await openPage(site.browser);
  for (const path of ['/no/such/page', '/topics/nope/', '/articles/nope/', '/topics/research/?page=9', '/topics/research/?page=zero']) {
    await goLive(page, site.server.url(path));
    await page.waitForSelector('main h1');
    assert.equal(await page.locator('main h1').textContent(), 'Page not found', path);
    assert.equal(await page.locator('.not-found a[href="/"]').count(), 1, path);
    assert.ok((await page.locator('.not-found .topic-list a').count()) >= 6, path);
  }
});
