// A large archive for tests and benchmarks: a synthetic JSON Feed laid out
// by `gazette build` over a copy of the built site.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT, DIST } from './support.mjs';

export const STORIES = 20_000;
export const TOPICS = ['University News', 'Research', 'Science & Technology', 'Social Science', 'Art & Culture', 'Faculty & Staff', 'Student Life', 'Around the World'];
export const REPORTERS = ['Ines Duarte', 'Kofi Mensah', 'Wen Zhao'];
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
      // One story in two languages, for search by Chinese characters.
      content_text: `First paragraph of story ${i}.\n\n${i === 4321 ? '校友们在中秋夜赏月。' : 'Second paragraph.'}`,
      authors: [{ name: REPORTERS[i % REPORTERS.length] }],
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

/** The CLI as Trunk's hook runs it: the optimised build the set-up makes. */
export function gazetteBinary() {
  const binary = path.join(ROOT, 'target/publishing/gazette');
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--quiet', '--locked', '--offline', '--profile', 'publishing', '-p', 'gazette-cli', '--bin', 'gazette'], { cwd: ROOT, stdio: 'inherit' });
  return binary;
}


/** A copy of dist/ holding an archive of `stories` stories; returns its folder. */
export function buildArchiveSite(stories = STORIES) {
  const site = mkdtempSync(path.join(os.tmpdir(), 'gazette-archive-'));
  cpSync(DIST, site, { recursive: true });
  const source = path.join(site, 'archive-source.json');
  writeFileSync(source, JSON.stringify(archiveFeed(stories)));
  execFileSync(gazetteBinary(), ['build', source, '--out', site], { stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(source);
  return site;
}
