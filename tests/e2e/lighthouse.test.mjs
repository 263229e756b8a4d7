// Lighthouse on the front, a topic and an article page: accessibility 100
// and SEO at least 95.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, figure } from './support.mjs';
import { audit } from './lighthouse.mjs';

let server;
before(async () => {
  server = await startServer({ fallback: '404' });
});
after(async () => {
  await server?.stop();
});

test('Lighthouse: accessibility 100 and SEO at least 95 on front, topic and article pages', { timeout: 180_000 }, async () => {
  const urls = ['/', '/topics/research/', '/articles/library-cat-mochi/'].map((p) => server.url(p));
  const results = await audit(urls, ['accessibility', 'seo']);
  for (const [url, result] of Object.entries(results)) {
    figure(`lighthouse ${new URL(url).pathname}: accessibility ${result.scores.accessibility}, seo ${result.scores.seo}`);
    assert.equal(result.scores.accessibility, 1, `${url}: ${result.failing.join(', ')}`);
    assert.ok(result.scores.seo >= 0.95, `${url}: seo ${result.scores.seo}: ${result.failing.join(', ')}`);
  }
});
