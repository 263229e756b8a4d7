// Editions: the sample's Chinese edition beside the English one, and an
// Arabic site (tests/fixtures/arabic-edition) read right to left. Each
// edition speaks its own language in every word of the interface, its dates
// and its numbers, prerendered and live alike; a story links to its
// translation and back; search engines see hreflang both ways; the layout
// and the photo viewer follow the reading direction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { DIST, ROOT, startServer, launch, openPage, goLive, realProblems } from './support.mjs';
import { gazetteBinary } from './archive-site.mjs';
import { axe } from './axe.mjs';
import { FONT_SETS, fontEnvironment } from './fonts.mjs';

const ARABIC_FEED = path.join(ROOT, 'tests/fixtures/arabic-edition/feed.json');

let browser;
let server;
let bareServer;
let arabic;
let arabicSite;
before(async () => {
  browser = await launch();
  server = await startServer({ fallback: '404' });
  bareServer = await startServer({ fallback: '404' });
  // The Arabic fixture published over a copy of the built site.
  arabicSite = mkdtempSync(path.join(os.tmpdir(), 'gazette-arabic-'));
  cpSync(DIST, arabicSite, { recursive: true });
  rmSync(path.join(arabicSite, 'zh'), { recursive: true, force: true });
  copyFileSync(ARABIC_FEED, path.join(arabicSite, 'feed.json'));
  execFileSync(gazetteBinary(), ['publish', arabicSite], { stdio: ['ignore', 'ignore', 'pipe'] });
  arabic = await startServer({ root: arabicSite, fallback: '404' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await bareServer?.stop();
  await arabic?.stop();
  if (arabicSite) rmSync(arabicSite, { recursive: true, force: true });
});

/** The words a page shows, read the same from live page (`html` null) and prerendered HTML. */
function wordsOf(html) {
  const root = html === null ? document : new DOMParser().parseFromString(html, 'text/html');
  const text = (selector) => [...root.querySelectorAll(selector)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
  return {
    lang: root.documentElement.getAttribute('lang'),
    dir: root.documentElement.getAttribute('dir'),
    title: root.title,
    headline: text('main h1'),
    meta: text('.article-meta li'),
    translations: text('.translation-link'),
    editions: text('.editions a'),
    buttons: text('.site-header button'),
    footer: text('.site-footer h2, .site-footer li a'),
    navigation: text('.story-nav-label'),
  };
}

async function prerenderedWords(page, href) {
  const html = await page.evaluate(async (href) => (await fetch(href)).text(), href);
  return page.evaluate(wordsOf, html);
}

test('the Chinese edition speaks Chinese in every word, prerendered and live alike', async () => {
  const page = await openPage(browser);
  const href = '/zh/articles/library-cat-mochi/';
  await goLive(page, server.url(href));
  const live = await page.evaluate(wordsOf, null);
  assert.deepEqual(live, await prerenderedWords(page, server.url(href)), 'the app drew another page than the prerendered one');
  assert.equal(live.lang, 'zh-Hans');
  assert.equal(live.dir, 'ltr');
  assert.match(live.title, /卡尔德拉大学新闻$/);
  assert.deepEqual(live.meta.slice(1), ['2026年11月1日', '4,631 次阅读', '阅读约 1 分钟']);
  assert.deepEqual(live.translations, ['阅读英文版']);
  assert.deepEqual(live.editions, ['English']);
  assert.deepEqual(live.buttons, ['栏目', '搜索']);
  assert.ok(live.footer.includes('全部栏目') && live.footer.includes('最新报道'), live.footer.join(' | '));
  assert.ok(live.navigation.every((label) => ['上一篇', '下一篇'].includes(label)), live.navigation.join(' | '));
  // No word of the interface is left in English.
  const english = await page.evaluate(() => {
    const words = /\b(Topics|Search|Home|views|min read|Previous|Next|Latest|Photos|Credits|By)\b/;
    return [...document.querySelectorAll('header, main, footer')].flatMap((region) =>
      [...region.querySelectorAll('*')]
        .filter((e) => e.children.length === 0 && !e.closest('.editions, [lang="en"]'))
        .flatMap((e) => [e.textContent, e.getAttribute('aria-label') ?? '', e.getAttribute('title') ?? ''])
        .filter((text) => words.test(text)));
  });
  assert.deepEqual(english, []);
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('a reader goes to the English translation and back, focus on each new heading', async () => {
  const page = await openPage(browser);
  await goLive(page, server.url('/zh/articles/library-cat-mochi/'));
  await page.locator('.translation-link').click();
  await page.waitForURL(server.url('/articles/library-cat-mochi/'));
  await page.waitForSelector('html[data-gazette=live]');
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Mochi/);
  // As drawn, not only as written: the space between the words and the name shows.
  assert.deepEqual(await page.locator('.translation-link').allInnerTexts(), ['Read in 中文']);

  await page.locator('.translation-link').click();
  await page.waitForURL(server.url('/zh/articles/library-cat-mochi/'));
  await page.waitForSelector('html[data-gazette=live]');
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  assert.match(await page.evaluate(() => document.activeElement.textContent), /麻薯/);
  // The header's edition link leads to the other edition's front page.
  await page.locator('.editions a').click();
  await page.waitForURL(server.url('/'));
  await page.waitForSelector('html[data-gazette=live]');
  assert.deepEqual(await page.locator('.editions a').allTextContents(), ['中文']);
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('with JavaScript off, the prerendered pages link each edition to the other', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(server.url('/zh/articles/library-cat-mochi/'));
  assert.equal(await page.locator('main h1').textContent(), '认识一下麻薯：图书馆真正的“主人”');
  await page.locator('.translation-link').click();
  await page.waitForURL(server.url('/articles/library-cat-mochi/'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.locator('.translation-link').click();
  await page.waitForURL(server.url('/zh/articles/library-cat-mochi/'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
  await page.context().close();
});

test('hreflang alternates name every version and x-default, in each head and each sitemap', async () => {
  const links = (file) => [...readFileSync(path.join(DIST, file), 'utf8').matchAll(/<link href="([^"]+)" hreflang="([^"]+)" rel="alternate">/g)].map((m) => `${m[2]} ${m[1]}`).sort();
  const site = 'https://news.caldera.example.edu/';
  const story = [`en ${site}articles/library-cat-mochi/`, `x-default ${site}articles/library-cat-mochi/`, `zh-Hans ${site}zh/articles/library-cat-mochi/`];
  assert.deepEqual(links('articles/library-cat-mochi/index.html'), story);
  assert.deepEqual(links('zh/articles/library-cat-mochi/index.html'), story);
  assert.deepEqual(links('zh/index.html'), [`en ${site}`, `x-default ${site}`, `zh-Hans ${site}zh/`]);
  assert.deepEqual(links('zh/articles/calligraphy-club-new-year/index.html'), [], 'a story in one edition only has no alternates');
  const sitemap = readFileSync(path.join(DIST, 'zh/sitemap.xml'), 'utf8');
  assert.match(sitemap, /<loc>https:\/\/news\.caldera\.example\.edu\/zh\/articles\/library-cat-mochi\/<\/loc>[\s\S]*?hreflang="en" href="https:\/\/news\.caldera\.example\.edu\/articles\/library-cat-mochi\/"/);
  assert.match(readFileSync(path.join(DIST, 'robots.txt'), 'utf8'), /Sitemap: https:\/\/news\.caldera\.example\.edu\/zh\/sitemap\.xml/);
  assert.match(readFileSync(path.join(DIST, 'zh/feed.xml'), 'utf8'), /<language>zh-Hans<\/language>|卡尔德拉大学新闻/);
  // The bare app an edition's unknown addresses get says in its language what it needs.
  const bare = readFileSync(path.join(DIST, 'zh/404.html'), 'utf8');
  assert.match(bare, /<html lang="zh-Hans" dir="ltr">/);
  assert.match(bare, /<title>找不到页面<\/title>/);
  assert.match(bare, /<link title="JSON Feed" href="?zh\/feed.json"? rel=alternate/);
  assert.match(bare, /本新闻网站需要 JavaScript 才能显示这个页面。所有报道也可以通过<a href="\/zh\/feed.json">JSON Feed<\/a>阅读。/);
});

test('an edition\'s address the build did not prerender is drawn in that edition\'s language', async () => {
  const page = await openPage(browser);
  await page.goto(bareServer.url('/zh/articles/not-in-this-feed/'));
  await page.waitForSelector('main h1:text("找不到页面")');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
  assert.match(await page.title(), /^找不到页面 – 卡尔德拉大学新闻$/);
  await page.context().close();
});

test('under a sub-path, every edition stays below it', async () => {
  const news = await startServer({ root: path.join(ROOT, 'dist-news'), prefix: '/news/', fallback: '404' });
  try {
    const page = await openPage(browser);
    await goLive(page, news.url('/zh/articles/library-cat-mochi/'));
    assert.equal(await page.locator('.translation-link').getAttribute('href'), '/news/articles/library-cat-mochi/');
    assert.equal(await page.locator('.editions a').getAttribute('href'), '/news/');
    assert.equal(await page.locator('.site-title').getAttribute('href'), '/news/zh/');
    await page.locator('.site-title').click();
    await page.waitForSelector('main .lead-story');
    assert.deepEqual(realProblems(page), []);
    await page.context().close();
  } finally {
    await news.stop();
  }
});

test('the Arabic site reads right to left: Arabic words and dates, a mirrored layout', async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  const href = '/articles/ancient-coins-exhibition/';
  await goLive(page, arabic.url(href));
  const live = await page.evaluate(wordsOf, null);
  assert.deepEqual(live, await prerenderedWords(page, arabic.url(href)));
  assert.equal(live.dir, 'rtl');
  assert.equal(live.lang, 'ar');
  assert.deepEqual(live.meta.slice(1), ['30 أكتوبر 2026', '1,203 مشاهدات', 'مدة القراءة 1 د']);
  // The masthead starts at the right, the search form sits at the left.
  const [title, search] = await Promise.all(['.site-title', '.search-form'].map((s) => page.locator(s).boundingBox()));
  assert.ok(title.x + title.width > 1280 - 80, `the title ends at ${title.x + title.width}`);
  assert.ok(search.x < 200, `the search form starts at ${search.x}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  await page.context().close();
});

test('in the Arabic photo viewer the arrows and a swipe follow the reading direction', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
  await goLive(page, arabic.url('/articles/observatory-deep-sky-night/'));
  await page.locator('.story-body .photo-open').first().click();
  await page.waitForSelector('dialog.viewer[open]');
  const position = () => page.locator('.viewer-position').textContent();
  assert.equal(await position(), 'الصورة 1 / 4');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('.viewer-position').textContent === 'الصورة 2 / 4');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.viewer-position').textContent === 'الصورة 1 / 4');
  // A swipe to the left brings the next photo in from the left.
  await page.evaluate(() => {
    const track = document.querySelector('.viewer-track');
    track.scrollTo({ left: -track.clientWidth, behavior: 'instant' });
  });
  await page.waitForFunction(() => document.querySelector('.viewer-position').textContent === 'الصورة 2 / 4');
  assert.equal(await page.locator('.viewer-next').getAttribute('title'), 'الصورة التالية (←)');
  // The "next" button sits on the left, where the next photo is.
  const [previous, next] = await Promise.all(['.viewer-previous', '.viewer-next'].map((s) => page.locator(s).boundingBox()));
  assert.ok(next.x < previous.x, 'next is left of previous');
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('axe finds nothing on the Arabic site, light and dark, phone and desktop, under every font set', { timeout: 300_000 }, async () => {
  const failures = [];
  for (const set of FONT_SETS) {
    const fonts = await launch({ env: fontEnvironment(set) });
    try {
      for (const colorScheme of ['light', 'dark']) {
        for (const width of [390, 1280]) {
          for (const [name, route, open] of [
            ['front page', '/'],
            ['article', '/articles/commuting-study/'],
            ['topic page', '/topics/art/'],
            ['all topics', '/topics/'],
            ['not found', '/no/such/page'],
            ['photo viewer', '/articles/observatory-deep-sky-night/#photo-2', (page) => page.waitForSelector('dialog.viewer[open]')],
            ['search', '/search/?q=المكتبة', (page) => page.waitForSelector('main .search-result')],
          ]) {
            const page = await openPage(fonts, { viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme, reducedMotion: 'reduce' });
            await goLive(page, arabic.url(route));
            await open?.(page);
            const violations = await axe(page);
            if (violations.length) failures.push(`${set.name} ${colorScheme} ${width}px ${name}:\n  ${violations.join('\n  ')}`);
            await page.context().close();
          }
        }
      }
    } finally {
      await fonts.close();
    }
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});
