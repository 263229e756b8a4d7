// Gazette's service worker, written by `gazette publish` with this build's
// settings above this line (BUILD, PRECACHE, OFFLINE_PAGES, LIMITS,
// NETWORK_TIMEOUT_MS). Hand-written: see the README's "Offline" section.
//
// Every cache but the photos' belongs to one build, so that a reader only
// ever gets one build's app with what that build saved: a new build
// installs beside the old one, carries the reader's saved pages and data
// over by fetching them again from the new deploy, and only then takes
// over and deletes the old build's caches.

const APP = `gazette-app-${BUILD}`;
const PAGES = `gazette-pages-${BUILD}`;
const DATA = `gazette-data-${BUILD}`;
const PHOTOS = 'gazette-photos';
const SCOPE = new URL('./', self.location).href;
const SAVED_AT = 'x-gazette-saved-at';
const TITLE = 'x-gazette-title';
const OFFLINE_COPY = 'x-gazette-offline';
const MAX_AGE_MS = LIMITS.days * 24 * 3600 * 1000;
// Each precached file's URL and how it is kept: 'hashed' (named by its
// content), 'build' (this build's, under a fixed name) or 'revalidated'.
const PRECACHED = new Map(PRECACHE.map(([path, kept]) => [new URL(path, SCOPE).href, kept]));

// The build each open page runs, by client: a page that came from the
// network may be of a newer deploy than this worker, and must not be handed
// this build's saved data.
const clientBuilds = new Map();

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const app = await caches.open(APP);
    await Promise.all([...PRECACHED].map(async ([url, kept]) => {
      // Hashed files the page just loaded may come from the HTTP cache;
      // the others are asked of the host again.
      const response = await fetch(url, { cache: kept === 'hashed' ? 'default' : 'no-cache' });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      await app.put(url, response);
    }));
    await carryOver('pages', PAGES, LIMITS.pages);
    await carryOver('data', DATA, LIMITS.data);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const mine = new Set([APP, PAGES, DATA, PHOTOS]);
    for (const name of await caches.keys()) {
      if (name.startsWith('gazette-') && !mine.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** The reader's saved pages or data of earlier builds, fetched again from this deploy. */
async function carryOver(kind, into, limit) {
  const target = await caches.open(into);
  for (const name of await caches.keys()) {
    if (!name.startsWith(`gazette-${kind}-`) || name === into) continue;
    const old = await caches.open(name);
    for (const request of (await old.keys()).slice(-limit)) {
      const saved = await old.match(request);
      try {
        const response = await fetch(request.url, { cache: 'no-cache' });
        if (response.ok && (kind !== 'pages' || (await builtBy(response.clone())) === BUILD)) {
          await keep(target, request.url, response, limit, decodeURIComponent(saved.headers.get(TITLE) || ''));
        }
      } catch {
        // Not carried over: an old build's copy would not match this app.
      }
    }
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    if (url.href.startsWith(SCOPE)) event.respondWith(page(event));
    return;
  }
  if (url.origin === self.location.origin) {
    if (!url.href.startsWith(SCOPE)) return;
    if (PRECACHED.has(url.href)) {
      event.respondWith(precached(event, url.href));
      return;
    }
    if (url.pathname.endsWith('.json') && !url.pathname.includes('/pagefind/')) {
      event.respondWith(data(event));
      return;
    }
  }
  if (request.destination === 'image') event.respondWith(photo(event));
});

// The page's loader asks for the page it draws to be kept, with the photos
// it shows and the data it read: a story opened inside the app is no
// navigation this worker sees.
self.addEventListener('message', (event) => {
  const message = event.data;
  // A page asks which build took over, to know whether it is still its own.
  if (message && message.type === 'build') event.source?.postMessage({ type: 'build', build: BUILD });
  if (!message || message.type !== 'keep' || typeof message.page !== 'string') return;
  event.waitUntil(keepOpened(message));
});

async function keepOpened({ page: pageUrl, photos = [], data: dataUrls = [] }) {
  const url = new URL(pageUrl);
  if (!url.href.startsWith(SCOPE) || url.pathname.endsWith('/search/') || url.pathname.endsWith('/search')) return;
  url.hash = '';
  const pages = await caches.open(PAGES);
  if (!fresh(await pages.match(url.href), 60 * 1000)) {
    try {
      const response = await fetch(url.href);
      if (response.ok && (await builtBy(response.clone())) === BUILD) {
        await keep(pages, url.href, response, LIMITS.pages, await titleOf(response.clone()));
      }
    } catch {
      // Offline already: nothing new to keep.
    }
  }
  const photoCache = await caches.open(PHOTOS);
  for (const src of photos.slice(0, 20)) {
    if (typeof src === 'string' && src.startsWith('http') && !fresh(await photoCache.match(src))) {
      try {
        const response = await fetch(new Request(src, { mode: src.startsWith(self.location.origin) ? 'same-origin' : 'cors' }));
        if (response.ok) await keep(photoCache, src, response, LIMITS.photos);
      } catch {
        // Kept when next shown.
      }
    }
  }
  const store = await caches.open(DATA);
  for (const src of dataUrls.slice(0, 10)) {
    if (typeof src !== 'string' || !src.startsWith(SCOPE) || fresh(await store.match(src), 60 * 1000)) continue;
    try {
      const response = await fetch(src);
      if (response.ok) await keep(store, src, response, LIMITS.data);
    } catch {
      // Kept when next fetched.
    }
  }
}

/** Pages: the network first, then the copy kept, then the offline page. */
async function page(event) {
  const request = event.request;
  const url = new URL(request.url);
  url.hash = '';
  const key = url.href;
  const pages = await caches.open(PAGES);
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === 'basic' && !response.redirected) {
      const build = await builtBy(response.clone());
      remember(event.resultingClientId, build);
      if (build === BUILD && !isSearch(url)) {
        event.waitUntil(keep(pages, key, response.clone(), LIMITS.pages, await titleOf(response.clone())).catch(() => {}));
      } else if (build && build !== BUILD) {
        // A newer deploy: fetch its worker now.
        event.waitUntil(self.registration.update().catch(() => {}));
      }
    }
    return response;
  });
  event.waitUntil(network.catch(() => {}));
  try {
    return await within(network, NETWORK_TIMEOUT_MS);
  } catch {
    const saved = (await usable(pages, key)) || (key === SCOPE ? await (await caches.open(APP)).match(SCOPE) : null);
    if (saved) {
      remember(event.resultingClientId, BUILD);
      return saved;
    }
    return offlinePage(url);
  }
}

/** The app's own files from the cache, for good; the others (icons, the manifest) refreshed behind it. */
async function precached(event, url) {
  const app = await caches.open(APP);
  const saved = await app.match(url);
  if (saved && PRECACHED.get(url) !== 'revalidated') return saved;
  const refresh = fetch(event.request.url, { cache: 'no-cache' }).then((response) => {
    if (response.ok) event.waitUntil(app.put(url, response.clone()).catch(() => {}));
    return response;
  });
  if (!saved) return refresh;
  event.waitUntil(refresh.catch(() => {}));
  return saved;
}

/** Feed data: the network first (briefly), then the copy kept, marked as such. */
async function data(event) {
  const request = event.request;
  const url = request.url;
  const clientBuild = clientBuilds.get(event.clientId);
  const ours = clientBuild === undefined || clientBuild === BUILD;
  const store = await caches.open(DATA);
  const network = fetch(request).then((response) => {
    if (response.ok && ours) event.waitUntil(keep(store, url, response.clone(), LIMITS.data).catch(() => {}));
    return response;
  });
  if (!ours) return network;
  event.waitUntil(network.catch(() => {}));
  try {
    return await within(network, NETWORK_TIMEOUT_MS);
  } catch (error) {
    const saved = await usable(store, url);
    if (!saved) throw error;
    const headers = new Headers(saved.headers);
    headers.set(OFFLINE_COPY, saved.headers.get(SAVED_AT) || '');
    return new Response(saved.body, { status: saved.status, statusText: saved.statusText, headers });
  }
}

/**
 * Photos: the copy kept when there is one, else the network. The copy is
 * made behind the answer: keeping it must neither hold the photo back (the
 * whole body read and stored first) nor fail it (a copy that cannot be made,
 * whatever the reason, once showed in Firefox as "A ServiceWorker
 * intercepted the request and encountered an unexpected error" on a photo).
 */
async function photo(event) {
  const request = event.request;
  const photos = await caches.open(PHOTOS);
  const saved = await usable(photos, request.url);
  if (saved) return saved;
  const response = await fetch(request);
  // An opaque answer (another host's photo without CORS) would be counted
  // at several MB against the site's storage: it is not kept.
  if (response.ok) event.waitUntil(keep(photos, request.url, response.clone(), LIMITS.photos).catch(() => {}));
  return response;
}

/** Puts a copy stamped with the time it was saved, newest last, and drops the oldest beyond `limit`. */
async function keep(cache, url, response, limit, title) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, localTime(new Date()));
  headers.set('x-gazette-saved-ms', String(Date.now()));
  // Header values are Latin-1: the title travels percent-encoded.
  if (title) headers.set(TITLE, encodeURIComponent(title));
  const body = await response.arrayBuffer();
  await cache.delete(url);
  await cache.put(url, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
}

/** A kept copy younger than the limit; an older one is dropped. */
async function usable(cache, url) {
  const saved = await cache.match(url);
  if (!saved) return null;
  if (fresh(saved, MAX_AGE_MS)) return saved;
  await cache.delete(url);
  return null;
}

function fresh(saved, maxAgeMs = MAX_AGE_MS) {
  if (!saved) return false;
  const at = Number(saved.headers.get('x-gazette-saved-ms'));
  return Number.isFinite(at) && Date.now() - at < maxAgeMs;
}

/** The build a page was published by, from its `<meta name=gazette-build>`. */
async function builtBy(response) {
  if (!(response.headers.get('content-type') || '').includes('html')) return null;
  const found = /<meta name="?gazette-build"? content="?([0-9a-f]+)/.exec(await response.text());
  return found ? found[1] : null;
}

/** The page's headline (its `<h1>`, plain text in a story), else its `<title>`. */
async function titleOf(response) {
  const html = await response.text();
  const found = /<h1[^>]*>([^<]+)<\/h1>/.exec(html) || /<title>([^<]*)<\/title>/.exec(html);
  return found ? found[1].trim() : '';
}

function remember(clientId, build) {
  if (!clientId || !build) return;
  clientBuilds.set(clientId, build);
  if (clientBuilds.size > 100) clientBuilds.delete(clientBuilds.keys().next().value);
}

function isSearch(url) {
  return url.href.startsWith(SCOPE) && /\/search\/?$/.test(url.pathname);
}

function within(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

/** "2026-12-02T11:40:00+01:00": the reader's own clock, zone included. */
function localTime(date) {
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The edition's offline page, listing the stories kept, newest first. */
async function offlinePage(url) {
  const path = url.href.slice(SCOPE.length);
  const [prefix, file] = OFFLINE_PAGES.find(([p]) => path.startsWith(p)) || OFFLINE_PAGES[OFFLINE_PAGES.length - 1];
  const template = await (await caches.open(APP)).match(new URL(file, SCOPE).href);
  const html = template ? await template.text() : '<!doctype html><title>Offline</title><h1>Offline</h1><!--gazette:saved-->';
  const pages = await caches.open(PAGES);
  const stories = [];
  for (const request of (await pages.keys()).reverse()) {
    const rest = request.url.slice(SCOPE.length);
    if (!rest.startsWith(`${prefix}articles/`)) continue;
    const saved = await pages.match(request);
    if (!fresh(saved)) continue;
    // The title was read from the page as HTML text, already escaped.
    const title = decodeURIComponent(saved.headers.get(TITLE) || '') || escapeAttribute(rest);
    stories.push(`<li><a href="${escapeAttribute(request.url)}">${title}</a></li>`);
  }
  const body = html.replace('<!--gazette:saved-->', stories.join(''))
    .replace('data-saved-count="0"', `data-saved-count="${stories.length}"`);
  return new Response(body, { status: 503, statusText: 'Offline', headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function escapeAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
