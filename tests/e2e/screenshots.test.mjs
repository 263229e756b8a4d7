// Screenshots of each page type on a phone and a desktop, for the README
// and for a person to look at: docs/screenshots/{page}-{width}.jpg, drawn
// with the URW fonts (Palatino and Helvetica metrics, as on many readers'
// machines) so that they are the same pictures on every machine that makes
// them. Under the other font sets the same pages must not scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, goLive } from './support.mjs';
import { FONT_SETS, fontEnvironment } from './fonts.mjs';

const OUT = path.join(ROOT, 'docs/screenshots');
const PAGES = {
  front: '/',
  topic: '/topics/research/',
  article: '/articles/library-cat-mochi/',
  person: '/people/amara-okafor/',
  'not-found': '/no/such/page',
  search: '/search/?q=library',
  'article-zh': '/zh/articles/library-cat-mochi/',
};
const WIDTHS = [390, 1280];

let server;
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startServer();
  browser = await launch({ env: fontEnvironment(FONT_SETS.find((set) => set.name === 'urw')) });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const [name, route] of Object.entries(PAGES)) {
  for (const width of WIDTHS) {
    test(`screenshot of ${name} at ${width} px`, async () => {
      const page = await openPage(browser, { viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: 1 });
      await goLive(page, server.url(route));
      await page.waitForSelector('main h1', { state: 'attached' });
      // Lazy photos below the fold are loaded so the full-page picture is complete.
      await page.evaluate(() => document.querySelectorAll('img[loading=lazy]').forEach((img) => { img.loading = 'eager'; }));
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => {}))));
      const file = path.join(OUT, `${name}-${width}.jpg`);
      await page.screenshot({ path: file, fullPage: true, type: 'jpeg', quality: 70 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${name} at ${width} px scrolls sideways`);
      await page.context().close();
    });
  }
}

// The most-read list on its own, as a reader meets it below the front page.
for (const width of WIDTHS) {
  test(`screenshot of the most-read list at ${width} px`, async () => {
    const page = await openPage(browser, { viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: 1 });
    await goLive(page, server.url('/'));
    const list = page.locator('.most-read');
    await list.scrollIntoViewIfNeeded();
    await list.screenshot({ path: path.join(OUT, `most-read-${width}.jpg`), type: 'jpeg', quality: 70 });
    assert.equal(await list.locator('li').count(), 10);
    await page.context().close();
  });
}

for (const set of FONT_SETS.filter((set) => set.name !== 'urw')) {
  test(`no page scrolls sideways with the ${set.name} fonts`, async () => {
    const other = await launch({ env: fontEnvironment(set) });
    try {
      for (const [name, route] of Object.entries(PAGES)) {
        for (const width of [320, ...WIDTHS]) {
          const page = await openPage(other, { viewport: { width, height: 800 } });
          await goLive(page, server.url(route));
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.equal(overflow, 0, `${name} at ${width} px scrolls sideways with the ${set.name} fonts`);
          await page.context().close();
        }
      }
    } finally {
      await other.close();
    }
  });
}
