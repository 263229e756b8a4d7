// Accessibility: zero axe-core violations with every rule on (colour
// contrast included) on every page type and state, light and dark, on a
// phone and a desktop; landmarks and headings; focus and announcements on
// route changes; and a keyboard-only walk through the site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, ROOT, launch, openPage, goLive, waitForPage } from './support.mjs';
import { FONT_SETS, fontEnvironment, facesUsed } from './fonts.mjs';
import { axe } from './axe.mjs';
import { siteUnderTest } from './site-fixture.mjs';

const SAMPLE = JSON.parse(readFileSync(path.join(DIST, 'feed.json'), 'utf8'));

/** The sample feed with enough Research stories for a second page. */
function longTopicFeed() {
  const feed = structuredClone(SAMPLE);
  const template = feed.items.find((i) => i._gazette.topic === 'research');
  for (let i = 0; i < 12; i++) {
    const copy = structuredClone(template);
    copy.id = `extra-${i}`;
    copy.title = `More research, part ${i}`;
    copy.date_published = new Date(Date.UTC(2026, 5, 28 - i)).toISOString();
    copy._gazette.slug = `more-research-${i}`;
    feed.items.push(copy);
  }
  return JSON.stringify(feed);
}

/** The sample feed and one story written as Markdown tools write HTML: nested lists and quotes, a table, code, lazy photos. */
function nestedMarkdownFeed() {
  const feed = structuredClone(SAMPLE);
  feed.items.push({
    id: 'nested-markdown',
    title: 'The winter timetable, line by line',
    date_published: '2026-06-01T09:00:00+08:00',
    content_html: readFileSync(path.join(ROOT, 'tests/fixtures/nested-markdown.html'), 'utf8'),
    _gazette: { slug: 'winter-timetable', topic: 'university-news' },
  });
  return JSON.stringify(feed);
}

/** The sample feed and a story with a player, audio and video, as a CMS writes them. */
function playersFeed() {
  const feed = structuredClone(SAMPLE);
  feed.items.push({
    id: 'players',
    title: 'The campus radio goes on tour',
    date_published: '2026-06-02T09:00:00+08:00',
    content_html: '<p>The station recorded its first show away from the studio.</p>'
      + '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/abcdefghijk" title="The tour bus leaves campus"></iframe>'
      + '<iframe src="https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk" width="100%" height="152" title="Episode 1: on the road"></iframe>'
      + '<p>The first hour, as broadcast:</p><audio controls src="/media/tour-hour-one.mp3" title="The first hour"></audio>'
      + '<video controls poster="/images/tour-poster.jpg"><source src="/media/tour.mp4" type="video/mp4"></video>'
      + '<p>Listeners by week:</p><svg viewBox="0 0 320 160" role="img"><title>Listeners by week, up from 1,200 to 4,800</title>'
      + '<rect x="20" y="110" width="50" height="40" fill="#1b4d8c"/><rect x="95" y="80" width="50" height="70" fill="#1b4d8c"/>'
      + '<rect x="170" y="50" width="50" height="100" fill="#1b4d8c"/><rect x="245" y="10" width="50" height="140" fill="#1b4d8c"/>'
      + '<text x="20" y="158" font-size="10">Week 1</text><text x="245" y="158" font-size="10">Week 4</text></svg>',
    attachments: [{ url: '/media/tour-full.mp3', mime_type: 'audio/mpeg', title: 'The whole show', duration_in_seconds: 5400, size_in_bytes: 86400000 }],
    _gazette: { slug: 'radio-on-tour', topic: 'university-news' },
  });
  return JSON.stringify(feed);
}

/** A feed paged by `next_url` further back than the app reads by itself. */
function chainPage(number) {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: SAMPLE.title,
    items: [{ id: `chain-${number}`, title: `Chained story ${number}`, content_text: 'Text.', date_published: new Date(Date.UTC(2026, 10, 20) - number * 3600_000).toISOString() }],
    ...(number < 60 ? { next_url: `chain-${number + 1}.json` } : {}),
  });
}

const site = siteUnderTest({ bare: true });

/** Each state: a name, and how to bring it about on a fresh page. */
const STATES = [
  ['front page', (page) => goLive(page, site.server.url('/'))],
  ['topic page', (page) => goLive(page, site.server.url('/topics/research/'))],
  ['topic page 2', async (page) => {
    await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: longTopicFeed() }));
    await goLive(page, site.server.url('/topics/research/?page=2'));
    await page.waitForSelector('.page-status:text("Page 2 of 2")');
  }],
  ['article', (page) => goLive(page, site.server.url('/articles/observatory-deep-sky-night/'))],
  ['article with nested lists, a table and code', async (page) => {
    await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: nestedMarkdownFeed() }));
    await goLive(page, site.server.url('/articles/winter-timetable/'));
    await page.waitForSelector('.story-body table');
  }],
  ['article with embedded players, audio, video and a chart', async (page) => {
    await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: playersFeed() }));
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (r) => r.abort());
    await goLive(page, site.server.url('/articles/radio-on-tour/'));
    await page.waitForSelector('.story-body .embed + .embed');
    await page.waitForSelector('.story-body video');
    await page.waitForSelector('.story-body figure.graphic img[alt^="Listeners by week"]');
  }],
  ['all topics', (page) => goLive(page, site.server.url('/topics/'))],
  ['person page', (page) => goLive(page, site.server.url('/people/amara-okafor/'))],
  ['every story', (page) => goLive(page, site.server.url('/latest/'))],
  ['a story further back than the app looked', async (page) => {
    await page.route(/\/(feed|chain-\d+)\.json$/, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: chainPage(Number(r.request().url().match(/chain-(\d+)/)?.[1] ?? 1)) }));
    await page.goto(site.bareServer.url('/articles/chain-55/'));
    await page.waitForSelector('main h1:text("This story is further back")');
  }],
  ['photo viewer open', async (page) => {
    await goLive(page, site.server.url('/articles/observatory-deep-sky-night/#photo-2'));
    await page.waitForSelector('dialog.viewer[open]');
    await page.waitForFunction(() => !document.querySelectorAll('.viewer-frame')[1].classList.contains('waiting'));
  }],
  ['search with results', async (page) => {
    await goLive(page, site.server.url('/search/?q=library'));
    await page.waitForSelector('main .search-result mark');
  }],
  ['search without results', async (page) => {
    await goLive(page, site.server.url('/search/?q=zzzzqqq&topic=research'));
    await page.waitForSelector('main .search-tips');
  }],
  ['not found', (page) => goLive(page, site.server.url('/no/such/page'))],
  ['Chinese front page', (page) => goLive(page, site.server.url('/zh/'))],
  ['Chinese article', (page) => goLive(page, site.server.url('/zh/articles/observatory-deep-sky-night/'))],
  ['Chinese topic page', (page) => goLive(page, site.server.url('/zh/topics/research/'))],
  ['Chinese not found', (page) => goLive(page, site.server.url('/zh/no/such/page'))],
  ['Chinese search', async (page) => {
    await goLive(page, site.server.url('/zh/search/?q=图书馆'));
    await page.waitForSelector('main .search-result mark');
  }],
  ['feed error', async (page) => {
    await page.route('**/feed.json', (r) => r.fulfill({ status: 500, body: '' }));
    await page.goto(site.bareServer.url('/articles/newer-than-the-build/'));
    await page.waitForSelector('[role=alert]');
  }],
  ['feed error over a prerendered page', async (page) => {
    await page.route('**/feed.json', (r) => r.fulfill({ status: 500, body: '' }));
    await page.goto(site.server.url('/articles/library-cat-mochi/'));
    await page.waitForSelector('[role=alert]');
  }],
];

// Under each font set a reader's machine may have: a layout that passes
// with one set of faces and not another is a defect (tests/e2e/fonts.mjs).
for (const set of FONT_SETS) {
  let browser;
  test(`under the ${set.name} fonts (${set.standsFor}), Chromium draws with them`, async () => {
    browser = await launch({ env: fontEnvironment(set) });
    const page = await openPage(browser);
    await goLive(page, site.server.url('/articles/library-cat-mochi/'));
    const faces = { headline: await facesUsed(page, 'main h1'), text: await facesUsed(page, '.story-body p'), controls: await facesUsed(page, '.search-button') };
    console.log(`${set.name}: ${JSON.stringify(faces)}`);
    for (const [part, used] of Object.entries(faces)) {
      assert.ok(used.some((face) => set.faces.test(face)), `${set.name}: ${part} drawn in ${used.join(', ')}`);
    }
    await page.context().close();
  });
  for (const scheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      test(`no axe violation, every rule on: ${set.name} fonts, ${scheme}, ${width} px`, { timeout: 180_000 }, async () => {
        const failures = [];
        for (const [name, open] of STATES) {
          const page = await openPage(browser, { viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
          await open(page);
          const violations = await axe(page);
          if (violations.length) failures.push(`${name}:\n  ${violations.join('\n  ')}`);
          await page.context().close();
        }
        assert.deepEqual(failures, [], failures.join('\n'));
      });
    }
  }
  test(`every control that stands alone is 24 by 24 px by its own box: ${set.name} fonts`, async () => {
    const small = [];
    for (const width of [390, 1280]) {
      for (const route of ['/', '/articles/observatory-deep-sky-night/', '/people/amara-okafor/', '/search/?q=library', '/topics/', '/no/such/page', '/zh/', '/zh/articles/library-cat-mochi/']) {
        const page = await openPage(browser, { viewport: { width, height: 900 } });
        await goLive(page, site.server.url(route));
        small.push(...(await page.evaluate(() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex="0"]')]
          .filter((el) => {
            const box = el.getBoundingClientRect();
            if (!box.width || !box.height || el.closest('.visually-hidden, .skip-link, dialog:not([open])')) return false;
            // Links inside running text are exempt (WCAG 2.5.8, "inline").
            if (el.tagName === 'A' && el.closest('.story-body p, .story-body li, figcaption, .standfirst, .original-link')) return false;
            return box.height < 24 || box.width < 24;
          })
          .map((el) => `${location.pathname} ${innerWidth}px: ${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`))));
        await page.context().close();
      }
    }
    assert.deepEqual(small, [], `${set.name}: targets smaller than 24 by 24 by their own box`);
  });
  test(`the ${set.name} fonts' browser closes`, async () => {
    await browser?.close();
  });
}

test('landmarks, a skip link and one ordered heading outline on every page type', async () => {
  const page = await openPage(site.browser);
  for (const route of ['/', '/topics/', '/topics/art/', '/latest/', '/people/amara-okafor/', '/articles/library-cat-mochi/', '/search/?q=moon', '/no/such/page']) {
    await goLive(page, site.server.url(route));
    const outline = await page.evaluate(() => {
      const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => !h.closest('dialog'));
      return headings.map((h) => Number(h.tagName[1]));
    });
    assert.equal(outline.filter((l) => l === 1).length, 1, `${route}: one h1`);
    assert.equal(outline[0], 1, `${route}: the h1 comes first`);
    for (let i = 1; i < outline.length; i++) {
      assert.ok(outline[i] <= outline[i - 1] + 1, `${route}: heading level jumps from ${outline[i - 1]} to ${outline[i]}`);
    }
    assert.equal(await page.locator('header').first().evaluate((h) => h.closest('main') === null), true);
    assert.equal(await page.locator('main').count(), 1);
    assert.ok(await page.locator('nav[aria-label="Topics"]').count());
    assert.ok(await page.locator('footer.site-footer').count());
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  }
  // The skip link is the first thing Tab reaches, and it moves focus to the content.
  await goLive(page, site.server.url('/articles/library-cat-mochi/'));
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  assert.equal(await skip.evaluate((a) => a === document.activeElement), true);
  assert.ok(await skip.isVisible(), 'visible when focused');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main' || document.activeElement?.closest('main'));
  await page.context().close();
});

test('a route change moves focus to the new heading and announces the page', async () => {
  const page = await openPage(site.browser);
  await goLive(page, site.server.url('/'));
  await page.locator('.topic-nav a', { hasText: 'Research' }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Research');
  await page.waitForFunction(() => document.querySelector('[aria-live="polite"].route-announcer')?.textContent.includes('Research'));
  const announcer = page.locator('.route-announcer');
  assert.equal(await announcer.getAttribute('aria-live'), 'polite');
  assert.match(await announcer.textContent(), /^Research – Caldera University News$/);
  await page.locator('main .card-headline a').first().click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.closest('article'));
  assert.match(await announcer.textContent(), /Eye-imaging model/);
  // The focused heading shows a focus ring only for keyboard users; it never scrolls sideways.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('tabindex')), '-1');
  await page.context().close();
});

test('every control shows its focus, and is at least 24 by 24 pixels', async () => {
  const page = await openPage(site.browser, { viewport: { width: 390, height: 844 } });
  await goLive(page, site.server.url('/articles/observatory-deep-sky-night/'));
  const small = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const inText = el.tagName === 'A' && el.closest('p, li.meta-topic, figcaption, .credits') && !el.closest('nav, .card, .pagination');
      return { label: el.textContent.trim().slice(0, 30) || el.getAttribute('aria-label'), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, w: rect.width, h: rect.height, inText };
    });
    if (!info) continue;
    assert.ok(info.outline, `${info.label} has no visible focus outline`);
    if (!info.inText && (info.w < 24 || info.h < 24)) small.push(`${info.label} ${Math.round(info.w)}×${Math.round(info.h)}`);
  }
  assert.deepEqual(small, [], 'targets smaller than 24 by 24');
  await page.context().close();
});

test('nothing is lost at 320 px or at 200 % zoom', async () => {
  for (const [width, scale] of [[320, 1], [640, 2]]) {
    const page = await openPage(site.browser, { viewport: { width: width / scale, height: 700 }, deviceScaleFactor: scale });
    for (const route of ['/', '/topics/research/', '/articles/year-of-global-partnerships/', '/no/such/page']) {
      await goLive(page, site.server.url(route));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${route} at ${width / scale} px scrolls sideways`);
    }
    await page.context().close();
  }
});

test('a keyboard alone reads an article, opens and leaves the photo viewer, and changes topic', async () => {
  const page = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await goLive(page, site.server.url('/'));
  const tabTo = async (predicate, what, limit = 80) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(predicate)) return;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  // Read the lead story.
  await tabTo(() => document.activeElement?.closest('.lead-story .card-headline'), 'the lead story');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.closest('article'));
  const headline = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(headline, 'Caldera launches its Year of Global Partnerships');
  // Open the first photo, move, and leave.
  await tabTo(() => document.activeElement?.classList.contains('photo-open'), 'a photo');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog.viewer[open]');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.viewer-position').textContent === 'Photo 2 / 2');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog.viewer').open);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('photo-open')), true, 'focus is back on the photo');
  // Change topic from the navigation.
  await page.keyboard.press('Shift+Tab');
  await tabTo(() => document.activeElement?.textContent === 'Art & Culture' && document.activeElement.closest('footer, nav'), 'a topic link', 200);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Art & Culture');
  await page.context().close();
});
