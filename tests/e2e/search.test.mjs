// Search on the sample site: results as the reader types, the address in
// step, highlighting, the topic filter, keyboard moves and the empty states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, goLive, realProblems } from './support.mjs';
import { siteUnderTest } from './site-fixture.mjs';

const site = siteUnderTest();

const headlines = (page) => page.locator('.search-result-headline').allTextContents();
const marks = (page) => page.locator('.search-results mark').allTextContents();
const countText = (page) => page.locator('.search-count').textContent();

test('results follow typing; the address follows in one history entry; focus stays in the box', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/'));
  await page.locator('#site-search').fill('moon');
  await page.locator('#site-search').press('Enter');
  await page.waitForSelector('.search-result');
  const entries = await page.evaluate(() => history.length);
  const box = page.locator('#search-query');
  assert.equal(await box.inputValue(), 'moon');
  await box.click();
  await box.press('End');
  await box.pressSequentially(' lant', { delay: 30 });
  await page.waitForURL((url) => url.searchParams.get('q') === 'moon lant');
  await page.waitForFunction(() => document.querySelector('.search-count')?.textContent.includes('moon lant'));
  assert.deepEqual(await headlines(page), ['Exchange students bring a moon festival to campus']);
  assert.equal(await page.evaluate(() => history.length), entries, 'typing replaces the entry');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-query', 'focus stays while typing');
  assert.match(await page.locator('[role=status]:not(.route-announcer)').first().textContent(), /1 story matches “moon lant”/);
  // Back leaves the search in one step.
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/');
  await page.waitForSelector('.lead-story');
  // Forward brings the last query back, box and results.
  await page.goForward();
  await page.waitForSelector('.search-result');
  assert.equal(await box.inputValue(), 'moon lant');
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('a shared search address shows its results, headline matches first, matched words marked', async () => {
  const page = await openPage(site.browser);
  // The feed comes late, as on a slow line: the page is titled before it
  // is read, and must still name the site once it is.
  await page.route('**/feed.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await goLive(page, site.server.url('/search/?q=library'));
  await page.waitForSelector('.search-result');
  const found = await headlines(page);
  assert.ok(found.length >= 3, found.join(' | '));
  const inHeadline = found.map((h) => /library/i.test(h));
  assert.deepEqual(inHeadline, [...inHeadline].sort((a, b) => b - a), `headline matches lead: ${found.join(' | ')}`);
  assert.ok((await marks(page)).every((m) => /^library$/i.test(m)), (await marks(page)).join(','));
  assert.equal(await page.title(), 'Search: library – Caldera University News');
  assert.equal(await page.locator('h1').count(), 1);
  await page.context().close();
});

test('folding, prefixes, phrases and Chinese character sequences', async () => {
  const page = await openPage(site.browser);
  const search = async (q) => {
    await goLive(page, site.server.url(`/search/?q=${encodeURIComponent(q)}`));
    await page.waitForSelector('.search-count');
    return { headlines: await headlines(page), marks: await marks(page) };
  };
  const cafe = await search('CAFE');
  assert.ok(cafe.marks.some((m) => m === 'Café' || m === 'café'), `accents fold: ${cafe.marks}`);
  const prefix = await search('telesc');
  assert.ok(prefix.headlines.length >= 1 && prefix.marks.every((m) => /^telesc/i.test(m)), `${prefix.marks}`);
  const phrase = await search('"full moon"');
  assert.ok(phrase.headlines.includes('Exchange students bring a moon festival to campus'));
  assert.ok(phrase.marks.every((m) => /^full moon$/i.test(m)), `${phrase.marks}`);
  const reversed = await search('"moon full"');
  assert.deepEqual(reversed.headlines, [], 'a phrase keeps its order');
  const chinese = await search('赏月');
  assert.deepEqual(chinese.headlines, ['Exchange students bring a moon festival to campus']);
  assert.deepEqual(chinese.marks, ['赏月'], 'the excerpt is the passage that matched');
  const both = await search('月亮 telescopes');
  assert.deepEqual(both.headlines, ['Exchange students bring a moon festival to campus'], 'every term required');
  await page.context().close();
});

test('the topic filter narrows the results and counts each topic', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/search/?q=the'));
  await page.waitForSelector('.search-topics');
  const all = await page.locator('.search-topics a').first();
  assert.match(await all.textContent(), /All topics/);
  assert.equal(await all.getAttribute('aria-current'), 'page');
  const research = page.locator('.search-topics a', { hasText: 'Research' });
  const expected = Number(await research.locator('.search-topic-count').textContent());
  await research.click();
  await page.waitForURL((url) => url.searchParams.get('topic') === 'research');
  await page.waitForFunction(() => document.querySelector('.search-count')?.textContent.includes('in Research'));
  assert.equal(await page.locator('.search-result').count(), expected);
  const topics = await page.locator('.search-result-topic').allTextContents();
  assert.ok(topics.every((t) => t === 'Research'), topics.join(','));
  assert.equal(await page.locator('.search-topics a[aria-current=page]').textContent().then((t) => t.trim().startsWith('Research')), true);
  // Typing keeps the filter.
  await page.locator('#search-query').fill('the retina');
  await page.waitForURL((url) => url.searchParams.get('q') === 'the retina' && url.searchParams.get('topic') === 'research');
  await page.context().close();
});

test('arrow keys move between results and back to the box; Enter opens a story', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/search/?q=the'));
  await page.waitForSelector('.search-result');
  await page.locator('#search-query').focus();
  const focused = () => page.evaluate(() => document.activeElement.closest('.search-result')?.querySelector('h2')?.textContent ?? document.activeElement.id);
  const titles = await headlines(page);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), titles[0]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), titles[1]);
  await page.keyboard.press('End');
  assert.equal(await focused(), titles.at(-1));
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'search-query');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 'search-query');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('article h1');
  assert.equal(await page.locator('article h1').textContent(), titles[0]);
  await page.context().close();
});

test('clear empty, no-result and more-results states', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/search/'));
  await page.waitForSelector('.search-count');
  assert.equal(await countText(page), 'Type to search 24 stories.');
  assert.equal(await page.locator('.search-result').count(), 0);
  await page.locator('#search-query').fill('zzqx');
  await page.waitForFunction(() => document.querySelector('.search-count')?.textContent.startsWith('No stories'));
  assert.equal(await countText(page), 'No stories match “zzqx”.');
  assert.ok(await page.locator('.search-tips').isVisible());
  await page.locator('#search-query').fill('a');
  await page.waitForSelector('.search-more');
  const total = Number((await countText(page)).match(/^(\d+) stories/)[1]);
  assert.ok(total > 20, `${total}`);
  assert.equal(await page.locator('.search-result').count(), 20);
  await page.locator('.search-more').click();
  await page.waitForFunction((n) => document.querySelectorAll('.search-result').length === n, total);
  assert.equal(await page.locator('.search-more').count(), 0);
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('the search page has one search box: the header\'s steps aside there, prerendered and live', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await openPage(site.browser, { javaScriptEnabled });
    if (javaScriptEnabled) await goLive(page, site.server.url('/search/?q=moon'));
    else await page.goto(site.server.url('/search/?q=moon'));
    assert.equal(await page.locator('input[type=search]:visible').count(), 1);
    assert.equal(await page.locator('#search-query').isVisible(), true);
    assert.equal(await page.locator('header .search-form').isHidden(), true);
    if (javaScriptEnabled) {
      // Everywhere else the header's box is back.
      await page.locator('.site-title').click();
      await page.waitForSelector('.lead-story');
      assert.equal(await page.locator('#site-search').isVisible(), true);
    }
    await page.context().close();
  }
});
