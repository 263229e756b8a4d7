// Shared helpers for the end-to-end tests: a real static server on
// loopback serving the built dist/, and headless Chromium through
// playwright-core (Debian's chromium, never a downloaded browser).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.GAZETTE_DIST || path.join(ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Where the suite's figures are collected, for `make test-e2e` to print at its end. */
export const FIGURES = path.join(ROOT, 'target', 'e2e-figures.txt');

/**
 * Prints a measured figure, and keeps it in FIGURES: a run's last lines
 * then hold every figure beside the result, where CI's log is read.
 */
export function figure(line) {
  console.log(line);
  try {
    mkdirSync(path.dirname(FIGURES), { recursive: true });
    appendFileSync(FIGURES, `${line}\n`);
  } catch {
    // The figure is printed all the same.
  }
}

/** A free TCP port on loopback, for a server or a driver the tests start. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The servers running, stopped when the test file's process ends. */
const servers = new Set();
process.once('exit', () => {
  for (const child of servers) child.kill();
});

/** Serves `root` on a free loopback port; `fallback` is 'spa', '404' or 'none'. */
export async function startServer({ root = DIST, prefix = '/', fallback = 'spa', port: wanted } = {}) {
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: build the site first (make build)`);
  }
  // A given port keeps the origin, and so the service worker and its caches,
  // when a test takes the host down and brings it back.
  const port = wanted ?? (await freePort());
  const child = spawn('/usr/bin/python3', [path.join(ROOT, 'tools/serve.py'), root, '--port', String(port), '--prefix', prefix, '--fallback', fallback], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
    child.stdout.once('data', resolve);
  });
  // A server a failed test never stopped must not keep the run waiting:
  // it goes when the test file's process ends.
  child.unref();
  child.stdout.unref();
  child.stdout.resume();
  servers.add(child);
  child.once('exit', () => servers.delete(child));
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (p = '') => origin + prefix.replace(/\/$/, '') + '/' + p.replace(/^\//, ''),
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // Held again until it is gone, so that a script awaiting its stop is not ended first.
      child.ref();
      child.once('exit', resolve);
      child.kill();
    }),
  };
}

/** Headless Chromium; `env` chooses, among other things, its fonts (see fonts.mjs). */
export async function launch({ env } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(env ? { env } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A page that records console errors and uncaught exceptions, so that a test
 * can assert that nothing went wrong behind the scenes.
 */
export async function openPage(browser, options = {}) {
  // The site's service worker answers requests before Playwright's routes
  // can see them; tests that do not test the worker (offline.test.mjs does)
  // keep it out, so that what they route and count is what they get.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
  // The app must work under its own Content Security Policy.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.target?.outerHTML?.slice(0, 120) ?? ''} ${e.documentURI} ${e.sourceFile} ${e.sample})`));
  });
  return page;
}

/** Waits until the app is in charge of the page (a prerendered page taken over, or drawn). */
export async function waitForPage(page) {
  await page.waitForSelector('html[data-gazette=live]', { state: 'attached' });
  await page.waitForSelector('main h1', { state: 'attached' });
}

/** Opens `url` and waits until the app is in charge of it. */
export async function goLive(page, url) {
  await page.goto(url);
  await waitForPage(page);
}

/** The problems a page recorded, without the browser's known harmless warnings. */
export function realProblems(page) {
  return page.problems.filter((p) => !p.includes('Failed to load resource: the server responded with a status of 404'));
}
