// The JSON Schema in docs/ describes what the sample feed and the
// documentation's example really are, and what `gazette build` writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { ROOT, DIST } from './support.mjs';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs/feed-format.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function check(feed, name) {
  const ok = validate(feed);
  assert.ok(ok, `${name}: ${JSON.stringify(validate.errors?.slice(0, 3), null, 1)}`);
}

test('the sample feed follows the schema', () => {
  check(JSON.parse(readFileSync(path.join(ROOT, 'public/feed.json'), 'utf8')), 'public/feed.json');
});

test('the built feed follows the schema', () => {
  check(JSON.parse(readFileSync(path.join(DIST, 'feed.json'), 'utf8')), 'dist/feed.json');
});

test("the documentation's example follows the schema", () => {
  const doc = readFileSync(path.join(ROOT, 'docs/feed-format.md'), 'utf8');
  const example = doc.match(/## A complete example\s+```json\n([\s\S]*?)\n```/)[1].replace('"<p>The Old Library, built in 1931, welcomed its first readers on Monday.</p><figure>…</figure>"', '"<p>x</p>"');
  check(JSON.parse(example), 'docs/feed-format.md');
});

test('the schema refuses what Gazette refuses', () => {
  assert.equal(validate({ version: '1.1', title: 'T' }), false, 'no items');
  assert.equal(validate({ version: '1.1', title: 'T', items: [{ title: 'no id', content_text: 'x' }] }), false, 'no id');
  assert.equal(validate({ version: '1.1', title: 'T', items: [{ id: 'a' }] }), false, 'no content');
  assert.equal(validate({ version: '1.1', title: 'T', items: [{ id: 'a', content_text: 'x', _gazette: { slug: 'Bad Slug' } }] }), false, 'a bad slug');
});
