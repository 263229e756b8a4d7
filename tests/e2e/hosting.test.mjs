// Any static host: a /news/ build behind a real nginx with the repository's
// config, a files-only host that answers unknown paths with 404.html, the
// prerendered HTML as crawlers and readers without JavaScript get it, and
// the app taking over a prerendered page without a flash or a shift.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST, freePort, startServer, launch, openPage, waitForPage, goLive, realProblems } from './support.mjs';

const DIST_NEWS = path.join(ROOT, 'dist-news');
const SAMPLE = JSON.parse(readFileSync(path.join(DIST, 'feed.json'), 'utf8'));
const SITE = SAMPLE.title;

/** nginx from Debian, on loopback, with deploy/nginx.conf serving a /news/ build. */
async function startNginx() {
  if (!existsSync(path.join(DIST_NEWS, 'index.html'))) throw new Error('dist-news/ is missing: run make build-news');
  const work = mkdtempSync(path.join(os.tmpdir(), 'gazette-nginx-'));
  // nginx's workers run as an unprivileged user: they must be able to read the site.
  chmodSync(work, 0o755);
  const site = path.join(work, 'site');
  cpSync(DIST_NEWS, path.join(site, 'news'), { recursive: true });
  // Trunk writes its hashes without leading zeros: one build in sixteen has
  // a 15-digit hash, and it must be cached like the others.
  writeFileSync(path.join(site, 'news', `gazette-web-${'f'.repeat(15)}_bg.wasm`), '');
  const port = await freePort();
  const server = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8')
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)root \/var\/www\/gazette;/m, `$1root ${site};`)
    .replace(/^(\s*)error_page 404 \/404\.html;/m, '$1error_page 404 /news/404.html;');
  writeFileSync(path.join(work, 'gazette.conf'), server);
  writeFileSync(path.join(work, 'nginx.conf'), `daemon off;
pid ${work}/nginx.pid;
error_log ${work}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${work}/tmp;
  proxy_temp_path ${work}/tmp;
  fastcgi_temp_path ${work}/tmp;
  uwsgi_temp_path ${work}/tmp;
  scgi_temp_path ${work}/tmp;
  include ${work}/gazette.conf;
}
`);
  mkdirSync(path.join(work, 'tmp'));
  const nginx = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
  const child = spawn(nginx, ['-p', work, '-c', path.join(work, 'nginx.conf')], { stdio: 'inherit' });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(origin + '/news/');
      break;
    } catch {
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  return {
    origin,
    url: (p = '') => `${origin}/news/${p.replace(/^\//, '')}`,
    stop: () => new Promise((resolve) => {
      child.once('exit', () => {
        rmSync(work, { recursive: true, force: true });
        resolve();
      });
      child.kill('SIGQUIT');
    }),
  };
}

/** The sample feed after the build: a new story on top, an old one retitled. */
function changedFeed() {
  const feed = structuredClone(SAMPLE);
  const fresh = structuredClone(feed.items[0]);
  fresh.id = 'breaking-1';
  fresh.title = 'Breaking: the observatory finds a new comet';
  fresh.summary = 'Published after the site was built.';
  fresh.date_published = '2026-11-25T08:00:00+08:00';
  fresh._gazette.slug = 'observatory-finds-new-comet';
  feed.items.unshift(fresh);
  feed.items.find((i) => i._gazette.slug === 'library-cat-mochi').title = 'Mochi, the library cat, gets a second radiator';
  return JSON.stringify(feed);
}

let nginx;
let pages;
let browser;

before(async () => {
  nginx = await startNginx();
  pages = await startServer({ fallback: '404' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  await pages?.stop();
});

test('nginx serves a /news/ build: every route from a fresh load, every link and request under /news/', async () => {
  const page = await openPage(browser);
  const escaped = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === nginx.origin && !url.pathname.startsWith('/news/')) escaped.push(url.pathname);
  });
  const routes = [
    ['/', SITE],
    ['topics/research/', 'Research'],
    ['topics/research/?page=1', 'Research'],
    ['articles/library-cat-mochi/', 'Meet Mochi, the cat who runs the library'],
    ['articles/library-cat-mochi', 'Meet Mochi, the cat who runs the library'],
    ['search/?q=moon', 'Search'],
    ['no/such/page/', 'Page not found'],
    ['articles/no-such-story/', 'Page not found'],
  ];
  for (const [route, h1] of routes) {
    await goLive(page, nginx.url(route));
    assert.equal((await page.locator('main h1').textContent()).trim(), h1, route);
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')));
    for (const href of hrefs) {
      assert.ok(href.startsWith('/news/') || href.startsWith('#') || /^(https?:|mailto:)/.test(href), `${route}: link ${href} leaves /news/`);
    }
  }
  assert.deepEqual(escaped, [], 'no request leaves /news/');
  // Links are real addresses: in-app navigation keeps the prefix too.
  await goLive(page, nginx.url('/'));
  await page.locator('.topic-nav a', { hasText: 'Art & Culture' }).click();
  await page.waitForURL(`${nginx.origin}/news/topics/art/`);
  await page.locator('main .card-headline a').first().click();
  await page.waitForURL(/\/news\/articles\/[a-z0-9-]+\/$/);
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('nginx sends the caching and security headers of the repository config', async () => {
  const html = await fetch(nginx.url('articles/library-cat-mochi/'));
  assert.equal(html.status, 200);
  assert.equal(html.headers.get('cache-control'), 'no-cache');
  assert.match(html.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
  const index = await html.text();
  const loader = await (await fetch(nginx.url(index.match(/src=(loader-[0-9a-f]+\.js)/)[1]))).text();
  const wasm = loader.match(/'\/news\/(gazette-web-[0-9a-f]+_bg\.wasm)'/)[1];
  const asset = await fetch(nginx.url(wasm));
  assert.equal(asset.headers.get('content-type'), 'application/wasm');
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const shortHash = await fetch(nginx.url(`gazette-web-${'f'.repeat(15)}_bg.wasm`));
  assert.equal(shortHash.headers.get('cache-control'), 'public, max-age=31536000, immutable', 'a hash without its leading zero');
  const missing = await fetch(nginx.url('articles/not-here/'));
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /<div id=app><\/div>/, 'unknown addresses get the bare app');
  // Conditional requests: the feed is revalidated, not downloaded again.
  const feed = await fetch(nginx.url('feed.json'));
  const again = await fetch(nginx.url('feed.json'), { headers: { 'If-Modified-Since': feed.headers.get('last-modified') } });
  assert.equal(again.status, 304);
});

test('a files-only host (404.html for unknown paths): deep links work, including to stories newer than the build', async () => {
  const page = await openPage(browser);
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: changedFeed() }));
  await goLive(page, pages.url('/articles/observatory-finds-new-comet/'));
  assert.equal(await page.locator('article h1').textContent(), 'Breaking: the observatory finds a new comet');
  await goLive(page, pages.url('/topics/research/?page=1'));
  assert.equal(await page.locator('main h1').textContent(), 'Research');
  await goLive(page, pages.url('/nothing/here'));
  assert.equal(await page.locator('main h1').textContent(), 'Page not found');
  await page.context().close();
});

test('a files-only host serves search addresses their own page, which the app fills in', async () => {
  const response = await fetch(pages.url('/search/?q=library'));
  assert.equal(response.status, 200, 'not the 404 page');
  const page = await openPage(browser);
  // A slow app makes the prerendered shell stand alone for a while first.
  await page.route('**/*.wasm', async (r) => { await new Promise((ok) => setTimeout(ok, 400)); await r.continue(); });
  await page.goto(pages.url('/search/?q=library'));
  assert.equal(await page.locator('#app main h1').textContent(), 'Search');
  assert.ok(await page.locator('#app .skeleton').isVisible(), 'a placeholder while the app loads');
  await waitForPage(page);
  await page.waitForSelector('.search-result');
  assert.equal(await page.locator('#search-query').inputValue(), 'library');
  assert.match(await page.locator('.search-count').textContent(), /stories match “library”/);
  assert.equal(await page.locator('head meta[name=robots]').count(), 1, 'one robots tag');
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('what a reader types into a search box before the app arrives is kept', async () => {
  const page = await openPage(browser);
  let releaseApp;
  const appHeld = new Promise((ok) => { releaseApp = ok; });
  await page.route('**/*.wasm', async (r) => { await appHeld; await r.continue(); });
  // The search page's own box: the app takes the words and searches for them.
  await page.goto(pages.url('/search/'));
  await page.locator('#app #search-query').pressSequentially('library');
  releaseApp();
  await waitForPage(page);
  await page.waitForURL((url) => url.searchParams.get('q') === 'library');
  await page.waitForSelector('.search-result');
  assert.equal(await page.locator('#search-query').inputValue(), 'library');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-query');
  // The header's box on a story: Enter searches for what was typed.
  const held = new Promise((ok) => { releaseApp = ok; });
  await page.unroute('**/*.wasm');
  await page.route('**/*.wasm', async (r) => { await held; await r.continue(); });
  await page.goto(pages.url('/articles/library-cat-mochi/'));
  await page.locator('#app #site-search').pressSequentially('moon');
  releaseApp();
  await waitForPage(page);
  assert.equal(await page.locator('#site-search').inputValue(), 'moon');
  await page.locator('#site-search').press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === 'moon');
  await page.waitForSelector('.search-result');
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('the live feed is the source of truth: a prerendered page shows what the feed holds now', async () => {
  const page = await openPage(browser);
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: changedFeed() }));
  await page.goto(pages.url('/articles/library-cat-mochi/'));
  // First the page as built…
  assert.equal(await page.locator('#app article h1').textContent(), 'Meet Mochi, the cat who runs the library');
  // …then as the feed has it now.
  await waitForPage(page);
  assert.equal(await page.locator('article h1').textContent(), 'Mochi, the library cat, gets a second radiator');
  await goLive(page, pages.url('/'));
  assert.equal(await page.locator('.lead-story .card-headline').textContent(), 'Breaking: the observatory finds a new comet');
  await page.context().close();
});

test('every page is taken over, empty ones too: an empty feed, a topic without stories', async () => {
  const page = await openPage(browser);
  const emptied = structuredClone(SAMPLE);
  emptied.items = [];
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(emptied) }));
  // Built with stories, the front page becomes the app's, which says there are none.
  await page.goto(pages.url('/'));
  assert.ok(await page.locator('#app .lead-story').count(), 'the page as built');
  await waitForPage(page);
  assert.equal(await page.locator('.empty-state').textContent(), 'There are no stories in the feed yet.');
  assert.equal(await page.locator('.lead-story').count(), 0);
  await page.unroute('**/feed.json');
  // A topic the feed still names, with none of its stories left.
  const withoutResearch = structuredClone(SAMPLE);
  withoutResearch.items = withoutResearch.items.filter((item) => item._gazette.topic !== 'research' && !(item.tags ?? []).includes('Research'));
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(withoutResearch) }));
  await page.goto(pages.url('/topics/research/'));
  assert.ok(await page.locator('#app .card').count(), 'the topic as built');
  await waitForPage(page);
  assert.equal(await page.locator('main h1').textContent(), 'Research');
  assert.equal(await page.locator('.empty-state').textContent(), 'No stories in this topic yet.');
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('the prerendered HTML holds the page for crawlers: headline, first paragraph, social tags', async () => {
  const article = await (await fetch(pages.url('/articles/old-library-reopens/'))).text();
  assert.match(article, /<h1>The Old Library reopens after a two-year renovation<\/h1>/);
  assert.match(article, /The Old Library, built in 1931 and closed since the autumn of 2024/);
  assert.match(article, /<title>The Old Library reopens after a two-year renovation – Caldera University News<\/title>/);
  for (const tag of ['og:title', 'og:description', 'og:image', 'og:image:width', 'og:image:height', 'article:published_time', 'article:section']) {
    assert.match(article, new RegExp(`<meta property="${tag}" content="[^"]+">`), tag);
  }
  assert.match(article, /<meta property="og:type" content="article">/);
  assert.match(article, /<meta name="twitter:card" content="summary_large_image">/);
  assert.match(article, /<link href="https:\/\/news\.caldera\.example\.edu\/articles\/old-library-reopens\/" rel="canonical">/);
  const ld = JSON.parse(article.match(/<script type="application\/ld\+json">(.*?)<\/script>/)[1]);
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, 'The Old Library reopens after a two-year renovation');

  const topic = await (await fetch(pages.url('/topics/art/'))).text();
  assert.match(topic, /<h1>Art &amp; Culture<\/h1>/);
  assert.match(topic, /Ancient coins go on show at the University Museum/);
  const topicLd = JSON.parse(topic.match(/<script type="application\/ld\+json">(.*?)<\/script>/)[1]);
  assert.equal(topicLd['@type'], 'CollectionPage');
  assert.equal(topicLd.mainEntity.itemListElement.length, 3);

  for (const file of ['sitemap.xml', 'robots.txt', 'feed.xml']) {
    assert.equal((await fetch(pages.url(file))).status, 200, file);
  }
  const front = await (await fetch(pages.url('/'))).text();
  const alternates = front.match(/<link[^>]*rel=alternate[^>]*>/g) ?? [];
  assert.ok(alternates.some((l) => l.includes('href=feed.json') && l.includes('application/feed+json')), 'a link to the JSON Feed');
  assert.ok(alternates.some((l) => l.includes('href=feed.xml') && l.includes('application/rss+xml')), 'a link to the RSS feed');
  const rss = await (await fetch(pages.url('feed.xml'))).text();
  assert.match(rss, /<rss version="2\.0"/);
});

test('with JavaScript off, a reader can read every page and follow its links', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(pages.url('/'));
  assert.equal(await page.locator('.lead-story .card-headline').textContent(), 'Caldera launches its Year of Global Partnerships');
  await page.locator('.site-footer a', { hasText: 'Student Life' }).click();
  await page.waitForURL(/\/topics\/student-life\/$/);
  assert.equal(await page.locator('main h1').textContent(), 'Student Life');
  await page.locator('main .card-headline a').first().click();
  await page.waitForURL(/\/articles\//);
  assert.ok((await page.locator('article .story-body p').count()) >= 2);
  await page.locator('.story-nav a').first().click();
  await page.waitForURL(/\/articles\//);
  assert.ok(await page.locator('article h1').isVisible());
  assert.equal(await page.getByText('needs JavaScript').count(), 0, 'a readable page does not claim to need scripts');
  // Links within a story stay on it, whatever the page's <base>: the skip
  // link, and each photo's own address (the viewer's, with scripts).
  const story = '/articles/year-of-global-partnerships/';
  await page.goto(pages.url(story));
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.hash === '#main');
  assert.equal(new URL(page.url()).pathname, story, 'the skip link stays on the story');
  await page.locator('.photo-open').nth(1).click();
  await page.waitForURL((url) => url.hash === '#photo-2');
  assert.equal(new URL(page.url()).pathname, story, 'a photo\'s link stays on the story');
  assert.equal(await page.locator('article h1').count(), 1);
  // On a phone, no control that needs the app takes a place: the topics
  // menu's button (the topics are in the footer) and Share (noscript.css).
  await page.setViewportSize({ width: 390, height: 844 });
  for (const control of ['.site-header .menu-button', 'article .story-header .share']) {
    assert.equal(await page.locator(control).count(), 1, `${control} is in the page`);
    assert.equal((await page.locator(control).boundingBox())?.height ?? 0, 0, `${control} takes no place without JavaScript`);
  }
  // Search cannot run, and its page says so rather than showing placeholders.
  await page.locator('#site-search').fill('library');
  await page.locator('#site-search').press('Enter');
  await page.waitForURL(/\/search\/\?q=library$/);
  assert.equal(await page.locator('main h1').textContent(), 'Search');
  assert.ok(await page.locator('.search-needs-script').isVisible());
  assert.equal(await page.locator('.skeleton').isVisible(), false, 'no placeholder waits for nothing');
  for (const [name, route, width] of [['nojs-article', '/articles/astronaut-alumna-summer-course/', 390], ['nojs-front', '/', 1280]]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(pages.url(route));
    await page.screenshot({ path: path.join(ROOT, `docs/screenshots/${name}-${width}.jpg`), type: 'jpeg', quality: 70 });
  }
  await context.close();
});

test('the app takes over a prerendered page without a flash, a shift or an error', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  // A slow app makes the prerendered page stand alone for a while first.
  await page.route('**/*.wasm', async (r) => { await new Promise((ok) => setTimeout(ok, 600)); await r.continue(); });
  await page.addInitScript(() => {
    window.__cls = 0;
    window.__blankFrames = 0;
    window.__frames = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
    const sample = () => {
      const main = document.querySelector('#app main');
      if (document.readyState !== 'loading') {
        window.__frames++;
        if (!main || main.innerText.trim().length < 100) window.__blankFrames++;
      }
      if (!document.documentElement.dataset.gazette || window.__frames < 5) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.goto(pages.url('/articles/retina-model-early-signs/'));
  await page.evaluate(() => window.scrollTo(0, 300));
  await waitForPage(page);
  await page.waitForTimeout(200);
  const result = await page.evaluate(() => ({ cls: window.__cls, blank: window.__blankFrames, frames: window.__frames, y: scrollY }));
  assert.ok(result.frames > 5, `sampled ${result.frames} frames`);
  assert.equal(result.blank, 0, 'no frame without the story');
  assert.equal(result.cls, 0, 'no layout shift');
  assert.equal(result.y, 300, 'the reader stays where they were');
  assert.equal(await page.locator('#app').count(), 1);
  assert.equal(await page.locator('[data-prerendered]').count(), 0);
  assert.equal(await page.locator('head title').count(), 1);
  assert.equal(await page.locator('head meta[name=description]').count(), 1);
  assert.equal(await page.locator('head link[rel=canonical]').count(), 1);
  assert.deepEqual(realProblems(page), []);
  // And it is the app now: a link navigates in place.
  await page.evaluate(() => { window.__samePage = true; });
  await page.locator('.related .card-headline a').first().click();
  await page.waitForFunction(() => location.pathname !== '/articles/retina-model-early-signs/');
  assert.equal(await page.evaluate(() => window.__samePage), true, 'client-side navigation');
  await page.context().close();
});

/**
 * Opens `route` with the main feed held back until `release` is called:
 * the app has started (its router listens) but cannot draw its page yet,
 * so the prerendered page is what the reader has in front of them.
 */
async function duringTakeOver(page, route) {
  let release;
  const held = new Promise((ok) => { release = ok; });
  let first = true;
  await page.route('**/feed.json', async (r) => {
    if (first) {
      first = false;
      await held;
    }
    await r.continue().catch(() => {});
  });
  await page.goto(pages.url(route));
  await page.waitForFunction(() => performance.getEntriesByName('gazette:start').length > 0);
  // The app's router is set up a few tasks after its start.
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.gazette), undefined, 'not live yet');
  return release;
}

test('a click on the prerendered page while the app takes it over is never lost', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  // A link goes where it goes, as it would without JavaScript: the story is on screen at once.
  let release = await duringTakeOver(page, '/');
  const link = page.locator('#app .lead-story .card-link');
  const headline = (await link.textContent()).trim();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL((url) => url.pathname === new URL(href, pages.url('/')).pathname);
  await page.waitForFunction((text) => document.querySelector('#app main h1')?.textContent.trim() === text, headline, { timeout: 5000 });
  release();
  await waitForPage(page);
  assert.equal((await page.locator('main h1').textContent()).trim(), headline);
  // A button pressed before the app is live is pressed once it is.
  await page.unroute('**/feed.json');
  release = await duringTakeOver(page, '/');
  await page.locator('#app .menu-button').click();
  release();
  await waitForPage(page);
  assert.equal(await page.locator('.menu-button').getAttribute('aria-expanded'), 'true', 'the menu opened');
  assert.ok(await page.locator('#topic-nav').isVisible());
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});
