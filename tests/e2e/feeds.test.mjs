// Every feed read right: with each real feed of ../shared/corpora/jsonfeed
// as the site's feed, every story's prerendered page (what a reader without
// JavaScript, a link preview or a crawler gets) and the page the app then
// draws are the same page, and taking over shifts nothing. Then a large
// feed with hundreds of tags, untagged stories, nested Markdown and Chinese
// titles; and a feed paged by `next_url` further back than the app follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST, startServer, launch, openPage, goLive, waitForPage, figure, realProblems } from './support.mjs';
import { gazetteBinary } from './archive-site.mjs';
import { offlinePage, prerenderedShape, liveShape, shapeOf, takeoverShift, storyAddresses, publish, structures, structureFaults } from './story-shape.mjs';
import { buildManyTagsSite, removeSite, TAGS } from './many-tags-site.mjs';

const CORPUS = path.join(ROOT, '../shared/corpora/jsonfeed');
// The front page of a feed with hundreds of topics shows at most eight
// sections: about four screens at 1280 px and seven on a phone.
export const FRONT_PAGE_HEIGHT = { 1280: 7000, 390: 9000 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('with every real feed of the corpus, each story is the same page prerendered and live, and taking over shifts nothing', { timeout: 600_000 }, async (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`SKIPPED: ${CORPUS} is absent (the shared corpora are not beside this clone)`);
    return;
  }
  const site = mkdtempSync(path.join(os.tmpdir(), 'gazette-corpus-'));
  cpSync(DIST, site, { recursive: true });
  const server = await startServer({ root: site, fallback: '404' });
  let stories = 0;
  let feeds = 0;
  const faults = [];
  let compared = 0;
  try {
    for (const name of readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort()) {
      const text = readFileSync(path.join(CORPUS, name), 'utf8');
      try {
        publish(site, text);
      } catch {
        // The two invalid feeds are refused by the build, as they should be,
        // and so is a feed with no story to show (never a build that
        // succeeds having published nothing).
        let validated;
        try {
          validated = execFileSync(gazetteBinary(), ['validate', path.join(CORPUS, name)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        } catch (failed) {
          validated = String(failed.stdout ?? '');
        }
        assert.ok(/invalid|TRUNCATED/.test(name) || / 0 stories read/.test(validated), `${name} was refused: ${validated}`);
        continue;
      }
      const addresses = storyAddresses(site);
      if (addresses.length === 0) continue;
      feeds += 1;
      const page = await offlinePage(browser);
      await goLive(page, server.url('/'));
      // Headings, list items and links as the browser's parser reads each story's HTML.
      const rows = await structures(browser, server, addresses);
      compared += rows.length;
      faults.push(...structureFaults(name, rows));
      for (const href of addresses) {
        const prerendered = await prerenderedShape(page, href);
        const live = await liveShape(page, href);
        assert.deepEqual(live, prerendered, `${name} ${decodeURI(href)}: the app drew another page than the prerendered one`);
        stories += 1;
      }
      await page.context().close();
      // The story with the most photos, and the first: a full load each.
      const withPhotos = addresses.map((href) => [href, (readFileSync(path.join(site, decodeURIComponent(href), 'index.html'), 'utf8').match(/<figure/g) ?? []).length]).sort((a, b) => b[1] - a[1])[0][0];
      for (const href of new Set([withPhotos, addresses[0]])) {
        const shifting = await offlinePage(browser, { viewport: { width: 390, height: 844 } });
        assert.equal(await takeoverShift(shifting, server.url(href)), 0, `${name} ${decodeURI(href)}: layout shift on takeover`);
        await shifting.context().close();
      }
    }
  } finally {
    await server.stop();
    rmSync(site, { recursive: true, force: true });
  }
  console.log(`corpus: ${stories} stories of ${feeds} feeds, prerendered and live the same`);
  figure(`structure: ${compared} JSON Feed stories, headings, list items and links as DOMParser reads their HTML; ${faults.length} differ`);
  assert.deepEqual(faults, [], 'stories whose structure differs from the browser\'s reading of their HTML');
  assert.ok(feeds >= 25 && stories >= 300, `${feeds} feeds, ${stories} stories`);
});

test('a feed with hundreds of tags: topics that scale, untagged stories listed, nested Markdown, tables and Chinese addresses read right', { timeout: 300_000 }, async () => {
  const site = buildManyTagsSite();
  const server = await startServer({ root: site, fallback: '404' });
  try {
    const feed = JSON.parse(readFileSync(path.join(site, 'feed.json'), 'utf8'));
    const topics = feed._gazette.topics;
    assert.ok(topics.length >= TAGS * 0.9, `${topics.length} topics`);

    // The front page: the largest topics, no more than a reader would scroll.
    for (const width of [1280, 390]) {
      const page = await offlinePage(browser, { viewport: { width, height: 900 } });
      await goLive(page, server.url('/'));
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      figure(`many tags: front page ${height} px tall at ${width} px (budget ${FRONT_PAGE_HEIGHT[width]})`);
      assert.ok(height <= FRONT_PAGE_HEIGHT[width], `${height} px at ${width} px`);
      assert.ok((await page.locator('.topic-section').count()) <= 8, 'at most eight sections');
      if (width === 1280) {
        const named = await page.locator('.topic-nav li a').allTextContents();
        assert.equal(named.length, 1 + 8, `Home and the eight largest topics: ${named}`);
        const largest = [...topics].sort((a, b) => b.count - a.count).slice(0, 8).map((t) => t.name);
        assert.deepEqual(named.slice(1), largest);
        assert.equal(await page.locator('.topic-nav .all-topics-link').getAttribute('href'), '/topics/');
      }
      await page.context().close();
    }

    const page = await offlinePage(browser);
    // Every topic, with its count, on one page.
    await goLive(page, server.url('/topics/'));
    assert.equal(await page.locator('.all-topics li').count(), topics.length);
    // The site is in French: its words are the French catalog's.
    assert.equal(feed.language, 'fr');
    const words = JSON.parse(readFileSync(path.join(ROOT, 'public/strings/fr.json'), 'utf8'));
    const first = await page.locator('.all-topics li').first().textContent();
    const counted = Object.values(words.stories).map((form) => form.replace('{n}', '[\\d\u202f\u00a0 ]+'));
    assert.match(first, new RegExp(`(${counted.join('|')})$`));
    // A story is in the topic of every tag it carries, not only its first.
    await goLive(page, server.url('/topics/fieldwork/'));
    assert.equal(await page.locator('main .card').count(), 1);
    assert.equal(await page.locator('main .card-headline a').getAttribute('href'), '/articles/story-3/');
    // An untagged story is on the list of every story.
    const untagged = feed.items.find((item) => !(item.tags ?? []).length);
    await goLive(page, server.url('/latest/'));
    assert.ok((await page.locator(`main .card-headline a[href="/articles/${untagged._gazette.slug}/"]`).count()) === 1, untagged.title);
    const pages = Math.ceil(feed._gazette.archive.total_items / 12);
    assert.equal(await page.locator('.pagination .page-status').textContent(), words.page_status.replace('{page}', '1').replace('{total}', pages));

    // Nested Markdown lists: as many items on the page as in the HTML.
    const nested = feed.items.find((item) => item.content_html.includes('<ol start="3">'));
    const href = `/articles/${nested._gazette.slug}/`;
    await goLive(page, server.url(href));
    const htmlItems = nested.content_html.match(/<li>/g).length;
    assert.equal(await page.locator('.story-body li').count(), htmlItems);
    assert.equal(await page.locator('.story-body ol[start="3"]').count(), 1);
    assert.equal(await page.locator('.story-body blockquote ul li').count(), 1, 'a list inside a quote inside a list');
    assert.deepEqual(await liveShape(page, `/articles/${feed.items[1]._gazette.slug}/`), await prerenderedShape(page, `/articles/${feed.items[1]._gazette.slug}/`));
    // A data table, in a frame a keyboard can scroll.
    const tabled = feed.items.find((item) => item.content_html.includes('<table>'));
    await goLive(page, server.url(`/articles/${tabled._gazette.slug}/`));
    assert.equal(await page.locator('.story-body .table-frame[role=region][tabindex="0"] table thead th[scope=col]').count(), 4);
    assert.equal(await page.locator('.story-body table tbody tr').count(), 3);
    // A lazy-loaded photo and its <noscript> fallback: one photo, the real one.
    const lazy = feed.items.find((item) => item.content_html.includes('data-src'));
    await goLive(page, server.url(`/articles/${lazy._gazette.slug}/`));
    assert.equal(await page.locator('.story-body figure').count(), 1);
    assert.match(await page.locator('.story-body figure img').getAttribute('src'), /\/images\/[a-z-]+-800\.jpg$/);

    // A Chinese title keeps its letters in the address.
    const chinese = feed.items.find((item) => item.title.startsWith('C++面试题'));
    const slug = chinese._gazette.slug;
    assert.match(slug, /^c-面试题-\d+$/);
    const address = `/articles/${encodeURIComponent(slug)}/`;
    await goLive(page, server.url(address));
    assert.equal(await page.locator('main h1').textContent(), chinese.title);
    assert.equal(new URL(page.url()).pathname, address);
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(server.url(address));
    assert.equal(await plain.locator('main h1').textContent(), chinese.title, 'prerendered under its own address');
    await noScript.close();
    await page.context().close();
  } finally {
    await server.stop();
    removeSite(site);
  }
});

/** A feed of `pages` pages of three stories each, chained by `next_url`, one story an hour back. */
function chainPage(number, pages) {
  const items = [0, 1, 2].map((k) => {
    const n = (number - 1) * 3 + k;
    return {
      id: `chain-${n}`,
      title: `Chained story ${n}`,
      content_text: `Story ${n} of a feed paged by next_url.`,
      date_published: new Date(Date.UTC(2026, 10, 20) - n * 3600_000).toISOString(),
      _gazette: { slug: `chain-${n}` },
    };
  });
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'The Long Chain',
    items,
    ...(number < pages ? { next_url: `chain-${number + 1}.json` } : {}),
  };
}

/** Serves the chain in place of the site's feed, each page after a short wait. */
async function serveChain(page, pages) {
  await page.route(/\/(feed|chain-(\d+))\.json$/, async (route) => {
    const match = route.request().url().match(/chain-(\d+)\.json$/);
    await new Promise((resolve) => setTimeout(resolve, 15));
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(chainPage(match ? Number(match[1]) : 1, pages)) });
  });
}

test('a deep link further back than the app follows shows progress, can stop, says how far it looked, and looks further on request', { timeout: 120_000 }, async () => {
  const server = await startServer({ fallback: '404' });
  try {
    const page = await openPage(browser);
    await serveChain(page, 60);
    // Story 170 is on page 57: past the first 50 pages the app reads by itself.
    await page.goto(server.url('/articles/chain-170/'));
    await page.waitForFunction(() => /^Looking through older stories: page \d+$/.test(document.querySelector('.looking-back p')?.textContent ?? ''));
    await page.waitForSelector('main h1:text("This story is further back")', { timeout: 60_000 });
    const said = await page.locator('.not-found p').first().textContent();
    assert.match(said, /the 150 most recent stories \(50 pages of the feed, back to November \d+, 2026\)/);
    assert.doesNotMatch(await page.locator('main').textContent(), /Page not found/);
    await page.locator('button:text("Look further back")').click();
    await page.waitForSelector('main h1:text("Chained story 170")', { timeout: 60_000 });

    // Stopping: the app says how far it got, and nothing else is fetched.
    const stopping = await openPage(browser);
    await serveChain(stopping, 60);
    await stopping.goto(server.url('/articles/chain-170/'));
    await stopping.locator('.looking-back button:text("Stop")').click();
    await stopping.waitForSelector('main h1:text("This story is further back")');
    const stoppedAt = await stopping.locator('.not-found p').first().textContent();
    assert.doesNotMatch(stoppedAt, /50 pages/, stoppedAt);
    await stopping.context().close();

    // Search reads as far back as a deep link does, says how much it
    // searched, and can go further back.
    await page.context().close();
    const searching = await openPage(browser);
    await serveChain(searching, 120);
    await goLive(searching, server.url('/search/?q=chained'));
    await searching.waitForSelector('.search-note');
    const before = await searching.locator('.search-note p').textContent();
    assert.match(before, /^Searched the 150 most recent stories \(50 pages of the feed, back to .+\), not the whole archive\.$/);
    await searching.locator('.search-note button:text("Search older stories")').click();
    await searching.waitForFunction((text) => document.querySelector('.search-note p')?.textContent !== text, before, { timeout: 60_000 });
    const further = await searching.locator('.search-note p').textContent();
    assert.match(further, /^Searched the 300 most recent stories \(100 pages of the feed/, further);
    assert.equal(await searching.locator('.search-count').textContent(), '300 stories match “chained”.');
    await searching.context().close();
  } finally {
    await server.stop();
  }
});

// A newsroom in Urdu (right to left) and one in Spanish: the prerendered
// page's `lang` and `dir` are final. The app must not set the catalog's
// language (English, left to right) while it reads the feed and then the
// feed's again: an RTL page would mirror twice as it starts.
const URDU = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'کیمپس خبریں',
  language: 'ur',
  home_page_url: 'https://news.example.edu/ur/',
  items: [
    { id: 'ur-1', title: 'لائبریری اب رات بھر کھلی رہے گی', content_html: '<p>امتحانات کے دوران لائبریری چوبیس گھنٹے کھلی رہے گی۔</p><p>طلبہ اپنا کارڈ ساتھ رکھیں۔</p>', date_published: '2026-11-30T09:00:00+05:00', tags: ['کیمپس'] },
    { id: 'ur-2', title: 'کشتی رانی کی ٹیم نے مقابلہ جیت لیا', content_html: '<p>ٹیم نے دریا پر پہلا انعام حاصل کیا۔</p>', date_published: '2026-11-29T18:00:00+05:00', tags: ['کھیل'] },
  ],
};
const SPANISH = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Noticias del Campus',
  language: 'es',
  home_page_url: 'https://news.example.edu/es/',
  items: [
    { id: 'es-1', title: 'La biblioteca abre toda la noche', content_html: '<p>Durante los exámenes la biblioteca no cierra.</p>', date_published: '2026-11-30T09:00:00+01:00', tags: ['Campus'] },
  ],
};

test('an RTL and an LTR newsroom in other languages: <html lang dir> never change from the first byte to live, and nothing moves', { timeout: 120_000 }, async () => {
  const site = mkdtempSync(path.join(os.tmpdir(), 'gazette-lang-'));
  cpSync(DIST, site, { recursive: true });
  const server = await startServer({ root: site, fallback: '404' });
  try {
    for (const [feed, lang, dir] of [[URDU, 'ur', 'rtl'], [SPANISH, 'es', 'ltr']]) {
      rmSync(path.join(site, 'articles'), { recursive: true, force: true });
      publish(site, JSON.stringify(feed));
      const story = storyAddresses(site)[0];
      for (const href of ['/', story]) {
        const page = await offlinePage(browser, { viewport: { width: 390, height: 844 } });
        // From the first byte: every value <html lang> and <html dir> ever has.
        await page.addInitScript(() => {
          window.__langs = [];
          new MutationObserver((records) => {
            for (const r of records) {
              if (r.target === document.documentElement) window.__langs.push([r.attributeName, r.oldValue, r.target.getAttribute(r.attributeName)]);
            }
          }).observe(document, { attributes: true, attributeOldValue: true, attributeFilter: ['lang', 'dir'], subtree: true });
        });
        const shift = await takeoverShift(page, server.url(href));
        const seen = await page.evaluate(() => window.__langs);
        const final = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
        assert.deepEqual(final, [lang, dir], `${lang} ${href}: the page's language and direction`);
        const changed = seen.filter(([name, old, now]) => old !== null && old !== now);
        assert.deepEqual(changed, [], `${lang} ${href}: <html> changed its language or direction while the app started`);
        assert.equal(shift, 0, `${lang} ${href}: layout shift on takeover`);
        // The interface speaks the newsroom's language, live as prerendered:
        // its catalog's words and month names, none of the English ones.
        const words = JSON.parse(readFileSync(path.join(ROOT, 'public/strings', `${lang}.json`), 'utf8'));
        const text = await page.evaluate(() => document.body.textContent);
        assert.ok(text.includes(words.search_button), `${lang} ${href}: "${words.search_button}" in the page`);
        if (href === story) {
          const november = words.months.split('|')[10];
          assert.ok(text.includes(november), `${lang} ${href}: the date in ${lang} (${november})`);
          const minutes = words.min_read.split('{n}').map((part) => part.trim()).filter(Boolean);
          assert.ok(minutes.every((part) => text.includes(part)), `${lang} ${href}: reading time as ${words.min_read}`);
        }
        for (const english of ['min read', 'Skip to main content', 'Latest stories', 'November']) {
          assert.ok(!text.includes(english), `${lang} ${href}: English "${english}" in the page`);
        }
        await page.context().close();
      }
    }
  } finally {
    await server.stop();
    rmSync(site, { recursive: true, force: true });
  }
});

// A newsroom in a right-to-left language Gazette has no catalog for
// (Pashto): its interface falls back to English, and those words are
// isolated, so that they read in their own order inside the RTL page:
// "1 min read", not "min read 1"; "…years old.", not ".…years old".
const PASHTO = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'د پوهنتون خبرونه',
  language: 'ps',
  home_page_url: 'https://news.example.edu/ps/',
  items: [
    { id: 'ps-1', title: 'کتابتون به ټوله شپه خلاص وي', content_html: '<p>د ازموینو پر مهال کتابتون شپه او ورځ خلاص دی.</p>', date_published: '2026-11-30T09:00:00+04:30', tags: ['پوهنتون'], authors: [{ name: 'احمد کریمي' }] },
    { id: 'ps-2', title: 'زوړ خبر د لوبغالي په اړه', content_html: '<p>دا خبر ډېر زوړ دی.</p>', date_published: '2014-03-02T09:00:00+04:30', tags: ['لوبې'] },
  ],
};

/**
 * The text nodes of the page whose Latin letters or digits are drawn out
 * of their logical order: for each two logically successive characters
 * of such a run (spaces and punctuation between them allowed, no RTL
 * letter), on one line, the later must be drawn to the right.
 */
async function reversedInterfaceWords(page) {
  return page.evaluate(() => {
    const rtl = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
    const faults = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const box = (node, i) => {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rects = range.getClientRects();
      return rects.length === 1 && rects[0].width > 0 ? rects[0] : null;
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      if (!/[A-Za-z0-9]/.test(text)) continue;
      const parent = node.parentElement;
      if (parent.closest('.visually-hidden, script, style, noscript, [hidden]') || parent.getBoundingClientRect().width < 2) continue;
      let previous = null;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (rtl.test(c)) { previous = null; continue; }
        if (/\s/.test(c)) continue;
        const rect = box(node, i);
        if (!rect) continue;
        if (previous && Math.abs(previous.rect.top - rect.top) < rect.height / 2 && rect.left < previous.rect.left) {
          faults.push(`"${text.trim()}" (${parent.tagName.toLowerCase()}.${parent.className}): "${c}" drawn before "${previous.c}"`);
          break;
        }
        previous = { c, rect };
      }
    }
    return faults;
  });
}

test('a right-to-left newsroom without a catalog: the English interface words read in their own order, isolated from the page', { timeout: 120_000 }, async () => {
  await withPublishedSite(PASHTO, async (server, site) => {
    const stories = storyAddresses(site);
    const faults = [];
    for (const href of ['/', ...stories, '/topics/', '/search/?q=خبر']) {
      for (const javaScript of [true, false]) {
        const page = await openPage(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: javaScript });
        if (javaScript) await goLive(page, server.url(href));
        else await page.goto(server.url(href));
        assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ps', 'rtl']);
        const text = await page.evaluate(() => document.body.textContent);
        if ((await page.locator('h1').textContent()).startsWith('زوړ')) assert.match(text, /years old/, 'the old story says so, in English');
        if (javaScript && stories.includes(href)) {
          assert.deepEqual(await page.evaluate(shapeOf, null), await prerenderedShape(page, href), `${href}: live as prerendered`);
        }
        for (const fault of await reversedInterfaceWords(page)) faults.push(`${href}${javaScript ? '' : ' (JavaScript off)'}: ${fault}`);
        await page.context().close();
      }
    }
    assert.deepEqual(faults, []);
  });
});

// A story whose one photo is the feed's own (a post's featured image, an
// episode's art) and not its body's: at the head of the story, opening the
// viewer, not a gallery of one at its end; prerendered as live.
const FEATURED = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Campus Radio',
  language: 'en',
  items: [{
    id: 'episode-12',
    title: 'Episode 12: the archive after dark',
    image: 'images/archive-page-800.jpg',
    date_published: '2026-11-30T09:00:00Z',
    content_html: '<p>We spent a night among the shelves.</p><p>The night porter showed us the stacks.</p>',
  }],
};

test('a story whose only photo is the feed\'s own shows it at its head, not as a gallery of one', { timeout: 120_000 }, async () => {
  await withPublishedSite(FEATURED, async (server, site) => {
    const [story] = storyAddresses(site);
    for (const javaScript of [false, true]) {
      const page = await openPage(browser, { javaScriptEnabled: javaScript });
      if (javaScript) await goLive(page, server.url(story));
      else await page.goto(server.url(story));
      const first = page.locator('.story-body > :first-child');
      assert.equal(await first.evaluate((el) => el.matches('figure.figure') && el.querySelector('img') !== null), true, 'the photo heads the story');
      assert.equal(await page.locator('.gallery').count(), 0, 'no gallery of one');
      if (javaScript) {
        await first.locator('a.photo-open').click();
        await page.waitForSelector('dialog.viewer[open]');
        assert.deepEqual(realProblems(page), []);
      }
      await page.context().close();
    }
  });
});

/** Runs `use(server, site)` over a copy of the built site publishing `feed` (its JSON), then removes it. */
async function withPublishedSite(feed, use) {
  const site = mkdtempSync(path.join(os.tmpdir(), 'gazette-site-'));
  cpSync(DIST, site, { recursive: true });
  rmSync(path.join(site, 'articles'), { recursive: true, force: true });
  publish(site, JSON.stringify(feed));
  const server = await startServer({ root: site, fallback: '404' });
  try {
    await use(server, site);
  } finally {
    await server.stop();
    rmSync(site, { recursive: true, force: true });
  }
}

// A story's table of contents: its links lead to the story's own headings,
// on the same page, with and without the app (under `<base href>`, a bare
// `#methods` would lead to the front page).
const CONTENTS = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Campus News',
  language: 'en',
  items: [{
    id: 'survey',
    title: 'What the housing survey found',
    date_published: '2026-11-30T09:00:00Z',
    content_html: '<p>Contents: <a href="#method">How we asked</a>, <a href="#findings">What we found</a>.</p>'
      + `${'<p>Nine hundred students answered the survey over three weeks in October.</p>'.repeat(12)}`
      + '<h2 id="method">How we asked</h2>'
      + `${'<p>Each question was tried on a small group first and reworded where it confused them.</p>'.repeat(12)}`
      + '<h2><span id="findings">What we found</span></h2><p>Most want more quiet rooms.</p>'
      + `${'<p>The full tables are in the appendix.</p>'.repeat(12)}`,
  }],
};

test('links within a story lead to its headings on the same page, with and without JavaScript', { timeout: 120_000 }, async () => {
  await withPublishedSite(CONTENTS, async (server, site) => {
    const [story] = storyAddresses(site);
    for (const javaScriptEnabled of [false, true]) {
      const page = await offlinePage(browser, { javaScriptEnabled, viewport: { width: 390, height: 700 } });
      if (javaScriptEnabled) await goLive(page, server.url(story));
      else await page.goto(server.url(story));
      for (const [label, id] of [['What we found', 'findings'], ['How we asked', 'method']]) {
        await page.locator('.story-body a', { hasText: label }).click();
        await page.waitForFunction((id) => location.hash === `#${id}`, id);
        const where = await page.evaluate(() => [decodeURI(location.pathname), document.querySelector('main h1')?.textContent]);
        assert.deepEqual(where, [decodeURI(story), CONTENTS.items[0].title], `${javaScriptEnabled ? 'live' : 'without JavaScript'}: still the story`);
        await page.waitForFunction((id) => {
          const top = document.getElementById(id)?.getBoundingClientRect().top;
          return top !== undefined && top >= -2 && top < innerHeight / 2;
        }, id, { timeout: 5_000 });
      }
      await page.context().close();
    }
  });
});

// A site that allows YouTube's player: its facade starts the privacy-enhanced
// player in place when the reader asks, and only then; the page's policy
// allows frames from that one host; a provider the site did not allow stays
// a link; without JavaScript every facade is a link.
const PLAYERS = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Campus Radio',
  language: 'en',
  _gazette: { players: ['youtube'] },
  items: [{
    id: 'tour',
    title: 'The station goes on tour',
    date_published: '2026-11-30T09:00:00Z',
    content_html: '<p>The first show away from the studio.</p>'
      + '<iframe width="560" height="315" src="https://www.youtube.com/embed/abcdefghijk" title="The tour bus leaves campus"></iframe>'
      + '<p>And the rehearsal.</p><iframe src="https://player.vimeo.com/video/123456" width="640" height="360" title="Rehearsal"></iframe>'
      + "<p>The bloopers, uploaded to the station's old blog.</p><iframe allowFullScreen='true' width='320' height='266' src='https://www.blogger.com/video.g?token=AD6v5dyq9' class='b-hbp-video b-uploaded' FRAMEBORDER='0' />",
  }],
};

test('a player the site allows starts in place when the reader asks, from its one allowed host; nothing loads before', { timeout: 120_000 }, async () => {
  await withPublishedSite(PLAYERS, async (server, site) => {
    const [story] = storyAddresses(site);
    const html = readFileSync(path.join(site, decodeURIComponent(story), 'index.html'), 'utf8');
    const policy = html.match(/http-equiv=Content-Security-Policy content="([^"]+)"/)[1];
    assert.match(policy, /; frame-src https:\/\/www\.youtube-nocookie\.com$/, policy);
    assert.match(readFileSync(path.join(site, '_headers'), 'utf8'), /frame-src https:\/\/www\.youtube-nocookie\.com; frame-ancestors 'none'/);

    // Without JavaScript: links to the items at their providers.
    const still = await offlinePage(browser, { javaScriptEnabled: false });
    await still.goto(server.url(story));
    assert.deepEqual(await still.locator('.embed a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ['https://www.youtube.com/watch?v=abcdefghijk', 'https://vimeo.com/123456', 'https://www.blogger.com/video.g?token=AD6v5dyq9']);
    await still.context().close();

    const page = await offlinePage(browser);
    const outside = [];
    page.on('request', (request) => { if (!request.url().startsWith(server.url('/'))) outside.push(request.url()); });
    await page.route('https://www.youtube-nocookie.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title><p>player</p>' }));
    await goLive(page, server.url(story));
    assert.deepEqual(outside.filter((url) => !url.startsWith('https://i.ytimg.com/')), [], 'nothing of a provider but its still before the reader asks');
    await page.locator('.embed a', { hasText: 'Open on YouTube' }).click();
    const frame = page.locator('.embed iframe');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('src'), 'https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1');
    assert.equal(await frame.getAttribute('title'), 'The tour bus leaves campus');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'IFRAME', 'the reader is taken to the player');
    assert.equal(await page.locator('.embed iframe').count(), 1, 'the provider the site did not allow is not played in the page');
    assert.equal(await page.locator('.embed a', { hasText: 'Open on Vimeo' }).getAttribute('href'), 'https://vimeo.com/123456');
    // With no still to show and no player to start, a facade is its label
    // alone: no empty band above it.
    for (const provider of ['Vimeo', 'Blogger']) {
      const [facade, label] = await page.locator('.embed a', { hasText: `Open on ${provider}` }).evaluate((a) => [a.getBoundingClientRect().height, a.querySelector('.embed-label').getBoundingClientRect().height]);
      assert.ok(facade - label <= 2, `${provider}: a facade ${facade} px tall around a label of ${label} px`);
    }
    assert.deepEqual(realProblems(page).filter((p) => !p.includes('net::ERR_FAILED')), [], 'no policy violation, no error');
    await page.context().close();
  });
});
