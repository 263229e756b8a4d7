// Lighthouse against the local Chromium, offline: the scores of a page.
// Used by the end-to-end suite (budgets) and by `make bench` (figures).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM, figure } from './support.mjs';

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
    const flags = { port: chrome.port, onlyCategories: categories, output: 'json', logLevel: 'error' };
    if (categories.includes('performance')) flags.throttling = await calibratedThrottling(urls[0], flags);
    for (const url of urls) {
      const all = [];
      for (let run = 0; run < runs; run++) {
        const { lhr } = await lighthouse(url, flags);
        all.push(summary(lhr));
      }
      all.sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
      results[url] = { ...all[Math.floor(all.length / 2)], runs: all.map((r) => r.scores.performance), tbts: all.map((r) => r.tbt) };
    }
  } finally {
    await chrome.kill();
  }
  return results;
}

/**
 * Lighthouse's mobile throttling with its CPU slowdown fitted to this
 * machine, so that every machine stands for the same mid-tier phone.
 * Lighthouse's 4x is meant for a high-end desktop; its docs/throttling.md
 * ("Calibrating the CPU slowdown") gives 2x for a low-end desktop and 1x
 * for a host as slow as the phone itself, by benchmark index. The index is
 * the median of three runs on `url`, and the slowdown read off that table,
 * between the middles of its brackets.
 */
async function calibratedThrottling(url, flags) {
  const index = await benchmarkIndex(url, flags.port);
  const multiplier = Math.round(slowdownFor(index) * 10) / 10;
  figure(`lighthouse: this machine's benchmark index ${Math.round(index)}, CPU slowdown ${multiplier}x`);
  // Lighthouse's "Slow 4G" preset, as it is by default.
  return { rttMs: 150, throughputKbps: 1638.4, requestLatencyMs: 562.5, downloadThroughputKbps: 1474.56, uploadThroughputKbps: 675, cpuSlowdownMultiplier: multiplier };
}

let measuredIndex;

/**
 * This machine's Lighthouse benchmark index (how fast it runs a page's
 * JavaScript; higher is faster), the median of three readings on `url`:
 * one moves with whatever else the machine does. Measured once per
 * process. With `port`, in the Chromium listening there; else in one of
 * its own.
 */
export async function benchmarkIndex(url, port) {
  if (measuredIndex !== undefined) return measuredIndex;
  const chrome = port ? null : await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const readings = [];
    for (let i = 0; i < 3; i++) {
      const { lhr } = await lighthouse(url, { port: port ?? chrome.port, output: 'json', logLevel: 'error', onlyAudits: ['first-contentful-paint'] });
      readings.push(lhr.environment.benchmarkIndex);
    }
    measuredIndex = readings.sort((a, b) => a - b)[1];
  } finally {
    await chrome?.kill();
  }
  return measuredIndex;
}

/** (benchmark index, slowdown): the middles of Lighthouse's brackets for a
 * mid-tier phone (125 to 800), a low-end desktop (1000 to 1500) and a
 * high-end desktop (1500 to 2000). */
const SLOWDOWN_TABLE = [[460, 1], [1250, 2], [1750, 4]];

export function slowdownFor(index) {
  const [first, last] = [SLOWDOWN_TABLE[0], SLOWDOWN_TABLE[SLOWDOWN_TABLE.length - 1]];
  if (index <= first[0]) return first[1];
  if (index >= last[0]) return last[1];
  for (let i = 1; i < SLOWDOWN_TABLE.length; i++) {
    const [[i0, m0], [i1, m1]] = [SLOWDOWN_TABLE[i - 1], SLOWDOWN_TABLE[i]];
    if (index <= i1) return m0 + ((index - i0) / (i1 - i0)) * (m1 - m0);
  }
  return last[1];
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
