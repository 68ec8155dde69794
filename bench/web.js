// web.js: the measurements of bench/web (see there).
// SPDX-License-Identifier: MIT
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { serve, launch } = require(path.join(process.env.top_srcdir, 't', 'web', 'serve.js'));

const build = path.resolve(process.argv[2] || '.');
const site = path.join(build, 'web', 'site');
const KB = 1024;
const size = (f) => fs.statSync(f).size;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const row = (a, b, c) => console.log(`${a.padEnd(26)}${String(b).padStart(9)}  ${c || ''}`);

function pageData(file) {
  const html = fs.readFileSync(file, 'utf8');
  const m = /var FERRUM_PAGE = (\{.*?\});<\/script>/s.exec(html);
  return m ? JSON.parse(m[1]) : null;
}

async function main() {
  const wasm = size(path.join(build, 'web', 'libferrum.wasm'));
  const glue = size(path.join(build, 'web', 'libferrum.js'));
  const files = fs.readdirSync(site).filter((f) => !f.startsWith('.')).sort();
  const pages = files.filter((f) => f.endsWith('.html') && f !== 'index.html');
  let total = 0;
  for (const f of files) total += size(path.join(site, f));

  console.log('bench/web: the demo site, bytes uncompressed');
  row('file', 'bytes', 'notes');
  row('libferrum.wasm (module)', wasm, `${kb(wasm)}; target <= 32 KB (original engine 128 KB)`);
  row('  JS glue (emcc)', glue, kb(glue));
  row('libferrum.js (site)', size(path.join(site, 'libferrum.js')),
    `glue + module gzipped in base64 (${kb(zlib.gzipSync(fs.readFileSync(path.join(build, 'web', 'libferrum.wasm')), { level: 9 }).length)} gzipped)`);
  row('app.js', size(path.join(site, 'app.js')), 'web/ferrum.js + web/app.js');
  row('style.css', size(path.join(site, 'style.css')));
  row('index.html', size(path.join(site, 'index.html')));
  for (const p of pages) {
    const d = pageData(path.join(site, p));
    const model = d ? zlib.gunzipSync(Buffer.from(d.model, 'base64')).length : 0;
    row(p, size(path.join(site, p)), `model ${model} B (.finf), embedded ${d ? d.model.length : 0} B`);
  }
  row(`total (${pages.length} datasets)`, total, `${kb(total)}; target <= 120 KB (original ~230 KB)`);

  const browser = await launch(process.env.CHROMIUM || process.argv[3] || '/usr/bin/chromium');
  const server = await serve(site);
  console.log('');
  console.log('time from navigation to the first prediction, ms (median of 5 loads);');
  console.log('"app" is the part spent in app.js: inflating, instantiating, building, predicting');
  row('page', 'served', 'file://   app (served)');
  const all = [];
  const median = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
  try {
    const blank = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      await page.goto('data:text/html,<link rel=icon href="data:,"><script>performance.mark("x")</script>');
      blank.push(await page.evaluate(() => performance.getEntriesByName('x')[0].startTime));
      await page.close();
    }
    for (const p of pages) {
      const med = [];
      let app = 0;
      for (const base of [server.url, `file://${site}/`]) {
        const t = [], a = [];
        for (let i = 0; i < 5; i++) {
          const page = await browser.newPage();
          await page.goto(`${base}${p}`);
          await page.waitForFunction(() =>
            performance.getEntriesByName('ferrum-first-prediction').length > 0, null, { timeout: 10000 });
          const [first, start] = await page.evaluate(() => [
            performance.getEntriesByName('ferrum-first-prediction')[0].startTime,
            performance.getEntriesByName('ferrum-start')[0].startTime]);
          t.push(first);
          a.push(first - start);
          await page.close();
        }
        med.push(median(t));
        if (base === server.url) app = median(a);
      }
      all.push(...med);
      row(p, med[0].toFixed(1), `${med[1].toFixed(1).padStart(7)}   ${app.toFixed(1).padStart(6)}`);
    }
    row('blank page (baseline)', median(blank).toFixed(1), 'an inline script in an empty page');
  } finally {
    await server.close();
    await browser.close();
  }
  all.sort((a, b) => a - b);
  row('worst median', all[all.length - 1].toFixed(1), 'target < 100 ms');
  const load = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '?';
  console.log(`(${require('os').cpus().length} CPUs, load average ${load}: times grow with the load)`);
}

main().catch((e) => { console.error(`bench/web: ${e.stack || e}`); process.exit(1); });
