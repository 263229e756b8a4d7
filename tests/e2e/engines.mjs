// The three engines readers' browsers are built on, each driven through its
// own standard driver, behind one small interface the journeys are written
// against (engines.test.mjs): Chromium through Playwright (the DevTools
// protocol), Firefox ESR through WebDriver BiDi (puppeteer-core) and
// WebKitGTK, Safari's engine, through WebKitWebDriver (classic WebDriver,
// selenium-webdriver). Every browser is Debian's (tools/setup.sh installs
// them); WebKitGTK has no headless mode here, so it draws into an Xvfb.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { Builder, By, Key } from 'selenium-webdriver';
import { freePort, launch } from './support.mjs';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const VIEWPORT = { width: 1280, height: 900 };

/**
 * What a journey does with a browser, the same in every engine:
 * - `goto(url)` opens an address and waits for its document to load;
 * - `run(fn, arg)` runs `fn(arg)` in the page and returns its (awaited) value;
 * - `click(selector)`, `press(key)` (a KeyboardEvent key name) and
 *   `type(selector, text)` are the reader's own input, through the driver;
 * - `back()` is the browser's Back;
 * - `problems` collects the console's errors, or is null where the driver
 *   cannot read the console (classic WebDriver);
 * - `close()` ends the browser.
 * @typedef {{ engine: string, goto(url: string): Promise<void>, run(fn: Function, arg?: unknown): Promise<any>, click(selector: string): Promise<void>, press(key: string): Promise<void>, type(selector: string, text: string): Promise<void>, back(): Promise<void>, problems: string[] | null, close(): Promise<void> }} Reader
 */

function missing(engine, file, packages) {
  return new Error(`${engine}: ${file} is missing: run make setup (it installs Debian's ${packages})`);
}

/**
 * A reader on a Playwright or puppeteer page: the two drivers name the same
 * things alike, but for a click and typing, which `input` gives.
 */
function pageReader(engine, browser, page, input) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  return {
    engine,
    goto: async (url) => { await page.goto(url); },
    run: (fn, arg) => page.evaluate(fn, arg),
    press: (key) => page.keyboard.press(key),
    back: async () => { await page.goBack(); },
    problems,
    close: () => browser.close(),
    ...input,
  };
}

/** Chromium, headless, through Playwright. */
async function chromiumReader({ javaScript }) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  return pageReader('Chromium', browser, page, {
    click: (selector) => page.locator(selector).first().click(),
    type: (selector, text) => page.locator(selector).pressSequentially(text, { delay: 40 }),
  });
}

/** Firefox ESR, headless, through WebDriver BiDi. */
async function firefoxReader({ javaScript }) {
  if (!existsSync(FIREFOX)) throw missing('Firefox ESR', FIREFOX, 'firefox-esr');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    // Scripts off for the page only: the driver's own scripts still run.
    extraPrefsFirefox: javaScript ? {} : { 'javascript.enabled': false },
  });
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  return pageReader('Firefox ESR', browser, page, {
    click: (selector) => page.click(selector),
    type: (selector, text) => page.type(selector, text, { delay: 40 }),
  });
}

/** Xvfb and WebKitWebDriver, started once for every WebKit session of the process. */
let webKitDriver;
const children = new Set();
process.once('exit', stopDrivers);

/** Stops the programs the engines needed (Xvfb, WebKitWebDriver). */
export function stopDrivers() {
  for (const child of children) child.kill();
  children.clear();
  webKitDriver = undefined;
}

function started(command, args, options = {}) {
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  // The program does not keep the tests' process alive (its pipes do, until
  // it is ready: see `ready`).
  child.unref();
  return child;
}

/** Once a program has said it is ready, its pipes no longer keep the tests' process alive. */
function ready(child) {
  for (const pipe of child.stdio) {
    pipe?.resume?.();
    pipe?.unref?.();
  }
}

async function startWebKitDriver() {
  if (!existsSync(MINIBROWSER)) throw missing('WebKitGTK', MINIBROWSER, 'webkit2gtk-driver');
  // Xvfb picks a free display and writes its number on the pipe given.
  const xvfb = started('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
  const display = await new Promise((resolve, reject) => {
    xvfb.once('error', () => reject(missing('WebKitGTK', 'Xvfb', 'xvfb')));
    xvfb.once('exit', (code) => reject(new Error(`WebKitGTK: Xvfb exited early (${code})`)));
    xvfb.stdio[3].once('data', (data) => resolve(`:${String(data).trim()}`));
  });
  ready(xvfb);
  const port = await freePort();
  const driver = started('WebKitWebDriver', [`--port=${port}`], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DISPLAY: display } });
  await new Promise((resolve, reject) => {
    driver.once('error', () => reject(missing('WebKitGTK', 'WebKitWebDriver', 'webkit2gtk-driver')));
    driver.once('exit', (code) => reject(new Error(`WebKitGTK: WebKitWebDriver exited early (${code})`)));
    // It says nothing when ready: ask until it answers.
    const ask = () => fetch(`http://127.0.0.1:${port}/status`).then(resolve, () => setTimeout(ask, 100));
    ask();
  });
  ready(driver);
  return `http://127.0.0.1:${port}`;
}

const KEYS = { ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT, Escape: Key.ESCAPE, Enter: Key.ENTER, Tab: Key.TAB };

/** WebKitGTK's MiniBrowser, in an Xvfb, through WebKitWebDriver. */
async function webKitReader({ javaScript }) {
  webKitDriver ??= startWebKitDriver();
  const server = await webKitDriver;
  // With scripts off in the page's markup only, the driver's scripts still run.
  const args = ['--automation', ...(javaScript ? [] : ['--enable-javascript-markup=false'])];
  const driver = await new Builder()
    .usingServer(server)
    .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args } })
    .build();
  await driver.manage().window().setRect(VIEWPORT);
  return {
    engine: 'WebKitGTK',
    goto: (url) => driver.get(url),
    // Classic WebDriver runs a function body; the spec awaits a promise it returns.
    run: (fn, arg) => driver.executeScript(`return (${fn}).apply(null, arguments)`, arg),
    click: async (selector) => (await driver.findElement(By.css(selector))).click(),
    press: (key) => driver.actions().sendKeys(KEYS[key] ?? key).perform(),
    type: async (selector, text) => (await driver.findElement(By.css(selector))).sendKeys(text),
    back: () => driver.navigate().back(),
    problems: null,
    close: () => driver.quit(),
  };
}

/** The engines, in the order the journeys run in them. */
export const ENGINES = [
  { name: 'Chromium', start: chromiumReader },
  { name: 'Firefox ESR', start: firefoxReader },
  { name: 'WebKitGTK', start: webKitReader },
];

/**
 * Waits until `fn(arg)`, run in the page, is truthy; a timeout names the
 * engine, what was awaited and, when `state` is given, what the page then
 * held (`state(arg)`, run in the page).
 */
export async function until(reader, fn, arg, what, ms = 15000, state = null) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await reader.run(fn, arg);
      if (last) return last;
    } catch (error) {
      // A page being replaced cannot run scripts for a moment.
      last = error.message;
    }
    if (Date.now() > end) {
      const held = state ? `; the page held ${JSON.stringify(await reader.run(state, arg).catch((e) => e.message))}` : '';
      throw new Error(`${reader.engine}: timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(last)})${held}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
