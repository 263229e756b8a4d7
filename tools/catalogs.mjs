// The part of each interface catalog that is data, not words, read from
// Unicode CLDR (the cldr-json packages in package.json) rather than typed by
// hand: digits, thousands grouping, month names, the long date and date-time
// patterns, the list separator, quotation marks and the writing direction.
//
//   node tools/catalogs.mjs          rewrites those keys in public/strings/*.json
//   node tools/catalogs.mjs --check  fails, naming file and key, where a catalog differs from CLDR
//
// Plural rules are code (src/catalog.rs), checked against CLDR's own samples
// by a native test that reads the same package.

import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const strings = join(root, 'public', 'strings');
const read = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** The CLDR locale a catalog file is for: its name (`zh-Hant`, `pt`, `ar`). */
function cldrData(locale) {
  const main = (pkg, file) => read(join(modules, pkg, 'main', locale, file)).main[locale];
  const gregorian = main('cldr-dates-full', 'ca-gregorian.json').dates.calendars.gregorian;
  const numbers = main('cldr-numbers-full', 'numbers.json').numbers;
  const lists = main('cldr-misc-full', 'listPatterns.json').listPatterns['listPattern-type-standard'];
  const delimiters = main('cldr-misc-full', 'delimiters.json').delimiters;
  const layout = main('cldr-misc-full', 'layout.json').layout.orientation;
  const systems = read(join(modules, 'cldr-core', 'supplemental', 'numberingSystems.json')).supplemental.numberingSystems;
  return { gregorian, numbers, lists, delimiters, layout, systems };
}

/** A CLDR date pattern (`d 'de' MMMM 'de' y`) as a catalog template
 * (`{day} de {month} de {year}`), and whether its month is a number. */
function template(pattern) {
  let out = '';
  let numericMonth = false;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = pattern.slice(i + 1, end < 0 ? pattern.length : end);
      out += literal === '' ? "'" : literal;
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let run = 1;
      while (pattern[i + run] === c) run++;
      if (c === 'd') out += '{day}';
      else if (c === 'y') out += '{year}';
      else if (c === 'M' || c === 'L') {
        out += '{month}';
        numericMonth = run <= 2;
      } else throw new Error(`date pattern ${JSON.stringify(pattern)}: no place for field ${c.repeat(run)}`);
      i += run;
      continue;
    }
    out += c;
    i++;
  }
  return { out, numericMonth };
}

/** The keys CLDR decides, for one locale. */
export function cldrKeys(locale) {
  const { gregorian, numbers, lists, delimiters, layout, systems } = cldrData(locale);
  const system = numbers.defaultNumberingSystem;
  const digits = systems[system]._digits;
  if (!digits || [...digits].length !== 10) throw new Error(`${locale}: numbering system ${system} has no decimal digits`);
  const inDigits = (text) => text.replace(/[0-9]/g, (d) => [...digits][d]);
  const date = template(gregorian.dateFormats.long);
  const months = date.numericMonth
    ? Array.from({ length: 12 }, (_, i) => inDigits(String(i + 1)))
    : Array.from({ length: 12 }, (_, i) => gregorian.months.format.wide[String(i + 1)]);
  const decimal = numbers[`decimalFormats-numberSystem-${system}`].standard.split('.')[0];
  const groups = decimal.split(',').slice(1).map((g) => g.length);
  const middle = lists.middle;
  return {
    direction: layout.characterOrder === 'right-to-left' ? 'rtl' : 'ltr',
    digits,
    group_separator: numbers[`symbols-numberSystem-${system}`].group,
    // Primary group size, then the size of the groups before it (Indian
    // numbering: "3,2"), then the fewest digits a number must have before it is
    // grouped at all (Spanish and Polish write 1873 but 18 730).
    grouping: `${groups.at(-1) ?? 3},${groups.length > 1 ? groups.at(-2) : groups.at(-1) ?? 3},${numbers.minimumGroupingDigits}`,
    months: months.join('|'),
    date_long: date.out,
    date_and_time: gregorian.dateTimeFormats.long.replace('{1}', '{date}').replace('{0}', '{time}').replace(/'/g, ''),
    list_separator: middle.slice(middle.indexOf('{0}') + 3, middle.indexOf('{1}')),
    open_quote: delimiters.quotationStart,
    close_quote: delimiters.quotationEnd,
  };
}

const check = process.argv.includes('--check');
let faults = 0;
for (const file of readdirSync(strings).filter((f) => f.endsWith('.json')).sort()) {
  const path = join(strings, file);
  const text = readFileSync(path, 'utf8');
  const catalog = JSON.parse(text);
  const wanted = cldrKeys(catalog.language);
  if (check) {
    for (const [key, value] of Object.entries(wanted)) {
      if (catalog[key] !== value) {
        console.error(`public/strings/${file}: "${key}" is ${JSON.stringify(catalog[key])}, CLDR ${JSON.stringify(value)} (run node tools/catalogs.mjs)`);
        faults++;
      }
    }
  } else {
    // Rewrite only the lines of those keys, so the words, their order and
    // the file's layout stay as their translators wrote them.
    let written = text;
    for (const [key, value] of Object.entries(wanted)) {
      const line = `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`;
      const pattern = new RegExp(`^  "${key}": .*,$`, 'm');
      if (pattern.test(written)) written = written.replace(pattern, () => line);
      else written = written.replace(/^  "group_separator": .*,$/m, (found) => `${found}\n${line}`);
    }
    if (written !== text) writeFileSync(path, written);
    console.log(`public/strings/${file}: CLDR ${JSON.stringify(wanted.date_long)}, ${[...wanted.digits][1]}${[...wanted.digits][8]}${[...wanted.digits][7]}${[...wanted.digits][3]}`);
  }
}
if (faults) process.exit(1);
if (check) console.log('catalogs: every CLDR key matches CLDR 48');
