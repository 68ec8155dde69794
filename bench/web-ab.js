// web-ab.js: the measurements of bench/web-ab (see there).
// SPDX-License-Identifier: MIT
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const { serve, launch } = require(path.join(process.env.top_srcdir, 't', 'web', 'serve.js'));

const LOADS = Number(process.env.BENCH_WEB_LOADS) || 9;
const web = require(path.join(__dirname, 'web.js'));

// One load in a fresh tab, as bench/web loads it: [first prediction, its
// paint] in ms from navigation (the mark of app.js and the element timing
// of the headline).
async function load(browser, url, warmup) {
  const t = await web.load(browser, url, warmup);
  if (t === null) return null;
  if (t[2] === null) throw new Error(`no painted prediction: ${url}`);
  return [t[0], t[2]];
}

async function main() {
  const [oldDir, newDir, ...only] = process.argv.slice(2);
  const sites = [oldDir, newDir].map((d) => path.resolve(d, 'web', 'site'));
  // The dataset pages: those with a FERRUM_PAGE (not the index, not the
  // "Your data" page, which has no prediction to time).
  const have = (s) => fs.readdirSync(s).filter((f) => f.endsWith('.html') && web.pageData(path.join(s, f)))
    .map((f) => f.slice(0, -5));
  const pages = only.length ? only : have(sites[1]).filter((p) => have(sites[0]).includes(p));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-web-ab-'));
  fs.writeFileSync(path.join(tmp, 'blank.html'), web.BLANK_PAGE);
  const browser = await launch(process.env.CHROMIUM || '/usr/bin/chromium');
  const servers = [await serve(sites[0]), await serve(sites[1]), await serve(tmp)];
  const urls = [];
  for (const p of pages) for (const k of [0, 1]) urls.push([`${k} ${p}`, `${servers[k].url}${p}.html`]);
  urls.push(['blank', `${servers[2].url}blank.html`]);
  const times = Object.fromEntries(urls.map(([k]) => [k, []]));
  try {
    for (const s of servers.slice(0, 2)) await load(browser, `${s.url}index.html`, true);
    for (let i = 0; i < LOADS; i++)
      for (const [k, url] of i % 2 ? urls.slice().reverse() : urls) times[k].push(await load(browser, url));
  } finally {
    for (const s of servers) await s.close();
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const median = (t) => t.slice().sort((a, b) => a - b)[Math.floor(t.length / 2)];
  const med = (k, j) => median(times[k].map((t) => t[j]));
  const f = (x, w) => x.toFixed(1).padStart(w);
  console.log(`bench/web-ab: medians of ${LOADS} loads, served, ms from navigation`);
  console.log(`  old ${sites[0]}\n  new ${sites[1]}`);
  console.log(`${'page'.padEnd(12)}${'computed old'.padStart(13)}${'new'.padStart(8)}${'on screen old'.padStart(15)}${'new'.padStart(8)}${'new/old'.padStart(9)}`);
  const ratios = [];
  for (const p of pages) {
    const r = med(`1 ${p}`, 1) / med(`0 ${p}`, 1);
    ratios.push(r);
    console.log(`${p.padEnd(12)}${f(med(`0 ${p}`, 0), 13)}${f(med(`1 ${p}`, 0), 8)}${f(med(`0 ${p}`, 1), 15)}${f(med(`1 ${p}`, 1), 8)}${r.toFixed(2).padStart(9)}`);
  }
  const worst = (k) => Math.max(...pages.map((p) => med(`${k} ${p}`, 1)));
  console.log(`${'blank page'.padEnd(12)}${f(med('blank', 0), 13)}${''.padStart(8)}${f(med('blank', 1), 15)}   (a word and an inline script)`);
  console.log(`worst on screen: old ${worst(0).toFixed(1)}, new ${worst(1).toFixed(1)}; median ratio new/old ${median(ratios).toFixed(2)}`);
  const loadavg = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '?';
  console.log(`(${os.cpus().length} CPUs, load average ${loadavg})`);
}

main().catch((e) => { console.error(`bench/web-ab: ${e.stack || e}`); process.exit(1); });
