// A reader's journeys in each engine readers' browsers are built on:
// Chromium, Firefox ESR and WebKitGTK (Safari's engine), each through its own
// driver (engines.mjs). The other files test every detail in Chromium; these
// are the few journeys every reader takes, so that what works in one engine
// is known to work in all three. Each test is named by its engine.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, startServer, figure } from './support.mjs';
import { ENGINES, stopDrivers, until } from './engines.mjs';

const SITE = JSON.parse(readFileSync(path.join(DIST, 'feed.json'), 'utf8')).title;
const LEAD = 'Caldera launches its Year of Global Partnerships';
const GALLERY = '/articles/observatory-deep-sky-night/';
const GALLERY_PHOTOS = 7;
const OFFLINE_STORY = '/articles/retina-model-early-signs/';

const live = () => document.documentElement.dataset.gazette === 'live' && !!document.querySelector('main h1');
/**
 * Every photo in the window drawn. Each journey leaves its page as a reader
 * would, once its photos are on screen: Firefox reports every photo load a
 * new address cancels as "A ServiceWorker intercepted the request and
 * encountered an unexpected error" (1 visit in 4 when the address changed
 * right after Back to the front page), which is the browser's leaving the
 * page, not an error of the page's.
 */
const photosDrawn = () => [...document.images]
  .filter((img) => { const box = img.getBoundingClientRect(); return box.width > 0 && box.bottom > 0 && box.top < innerHeight; })
  .every((img) => img.complete && img.naturalWidth > 0);
const seconds = new Map();
/** Where the viewer is, for a failure to show. */
const viewerState = () => {
  const track = document.querySelector('.viewer-track');
  return { position: document.querySelector('.viewer-position')?.textContent, hash: location.hash, scrollLeft: track?.scrollLeft, width: track?.clientWidth };
};

for (const { name, start } of ENGINES) {
  describe(name, () => {
    let server;
    let reader;
    let began;

    before(async () => {
      began = Date.now();
      server = await startServer();
      reader = await start({ javaScript: true });
    });

    after(async () => {
      await reader?.close();
      await server?.stop();
      seconds.set(name, (Date.now() - began) / 1000);
    });

    test(`${name}: the front page opens a story in the app, and Back returns to it`, async () => {
      await reader.goto(server.url('/'));
      await until(reader, live, null, 'the front page to go live');
      // A mark the page keeps only while no document is loaded again.
      await reader.run(() => { window.gazetteJourney = true; });
      await reader.click('main .card-headline a');
      await until(reader, (lead) => document.querySelector('article h1')?.textContent === lead, LEAD, 'the lead story');
      assert.ok(await reader.run(() => window.gazetteJourney === true && location.pathname.startsWith('/articles/')), `${name}: the story is drawn by the app, at its own address`);
      assert.equal(await reader.run(() => document.querySelectorAll('h1').length), 1, `${name}: one h1`);
      await reader.back();
      await until(reader, () => location.pathname === '/' && !!document.querySelector('.lead-story'), null, 'the front page again');
      assert.ok(await reader.run(() => window.gazetteJourney === true), `${name}: Back is the app's, not a reload`);
      await until(reader, photosDrawn, null, "the front page's photos drawn again");
    });

    test(`${name}: the photo viewer opens, moves by key and by swipe, and gives focus back`, async () => {
      await reader.goto(server.url(GALLERY));
      await until(reader, live, null, 'the gallery story to go live');
      await reader.click('article .photo-open');
      await until(reader, (text) => document.querySelector('dialog.viewer')?.open && document.querySelector('.viewer-position')?.textContent === text, `Photo 1 / ${GALLERY_PHOTOS}`, 'the viewer on photo 1');
      assert.ok(await reader.run(() => document.querySelector('dialog.viewer').contains(document.activeElement)), `${name}: focus is in the viewer`);

      await reader.press('ArrowRight');
      await until(reader, (text) => document.querySelector('.viewer-position')?.textContent === text && location.hash === '#photo-2', `Photo 2 / ${GALLERY_PHOTOS}`, 'photo 2 after ArrowRight');
      // The strip slides to photo 2 and rests there.
      await until(reader, () => {
        const track = document.querySelector('.viewer-track');
        return Math.abs(Math.abs(track.scrollLeft) - track.clientWidth) < 2;
      }, null, 'the strip at rest on photo 2');
      // and has told the viewer so (scrollend, or a still moment where there is none).
      await new Promise((resolve) => setTimeout(resolve, 400));

      // A swipe: the strip scrolled by the engine itself, snapping to the next photo.
      await reader.run(() => {
        const track = document.querySelector('.viewer-track');
        track.scrollBy({ left: track.clientWidth, behavior: 'smooth' });
      });
      await until(reader, (text) => document.querySelector('.viewer-position')?.textContent === text && location.hash === '#photo-3', `Photo 3 / ${GALLERY_PHOTOS}`, 'photo 3 after a swipe', 5000, viewerState);
      const shown = await reader.run(() => [...document.querySelectorAll('.viewer-slide')].map((slide, i) => (slide.inert ? null : i)).filter((i) => i !== null));
      assert.deepEqual(shown, [2], `${name}: photo 3 alone is not inert after the swipe`);
      assert.equal(await reader.run(() => document.querySelector('.viewer-previous').disabled), false, `${name}: Previous is enabled`);

      await reader.press('Escape');
      await until(reader, () => !document.querySelector('dialog.viewer')?.open, null, 'the viewer closed');
      assert.ok(await reader.run(() => document.activeElement === document.querySelector('article .photo-open')), `${name}: focus is back on the photo that opened the viewer`);
      await until(reader, photosDrawn, null, "the story's photos drawn");
    });

    test(`${name}: search answers as the reader types`, async () => {
      await reader.goto(server.url('/search/'));
      await until(reader, live, null, 'the search page to go live');
      await reader.type('.search-page-form input[type=search]', 'library');
      const found = await until(reader, () => document.querySelectorAll('.search-result').length, null, 'results while typing', 20000);
      assert.ok(found >= 1, `${name}: results`);
      await until(reader, (title) => document.title === title, `Search: library – ${SITE}`, 'the title naming the query and the site');
      await until(reader, photosDrawn, null, "the results' photos drawn");
      assert.ok(await reader.run(() => new URL(location.href).searchParams.get('q') === 'library'), `${name}: the address keeps the query`);
      // Online, nothing went wrong behind the scenes (offline, failed requests are the point).
      if (reader.problems) assert.deepEqual(reader.problems, [], `${name}: no console errors on the journeys`);
    });

    test(`${name}: a story read online opens offline`, async () => {
      await reader.goto(server.url(OFFLINE_STORY));
      await until(reader, live, null, 'the story to go live');
      const headline = await reader.run(() => document.querySelector('article h1').textContent);
      // Kept once the reader has had it on screen a moment (the service worker's page cache).
      await until(reader, async (story) => {
        for (const name of await caches.keys()) {
          if (!name.startsWith('gazette-pages-')) continue;
          const kept = await (await caches.open(name)).keys();
          if (kept.some((request) => new URL(request.url).pathname === story)) return true;
        }
        return false;
      }, OFFLINE_STORY, 'the story kept for offline reading', 20000);
      await server.stop();
      await reader.goto(server.url(OFFLINE_STORY));
      await until(reader, live, null, 'the story to go live offline');
      assert.equal(await reader.run(() => document.querySelector('article h1').textContent), headline, `${name}: the same story offline`);
      await until(reader, () => {
        const photo = document.querySelector('article figure img');
        return photo?.complete && photo.naturalWidth > 0;
      }, null, 'its first photo, offline');
      await until(reader, () => /^You are offline/.test(document.querySelector('.offline-notice[role=status]')?.textContent ?? ''), null, 'the notice that the reader is offline');
    });

    test(`${name}: with JavaScript off, a story reads and its links stay on it`, async () => {
      // A browser of its own (WebKitWebDriver drives one session at a time).
      await reader.close();
      reader = null;
      server = await startServer();
      const scriptless = await start({ javaScript: false });
      try {
        await scriptless.goto(server.url(GALLERY));
        assert.equal(await scriptless.run(() => document.documentElement.dataset.gazette ?? null), null, `${name}: the app did not run`);
        assert.deepEqual(await scriptless.run(() => [...document.querySelectorAll('h1')].map((h) => h.closest('article') !== null)), [true], `${name}: one h1, the story's`);
        assert.ok(await scriptless.run(() => document.querySelectorAll('article figure').length >= 1), `${name}: the story's photos`);
        // Sharing needs the app: without it the button is given no place (noscript.css), no empty band.
        assert.equal(await scriptless.run(() => [...document.querySelectorAll('article .share')].reduce((sum, share) => sum + share.getBoundingClientRect().height, 0)), 0, `${name}: no place held for the Share button, which needs the app`);
        // The skip link and a photo's link, followed from the keyboard.
        await scriptless.run(() => document.querySelector('.skip-link').focus());
        await scriptless.press('Enter');
        await until(scriptless, (story) => location.pathname === story && location.hash === '#main', GALLERY, 'the skip link to stay on the story');
        await scriptless.run(() => document.querySelector('article .photo-open[href$="#photo-2"]').focus());
        await scriptless.press('Enter');
        await until(scriptless, (story) => location.pathname === story && location.hash === '#photo-2', GALLERY, 'photo 2\'s link to stay on the story');
        assert.equal(await scriptless.run(() => document.querySelectorAll('article h1').length), 1, `${name}: still the story`);
      } finally {
        await scriptless.close();
      }
    });
  });
}

after(() => {
  stopDrivers();
  figure(`engines: the journeys took ${[...seconds].map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')}`);
});
