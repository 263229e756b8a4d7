// Nothing in a feed can run code: every payload of ../shared/corpora/xss/
// goes through every field a reader sees, and headless Chromium checks that
// no dialog opens, no marker is set, the DOM holds nothing that could run,
// and the hostile text is still shown as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, realProblems, goLive } from './support.mjs';

const CORPUS = path.join(ROOT, '../shared/corpora/xss');
const present = existsSync(CORPUS);
if (!present) console.log(`# SKIPPED: ${CORPUS} is absent (the shared corpora are not beside this clone)`);

/** Every payload, plus our own that try to set a marker the test can see. */
function payloads() {
  const dompurify = JSON.parse(readFileSync(path.join(CORPUS, 'dompurify-vectors.json'), 'utf8')).map((v) => v.payload);
  const owasp = JSON.parse(readFileSync(path.join(CORPUS, 'owasp-xss-filter-evasion.json'), 'utf8')).map((v) => v.payload);
  const list = readFileSync(path.join(CORPUS, 'payloads.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const markers = [
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"></svg>',
    '<a href="javascript:window.__xss=1">click</a>',
    'javascript:window.__xss=1',
    ' JaVa\tScRiPt:window.__xss=1',
    'data:text/html,<script>parent.__xss=1</script>',
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    '<base href="javascript:window.__xss=1//">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '"><img src=x onerror=window.__xss=1>',
    '<details open ontoggle="window.__xss=1">',
    '<object data="javascript:window.__xss=1"></object>',
    '<embed src="javascript:window.__xss=1">',
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
    '<math><a xlink:href="javascript:window.__xss=1">x</a></math>',
    // SVG's own ways in: a graphic that draws something is kept (as an image
    // of itself), so each of these carries a shape beside its payload.
    '<svg><rect width="10" height="10"/><script>window.__xss=1</script></svg>',
    '<svg onload="window.__xss=1"><rect width="10" height="10"/></svg>',
    '<svg><a xlink:href="javascript:window.__xss=1"><rect width="10" height="10"/></a></svg>',
    '<svg><a href="javascript:window.__xss=1"><text x="1" y="9">click</text></a></svg>',
    '<svg><foreignObject width="100" height="100"><img src=x onerror="window.__xss=1"><iframe src="javascript:parent.__xss=1"></iframe></foreignObject><rect width="10" height="10"/></svg>',
    '<svg><animate onbegin="window.__xss=1" attributeName="x" dur="1s"/><rect width="10" height="10"/></svg>',
    '<svg><set attributeName="onmouseover" to="window.__xss=1"/><rect width="10" height="10"/></svg>',
    '<svg><animate attributeName="href" values="javascript:window.__xss=1"/><a><rect width="10" height="10"/></a></svg>',
    '<svg><use href="data:image/svg+xml,&lt;svg id=\'x\' xmlns=\'http://www.w3.org/2000/svg\'&gt;&lt;image href=\'1\' onerror=\'window.__xss=1\'/&gt;&lt;/svg&gt;#x"/><rect width="10" height="10"/></svg>',
    '<svg><rect width="10" height="10" style="fill:url(javascript:window.__xss=1)"/></svg>',
    '<svg><style>rect{fill:url(https://attacker.example/x.svg#p)}</style><rect width="10" height="10"/><image href="https://attacker.example/pixel.gif"/></svg>',
    '<svg><title><img src=x onerror="window.__xss=1"></title><rect width="10" height="10"/></svg>',
    '<p><svg><rect width="10" height="10"/></svg><img src=x onerror="window.__xss=1"></p>',
  ];
  return [...markers, ...dompurify, ...owasp, ...list];
}

const TOPIC_COUNT = 8;

/** A Gazette feed with a payload in every field a reader sees. */
function hostileFeed(all) {
  const stories = 24;
  const per = Math.ceil(all.length / stories);
  const topics = Array.from({ length: TOPIC_COUNT }, (_, t) => ({ slug: `topic-${t}`, name: `${all[t]} ${t}`, description: all[t + TOPIC_COUNT] }));
  const items = [];
  for (let i = 0; i < stories; i++) {
    const slice = all.slice(i * per, (i + 1) * per);
    if (slice.length === 0) break;
    const body = [];
    for (const p of slice) {
      body.push({ type: 'paragraph', text: p });
      body.push({ type: 'paragraph', content: ['see ', { type: 'link', url: p, text: p }, { type: 'emphasis', text: p }] });
      body.push({ type: 'image', url: p, alt: p, caption: p, credit: p, srcset: [{ url: p, width: 100 }] });
    }
    body.push({ type: 'image', url: 'images/coins-all-800.jpg', alt: slice[0], caption: slice[1 % slice.length], credit: slice[2 % slice.length], width: 800, height: 533 });
    body.push({ type: 'quote', text: slice[0], cite: slice[1 % slice.length] });
    body.push({ type: 'list', items: slice.slice(0, 5) });
    body.push({ type: 'heading', text: slice[0] });
    items.push({
      id: `hostile-${i}`,
      url: slice[0],
      external_url: slice[1 % slice.length],
      title: `Story ${i}: ${slice.join(' ')}`.slice(0, 4000),
      summary: slice.join(' '),
      image: slice[2 % slice.length],
      banner_image: slice[3 % slice.length],
      date_published: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(),
      tags: slice,
      authors: slice.map((p) => ({ name: p, url: p, avatar: p })),
      attachments: slice.map((p) => ({ url: p, mime_type: 'image/png' })),
      content_html: slice.join('\n'),
      _gazette: {
        slug: `hostile-${i}`,
        topic: `topic-${i % TOPIC_COUNT}`,
        views: i,
        credits: slice.map((p) => ({ role: p, name: p })),
        body,
        // Four photos (one file at four addresses: a story shows each photo once).
        gallery: slice.slice(0, 4).map((p, k) => ({ url: `images/moon-full-800.jpg?photo=${k}`, alt: p, caption: p, credit: p, width: 800, height: 533 })),
      },
    });
  }
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `Hostile ${all[3]}`,
    description: all[4],
    home_page_url: all[5],
    feed_url: all[6],
    icon: all[7],
    favicon: all[8],
    language: 'en" onload="window.__xss=1',
    authors: [{ name: all[9], url: all[10] }],
    _gazette: { topics },
    items,
  };
}

/** The same payloads as a feed without the extension: HTML bodies, tags as topics. */
function foreignFeed(all) {
  const stories = 24;
  const per = Math.ceil(all.length / stories);
  const items = [];
  for (let i = 0; i < stories; i++) {
    const slice = all.slice(i * per, (i + 1) * per);
    if (slice.length === 0) break;
    items.push({
      id: slice[0] + i,
      url: `https://example.org/${i}/${encodeURIComponent(slice[0]).slice(0, 40)}`,
      title: slice[1 % slice.length],
      content_html: slice.map((p) => `<p>${p}</p><div>${p}</div><figure><img src="${p}" alt="${p}"><figcaption>${p}</figcaption></figure>`).join(''),
      date_published: new Date(Date.UTC(2026, 9, 1 + i)).toISOString(),
      tags: [slice[2 % slice.length], slice[3 % slice.length]],
      author: { name: slice[4 % slice.length], url: slice[5 % slice.length] },
    });
  }
  return { version: 'https://jsonfeed.org/version/1', title: 'Foreign', items };
}

/** What must never be in the DOM; returns a list of findings. */
async function scan(page) {
  return page.evaluate(() => {
    const findings = [];
    const urlAttributes = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'lowsrc', 'ping'];
    const dangerous = (value) => {
      const squashed = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      return /(^|,)(javascript|vbscript|data:text\/html|livescript):?/.test(squashed) && /(javascript:|vbscript:|data:text\/html|livescript:)/.test(squashed);
    };
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) findings.push(`${el.tagName} has ${attr.name}`);
        if (urlAttributes.includes(attr.name.toLowerCase()) && dangerous(attr.value)) findings.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 60)}`);
        if (attr.name === 'style' && el.closest('main')) findings.push(`${el.tagName} has a style attribute`);
      }
    }
    for (const tag of ['iframe', 'frame', 'object', 'embed', 'applet', 'form', 'input', 'textarea', 'svg', 'math', 'template', 'style']) {
      // The search page's own box is the app's; anything else is injected.
      const inMain = [...document.querySelectorAll(tag)].filter((el) => (el.closest('main') || el.closest('dialog')) && !el.closest('.search-page-form'));
      if (inMain.length) findings.push(`${inMain.length} <${tag}> in the page`);
    }
    const bases = document.querySelectorAll('base');
    if (bases.length !== 1 || bases[0].parentElement !== document.head) findings.push(`${bases.length} <base> elements`);
    if (document.querySelector('meta[http-equiv="refresh" i]')) findings.push('a meta refresh');
    const scripts = [...document.scripts].filter((s) => !(s.type === 'module' && /\/loader-[0-9a-f]+\.js$/.test(s.src)) && s.type !== 'application/json' && s.type !== 'application/ld+json');
    if (scripts.length) findings.push(`${scripts.length} unexpected <script>: ${scripts.map((s) => s.outerHTML.slice(0, 60)).join(' | ')}`);
    if (window.__xss !== undefined) findings.push(`the marker was set: ${window.__xss}`);
    return findings;
  });
}

let server;
let browser;

before(async () => {
  if (!present) return;
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Visits `routes` with `feed` served as feed.json, checking every page. */
async function visitAll(feed, routes, check) {
  const page = await openPage(browser);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(feed) }));
  for (const route of routes) {
    await goLive(page, server.url(route));
    await page.waitForSelector('main h1', { state: 'attached' });
    await page.waitForLoadState('networkidle');
    // Give event handlers a chance: hover and focus everything once.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('main *')) {
        for (const type of ['mouseover', 'focus', 'click']) {
          if (type === 'click' && el.closest('a, button')) continue;
          el.dispatchEvent(new Event(type, { bubbles: true }));
        }
      }
    });
    await page.waitForTimeout(50);
    const findings = await scan(page);
    assert.deepEqual(findings, [], `${route}: ${findings.join('; ')}`);
    assert.deepEqual(dialogs, [], `${route}: a dialog opened`);
    if (check) await check(page, route);
  }
  // Inline handlers and styles in hostile markup that the browser's parser
  // still reports are attacks the policy blocked; anything else is the app's own fault.
  const problems = realProblems(page).filter((p) => /CSP|pageerror/.test(p) && !/CSP violation: (script-src-attr|style-src-attr|style-src-elem) blocked inline/.test(p));
  assert.deepEqual(problems, [], 'no other CSP violation, no uncaught error');
  await page.context().close();
}

test('payloads in every field of a Gazette feed stay inert text', { skip: !present, timeout: 180_000 }, async () => {
  const all = payloads();
  assert.ok(all.length >= 680, `${all.length} payloads`);
  const feed = hostileFeed(all);
  const routes = ['/', ...feed._gazette.topics.map((t) => `/topics/${t.slug}/`), ...feed.items.map((i) => `/articles/${i._gazette.slug}/`), `/search/?q=${encodeURIComponent(all[1])}`, '/no/such/<script>'];
  // Plain-text fields are shown with character references decoded, as the reader does.
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', Tab: '\t', NewLine: '\n' };
  const decode = (s) => s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff) || 0xfffd))
    .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Math.min(Number(d), 0x10ffff) || 0xfffd))
    .replace(/&([a-zA-Z]+);/g, (m, n) => named[n] ?? m);
  const squash = (s) => s.replace(/[\s\u0085]+/g, ' ').trim();
  await visitAll(feed, routes, async (page, route) => {
    const match = route.match(/^\/articles\/hostile-(\d+)\/$/);
    if (!match) return;
    const item = feed.items[Number(match[1])];
    // The headline is the hostile title, as text.
    assert.equal(squash(await page.locator('article h1').textContent()), squash(decode(item.title)), `${route}: the title is text`);
    // Every payload of the story's body appears as text in a paragraph.
    const paragraphs = await page.locator('.story-body p').allTextContents();
    for (const block of item._gazette.body.filter((b) => b.type === 'paragraph' && b.text && b.text.trim())) {
      assert.ok(paragraphs.some((p) => squash(p) === squash(block.text)), `${route}: body text ${block.text.slice(0, 40)} is shown`);
    }
    const credits = squash(await page.locator('.credits').textContent());
    assert.ok(credits.includes(squash(decode(item._gazette.credits[0].name)).slice(0, 20)), `${route}: credits are text`);
  });
});

test('payloads in a foreign feed (HTML bodies, tags as topics) stay inert text', { skip: !present, timeout: 180_000 }, async () => {
  const all = payloads();
  const feed = foreignFeed(all);
  // Learn the slugs and topics the site derives, from the front page's links.
  const page = await openPage(browser);
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(feed) }));
  await goLive(page, server.url('/'));
  await page.waitForSelector('main h1', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  const routes = await page.evaluate(() => [...new Set([...document.querySelectorAll('a[href^="/articles/"], a[href^="/topics/"]')].map((a) => a.getAttribute('href')))]);
  await page.context().close();
  assert.ok(routes.length >= 10, `${routes.length} routes found`);
  await visitAll(feed, ['/', ...routes]);
});

test('the photo viewer shows hostile captions and alt text as text', { skip: !present }, async () => {
  const all = payloads();
  const feed = hostileFeed(all);
  const page = await openPage(browser);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.route('**/feed.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(feed) }));
  await goLive(page, server.url('/articles/hostile-0/#photo-1'));
  await page.waitForSelector('dialog.viewer[open]');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  assert.deepEqual(await scan(page), []);
  assert.deepEqual(dialogs, []);
  const caption = await page.locator('.viewer-slide figcaption .caption').last().textContent();
  assert.equal(caption.trim(), feed.items[0]._gazette.gallery[3].caption.replace(/\s+/g, ' ').trim());
  await page.context().close();
});

test('the built page carries a strict Content Security Policy', async () => {
  const html = readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  const policy = html.match(/http-equiv="?Content-Security-Policy"? content="([^"]+)"/i)?.[1];
  assert.ok(policy, 'a CSP meta tag');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'self'"]);
  assert.deepEqual(directives['form-action'], ["'self'"]);
  assert.deepEqual(directives['img-src'], ["'self'", 'https:', 'data:']);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.ok(!policy.includes('unsafe-inline'));
  assert.ok(!/<script(?![^>]*\bsrc=)(?![^>]*application\/(ld\+)?json)[^>]*>/.test(html), 'no inline script left in the page');
});
