// axe-core with every rule enabled (best practices, experimental rules and
// AAA colour contrast included), run in a page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe with every rule enabled on `page`; returns the violations, described. */
export async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    window.axe.configure({ rules: window.axe.getRules().map((r) => ({ id: r.ruleId, enabled: true })) });
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)).join(' | ')}`);
  });
}
