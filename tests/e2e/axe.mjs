// axe-core with every rule enabled (best practices, experimental rules and
// AAA colour contrast included), run in a page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe with every rule enabled on `page`; returns the violations,
 * described. Sections the page draws only near the viewport
 * (`content-visibility: auto`) are drawn first: axe takes content not
 * drawn yet for hidden, so it would neither check it nor find its text.
 */
export async function axe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Through the CSSOM, which the page's Content Security Policy leaves open.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('* { content-visibility: visible !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    await page.evaluate(AXE);
  }
  return page.evaluate(async () => {
    window.axe.configure({ rules: window.axe.getRules().map((r) => ({ id: r.ruleId, enabled: true })) });
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)).join(' | ')}`);
  });
}
