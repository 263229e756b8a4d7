// The photo viewer: opening, every key, focus, the URL, history, swipe,
// loading states and screenshots on a phone and a desktop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, openPage, realProblems, goLive } from './support.mjs';
import { siteUnderTest } from './site-fixture.mjs';

const ARTICLE = '/articles/observatory-deep-sky-night/';
const PHOTOS = 7; // one in the body, six in the gallery

const site = siteUnderTest();

const position = (page) => page.locator('.viewer-position').textContent();
const isOpen = (page) => page.evaluate(() => document.querySelector('dialog.viewer')?.open === true);
const fragment = (page) => new URL(page.url()).hash;

async function openArticle(options = {}) {
  const page = await openPage(site.browser, options);
  await goLive(page, site.server.url(ARTICLE));
  await page.waitForSelector('article h1');
  return page;
}

async function waitForPosition(page, text) {
  try {
    await page.waitForFunction((t) => document.querySelector('.viewer-position')?.textContent === t, text, { timeout: 15000 });
  } catch (error) {
    const shown = await page.locator('.viewer-position').textContent().catch(() => 'no viewer');
    throw new Error(`waited for "${text}", the viewer shows "${shown}"`, { cause: error });
  }
}

test('a click on a photo opens the viewer there, as a modal dialog with a name', async () => {
  const page = await openArticle();
  await page.locator('article .story-body .photo-open').first().click();
  await waitForPosition(page, `Photo 1 / ${PHOTOS}`);
  const dialog = page.locator('dialog.viewer');
  assert.equal(await dialog.getAttribute('role'), 'dialog');
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  const name = await page.locator('#' + (await dialog.getAttribute('aria-labelledby'))).textContent();
  assert.match(name, /^Photos: Photos: a deep-sky night/);
  assert.equal(fragment(page), '#photo-1');
  assert.match(await dialog.locator('.viewer-slide').first().locator('figcaption').textContent(), /deep-field image/);
  for (const [label, key] of [['Close', 'Esc'], ['Previous', '←'], ['Next', '→']]) {
    const button = dialog.getByRole('button', { name: label, exact: true });
    assert.ok(await button.isVisible(), `${label} is visible`);
    assert.match(await button.getAttribute('title'), new RegExp(`\\(${key}\\)`), `${label} names its key`);
  }
  assert.equal(await dialog.locator('.viewer-thumbs').isVisible(), true, 'thumbnails on a wide screen');
  assert.deepEqual(realProblems(page), []);
  await page.context().close();
});

test('the photo grid opens the viewer on the photo chosen', async () => {
  const page = await openArticle();
  assert.equal(await page.locator('#gallery-heading').textContent(), `Photos (${PHOTOS})`);
  await page.locator('.gallery-grid .photo-open').nth(4).click();
  await waitForPosition(page, `Photo 5 / ${PHOTOS}`);
  assert.equal(fragment(page), '#photo-5');
  await page.context().close();
});

test('keys move, jump and close; focus returns to the photo that opened it', async () => {
  const page = await openArticle();
  const opener = page.locator('.gallery-grid .photo-open').nth(2);
  await opener.focus();
  await page.keyboard.press('Enter');
  await waitForPosition(page, `Photo 3 / ${PHOTOS}`);
  for (const [key, expected] of [['ArrowRight', 4], ['ArrowRight', 5], ['ArrowLeft', 4], ['End', PHOTOS], ['ArrowRight', PHOTOS], ['Home', 1], ['ArrowLeft', 1]]) {
    await page.keyboard.press(key);
    await waitForPosition(page, `Photo ${expected} / ${PHOTOS}`);
    assert.equal(fragment(page), `#photo-${expected}`, `after ${key}`);
  }
  assert.equal(await page.getByRole('button', { name: 'Previous', exact: true }).isDisabled(), true, 'no previous on the first photo');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog.viewer').open);
  assert.equal(fragment(page), '');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.gallery-grid li') !== null), true);
  assert.equal(await opener.evaluate((el) => el === document.activeElement), true, 'focus is back on the opener');
  await page.context().close();
});

test('a key press is never undone by the strip settling from an earlier move', async () => {
  // On a busy machine the browser can report the end of a scroll after the
  // next key press has started another; that report names a photo the reader
  // has already left.
  const page = await openArticle();
  await page.locator('article .story-body .photo-open').first().click();
  await waitForPosition(page, `Photo 1 / ${PHOTOS}`);
  await page.keyboard.press('ArrowRight');
  await page.evaluate(() => document.querySelector('.viewer-track').dispatchEvent(new Event('scrollend')));
  await page.keyboard.press('ArrowRight');
  await waitForPosition(page, `Photo 3 / ${PHOTOS}`);
  await page.waitForFunction(() => {
    const track = document.querySelector('.viewer-track');
    return Math.abs(track.scrollLeft - 2 * track.clientWidth) <= 1;
  });
  await page.waitForTimeout(300);
  assert.equal(await position(page), `Photo 3 / ${PHOTOS}`, 'the position stays where the keys put it');
  assert.equal(fragment(page), '#photo-3');
  await page.context().close();
});

test('Next then Previous at once ends on the photo the reader came back to', async () => {
  const page = await openArticle();
  await page.locator('.gallery-grid .photo-open').nth(1).click();
  await waitForPosition(page, `Photo 2 / ${PHOTOS}`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await waitForPosition(page, `Photo 2 / ${PHOTOS}`);
  await page.waitForTimeout(800);
  assert.equal(await position(page), `Photo 2 / ${PHOTOS}`);
  assert.equal(await page.evaluate(() => {
    const track = document.querySelector('.viewer-track');
    return Math.round(track.scrollLeft / track.clientWidth);
  }), 1, 'the strip shows photo 2 too');
  await page.context().close();
});

test('Tab and Shift+Tab stay inside the viewer, on the photo shown; Next keeps focus to the last photo', async () => {
  const page = await openArticle();
  await page.locator('article .story-body .photo-open').first().click();
  await waitForPosition(page, `Photo 1 / ${PHOTOS}`);
  // Only the photo on screen is in the Tab order: the others' Share
  // buttons are not, so Tab never scrolls the strip to another photo.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('dialog.viewer') !== null), true, `Tab ${i + 1} left the dialog`);
    assert.equal(await page.evaluate(() => document.activeElement.closest('.viewer-slide[inert]')), null, `Tab ${i + 1} reached a photo not shown`);
  }
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('dialog.viewer') !== null), true, `Shift+Tab ${i + 1} left the dialog`);
  }
  assert.equal(await position(page), `Photo 1 / ${PHOTOS}`, 'tabbing moved no photo');
  assert.equal(await page.locator('.viewer-slide:not([inert])').count(), 1);

  // Next pressed from the keyboard up to the last photo: it says it can go
  // no further, and focus stays on it.
  await page.locator('.viewer-next').focus();
  for (let i = 1; i < PHOTOS; i++) await page.keyboard.press('Enter');
  await waitForPosition(page, `Photo ${PHOTOS} / ${PHOTOS}`);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.viewer-next').getAttribute('aria-disabled'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.matches('.viewer-next')), true, 'focus stays on Next');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  assert.equal(await position(page), `Photo ${PHOTOS} / ${PHOTOS}`, 'Next at the last photo does nothing');
  await page.context().close();
});

test('a shared photo address opens the viewer in a fresh tab; Back closes it and stays on the story', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await goLive(page, site.server.url(ARTICLE) + '#photo-4');
  await waitForPosition(page, `Photo 4 / ${PHOTOS}`);
  assert.equal(await isOpen(page), true);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog.viewer').open);
  assert.equal(new URL(page.url()).pathname, ARTICLE, 'closing a shared photo stays on the story');

  // Opened by a click: one history entry, however many moves.
  const before = await page.evaluate(() => history.length);
  await page.locator('article .story-body .photo-open').first().click();
  await waitForPosition(page, `Photo 1 / ${PHOTOS}`);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await waitForPosition(page, `Photo 5 / ${PHOTOS}`);
  assert.equal(await page.evaluate(() => history.length), before + 1, 'moving between photos does not flood the history');
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('dialog.viewer').open);
  assert.equal(new URL(page.url()).pathname, ARTICLE);
  assert.equal(fragment(page), '');
  assert.equal(await page.locator('article h1').isVisible(), true, 'Back closes the viewer and stays on the story');
  await page.goForward();
  await waitForPosition(page, `Photo 5 / ${PHOTOS}`);
  await context.close();
});

test('the page behind does not scroll while the viewer is open', async () => {
  const page = await openArticle();
  await page.evaluate(() => window.scrollTo(0, 300));
  await page.locator('.gallery-grid .photo-open').first().click();
  await waitForPosition(page, `Photo 1 / ${PHOTOS}`);
  const y = await page.evaluate(() => scrollY);
  await page.mouse.wheel(0, 800);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => scrollY), y);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflow), 'hidden');
  await page.context().close();
});

for (const scrollend of [true, false]) {
  // WebKit (Safari's engine) fires no `scrollend`: the viewer must follow a
  // swipe there too. Chromium without it stands in for WebKit here.
  const engine = scrollend ? '' : ', in an engine without scrollend (WebKit)';
  test(`a swipe moves to the next photo on a touch screen, pinch zoom allowed${engine}`, async () => {
  const page = await openPage(site.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  if (!scrollend) {
    // As in WebKit: no `onscrollend`, and no scrollend event reaches the page.
    await page.addInitScript(() => {
      for (let o = window; o; o = Object.getPrototypeOf(o)) delete o.onscrollend;
      window.addEventListener('scrollend', (event) => event.stopImmediatePropagation(), true);
    });
  }
  await goLive(page, site.server.url(ARTICLE));
  await page.waitForSelector('article h1');
  assert.equal(await page.evaluate(() => 'onscrollend' in window), scrollend);
  const viewport = await page.evaluate(() => document.querySelector('meta[name=viewport]').content);
  assert.doesNotMatch(viewport, /user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/, 'zoom is not blocked');
  await page.locator('article .story-body .photo-open').first().tap();
  await waitForPosition(page, `Photo 1 / ${PHOTOS}`);
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('.viewer-track')).touchAction), 'none');
  if (!scrollend) {
    // A swipe's momentum paused between two photos (a slow device's frame,
    // snapping held off to hold it there): the strip has not settled, and
    // the viewer neither moves nor pulls it back.
    const paused = await page.evaluate(async () => {
      const track = document.querySelector('.viewer-track');
      track.style.scrollSnapType = 'none';
      track.scrollTo({ left: track.clientWidth * 0.6, behavior: 'instant' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const at = track.scrollLeft / track.clientWidth;
      track.style.scrollSnapType = '';
      track.scrollTo({ left: 0, behavior: 'instant' });
      return at;
    });
    assert.ok(Math.abs(paused - 0.6) < 0.01, `the strip stays where the pause left it (${paused})`);
    assert.equal(await page.locator('.viewer-position').textContent(), `Photo 1 / ${PHOTOS}`, 'a pause between photos is not a move');
    await page.waitForTimeout(300);
  }
  const cdp = await page.context().newCDPSession(page);
  // A finger drawn across the photo, through Chromium's real touch input.
  const swipe = async (from, to) => {
    const steps = 10;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y: 400 }] });
    for (let i = 1; i <= steps; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from + ((to - from) * i) / steps, y: 400 }] });
      await page.waitForTimeout(16);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  await swipe(320, 70);
  await waitForPosition(page, `Photo 2 / ${PHOTOS}`);
  assert.equal(fragment(page), '#photo-2');
  // The photo shown is the one readers of the page and screen readers reach.
  const shown = await page.locator('.viewer-slide').evaluateAll((slides) => slides.map((s, i) => (s.inert ? null : i)).filter((i) => i !== null));
  assert.deepEqual(shown, [1], 'photo 2 alone is not inert');
  await swipe(70, 320);
  await waitForPosition(page, `Photo 1 / ${PHOTOS}`);
  assert.equal(fragment(page), '#photo-1');
  await page.context().close();
  });
}

test('a spinner shows until a photo arrives; a photo that fails shows its caption and a placeholder', async () => {
  const page = await openPage(site.browser);
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/images/deep-field-a-*', async (route) => { await held; await route.continue(); });
  await page.route('**/images/deep-field-b-*', (route) => route.abort('failed'));
  await page.goto(site.server.url(ARTICLE) + '#photo-2', { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('html[data-gazette=live]', { state: 'attached' });
  await waitForPosition(page, `Photo 2 / ${PHOTOS}`);
  const slide = page.locator('.viewer-slide').nth(1);
  assert.match(await slide.locator('.viewer-frame').getAttribute('class'), /waiting/);
  release();
  await page.waitForFunction(() => !document.querySelectorAll('.viewer-slide')[1].querySelector('.viewer-frame').classList.contains('waiting'));
  await page.keyboard.press('ArrowRight');
  await waitForPosition(page, `Photo 3 / ${PHOTOS}`);
  const broken = page.locator('.viewer-slide').nth(2);
  await page.waitForFunction(() => document.querySelectorAll('.viewer-slide')[2].querySelector('.viewer-frame').classList.contains('failed'));
  assert.ok(await broken.locator('.viewer-missing').isVisible(), 'a placeholder, not a hole');
  assert.match(await broken.locator('figcaption').textContent(), /Galaxies of many colours/);
  await page.context().close();
});

test('neighbours are loaded before they are shown', async () => {
  const page = await openArticle();
  const requested = new Set();
  page.on('request', (r) => requested.add(new URL(r.url()).pathname));
  await page.locator('.gallery-grid .photo-open').nth(2).click();
  await waitForPosition(page, `Photo 3 / ${PHOTOS}`);
  await page.waitForFunction(() => [1, 3].every((i) => {
    const img = document.querySelectorAll('.viewer-slide img')[i];
    return img.complete && img.naturalWidth > 0;
  }));
  const srcs = await page.evaluate(() => [...document.querySelectorAll('.viewer-slide img')].map((img) => img.getAttribute('loading')));
  assert.deepEqual(srcs.slice(1, 4), ['eager', 'eager', 'eager']);
  await page.context().close();
});

test('with reduced motion the viewer moves without animation', async () => {
  const page = await openArticle({ reducedMotion: 'reduce' });
  await page.locator('article .story-body .photo-open').first().click();
  await waitForPosition(page, `Photo 1 / ${PHOTOS}`);
  await page.keyboard.press('ArrowRight');
  // An instant move: the strip is already in place on the next frame.
  const offset = await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => {
    const track = document.querySelector('.viewer-track');
    ok(track.scrollLeft / track.clientWidth);
  })));
  assert.equal(Math.round(offset * 100) / 100, 1);
  await page.context().close();
});

for (const [width, height] of [[390, 844], [1280, 800]]) {
  test(`screenshot of the open viewer at ${width} px`, async () => {
    const page = await openPage(site.browser, { viewport: { width, height }, isMobile: width < 600, hasTouch: width < 600 });
    await goLive(page, site.server.url(ARTICLE) + '#photo-2');
    await waitForPosition(page, `Photo 2 / ${PHOTOS}`);
    await page.waitForFunction(() => !document.querySelectorAll('.viewer-frame')[1].classList.contains('waiting'));
    // Loaded is not yet painted: wait for the decode and the frame after it.
    await page.evaluate(async () => {
      await document.querySelectorAll('.viewer-frame img')[1].decode();
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    });
    await page.screenshot({ path: path.join(ROOT, `docs/screenshots/viewer-${width}.jpg`), type: 'jpeg', quality: 75 });
    await page.context().close();
  });
}
