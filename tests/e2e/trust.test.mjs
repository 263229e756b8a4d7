// What tells a reader how far to trust a story: when it was updated, what
// was corrected, and how old it is. The same with JavaScript on and off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, goLive, realProblems } from './support.mjs';
import { siteUnderTest } from './site-fixture.mjs';

const site = siteUnderTest();

/** Opens `route` live (the app's page) or as prerendered HTML with JavaScript off. */
async function open(route, javaScript) {
  const page = await openPage(site.browser, { javaScriptEnabled: javaScript });
  if (javaScript) await goLive(page, site.server.url(route));
  else await page.goto(site.server.url(route));
  return page;
}

for (const javaScript of [true, false]) {
  const how = javaScript ? 'live' : 'with JavaScript off';

  test(`a story updated after publication says when, beside its date and in its JSON-LD (${how})`, async () => {
    const page = await open('/articles/year-of-global-partnerships/', javaScript);
    const updated = page.locator('.article-meta .meta-updated');
    assert.equal(await updated.textContent(), 'Updated November 24, 2026, 16:45');
    assert.equal(await updated.locator('time').getAttribute('datetime'), '2026-11-24T16:45:00+08:00');
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').first().textContent());
    assert.equal(ld.dateModified, '2026-11-24T16:45:00+08:00');
    // A story never modified, or modified within five minutes, says nothing.
    await page.goto(site.server.url('/articles/library-cat-mochi/'));
    if (javaScript) await page.waitForSelector('html[data-gazette=live]');
    assert.equal(await page.locator('.meta-updated').count(), 0);
    if (javaScript) assert.deepEqual(realProblems(page), []);
    await page.context().close();
  });

  test(`a correction closes the story it corrects (${how})`, async () => {
    const page = await open('/articles/retina-model-early-signs/', javaScript);
    const corrections = page.locator('article .corrections');
    assert.equal(await corrections.locator('h2').textContent(), 'Correction');
    assert.equal(await corrections.getAttribute('aria-labelledby'), 'corrections-heading');
    assert.match(await corrections.locator('li').textContent(), /^November 21, 2026 An earlier version of this story said the model was tested at three hospitals\./);
    assert.equal(await corrections.locator('time').getAttribute('datetime'), '2026-11-21T09:30:00+08:00');
    // After the story's text and photos, before its credits.
    assert.equal(await page.evaluate(() => {
      const aside = document.querySelector('article .corrections');
      return aside.previousElementSibling.matches('.story-body, .gallery') && aside.nextElementSibling.matches('.story-footer');
    }), true);
    await page.context().close();
  });

  test(`a story two years old or more says how old it is, before anything else (${how})`, async () => {
    const page = await open('/articles/lisbon-summer-school/', javaScript);
    const years = Math.floor((Date.now() - Date.parse('2023-09-05T13:00:00+08:00')) / (365.2425 * 86_400_000));
    const note = page.locator('article > .age-note');
    assert.equal(await note.getAttribute('role'), 'note');
    assert.equal(await note.textContent(), `This story is more than ${years} years old.`);
    assert.equal(await page.evaluate(() => document.querySelector('article').firstElementChild.className), 'age-note');
    await page.goto(site.server.url('/articles/year-of-global-partnerships/'));
    assert.equal(await page.locator('.age-note').count(), 0, 'a recent story carries no note');
    await page.context().close();
  });
}

for (const javaScript of [true, false]) {
  const how = javaScript ? 'live' : 'with JavaScript off';

  test(`bylines and credits lead to people's pages: name, avatar, own page, their stories newest first (${how})`, async () => {
    const page = await open('/articles/retina-model-early-signs/', javaScript);
    const byline = page.locator('.story-footer .byline a');
    assert.deepEqual(await byline.allTextContents(), ['Amara OKAFOR', 'Caldera University News Office']);
    const credit = page.locator('.story-footer .credits a', { hasText: 'WANG Hao' });
    assert.equal(await credit.getAttribute('href'), '/people/wang-hao/');
    // Authors are Persons in the structured data, with their page here.
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').first().textContent());
    assert.deepEqual(ld.author[0], { '@type': 'Person', name: 'Amara OKAFOR', url: 'https://news.caldera.example.edu/people/amara-okafor/', sameAs: 'https://news.caldera.example.edu/staff/amara-okafor/' });

    if (javaScript) {
      await byline.first().click();
      await page.waitForSelector('main h1:text("Amara OKAFOR")');
    } else {
      await page.goto(site.server.url('/people/amara-okafor/'));
    }
    assert.equal(await page.locator('main h1').textContent(), 'Amara OKAFOR');
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('.person-avatar').getAttribute('src'), '/images/avatar-amara-okafor.svg');
    assert.equal(await page.locator('.person-avatar').getAttribute('alt'), '', 'the heading names them');
    assert.equal(await page.locator('.person-own-page a').getAttribute('href'), 'https://news.caldera.example.edu/staff/amara-okafor/');
    assert.equal(await page.locator('.page-count').textContent(), '6 stories');
    const dates = await page.locator('main .card time').evaluateAll((times) => times.map((t) => Date.parse(t.getAttribute('datetime'))));
    assert.equal(dates.length, 6);
    assert.deepEqual(dates, [...dates].sort((a, b) => b - a), 'newest first');
    const about = JSON.parse(await page.locator('script[type="application/ld+json"]').first().textContent());
    assert.equal(about['@type'], 'CollectionPage');
    assert.deepEqual(about.about, { '@type': 'Person', name: 'Amara OKAFOR', url: 'https://news.caldera.example.edu/people/amara-okafor/', sameAs: 'https://news.caldera.example.edu/staff/amara-okafor/' });
    assert.equal(about.mainEntity.itemListElement.length, 6);

    // Paginated like a topic (the app draws pages after the first, as for topics).
    if (javaScript) {
      await page.goto(site.server.url('/people/caldera-university-news-office/?page=2'));
      await page.waitForSelector('html[data-gazette=live]');
      assert.equal(await page.locator('main h1').textContent(), 'Caldera University News Office');
      assert.equal(await page.locator('.pagination [aria-current=page]').textContent(), '2');
      assert.equal(await page.locator('main .card').count(), 24 - 12);
    }
    // Someone named only in credits has a page too.
    await page.goto(site.server.url('/people/xu-lan/'));
    if (javaScript) await page.waitForSelector('html[data-gazette=live]');
    assert.equal(await page.locator('main h1').textContent(), 'XU Lan');
    assert.equal(await page.locator('.person-avatar').count(), 0, 'no avatar where the feed gives none');
    if (javaScript) {
      await page.goto(site.server.url('/people/nobody-at-all/'));
      await page.waitForSelector('main h1:text("Page not found")');
      assert.deepEqual(realProblems(page), []);
    }
    await page.context().close();
  });
}

test('each topic has its own JSON Feed and RSS feed, linked from its page; the news sitemap is listed for robots', async () => {
  const page = await openPage(site.browser, { javaScriptEnabled: false });
  await page.goto(site.server.url('/topics/research/'));
  const json = page.locator('link[rel=alternate][type="application/feed+json"][href$="topics/research/feed.json"]');
  const rss = page.locator('link[rel=alternate][type="application/rss+xml"][href$="topics/research/feed.xml"]');
  assert.equal(await json.getAttribute('title'), 'Research – Caldera University News');
  assert.equal(await rss.count(), 1);
  const feed = await (await page.request.get(site.server.url('/topics/research/feed.json'))).json();
  assert.equal(feed.title, 'Research – Caldera University News');
  assert.ok(feed.items.length === 3 && feed.items.every((i) => i._gazette.topic === 'research'), JSON.stringify(feed.items.map((i) => i._gazette)));
  const xml = await (await page.request.get(site.server.url('/topics/research/feed.xml'))).text();
  assert.equal((xml.match(/<item>/g) || []).length, feed.items.length);
  const robots = await (await page.request.get(site.server.url('/robots.txt'))).text();
  assert.match(robots, /Sitemap: https:\/\/news\.caldera\.example\.edu\/sitemap-news\.xml/);
  const news = await page.request.get(site.server.url('/sitemap-news.xml'));
  assert.equal(news.status(), 200);
  assert.match(await news.text(), /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
  // The app's head keeps the links once it has taken over.
  const live = await openPage(site.browser);
  await goLive(live, site.server.url('/topics/research/'));
  assert.equal(await live.locator('link[rel=alternate][type="application/feed+json"][href$="topics/research/feed.json"]').count(), 1);
  await live.context().close();
  await page.context().close();
});

test('link previews read the headline alone, search engines may show photos large, structured data names the largest photo', async () => {
  const page = await openPage(site.browser, { javaScriptEnabled: false });
  const meta = (selector) => page.locator(selector).first().getAttribute('content');
  await page.goto(site.server.url('/articles/year-of-global-partnerships/'));
  assert.equal(await meta('meta[property="og:title"]'), 'Caldera launches its Year of Global Partnerships');
  assert.equal(await meta('meta[name="twitter:title"]'), 'Caldera launches its Year of Global Partnerships');
  assert.equal(await meta('meta[property="og:site_name"]'), 'Caldera University News');
  assert.match(await page.title(), / – Caldera University News$/, 'the page title keeps the site name');
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').first().textContent());
  assert.deepEqual(ld.image, ['https://news.caldera.example.edu/images/partnerships-hall-1440.jpg']);
  for (const route of ['/', '/topics/research/', '/topics/', '/latest/', '/articles/library-cat-mochi/', '/search/', '/zh/']) {
    await page.goto(site.server.url(route));
    assert.match(await meta('meta[name="robots"]'), /max-image-preview:large/, route);
  }
  await page.context().close();
  // The app's own head says the same once it has taken over.
  const live = await openPage(site.browser);
  await goLive(live, site.server.url('/articles/year-of-global-partnerships/'));
  assert.equal(await live.locator('meta[property="og:title"]').getAttribute('content'), 'Caldera launches its Year of Global Partnerships');
  assert.equal(await live.locator('meta[name="robots"]').count(), 1);
  await live.context().close();
});

test('the ten stories read most, most first, on the front page and after every story, with JavaScript on and off', async () => {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const { DIST } = await import('./support.mjs');
  const feed = JSON.parse(readFileSync(path.join(DIST, 'feed.json'), 'utf8'));
  const expected = feed.items
    .filter((i) => i._gazette?.views != null)
    .map((i, n) => ({ title: i.title, views: i._gazette.views, n }))
    .sort((a, b) => b.views - a.views || a.n - b.n)
    .slice(0, 10)
    .map((i) => i.title);
  for (const javaScript of [true, false]) {
    for (const route of ['/', '/articles/lisbon-summer-school/']) {
      const page = await open(route, javaScript);
      const list = page.locator('.most-read ol');
      assert.equal(await page.locator('#most-read-heading').textContent(), 'Most read');
      assert.deepEqual(await list.locator('li > a').allTextContents(), expected, `${route} ${javaScript ? 'live' : 'prerendered'}`);
      assert.equal(await list.locator('li').first().locator('.most-read-views').textContent(), '9,812 views');
      await page.context().close();
    }
  }
});

test('share a story or one of its photos: the share sheet where there is one, else the link copied and announced', async () => {
  const url = site.server.url('/articles/observatory-deep-sky-night/');
  // Chromium on Linux has no share sheet: the link is copied.
  const page = await openPage(site.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await goLive(page, url);
  await page.locator('.story-header .share-button').click();
  await page.waitForFunction(() => document.querySelector('.story-header .share-status').textContent === 'Link copied');
  assert.equal(await page.locator('.story-header .share-status').getAttribute('aria-live'), 'polite');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  // A photo's own address, from the viewer.
  await page.locator('.photo-open').nth(1).click();
  await page.waitForSelector('dialog.viewer[open]');
  const photoShare = page.locator('.viewer-slide').nth(1).locator('.share-button');
  assert.equal(await photoShare.getAttribute('aria-label'), 'Share photo 2');
  await photoShare.click();
  await page.waitForFunction(() => document.querySelectorAll('.viewer-slide')[1].querySelector('.share-status').textContent === 'Link copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${url}#photo-2`);
  assert.deepEqual(realProblems(page), []);
  await page.context().close();

  // Where the browser has a share sheet, it gets the headline and the address.
  const sheet = await openPage(site.browser);
  await sheet.addInitScript(() => {
    navigator.share = async (data) => { window.__shared = data; };
  });
  await goLive(sheet, url);
  await sheet.locator('.story-header .share-button').click();
  await sheet.waitForFunction(() => window.__shared);
  assert.deepEqual(await sheet.evaluate(() => window.__shared), { title: 'Photos: a deep-sky night at the university observatory', url });
  await sheet.context().close();

  // Without JavaScript there is nothing to press.
  const still = await openPage(site.browser, { javaScriptEnabled: false });
  await still.goto(url);
  assert.equal(await still.locator('.story-header .share-button').isVisible(), false);
  await still.context().close();
});
