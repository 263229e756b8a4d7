// What a story page holds, prerendered and live, and the other checks the
// feed tests share: by the corpus of JSON Feeds (feeds.test.mjs) and of RSS
// and Atom feeds (photos-and-imports.test.mjs).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { openPage, goLive } from './support.mjs';
import { gazetteBinary } from './archive-site.mjs';

/** A page that never reaches outside loopback (corpus feeds link photos on the web). */
export async function offlinePage(browser, options) {
  const page = await openPage(browser, options);
  await page.context().route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  return page;
}

/**
 * What a story page holds, read the same way from the live page (`html`
 * null) and from a page's prerendered HTML. It runs in the page.
 */
export function shapeOf(html) {
  const root = html === null ? document : new DOMParser().parseFromString(html, 'text/html');
  const body = root.querySelector('.story-body');
  const count = (selector) => (body ? body.querySelectorAll(selector).length : -1);
  return {
    headline: root.querySelector('main h1')?.textContent ?? null,
    text: (body?.textContent ?? '').replace(/\s+/g, ''),
    headings: count('h2, h3, h4, h5, h6'),
    items: count('li'),
    links: count('a'),
    paragraphs: count('p'),
    tables: count('table'),
    figures: count('figure'),
    meta: root.querySelector('.article-meta')?.textContent ?? null,
    neighbours: [...root.querySelectorAll('.story-nav a')].map((a) => a.getAttribute('href')),
  };
}

/** The shape of the page as prerendered at `href`, read from its HTML. */
export async function prerenderedShape(page, href) {
  const html = await page.evaluate(async (href) => (await fetch(href)).text(), href);
  return page.evaluate(shapeOf, html);
}

/** Follows a link to `href` inside the app and returns the shape of the page it draws. */
export async function liveShape(page, href) {
  const drawn = await page.evaluate(() => performance.getEntriesByName('gazette:page-drawn').length);
  await page.evaluate((href) => {
    const link = Object.assign(document.createElement('a'), { href });
    document.body.append(link);
    link.click();
    link.remove();
  }, href);
  await page.waitForFunction(
    ({ href, drawn }) => decodeURI(location.pathname) === decodeURI(href) && performance.getEntriesByName('gazette:page-drawn').length > drawn,
    { href, drawn },
  );
  return page.evaluate(shapeOf, null);
}

/**
 * Layout shift caused by the app taking over the prerendered page at `url`:
 * the shifts from the moment the app's page replaces it until two frames
 * later. (A photo without a width and height that finishes loading, or
 * fails, shifts a page whoever drew it; those are counted before the swap
 * and reported, not blamed on the takeover.)
 */
export async function takeoverShift(page, url) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push([entry.startTime, entry.value]);
    }).observe({ type: 'layout-shift', buffered: true });
    // The swap takes the prerendered page out of the document.
    new MutationObserver((records) => {
      if (records.some((r) => [...r.removedNodes].some((n) => n.dataset?.prerendered !== undefined))) window.__swap ??= performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  await goLive(page, url);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const { swap, shifts } = await page.evaluate(() => ({ swap: window.__swap, shifts: window.__shifts }));
  assert.ok(swap !== undefined, `${url}: the app took over the prerendered page`);
  const during = shifts.filter(([time]) => time >= swap - 1).reduce((sum, [, value]) => sum + value, 0);
  const before = shifts.filter(([time]) => time < swap - 1).reduce((sum, [, value]) => sum + value, 0);
  if (before > 0) console.log(`${url}: ${before.toFixed(4)} of shift before the takeover (photos without a size loading)`);
  return during;
}

/** The story pages a published site holds, as their addresses. */
export function storyAddresses(site, prefix = '/') {
  const dir = path.join(site, 'articles');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'index.html')))
    .map((entry) => `${prefix}articles/${encodeURIComponent(entry.name)}/`);
}

/** Publishes `feed` (its JSON text) over `site`, a copy of the built site. */
export function publish(site, feed) {
  writeFileSync(path.join(site, 'feed.json'), feed);
  execFileSync(gazetteBinary(), ['publish', site], { stdio: ['ignore', 'ignore', 'pipe'] });
}


/**
 * The structure of every story of the site's feed as the browser's own
 * parser reads its `content_html` (DOMParser), beside the structure of its
 * prerendered page's story body: headings, list items with text, links with
 * text and paragraphs, over the story pages `hrefs` of the site `server`
 * serves. Returns one row per story whose page is found by its headline (a
 * headline two stories share is skipped), with the counts on each side.
 * It reads in a page of its own, the site's offline page: parsing the
 * stories' HTML reports their inline styles against the site's policy,
 * which is not a reader's page's doing.
 */
export async function structures(browser, server, hrefs) {
  const reader = await offlinePage(browser);
  await reader.goto(server.url('/offline.html'));
  try {
    return await structuresIn(reader, hrefs);
  } finally {
    await reader.context().close();
  }
}

function structuresIn(page, hrefs) {
  return page.evaluate(async (hrefs) => {
    // What the allowlist drops whole, as the browser would not show it
    // either (scripts, forms) or the page shows it otherwise (players, SVG).
    const DROPPED = 'script, style, template, noscript, iframe, object, embed, applet, svg, math, canvas, audio, video, form, button, select, textarea, map, head, title';
    const text = (el) => (el.textContent ?? '').replace(/\s+/g, '');
    const count = (root, extra = () => true) => {
      const within = (el) => !el.closest(DROPPED) && extra(el);
      const all = (selector) => [...root.querySelectorAll(selector)].filter(within);
      return {
        headings: all('h1, h2, h3, h4, h5, h6').filter((h) => text(h)).length,
        items: all('li').filter((li) => text(li)).length,
        // Links to the web, mail and within the story: what the URL policy
        // lets through (not `javascript:`, nor an app's own scheme).
        links: all('a[href]').filter((a) => {
          const scheme = a.getAttribute('href').trim().match(/^([a-z][a-z0-9+.-]*):/i)?.[1]?.toLowerCase();
          return text(a) && a.getAttribute('href').trim() !== '' && !a.querySelector('img') && (!scheme || ['http', 'https', 'mailto'].includes(scheme));
        }).length,
        paragraphs: all('p').filter((p) => text(p)).length,
      };
    };
    const feed = await (await fetch('feed.json')).json();
    const titles = new Map();
    for (const item of feed.items) {
      const title = (item.title ?? '').replace(/\s+/g, ' ').trim();
      titles.set(title, titles.has(title) ? null : item);
    }
    const rows = [];
    const parser = new DOMParser();
    for (const href of hrefs) {
      const doc = parser.parseFromString(await (await fetch(href)).text(), 'text/html');
      const headline = (doc.querySelector('main h1')?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const item = titles.get(headline);
      const body = doc.querySelector('.story-body');
      if (!item || !item.content_html || !body) continue;
      const source = parser.parseFromString(item.content_html, 'text/html').body;
      // The page's own additions: a facade's link, a player's download
      // link, the link of a photo to the photo viewer.
      const page = count(body, (el) => !el.closest('.embed, .media') && !(el.matches('a') && el.querySelector('img')));
      rows.push({ href, title: headline, source: count(source), page });
    }
    return rows;
  }, hrefs);
}

/** The stories whose structure is known to differ from the browser's, and why (work left). */
export const KNOWN_STRUCTURE_DIFFERENCES = {
};

/**
 * Where the rows of [`structures`] differ in headings, list items or
 * links, as "feed href: headings 2→1"; the known differences left out.
 */
export function structureFaults(feed, rows) {
  const faults = [];
  for (const row of rows) {
    const differ = ['headings', 'items', 'links'].filter((key) => row.source[key] !== row.page[key]);
    const where = `${feed} ${decodeURI(row.href)}`;
    if (differ.length && !KNOWN_STRUCTURE_DIFFERENCES[`${feed} ${row.href}`]) {
      faults.push(`${where}: ${differ.map((key) => `${key} ${row.source[key]} in the HTML, ${row.page[key]} on the page`).join(', ')}`);
    }
  }
  return faults;
}
