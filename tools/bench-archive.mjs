// `make bench`, the whole archive: Gazette's publish of a large archive
// beside Hugo's build of the same stories, on this machine, then the
// republish after one new story. Figures only (printed as a table);
// `make test` checks the same properties on a few thousand stories
// (cli/src/publish.rs).
//
//     node tools/bench-archive.mjs [STORIES]     (100,000 by default)
//     node tools/bench-archive.mjs STORIES --feed FILE   (the feed alone)
//
// Each story: five paragraphs, a photo, a byline and two topics (about
// 3 KB of JSON Feed), as a CMS's feed gives it (`content_html`). Gazette's
// side is the CLI as the hook runs it (the publishing profile);
// Hugo's is Debian's package rendering the same stories as Markdown pages
// with list, tag and author pages, as a plain static site (pagination as
// Newer / Older links: Hugo's own pagination template links every page
// from every page, which at 100,000 stories takes Hugo over 20 minutes),
// and a front page that pages through the site's pages as they are (a
// `where` filter in it runs again for each of its 8,334 pages: 100,000
// stories did not finish in 12 minutes).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST } from '../tests/e2e/support.mjs';

const STORIES = Number(process.argv[2] ?? 100_000);
const TOPICS = ['Research', 'Campus', 'Arts', 'Science', 'Health', 'Sport', 'Alumni', 'Policy', 'Environment', 'Teaching', 'Technology', 'World'];
const WORDS = 'the lab team found that students who study late in the library report better sleep after the new lighting came in this autumn while researchers in the medical school said more work is needed before any firm advice can be given to the wider campus'.split(' ');
const reporter = (i) => `Reporter ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26) % 8}`;
const slugOf = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const start = Date.UTC(2026, 10, 30);
// Topics as uneven as a newsroom's (a few large, many small), spread over
// the archive without a pattern: a new story does not tie two topics' counts.
const topicOf = (i, multiplier) => {
  const spread = (Math.imul(i + 1, multiplier) >>> 0) / 2 ** 32;
  return TOPICS[Math.floor(TOPICS.length * spread * spread)];
};

function paragraph(i, n) {
  const words = [];
  for (let w = 0; w < 95; w++) words.push(WORDS[(i * 7 + n * 13 + w * 3) % WORDS.length]);
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

function story(i) {
  const paragraphs = [0, 1, 2, 3, 4].map((n) => paragraph(i, n));
  return {
    id: `https://news.example.edu/?p=${i}`,
    url: `https://news.example.edu/articles/story-${i}/`,
    title: `Story ${i}: what the campus learned this week`,
    summary: `A summary of story ${i}.`,
    date_published: new Date(start - i * 3600_000).toISOString(),
    image: `https://photos.example.edu/2026/story-${i}.jpg`,
    authors: [{ name: reporter(i) }],
    tags: [...new Set([topicOf(i, 2654435761), topicOf(i, 40503)])],
    content_html: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
    paragraphs,
  };
}

function jsonFeed(from, to) {
  const items = [];
  for (let i = from; i < to; i++) {
    const { paragraphs, ...item } = story(i);
    items.push(JSON.stringify(item));
  }
  return `{"version":"https://jsonfeed.org/version/1.1","title":"The Campus Archive","home_page_url":"https://news.example.edu/","language":"en","items":[\n${items.join(',\n')}\n]}`;
}

/** Runs `command` under /usr/bin/time: seconds and peak memory (MiB). */
function timed(command, args, options = {}) {
  const run = spawnSync('/usr/bin/time', ['-f', 'TIMED %e %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const line = run.stderr.split('\n').reverse().find((l) => l.startsWith('TIMED '));
  if (run.status !== 0 || !line) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr.slice(-2000)}`);
  const [, seconds, kb] = line.split(' ');
  return { seconds: Number(seconds), mib: Number(kb) / 1024, stderr: run.stderr };
}

function filesBelow(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) filesBelow(file, out);
    else out.push(file);
  }
  return out;
}

// `--feed FILE`: only write the feed, to measure by hand.
if (process.argv[3] === '--feed') {
  writeFileSync(process.argv[4], jsonFeed(1, STORIES + 1));
  process.exit(0);
}

const rows = [];
const row = (figure, measured) => {
  rows.push([figure, measured]);
  console.error(`  ${figure}: ${measured}`);
};
const n = STORIES.toLocaleString('en');
const work = mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-archive-'));
try {
  console.error(`bench-archive: ${n} stories in ${work}`);
  execFileSync('cargo', ['build', '--quiet', '--locked', '--offline', '--profile', 'publishing', '-p', 'gazette-cli', '--bin', 'gazette'], { cwd: ROOT, stdio: 'inherit' });
  const gazette = path.join(ROOT, 'target/publishing/gazette');

  // Gazette: the built app, the feed, `gazette publish` (what the hook runs).
  const site = path.join(work, 'gazette');
  cpSync(DIST, site, { recursive: true });
  const feed = jsonFeed(1, STORIES + 1);
  writeFileSync(path.join(site, 'feed.json'), feed);
  row(`Feed: ${n} stories (five paragraphs, a photo, a byline, two topics each)`, `${(feed.length / 1048576).toFixed(0)} MiB of JSON Feed`);
  const published = timed(gazette, ['publish', site]);
  row(`Gazette: publish of ${n} stories (feed to finished folder, every story a page)`, `${published.seconds.toFixed(1)} s, peak ${published.mib.toFixed(0)} MiB`);
  const pages = readdirSync(path.join(site, 'articles'), { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(path.join(site, 'articles', e.name, 'index.html'))).length;
  row('Gazette: stories with their own prerendered page', `${pages.toLocaleString('en')} of ${n}`);
  const sitemaps = readdirSync(site).filter((f) => /^sitemap.*\.xml$/.test(f));
  const largest = Math.max(...sitemaps.map((f) => {
    const xml = readFileSync(path.join(site, f), 'utf8');
    return Math.max((xml.match(/<url>/g) ?? []).length, (xml.match(/<sitemap>/g) ?? []).length);
  }));
  const biggest = Math.max(...sitemaps.map((f) => statSync(path.join(site, f)).size));
  row('Gazette: sitemap files (largest, in addresses and bytes)', `${sitemaps.length}: ${largest.toLocaleString('en')} addresses, ${(biggest / 1048576).toFixed(1)} MiB (limits 50,000 and 50 MiB)`);

  // One new story, the whole feed published again over the same folder.
  writeFileSync(path.join(site, 'feed.json'), jsonFeed(0, STORIES + 1));
  const marker = path.join(work, 'marker');
  writeFileSync(marker, '');
  const since = statSync(marker).mtimeMs;
  const again = timed(gazette, ['publish', site]);
  const all = filesBelow(site);
  const rewritten = all.filter((f) => statSync(f).mtimeMs >= since);
  const outsideSearch = rewritten.filter((f) => !f.includes(`${path.sep}pagefind${path.sep}`));
  row('Gazette: republish after one new story', `${again.seconds.toFixed(1)} s, peak ${again.mib.toFixed(0)} MiB; ${rewritten.length.toLocaleString('en')} of ${all.length.toLocaleString('en')} files rewritten (${outsideSearch.length.toLocaleString('en')} outside the search index)`);

  // Hugo: the same stories as Markdown, a plain site with lists, tags and authors.
  const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  if (hugo.status !== 0) {
    row('Hugo', 'not installed (GAZETTE_SETUP=bench tools/setup.sh installs Debian\'s package)');
  } else {
    const hugoSite = path.join(work, 'hugo');
    const posts = path.join(hugoSite, 'content/posts');
    mkdirSync(posts, { recursive: true });
    for (let i = 1; i <= STORIES; i++) {
      const s = story(i);
      writeFileSync(path.join(posts, `story-${i}.md`), `---\ntitle: ${JSON.stringify(s.title)}\ndate: ${s.date_published}\nsummary: ${JSON.stringify(s.summary)}\nimages: [${JSON.stringify(s.image)}]\ntags: ${JSON.stringify(s.tags)}\nauthors: [${JSON.stringify(s.authors[0].name)}]\n---\n\n${s.paragraphs.join('\n\n')}\n`);
    }
    writeFileSync(path.join(hugoSite, 'config.toml'), 'baseURL = "https://news.example.edu/"\ntitle = "The Campus Archive"\nlanguageCode = "en"\npaginate = 12\n[taxonomies]\ntag = "tags"\nauthor = "authors"\n');
    const layouts = path.join(hugoSite, 'layouts/_default');
    mkdirSync(layouts, { recursive: true });
    const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title><link rel="canonical" href="{{ .Permalink }}"></head><body><header><a href="/">{{ .Site.Title }}</a></header><main>';
    const foot = '</main></body></html>';
    writeFileSync(path.join(layouts, 'single.html'), `${head}<article><h1>{{ .Title }}</h1><p>By {{ range .Params.authors }}<a href="{{ "authors/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}, <time>{{ .Date.Format "January 2, 2006" }}</time></p>{{ range .Params.images }}<figure><img src="{{ . }}" alt=""></figure>{{ end }}{{ .Content }}<p>{{ range .Params.tags }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p></article>${foot}`);
    writeFileSync(path.join(layouts, 'list.html'), `${head}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "January 2, 2006" }}</time><p>{{ .Summary }}</p></li>{{ end }}</ul><nav>{{ with .Paginator.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} Page {{ .Paginator.PageNumber }} of {{ .Paginator.TotalPages }} {{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}</nav>${foot}`);
    writeFileSync(path.join(layouts, 'index.html'), `${head}<h1>{{ .Site.Title }}</h1><ul>{{ range (.Paginate .Site.RegularPages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>${foot}`);
    const built = timed('hugo', ['--quiet', '--source', hugoSite, '--destination', path.join(hugoSite, 'public')]);
    const hugoPages = filesBelow(path.join(hugoSite, 'public')).filter((f) => f.endsWith('.html')).length;
    row(`Hugo ${hugo.stdout.split(' ')[1]}: build of the same ${n} stories`, `${built.seconds.toFixed(1)} s, peak ${built.mib.toFixed(0)} MiB (${hugoPages.toLocaleString('en')} pages)`);
    row('Gazette against Hugo, whole publish', `${(published.seconds / built.seconds).toFixed(2)} × Hugo's time, ${(published.mib / built.mib).toFixed(2)} × its memory`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`| The whole archive (${os.cpus().length} cores) | Measured |`);
console.log('|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
