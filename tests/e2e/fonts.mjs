// The font sets the layout is tested under. Chromium on Linux finds its
// faces through fontconfig, so each set is a fontconfig file naming only its
// folders (and the system's rules, so that Palatino, Helvetica, Arial and
// Times resolve to their metric twins as on a reader's machine). Every set
// keeps a CJK and an Arabic face for the editions.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CJK_AND_ARABIC = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/opentype/fonts-hosny-amiri'];

/** Each set: its name, what it stands for, its folders, and the faces Chromium should then draw with. */
export const FONT_SETS = [
  { name: 'dejavu', standsFor: 'a bare Linux machine (DejaVu)', dirs: ['/usr/share/fonts/truetype/dejavu'], faces: /^DejaVu/ },
  { name: 'urw', standsFor: 'macOS and Windows readers with Palatino and Helvetica (URW base 35)', dirs: ['/usr/share/fonts/opentype/urw-base35'], faces: /^(P052|Nimbus)/ },
  { name: 'liberation', standsFor: 'Windows readers: Arial and Times New Roman metrics (Liberation)', dirs: ['/usr/share/fonts/truetype/liberation2'], faces: /^Liberation (Sans|Serif)/ },
];

/**
 * The environment that makes Chromium see only `set`'s faces; throws, naming
 * the package, when a folder is missing (tools/setup.sh installs them).
 */
export function fontEnvironment(set) {
  for (const dir of [...set.dirs, ...CJK_AND_ARABIC]) {
    if (!existsSync(dir)) throw new Error(`${dir} is missing: run tools/setup.sh (it installs the font packages)`);
  }
  const folder = path.join(os.tmpdir(), `gazette-fonts-${set.name}`);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
${[...set.dirs, ...CJK_AND_ARABIC].map((dir) => `  <dir>${dir}</dir>`).join('\n')}
  <cachedir>${path.join(folder, 'cache')}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
`);
  return { ...process.env, FONTCONFIG_FILE: file };
}

/**
 * The faces Chromium drew `selector`'s text with (DevTools'
 * `CSS.getPlatformFontsForNode`), as "Family ×glyphs" strings: what the
 * reader saw, not what the style sheet asked for.
 */
export async function facesUsed(page, selector) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = await session.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await session.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) return [];
    const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => `${f.familyName} ×${f.glyphCount}`);
  } finally {
    await session.detach();
  }
}
