// Reading offline and installing the site: the service worker keeps the app,
// the pages a reader opened with their photos and data, and answers for the
// rest with an offline page; a new deploy brings its app and its feed
// together. "Offline" here is both Playwright's emulation and the host
// really gone (its server stopped), so that nothing reaches the network
// whatever the emulation covers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DIST, CHROMIUM, startServer, launch, waitForPage, realProblems, figure } from './support.mjs';
import { gazetteBinary } from './archive-site.mjs';

/** What the sample site may keep on a reader's device after a few stories: stated in the README. */
export const STORAGE_BUDGET_BYTES = 4 * 1024 * 1024;

const STORY_ONE = 'cafe-exam-weeks';
const STORY_TWO = 'retina-model-early-signs';
const UNVISITED = 'cubesat-launch-slot';
const NEW_STORY = 'Night buses return to the east campus';

let browser;
const folders = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the built site that a test may deploy again. */
function siteCopy() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gazette-offline-'));
  folders.push(folder);
  cpSync(DIST, folder, { recursive: true });
  return folder;
}

/** A page in a context that lets the site's service worker run. */
async function openWithWorker(context) {
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  return page;
}

/** Waits until the service worker is active and controls the page. */
async function controlled(page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return true;
  }, null, { timeout: 30000 });
}

/** The URLs the worker has kept in its caches whose name starts with `prefix`. */
function kept(page, prefix) {
  return page.evaluate(async (prefix) => {
    const urls = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith(prefix)) continue;
      const cache = await caches.open(name);
      urls.push(...(await cache.keys()).map((r) => r.url));
    }
    return urls;
  }, prefix);
}

async function until(check, what, ms = 15000, state = async () => '') {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${await state()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Loads every photo of the page by scrolling it through. */
async function scrollThrough(page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
    }
    const loaded = Promise.all([...document.images].map((i) => (i.complete ? null : new Promise((r) => { i.onload = i.onerror = r; }))));
    await Promise.race([loaded, new Promise((r) => setTimeout(r, 5000))]);
  });
}

async function goOffline(context, server) {
  await context.setOffline(true);
  await server.stop();
}

async function goOnline(context, root, port) {
  const server = await startServer({ root, port });
  await context.setOffline(false);
  return server;
}

/** The feed with one new story on top, as a newsroom would replace it. */
function publishNewStory(root) {
  const file = path.join(root, 'feed.json');
  const feed = JSON.parse(readFileSync(file, 'utf8'));
  feed.items.unshift({
    id: 'night-buses',
    title: NEW_STORY,
    content_text: 'The night bus service to the east campus runs again from Monday, every twenty minutes until two.',
    date_published: '2026-12-01T20:00:00+08:00',
    _gazette: { slug: 'night-buses-east-campus', views: 12 },
  });
  writeFileSync(file, JSON.stringify(feed));
}

test('a reader who opened two stories reads them offline, with their photos, and is told the rest is not saved', async () => {
  const root = siteCopy();
  let server = await startServer({ root });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openWithWorker(context);
  await page.goto(server.url('/'));
  await waitForPage(page);
  await controlled(page);

  // Story one opened inside the app (no navigation the worker sees), story two by its address.
  await page.locator(`a[href$="/articles/${STORY_ONE}/"]`).first().click();
  await page.waitForURL(`**/articles/${STORY_ONE}/`);
  await page.waitForSelector('article h1');
  await scrollThrough(page);
  // A reader reads a while: the app asks the worker to keep the page once it has been on screen a moment.
  await until(async () => (await kept(page, 'gazette-pages-')).some((u) => u.endsWith(`/articles/${STORY_ONE}/`)), 'story one kept');
  await page.goto(server.url(`/articles/${STORY_TWO}/`));
  await waitForPage(page);
  await scrollThrough(page);
  const photosOnline = await page.locator('article figure img').count();
  assert.ok(photosOnline >= 2, `story two has its photos (${photosOnline})`);
  await until(async () => {
    const pages = await kept(page, 'gazette-pages-');
    return [STORY_ONE, STORY_TWO].every((slug) => pages.some((u) => u.endsWith(`/articles/${slug}/`)));
  }, 'both stories kept', 15000, async () => `; kept: ${(await kept(page, 'gazette-pages-')).join(' ')}; caches: ${(await page.evaluate(() => caches.keys())).join(' ')}`);
  const photos = await kept(page, 'gazette-photos');
  assert.ok(photos.length >= photosOnline, `the photos seen are kept (${photos.length})`);

  await goOffline(context, server);
  await page.reload();
  await waitForPage(page);
  assert.match(await page.locator('article h1').textContent(), /retina/i);
  await scrollThrough(page);
  const broken = await page.locator('article figure img').evaluateAll((imgs) => imgs.filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src));
  assert.deepEqual(broken, [], 'every photo of the story shows offline');
  const notice = page.locator('main .offline-notice[role=status]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /^You are offline: showing stories as of \w+ \d+, \d{4}, \d\d:\d\d\.$/);
  // Every page names the manifest: the browser asks for it offline too.
  const manifest = await page.evaluate(async () => {
    const response = await fetch(document.querySelector('link[rel=manifest]').href);
    return response.ok ? (await response.json()).name : response.status;
  });
  assert.equal(manifest, 'Caldera University News', 'the manifest is kept for offline reading');

  // The front page, from the copy of the feed kept, with the notice.
  await page.goto(server.url('/'));
  await waitForPage(page);
  await notice.waitFor();
  assert.ok((await page.locator('main .card').count()) > 3, 'the front page lists stories');

  // A story never opened: the offline page, listing the two that were.
  const response = await page.goto(server.url(`/articles/${UNVISITED}/`));
  assert.equal(response.status(), 503);
  assert.equal(await page.locator('h1').textContent(), 'You are offline');
  assert.equal(await page.locator('h1').count(), 1);
  const listed = await page.locator('.saved-stories a').evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
  assert.deepEqual(listed.sort(), [`/articles/${STORY_ONE}/`, `/articles/${STORY_TWO}/`].sort());
  assert.ok((await page.locator('.saved-stories a').allTextContents()).includes('The café that never sleeps during exam weeks'), 'each by its headline');
  await page.locator(`.saved-stories a[href$="/articles/${STORY_ONE}/"]`).click();
  await waitForPage(page);
  assert.match(await page.locator('article h1').textContent(), /café/i, 'a link of the offline page opens its story');

  // Back online: the newsroom has published meanwhile, and the page shows it without a reload.
  publishNewStory(root);
  server = await goOnline(context, root, server.port);
  await notice.waitFor({ state: 'detached' });
  await page.locator('header a.site-title').first().click();
  await page.getByText(NEW_STORY).first().waitFor();

  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  figure(`offline: ${(usage / 1024 / 1024).toFixed(2)} MB kept on the device (budget ${STORAGE_BUDGET_BYTES / 1024 / 1024} MB)`);
  assert.ok(usage < STORAGE_BUDGET_BYTES, `storage ${usage} bytes within the budget`);
  // Offline, the browser reports the requests that failed and the offline page's own 503.
  const expected = (p) => p.includes('net::ERR_') || p.includes('Failed to fetch') || p.includes('status of 503 (Offline)');
  assert.deepEqual(realProblems(page).filter((p) => !expected(p) || /manifest/i.test(p)), []);
  await context.close();
  await server.stop();
});

/** Makes build B of the site in `root`: the app under new names (as a new Trunk build would have), published again with a new story. */
function deployNewBuild(root) {
  const names = readdirSync(root);
  const glue = names.find((n) => /^gazette-web-[0-9a-f]+\.js$/.test(n));
  const loader = names.find((n) => /^loader-[0-9a-f]+\.js$/.test(n));
  const hash = glue.slice('gazette-web-'.length, -'.js'.length);
  const newHash = [...hash].reverse().join('');
  // The loader of the code loaded on demand, which the glue imports and which imports the glue.
  const splitLoader = names.find((n) => /^gazette-split-[0-9a-f]+\.js$/.test(n));
  const renames = [
    [`gazette-web-${hash}_bg.wasm`, `gazette-web-${newHash}_bg.wasm`],
    [`gazette-web-${hash}.js`, `gazette-web-${newHash}.js`],
    [loader, 'loader-b0b0b0b0b0b0b0b0.js'],
    ...(splitLoader ? [[splitLoader, 'gazette-split-b0b0b0b0b0b0b0b0.js']] : []),
  ];
  const rewrite = (file) => {
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of renames) text = text.split(from).join(to);
    writeFileSync(file, text);
  };
  for (const [from, to] of renames) renameSync(path.join(root, from), path.join(root, to));
  rewrite(path.join(root, 'loader-b0b0b0b0b0b0b0b0.js'));
  if (splitLoader) {
    rewrite(path.join(root, `gazette-web-${newHash}.js`));
    rewrite(path.join(root, 'gazette-split-b0b0b0b0b0b0b0b0.js'));
  }
  rewrite(path.join(root, '404.html'));
  rewrite(path.join(root, 'index.html'));
  publishNewStory(root);
  execFileSync(gazetteBinary(), ['publish', root], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { glue: `gazette-web-${newHash}.js`, loader: 'loader-b0b0b0b0b0b0b0b0.js' };
}

const buildOf = (page) => page.locator('meta[name=gazette-build]').getAttribute('content');

test('a new deploy brings its app and its feed together, and the stories kept come along', async () => {
  const root = siteCopy();
  let server = await startServer({ root });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openWithWorker(context);
  await page.goto(server.url(`/articles/${STORY_ONE}/`));
  await waitForPage(page);
  await controlled(page);
  const buildA = await buildOf(page);
  await until(async () => (await kept(page, `gazette-pages-${buildA}`)).some((u) => u.endsWith(`/articles/${STORY_ONE}/`)), 'story kept');

  const b = deployNewBuild(root);

  // The tab still open on build A learns of build B (browsers look for a new
  // worker on navigations and now and then; here, at once)...
  await page.evaluate(async () => {
    const replaced = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    await (await navigator.serviceWorker.getRegistration()).update();
    await replaced;
  });
  // ...and its next link loads build B's page from the host rather than
  // being drawn by app A: build B's page, app and feed, all at once.
  await page.locator('header a.site-title').first().click();
  await page.waitForURL(server.url('/'));
  await waitForPage(page);
  const buildB = await buildOf(page);
  assert.notEqual(buildB, buildA, 'the page is build B');
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  assert.ok(scripts.includes(`/${b.glue}`), `app B's code was loaded: ${scripts.join(' ')}`);
  assert.ok(!scripts.some((s) => /gazette-web-/.test(s) && !s.includes(b.glue.slice(0, -3))), 'and no code of app A');
  await page.getByText(NEW_STORY).first().waitFor();

  // Worker B takes over; nothing of build A is left, the story kept is carried over as build B's page.
  await until(async () => (await page.evaluate(() => caches.keys())).every((n) => !n.includes(buildA)), 'build A dropped');
  const names = await page.evaluate(() => caches.keys());
  assert.ok(names.includes(`gazette-app-${buildB}`), names.join(' '));
  assert.ok((await kept(page, `gazette-pages-${buildB}`)).some((u) => u.endsWith(`/articles/${STORY_ONE}/`)), 'story carried over');

  // Offline now: build B's app with build B's feed.
  await goOffline(context, server);
  await page.goto(server.url(`/articles/${STORY_ONE}/`));
  await waitForPage(page);
  assert.equal(await buildOf(page), buildB);
  await page.locator('header a.site-title').first().click();
  await page.getByText(NEW_STORY).first().waitFor();
  await context.close();
});

test('Chromium finds the site installable, with its manifest and icons', async () => {
  const root = siteCopy();
  const server = await startServer({ root });
  // An incognito context is never installable: this one has a profile.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gazette-profile-'));
  folders.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url('/'));
  await waitForPage(page);
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await (await page.request.get(server.url('/manifest.webmanifest'))).json();
  assert.equal(manifest.name, 'Caldera University News');
  assert.equal(manifest.start_url, './');
  for (const icon of manifest.icons) {
    const file = path.join(root, icon.src);
    assert.ok(statSync(file).size > 500, `${icon.src} is written`);
  }
  await context.close();
  await server.stop();
});

test('on a site served under a sub-path, the worker is scoped to it', async () => {
  const sub = path.join(path.dirname(DIST), 'dist-news');
  const server = await startServer({ root: sub, prefix: '/news/' });
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await openWithWorker(context);
  await page.goto(server.url('/'));
  await waitForPage(page);
  await controlled(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(new URL(scope).pathname, '/news/');
  const app = await kept(page, 'gazette-app-');
  assert.ok(app.some((u) => u.endsWith('_bg.wasm')) && app.every((u) => new URL(u).pathname.startsWith('/news/')), app.join(' '));
  assert.deepEqual(realProblems(page), []);
  await context.close();
  await server.stop();
});
