// The reading experience: titles and descriptions per route, pagination,
// scroll memory, the phone menu, print, dark mode and a steady layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, openPage, realProblems, goLive, waitForPage } from './support.mjs';
import { siteUnderTest } from './site-fixture.mjs';

const SAMPLE = JSON.parse(readFileSync(path.join(DIST, 'feed.json'), 'utf8'));
const SITE = SAMPLE.title;

const site = siteUnderTest();

const description = (page) => page.evaluate(() => document.querySelector('meta[name=description]')?.content);

test('every route has its own title and description', async () => {
  const page = await openPage(site.browser);
  const cases = [
    ['/', SITE, SAMPLE.description],
    ['/topics/research/', `Research – ${SITE}`, "Findings from Caldera's laboratories, clinics and field sites."],
    ['/articles/rover-reads-gravel/', `Robotics lab teaches a rover to read the ground beneath it – ${SITE}`, /^A rover that can tell gravel from grass/],
    ['/nowhere', `Page not found – ${SITE}`, null],
  ];
  for (const [route, title, desc] of cases) {
    await goLive(page, site.server.url(route));
    await page.waitForSelector('main h1', { state: 'attached' });
    await page.waitForFunction((t) => document.title === t, title);
    if (typeof desc === 'string') assert.equal(await description(page), desc, route);
    if (desc instanceof RegExp) assert.match(await description(page), desc, route);
    assert.equal(await page.locator('head title').count(), 1, `${route}: one <title>`);
    assert.ok((await page.locator('head meta[name=description]').count()) <= 1, `${route}: one description`);
  }
  // In-app navigation updates both.
  await goLive(page, site.server.url('/'));
  await page.waitForSelector('.lead-story');
  await page.locator('.topic-nav a', { hasText: 'Student Life' }).click();
  await page.waitForFunction((t) => document.title === t, `Student Life – ${SITE}`);
  assert.equal(await description(page), 'Clubs, campus life and what students make of it.');
  assert.deepEqual(realProblems(page), []);
});

/** The sample feed with 30 stories in Research, to page through without an archive. */
function longTopicFeed() {
  const feed = structuredClone(SAMPLE);
  const template = feed.items.find((i) => i._gazette.topic === 'research');
  for (let i = 0; i < 27; i++) {
    const copy = structuredClone(template);
    copy.id = `extra-${i}`;
    copy.title = `Extra research story ${i}`;
    copy.date_published = new Date(Date.UTC(2026, 5, 28 - i)).toISOString();
    copy._gazette.slug = `extra-research-${i}`;
    feed.items.push(copy);
  }
  return JSON.stringify(feed);
}

test('a topic pages through its stories', async () => {
  const page = await openPage(site.browser);
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: longTopicFeed() }));
  await goLive(page, site.server.url('/topics/research/'));
  await page.waitForSelector('.pagination');
  assert.equal(await page.locator('main .card').count(), 12);
  assert.equal(await page.locator('.page-status').textContent(), 'Page 1 of 3');
  assert.equal(await page.locator('.pagination [aria-current=page]').textContent(), '1');
  assert.equal(await page.locator('a[rel=prev]').count(), 0);
  // Newest first: the sample's own research stories lead.
  assert.equal(await page.locator('main .card-headline a').first().textContent(), 'Eye-imaging model spots early signs of retinal disease');

  await page.locator('a[rel=next]').click();
  await page.waitForSelector('.page-status:text("Page 2 of 3")');
  assert.equal(new URL(page.url()).search, '?page=2');
  assert.equal(await page.title(), `Research, page 2 – ${SITE}`);
  assert.equal(await page.locator('main h1').textContent(), 'Research');
  await page.locator('.pagination a', { hasText: '3' }).click();
  await page.waitForSelector('.page-status:text("Page 3 of 3")');
  assert.equal(await page.locator('main .card').count(), 6);
  assert.equal(await page.locator('a[rel=next]').count(), 0);
  await page.locator('a[rel=prev]').click();
  await page.waitForSelector('.page-status:text("Page 2 of 3")');
  await page.goBack();
  await page.waitForSelector('.page-status:text("Page 3 of 3")');

  await goLive(page, site.server.url('/topics/research/?page=4'));
  await page.waitForSelector('main h1:text("Page not found")');
  await page.context().close();
});

test('links start a page at the top; Back returns to where the reader was', async () => {
  const page = await openPage(site.browser, { viewport: { width: 1280, height: 700 } });
  await goLive(page, site.server.url('/articles/library-cat-mochi/'));
  // The reader scrolls down to a link; clicking must not move the page
  // further, so the position to come back to is the one read here.
  const link = page.locator('.related .card-headline a').first();
  await link.scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
  const readerWasAt = await page.evaluate(() => scrollY);
  assert.ok(readerWasAt > 600, `the link sits far down the page (${readerWasAt})`);
  const nextTitle = await link.textContent();
  await link.click();
  await page.waitForFunction(() => location.pathname !== '/articles/library-cat-mochi/');
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, nextTitle.trim());
  await page.waitForFunction(() => scrollY === 0, null, { timeout: 3000 });
  await page.goBack();
  await page.waitForFunction(() => location.pathname === '/articles/library-cat-mochi/');
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2, readerWasAt, { timeout: 3000 });
  await page.goForward();
  await page.waitForSelector('article h1');
  await page.waitForFunction(() => scrollY === 0);
  await page.context().close();
});

test('a reload, or Back from another site, returns to where the reader was', async () => {
  const page = await openPage(site.browser, { viewport: { width: 1280, height: 700 } });
  await goLive(page, site.server.url('/articles/library-cat-mochi/'));
  await page.locator('.credits').scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
  const readerWasAt = await page.evaluate(() => scrollY);
  assert.ok(readerWasAt > 600, `the credits sit far down the page (${readerWasAt})`);
  await page.reload();
  await waitForPage(page);
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2, readerWasAt, { timeout: 3000 });
  // A whole other page (another site, as far as the browser knows), then Back.
  await page.goto(site.server.url('/feed.json'));
  await page.goBack();
  await waitForPage(page);
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2, readerWasAt, { timeout: 3000 });
  // A link to the same story starts at the top, as any link does.
  await page.goto(site.server.url('/articles/library-cat-mochi/'));
  await waitForPage(page);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => scrollY), 0);
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('on a phone the topics sit behind a menu button', async () => {
  const page = await openPage(site.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await goLive(page, site.server.url('/'));
  await page.waitForSelector('.lead-story');
  const menu = page.getByRole('button', { name: 'Topics' });
  const nav = page.locator('#topic-nav');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await nav.isVisible(), false);
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  assert.ok(await nav.isVisible());
  await nav.getByRole('link', { name: 'Art & Culture' }).click();
  await page.waitForSelector('main h1:text("Art & Culture")');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'a new page closes the menu');
  assert.equal(await nav.isVisible(), false);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.equal(overflow, 0, 'nothing scrolls sideways');
  await page.context().close();
});

test('an article prints without navigation, with its photos and captions', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/articles/old-library-reopens/'));
  await page.waitForSelector('article h1');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.topic-nav', '.search-form', '.site-footer', '.related', '.story-nav']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is hidden in print`);
  }
  assert.ok(await page.locator('article h1').isVisible());
  assert.ok(await page.locator('article figcaption').first().isVisible());
  assert.ok(await page.locator('.credits').isVisible());
  await page.context().close();
});

test('dark mode follows the system setting', async () => {
  const page = await openPage(site.browser, { colorScheme: 'dark' });
  await goLive(page, site.server.url('/articles/old-library-reopens/'));
  await page.waitForSelector('article h1');
  const [background, text] = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return [style.backgroundColor, style.color];
  });
  assert.equal(background, 'rgb(18, 19, 20)');
  assert.equal(text, 'rgb(236, 235, 232)');
  await page.context().close();
});

test('an article page does not shift while its photos load', async () => {
  const page = await openPage(site.browser, { viewport: { width: 390, height: 844 } });
  // Slow photos make any missing size show up as a shift.
  await page.route('**/images/**', async (r) => { await new Promise((ok) => setTimeout(ok, 300)); await r.continue(); });
  await goLive(page, site.server.url('/articles/retina-model-early-signs/'));
  await page.waitForSelector('article h1');
  await page.evaluate(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
    }).observe({ type: 'layout-shift' });
  });
  await page.waitForLoadState('networkidle');
  for (let y = 0; y < 4000; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(120);
  }
  await page.waitForLoadState('networkidle');
  const cls = await page.evaluate(() => window.__cls);
  assert.ok(cls < 0.001, `cumulative layout shift while photos load: ${cls}`);
  await page.context().close();
});
