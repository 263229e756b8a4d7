// The set-up most end-to-end files share: the built site on a static server
// and one browser, started before the file's tests and stopped after them.
import { before, after } from 'node:test';
import { startServer, launch } from './support.mjs';

/**
 * Returns `{ server, browser }`, filled in before the first test runs; with
 * `{ bare: true }` also `bareServer`, a host that answers unknown addresses
 * with 404.html (the bare app, no prerendered page).
 */
export function siteUnderTest({ bare = false } = {}) {
  const site = {};
  before(async () => {
    site.server = await startServer();
    if (bare) site.bareServer = await startServer({ fallback: '404' });
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
    await site.bareServer?.stop();
  });
  return site;
}
