// Lighthouse against the local Chromium, offline: the scores of a page.
// Used by the end-to-end suite (budgets) and by `make bench` (figures).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM } from './support.mjs';

// Stops Chromium's own look-ups of outside hosts on this closed network.
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

/**
 * Runs Lighthouse (mobile, simulated throttling) on each URL; returns
 * { url: { scores: { category: score }, metrics, failing, runs } }. With
 * `runs` above 1, each URL is audited that many times and the run with the
 * median performance score stands, as Lighthouse advises: one run's score
 * moves with whatever else the machine is doing.
 */
export async function audit(urls, categories = ['performance', 'accessibility', 'best-practices', 'seo'], { runs = 1 } = {}) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  const results = {};
  try {
    for (const url of urls) {
      const all = [];
      for (let run = 0; run < runs; run++) {
        const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: categories, output: 'json', logLevel: 'error' });
        all.push(summary(lhr));
      }
      all.sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
      results[url] = { ...all[Math.floor(all.length / 2)], runs: all.map((r) => r.scores.performance) };
    }
  } finally {
    await chrome.kill();
  }
  return results;
}

function summary(lhr) {
  const scores = Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score]));
  const metric = (id) => lhr.audits[id]?.numericValue;
  return {
    scores,
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    failing: Object.entries(lhr.audits)
      .filter(([, a]) => a.score !== null && a.score < 0.9 && !['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode))
      .map(([id, a]) => `${id}${a.displayValue ? ` (${a.displayValue})` : ''}`),
  };
}
