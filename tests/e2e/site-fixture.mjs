// The set-up most end-to-end files share: the built site on a static server
// and one browser, started before the file's tests and stopped after them.
import { before, after } from 'node:test';
import { startServer, launch } from './support.mjs';

/** Returns `{ server, browser }`, filled in before the first test runs. */
export function siteUnderTest(options) {
  const site = {};
  before(async () => {
    site.server = await startServer(options);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}
