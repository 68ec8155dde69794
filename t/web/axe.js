// axe.js: the accessibility scan of the browser test: axe-core (npm,
// node_modules/axe-core) injected into a page and run on the document,
// in the light and the dark colour scheme.
// SPDX-License-Identifier: MIT
'use strict';
const fs = require('fs');
const path = require('path');

let source = null;
function axeSource() {
  if (source === null) {
    const file = path.resolve(process.env.top_srcdir || '.', 'node_modules', 'axe-core', 'axe.min.js');
    source = fs.readFileSync(file, 'utf8');
  }
  return source;
}

// The violations of impact serious or critical in @page's current state,
// as lines 'rule (impact): help: N nodes, e.g. TARGET [summary]'.
// @rules: only those axe rules (all of them when null).
async function serious(page, rules) {
  if (!(await page.evaluate(() => typeof window.axe === 'object')))
    await page.addScriptTag({ content: axeSource() });
  // From file:// every stylesheet is another origin, and axe's fetch of
  // them (for css-orientation-lock) is refused with a console error: there
  // it reads no stylesheets and leaves that rule to the served scan.
  const local = page.url().startsWith('file:');
  const found = await page.evaluate(async ([only, preload]) => {
    const options = { resultTypes: ['violations'], preload };
    if (only) options.runOnly = { type: 'rule', values: only };
    const r = await window.axe.run(document, options);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({
      id: v.id, impact: v.impact, help: v.help, n: v.nodes.length,
      target: v.nodes[0] ? v.nodes[0].target.join(' ') : '',
      summary: v.nodes[0] && v.nodes[0].failureSummary ? v.nodes[0].failureSummary.split('\n').slice(1, 2).join('').trim() : '',
    }));
  }, [rules || null, !local]);
  return found.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.n} node${v.n === 1 ? '' : 's'}, e.g. ${v.target}${v.summary ? ` [${v.summary}]` : ''}`);
}

// The rules whose outcome depends on colours: the only ones the dark
// scheme can change (the document is the same), so the only ones run
// again in dark.
const COLOUR = ['color-contrast', 'link-in-text-block'];

// Scan in light (every rule) and in dark (the colour rules); @check(violations,
// scheme) reports.
async function scan(page, check) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let any colour transition end before contrast is measured.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      .then(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))));
    check(await serious(page, scheme === 'dark' ? COLOUR : null), scheme);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

module.exports = { serious, scan };
