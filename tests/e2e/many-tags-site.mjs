// A feed of the kind real aggregators and blogs publish, for the reading
// tests: hundreds of tags of very different sizes, stories with no tag at
// all, `content_html` written by Markdown tools (lists nested in lists and
// in quotes, tables, code, lazy-loaded photos with <noscript> fallbacks),
// and Chinese titles whose addresses are percent-encoded. Laid out by
// `gazette build` over a copy of the built site, as a site owner would.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { DIST } from './support.mjs';
import { gazetteBinary } from './archive-site.mjs';

export const STORIES = 600;
export const TAGS = 400;

const SUBJECTS = ['Climat', 'Energy', 'Économie', 'Housing', 'Santé', 'Transport', 'Culture', 'Sport', 'Science', 'Justice',
  'Éducation', 'Water', 'Agriculture', 'Migration', 'Tech', 'Budget', 'Elections', 'Arts', 'Cinéma', 'Music'];
const PLACES = ['Lyon', 'Lille', 'Nantes', 'Brest', 'Nice', 'Metz', 'Dijon', 'Tours', 'Pau', 'Caen',
  'Reims', 'Rouen', 'Annecy', 'Arles', 'Bayonne', 'Colmar', 'Nîmes', 'Vannes', 'Laval', 'Sète'];
const PHOTOS = [['grass-800.jpg', 800, 533], ['gravel-800.jpg', 800, 533], ['coffee-cup-800.jpg', 800, 533], ['library-lawn-800.jpg', 800, 533]];

/** The name of tag `i`: "Climat · Lyon" and so on, all distinct. */
export const tagName = (i) => `${SUBJECTS[i % SUBJECTS.length]} · ${PLACES[Math.floor(i / SUBJECTS.length) % PLACES.length]}`;

/** A small deterministic generator, so the feed is the same on every run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A tag drawn with weight 1/(rank+1): a few large topics and a long tail. */
function zipfTag(next) {
  const total = Array.from({ length: TAGS }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b);
  let pick = next() * total;
  for (let i = 0; i < TAGS; i++) {
    pick -= 1 / (i + 1);
    if (pick <= 0) return i;
  }
  return TAGS - 1;
}

/** Markdown's nested lists, a quote holding a list, and a loose item. */
export const NESTED_LISTS = `<ul>
<li>Les horaires changent
<ul>
<li>en semaine
<ol start="3">
<li>le matin</li>
<li>le soir</li>
</ol>
</li>
<li>le dimanche</li>
</ul>
</li>
<li>
<p>A loose item with two paragraphs.</p>
<p>Its second paragraph.</p>
</li>
<li>A quote inside an item:
<blockquote>
<p>Nous avons voté.</p>
<ul>
<li>a list inside the quote</li>
</ul>
</blockquote>
</li>
</ul>`;

const TABLE = `<table>
<thead><tr><th>Ligne</th><th>Avant</th><th>Après</th><th>Change</th></tr></thead>
<tbody>
<tr><td>A</td><td>12 min</td><td>9 min</td><td><strong>−3</strong></td></tr>
<tr><td>B</td><td>20 min</td><td>20 min</td><td>0</td></tr>
<tr><td>Tram T4, the new line to the university campus</td><td>—</td><td>14 min</td><td>new</td></tr>
</tbody>
</table>`;

const CODE = `<pre><code>fn main() {
    let lines = ["keep", "their", "breaks"];
    println!("{lines:?}");
}</code></pre>`;

function body(i, next) {
  const [photo, width, height] = PHOTOS[i % PHOTOS.length];
  const parts = [`<p>Story ${i} opens with a paragraph that says what happened, where, and why it matters to readers in ${PLACES[i % PLACES.length]}.</p>`];
  if (i % 3 === 0) {
    // Lazy loading as CMSs write it: a placeholder in src, the photo in data-src, a fallback in <noscript>.
    parts.push(`<figure><img class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="images/${photo}" width="${width}" height="${height}" alt="Photo ${i}"><noscript><img src="images/${photo}" width="${width}" height="${height}" alt="Photo ${i}"></noscript><figcaption>Caption of photo ${i}</figcaption></figure>`);
  }
  parts.push(`<h2>What changes, <a href="https://example.org/${i}">in detail</a></h2>`);
  if (i % 2 === 0) parts.push(NESTED_LISTS);
  if (i % 4 === 1) parts.push(TABLE);
  if (i % 5 === 2) parts.push(CODE);
  if (next() < 0.3) parts.push('<blockquote><p>«&nbsp;Nous verrons.&nbsp;»</p><footer>— A resident</footer></blockquote>');
  parts.push(`<p>It closes with what comes next, and a <a href="/topics/">link back</a>.</p>`);
  return parts.join('\n');
}

/** The feed: `STORIES` stories, one every three hours back from a fixed date. */
export function manyTagsFeed() {
  const next = random(20261201);
  const start = Date.UTC(2026, 10, 28, 12);
  const items = [];
  let tagged = 0;
  for (let i = 0; i < STORIES; i++) {
    const chinese = i % 10 === 7;
    const title = chinese ? `C++面试题 第${i}讲` : i % 2 ? `Story ${i}: what changes in ${PLACES[i % PLACES.length]}` : `Histoire ${i} : ce qui change à ${PLACES[i % PLACES.length]}`;
    const slugPart = chinese ? encodeURIComponent(`C++面试题-${i}`) : `story-${i}`;
    // A third of the stories carry no tag, as in real aggregates.
    const tags = [];
    if (next() > 0.35) {
      const count = Math.floor(next() * 4);
      for (let t = 0; t < count; t++) {
        const name = tagName(zipfTag(next));
        if (!tags.includes(name)) tags.push(name);
      }
      // And one from the long tail in turn, so that every tag is used.
      const tail = tagName(tagged++ % TAGS);
      if (!tags.includes(tail)) tags.push(tail);
    }
    items.push({
      id: `https://aggregate.example/posts/${i}`,
      url: `https://aggregate.example/posts/${slugPart}/`,
      title,
      summary: chinese ? `第${i}讲：常见的面试问题和答案。` : `Summary of story ${i}.`,
      language: chinese ? 'zh' : i % 2 ? 'en' : 'fr',
      date_published: new Date(start - i * 3 * 3600_000).toISOString(),
      tags,
      content_html: body(i, next),
    });
  }
  // A story in two topics where the second is its only appearance as a tag.
  items[3].tags = ['Notes', 'Fieldwork'];
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Le Fil Aggregate',
    description: 'News from many cities, in French and English',
    language: 'fr',
    home_page_url: 'https://aggregate.example/',
    items,
  };
}

/** A copy of dist/ publishing the many-tag feed; returns its folder. */
export function buildManyTagsSite() {
  const site = mkdtempSync(path.join(os.tmpdir(), 'gazette-many-tags-'));
  cpSync(DIST, site, { recursive: true });
  writeFileSync(path.join(site, 'feed.json'), JSON.stringify(manyTagsFeed()));
  execFileSync(gazetteBinary(), ['publish', site], { stdio: ['ignore', 'ignore', 'inherit'] });
  return site;
}

export function removeSite(site) {
  rmSync(site, { recursive: true, force: true });
}
