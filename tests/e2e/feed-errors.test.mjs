// Every way the feed can fail to load gives an alert that says what
// happened, a Retry button that works, and the site's chrome stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, openPage, waitForPage } from './support.mjs';
import { siteUnderTest } from './site-fixture.mjs';

const FEED = readFileSync(path.join(DIST, 'feed.json'), 'utf8');

const site = siteUnderTest({ bare: true });

/** Opens `route` while feed.json is answered by `fail` once, then served normally. */
async function failOnce(route, fail, host = site.server) {
  const page = await openPage(site.browser);
  let failures = 0;
  await page.route('**/feed.json', async (request) => {
    if (failures++ === 0) return fail(request);
    return request.fulfill({ status: 200, contentType: 'application/json', body: FEED });
  });
  await page.goto(host.url(route));
  const alert = page.locator('[role=alert]');
  await alert.waitFor();
  return { page, alert };
}

const CASES = [
  ['network error', (r) => r.abort('internetdisconnected'), /could not be reached/, /failed before the server answered/],
  ['HTTP 500', (r) => r.fulfill({ status: 500, body: 'oops' }), /could not deliver/, /answered 500 Internal Server Error for \/feed\.json/],
  ['HTTP 404', (r) => r.fulfill({ status: 404, body: '' }), /was not found/, /answered 404 Not Found/],
  ['an HTML page', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>x</title>' }), /is missing/, /returned a web page instead of JSON/],
  ['an empty body', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '' }), /is missing/, /came back empty/],
  ['a truncated body', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: FEED.slice(0, 5000) }), /arrived incomplete/, /line 1, column \d+: the JSON stops in the middle/],
  ['invalid JSON', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{\n  "title": "x",\n  "items": [,]\n}' }), /could not be read/, /line 3, column 13/],
  ['not a feed', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"title": "x"}' }), /could not be read/, /not a JSON Feed: it has no "items" array/],
];

for (const [name, fail, title, detail] of CASES) {
  test(`feed failure over a prerendered page: ${name}`, async () => {
    const { page, alert } = await failOnce('/articles/library-cat-mochi/', fail);
    assert.match(await alert.locator('.alert-title').textContent(), title);
    assert.match(await alert.textContent(), detail);
    // The page stays readable as it was published, with its chrome.
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('#app article h1').textContent(), 'Meet Mochi, the cat who runs the library');
    assert.ok(await page.locator('#app header.site-header .site-title').isVisible());
    assert.ok(await page.locator('#app header form[role=search]').isVisible());
    assert.ok((await page.locator('#app .site-footer .footer-topics a').count()) >= 8, 'the topics stand');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForPage(page);
    assert.equal(await page.locator('article h1').textContent(), 'Meet Mochi, the cat who runs the library');
    assert.equal(await page.locator('[role=alert]').count(), 0);
    assert.ok((await page.locator('.topic-nav a').count()) >= 8);
    await page.context().close();
  });
}

test('feed failure on a page that was not prerendered: the alert is the page, and Retry draws it', async () => {
  const { page, alert } = await failOnce('/articles/a-story-newer-than-the-build/', (r) => r.fulfill({ status: 503, body: '' }), site.bareServer);
  assert.equal(await alert.locator('h1').textContent(), 'The server could not deliver the news feed');
  assert.match(await alert.textContent(), /answered 503 Service Unavailable/);
  assert.equal(await page.locator('h1').count(), 1);
  assert.ok(await page.locator('header.site-header form[role=search]').isVisible(), 'the header stands');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.waitForSelector('main h1:text("Page not found")');
  assert.equal(await page.locator('[role=alert]').count(), 0);
  await page.context().close();
});

test('feed failure: a request that never answers times out after 15 seconds', { timeout: 40_000 }, async () => {
  const { page, alert } = await failOnce('/', () => new Promise(() => {}));
  assert.match(await alert.textContent(), /did not answer within 15 seconds/);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await waitForPage(page);
  await page.waitForSelector('.lead-story');
  await page.context().close();
});

test('stories the feed gets wrong are left out with a quiet notice; the rest show', async () => {
  const page = await openPage(site.browser);
  const feed = JSON.parse(FEED);
  feed.items.splice(1, 0, { title: 'No id here', content_text: 'x' }, { id: 'no-content', title: 'Empty' }, { id: 'bad-title', title: 42, content_text: 'x' });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(feed, null, 1) }));
  await page.goto(site.server.url('/'));
  await waitForPage(page);
  const notice = await page.locator('.feed-notice').textContent();
  assert.match(notice, /3 stories in the feed could not be shown \(1 without an id, 1 without content, 1 with a field of the wrong type\)/);
  assert.ok(warnings.some((w) => /items\[1\]\.id \(line \d+, column \d+\): the story has no id/.test(w)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /items\[3\]\.title .*should be a string, found a number/.test(w)), warnings.join('\n'));
  assert.equal(await page.locator('main .card-headline a').first().textContent(), feed.items[0].title);
  await page.context().close();
});
