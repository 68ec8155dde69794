// shots.js: screenshots of demo pages for people to look at (`make
// web-shots`): each page at desktop (1280x800) and phone (390x844) size,
// in the light and the dark colour scheme, as the first screen shows it
// (OUT/NAME-SIZE-SCHEME.png) and the whole page (…-full.png).
// SPDX-License-Identifier: MIT
//
// Usage: node t/web/shots.js SITE OUT [NAME...]   (default: titanic housing)
// with top_srcdir in the environment (for node_modules) and CHROMIUM (or
// /usr/bin/chromium).
'use strict';
const fs = require('fs');
const path = require('path');
const { serve, launch } = require('./serve.js');

const VIEWPORTS = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]];

async function main() {
  const [siteArg, outArg, ...names] = process.argv.slice(2);
  if (!siteArg || !outArg) throw new Error('usage: shots.js SITE OUT [NAME...]');
  const site = path.resolve(siteArg), out = path.resolve(outArg);
  if (!names.length) names.push('titanic', 'housing');
  for (const n of names)
    if (!fs.existsSync(path.join(site, `${n}.html`))) throw new Error(`no ${n}.html in ${site}: run make web`);
  fs.mkdirSync(out, { recursive: true });
  const browser = await launch(process.env.CHROMIUM || '/usr/bin/chromium');
  const server = await serve(site);
  try {
    for (const name of names) {
      for (const [size, viewport] of VIEWPORTS) {
        for (const scheme of ['light', 'dark']) {
          const page = await browser.newPage({ viewport, colorScheme: scheme });
          const errors = [];
          page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
          page.on('pageerror', (e) => errors.push(String(e)));
          await page.goto(`${server.url}${name}.html`);
          await page.waitForSelector('#app[data-complete]:not([hidden])', { timeout: 10000 });
          // Fonts loaded and transitions over, so that the picture is the
          // page at rest.
          await page.evaluate(() => document.fonts.ready.then(() =>
            Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))));
          const base = path.join(out, `${name}-${size}-${scheme}`);
          await page.screenshot({ path: `${base}.png` });
          await page.screenshot({ path: `${base}-full.png`, fullPage: true });
          await page.close();
          if (errors.length) throw new Error(`${name} (${size}, ${scheme}): ${errors.join('; ')}`);
          console.log(`web-shots: ${path.relative(process.cwd(), base)}.png, -full.png`);
        }
      }
    }
  } finally {
    await server.close();
    await browser.close();
  }
}

main().catch((e) => { console.error(`web-shots: ${e.message || e}`); process.exit(1); });
