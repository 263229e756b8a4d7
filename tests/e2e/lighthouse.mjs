// Lighthouse against the local Chromium, offline: the scores of a page.
// Used by the end-to-end suite (budgets) and by `make bench` (figures).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM } from './support.mjs';

// Stops Chromium's own look-ups of outside hosts on this closed network.
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

/** Runs Lighthouse (mobile, simulated throttling) on each URL; returns { url: { category: score, metrics } }. */
export async function audit(urls, categories = ['performance', 'accessibility', 'best-practices', 'seo']) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  const results = {};
  try {
    for (const url of urls) {
      const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: categories, output: 'json', logLevel: 'error' });
      const scores = Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score]));
      const metric = (id) => lhr.audits[id]?.numericValue;
      results[url] = {
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
  } finally {
    await chrome.kill();
  }
  return results;
}
