// A 20,000-story archive laid out by `gazette build`: every page fetches
// only what it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST, startServer, launch, openPage, waitForPage, goLive } from './support.mjs';

const STORIES = 20_000;
const TOPICS = ['University News', 'Research', 'Science & Technology', 'Social Science', 'Art & Culture', 'Faculty & Staff', 'Student Life', 'Around the World'];
const slugOf = (name) => name.toLowerCase().replace(/&/g, ' ').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A JSON Feed of `n` stories, one an hour back from a fixed date. */
export function archiveFeed(n) {
  const start = Date.UTC(2026, 10, 20);
  const items = [];
  for (let i = 0; i < n; i++) {
    const topic = TOPICS[i % TOPICS.length];
    items.push({
      id: `story-${i}`,
      title: `Archive story number ${i}`,
      summary: `Summary of story ${i} in ${topic}.`,
      date_published: new Date(start - i * 3600_000).toISOString(),
      content_text: `First paragraph of story ${i}.\n\nSecond paragraph.`,
      _gazette: { slug: `story-${i}`, topic: slugOf(topic), views: i },
    });
  }
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'The Archive Times',
    description: 'Twenty thousand stories',
    _gazette: { topics: TOPICS.map((name) => ({ slug: slugOf(name), name })) },
    items,
  };
}

export function gazetteBinary() {
  const binary = path.join(ROOT, 'target/debug/gazette');
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--quiet', '-p', 'gazette-cli'], { cwd: ROOT, stdio: 'inherit' });
  return binary;
}

let server;
let browser;
let site;

before(async () => {
  site = mkdtempSync(path.join(os.tmpdir(), 'gazette-archive-'));
  cpSync(DIST, site, { recursive: true });
  const source = path.join(site, 'archive-source.json');
  writeFileSync(source, JSON.stringify(archiveFeed(STORIES)));
  execFileSync(gazetteBinary(), ['build', source, '--out', site], { stdio: 'inherit' });
  rmSync(source);
  server = await startServer({ root: site });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Opens `route` and returns the feed files the page requested. */
async function feedRequests(route, ready) {
  const page = await openPage(browser);
  const requests = [];
  page.on('request', (r) => { if (r.url().endsWith('.json')) requests.push(new URL(r.url()).pathname); });
  await goLive(page, server.url(route));
  await page.waitForSelector(ready);
  await page.waitForLoadState('networkidle');
  return { page, requests };
}

test('the front page of a 20,000-story archive needs two feed requests', async () => {
  const { page, requests } = await feedRequests('/', '.lead-story');
  assert.deepEqual(requests.sort(), ['/feed.json', '/sections.json']);
  assert.equal(await page.locator('.lead-story .card-headline').textContent(), 'Archive story number 0');
  assert.equal(await page.locator('.topic-section').count(), TOPICS.length, 'every topic has its section');
  await page.context().close();
});

test('a deep topic page fetches only its own file', async () => {
  const { page, requests } = await feedRequests('/topics/research/?page=100', 'main h1');
  assert.deepEqual(requests.sort(), ['/feed.json', '/topics/research/page-100.json']);
  assert.equal(await page.locator('main h1').textContent(), 'Research');
  assert.match(await page.locator('.page-status').textContent(), /Page 100 of 209/);
  assert.equal(await page.locator('main .card').count(), 12);
  assert.equal(await page.locator('.pagination [aria-current=page]').textContent(), '100');
  // The next page is one more small file.
  const before = requests.length;
  await page.locator('a[rel=next]').click();
  await page.waitForSelector('.page-status:text("Page 101 of 209")');
  assert.deepEqual(requests.slice(before), ['/topics/research/page-101.json']);
  // Back shows the page already held, without fetching it again.
  await page.goBack();
  await page.waitForSelector('.page-status:text("Page 100 of 209")');
  assert.deepEqual(requests.slice(before), ['/topics/research/page-101.json']);
  await page.context().close();
});

test('a deep link to an old story resolves without walking the feed', async () => {
  const { page, requests } = await feedRequests('/articles/story-19999/', 'article h1');
  assert.deepEqual(requests.sort(), ['/articles/story-19999.json', '/feed.json']);
  assert.equal(await page.locator('article h1').textContent(), 'Archive story number 19999');
  await page.context().close();
});

test('a page beyond the last and an unknown story are not found', async () => {
  const { page } = await feedRequests('/topics/research/?page=210', 'main h1');
  assert.equal(await page.locator('main h1').textContent(), 'Page not found');
  await goLive(page, server.url('/articles/story-20000/'));
  await page.waitForSelector('main h1:text("Page not found")');
  await page.context().close();
});
