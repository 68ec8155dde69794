// web.js: the measurements of bench/web (see there).
// SPDX-License-Identifier: MIT
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const os = require('os');
const { spawnSync } = require('child_process');
const { serve, launch } = require(path.join(process.env.top_srcdir, 't', 'web', 'serve.js'));

const build = path.resolve(process.argv[2] || '.');
const site = path.join(build, 'web', 'site');
const KB = 1024;
const size = (f) => fs.statSync(f).size;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const row = (a, b, c) => console.log(`${a.padEnd(26)}${String(b).padStart(9)}  ${c || ''}`);

function pageData(file) {
  const html = fs.readFileSync(file, 'utf8');
  const m = /var FERRUM_PAGE = (\{.*?\});?(?:start\(\);)?<\/script>/s.exec(html);
  return m ? JSON.parse(m[1]) : null;
}

const LOADS = process.env.BENCH_WEB_LOADS === '0' ? 0 : Number(process.env.BENCH_WEB_LOADS) || 7;
// Milliseconds to leave the browser alone between opening a tab and
// loading the page: a new tab (a fresh context, so nothing is cached) is
// still being set up, and the last one torn down, for a while after
// newPage() returns; on two cores that work would be timed as the page's.
const SETTLE = 250;

// One load in a fresh tab: [first prediction, start of app.js, first
// prediction on the screen] in ms from navigation, from the page's
// performance timeline: the marks of app.js and the element timing of the
// prediction's headline (null where the page has none).  The wait polls
// from a plain function: waitForFunction would inject playwright's own
// script (a large one) while the page is still starting.
// The baseline page: one word, painted and timed as a page's prediction.
const BLANK_PAGE = '<!doctype html><link rel=icon href="data:,">' +
  '<p elementtiming="ferrum-prediction">blank</p><script>performance.mark("ferrum-first-prediction")</script>\n';

async function load(browser, url, warmup) {
  const page = await browser.newPage();
  try {
    await new Promise((r) => setTimeout(r, SETTLE));
    await page.goto(url);
    if (warmup) return null;
    return await page.evaluate(() => new Promise((resolve, reject) => {
      const until = performance.now() + 10000;
      let shown = null;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (e.identifier === 'ferrum-prediction' && shown === null) shown = e.renderTime || e.loadTime;
      }).observe({ type: 'element', buffered: true });
      (function poll() {
        const first = performance.getEntriesByName('ferrum-first-prediction');
        const timed = document.querySelector('[elementtiming="ferrum-prediction"]');
        if (first.length && (shown !== null || !timed || performance.now() > first[0].startTime + 3000)) {
          const start = performance.getEntriesByName('ferrum-start');
          resolve([first[0].startTime, start.length ? start[0].startTime : first[0].startTime, shown]);
        } else if (performance.now() > until) {
          reject(new Error(`no prediction within 10 s: ${document.getElementById('status')?.textContent}`));
        } else {
          setTimeout(poll, 5);
        }
      })();
    }));
  } catch (e) {
    throw new Error(`${url}: ${e.message}`);
  } finally {
    await page.close();
  }
}

// The WebAssembly modules of the demo, each with its own size target:
// the predictor every page loads, and the trainer, which only the "Your
// data" page loads (built for speed, with no size target).
const MODULES = [
  { wasm: 'libferrum.wasm', glue: 'libferrum.js', what: 'predictor module', target: 32 * KB,
    note: 'original engine 128 KB' },
  { wasm: 'libferrum-train.wasm', glue: 'libferrum-train.js', what: 'trainer module',
    target: null, note: 'the "Your data" page only' },
];
const SITE_TARGET = 140 * KB;
const verdict = (n, target) => (n <= target ? 'within' : 'OVER');
// The "Your data" page and the files only it loads: listed apart, not in
// the total of the ten-dataset site.
const isTrainFile = (f) => /^train[.-]/.test(f);

// The dataset pages, in the catalog's order (datasets/CATALOG through
// web/catalog.js), those the site has; other pages are listed apart.
function datasetPages(files) {
  const srcdir = process.env.top_srcdir;
  const { readCatalog } = require(path.join(srcdir, 'web', 'catalog.js'));
  const file = path.join(srcdir, 'datasets', 'CATALOG');
  return readCatalog(fs.readFileSync(file, 'utf8'), file).map((e) => `${e.name}.html`)
    .filter((p) => files.includes(p));
}

async function main() {
  const all = fs.readdirSync(site).filter((f) => !f.startsWith('.')).sort();
  const trainFiles = all.filter(isTrainFile);
  const files = all.filter((f) => !isTrainFile(f));
  const pages = datasetPages(files);
  const others = files.filter((f) => f.endsWith('.html') && f !== 'index.html' && !pages.includes(f));
  let total = 0;
  for (const f of files) total += size(path.join(site, f));

  console.log('bench/web: the demo site, bytes uncompressed');
  row('file', 'bytes', 'notes');
  const notes = {};
  for (const m of MODULES) {
    const wasmFile = path.join(build, 'web', m.wasm);
    if (!fs.existsSync(wasmFile)) { row(`${m.wasm} (${m.what})`, '-', 'not built'); continue; }
    const wasm = size(wasmFile);
    const gz = kb(zlib.gzipSync(fs.readFileSync(wasmFile), { level: 9 }).length);
    row(`${m.wasm} (module)`, wasm, m.target === null ? `${kb(wasm)}; ${m.what}, ${gz} gzipped (${m.note})`
      : `${kb(wasm)}; ${m.what}, target <= ${kb(m.target)}: ${verdict(wasm, m.target)} (${m.note})`);
    row('  JS glue (emcc)', size(path.join(build, 'web', m.glue)), kb(size(path.join(build, 'web', m.glue))));
    if (m.wasm === 'libferrum.wasm') {
      notes['demo.js'] = `web/ferrum.js + web/app.js + glue + module (${gz} gzipped) in base64`;
      notes['libferrum.js'] = `glue + module (${gz} gzipped) in base64`;
      notes['app.js'] = 'web/ferrum.js + web/app.js';
    }
  }
  for (const f of files.filter((n) => n.endsWith('.js'))) row(f, size(path.join(site, f)), notes[f]);
  for (const f of files.filter((n) => n.endsWith('.css'))) row(f, size(path.join(site, f)));
  row('index.html', size(path.join(site, 'index.html')));
  for (const p of pages) {
    const d = pageData(path.join(site, p));
    const blob = d ? Buffer.from(d.model, 'base64') : null;
    // Raw deflate, or gzip in an older build.
    const model = d ? (blob[0] === 0x1f && blob[1] === 0x8b ? zlib.gunzipSync(blob) : zlib.inflateRawSync(blob)).length : 0;
    row(p, size(path.join(site, p)), `model ${model} B (.finf), embedded ${d ? d.model.length : 0} B`);
  }
  for (const p of others) row(p, size(path.join(site, p)), 'not a dataset page');
  const rest = files.filter((f) => !/\.(js|css|html)$/.test(f));
  for (const f of rest) row(f, size(path.join(site, f)));
  row(`total (${pages.length} datasets)`, total,
    `${kb(total)}; target <= ${kb(SITE_TARGET)}: ${verdict(total, SITE_TARGET)} (original ~230 KB)`);
  if (trainFiles.length) {
    let t = 0;
    console.log('the "Your data" page, apart from the total (no other page loads it):');
    for (const f of trainFiles) {
      t += size(path.join(site, f));
      row(f, size(path.join(site, f)), f === 'train.js' ? 'the page, the worker, glue + trainer module in base64' : '');
    }
    row('total of the page', t, kb(t));
  }

  const browser = await launch(process.env.CHROMIUM || process.argv[3] || '/usr/bin/chromium');
  try {
    if (LOADS > 0) await loads(browser, pages);
    await training(browser);
  } finally {
    await browser.close();
  }
  const loadavg = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '?';
  console.log(`(${os.cpus().length} CPUs, load average ${loadavg}: times grow with the load)`);
}

// The first prediction of every dataset page and of a blank page.
async function loads(browser, pages) {
  const server = await serve(site);
  // The baseline: a page that only paints a word, loaded the same two
  // ways, its word timed as a page's prediction is.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-web-'));
  fs.writeFileSync(path.join(tmp, 'blank.html'), BLANK_PAGE);
  const blankServer = await serve(tmp);
  console.log('');
  console.log(`time from navigation to the first prediction, ms (median of ${LOADS} loads);`);
  console.log('"served" and "file://": app.js\'s own first prediction is in the page (its mark);');
  console.log('"app" is the part spent in app.js: inflating, instantiating, building, predicting;');
  console.log('"on screen" is when the headline was painted (element timing), served: the');
  console.log('prediction the page\'s markup carries (web/mksite.js), before any script has run');
  row('page', 'served', 'file://   app (served)   on screen');
  const all = [], paints = [];
  const median = (t) => t.slice().sort((a, b) => a - b)[Math.floor(t.length / 2)];
  try {
    await load(browser, `${server.url}index.html`, true);
    await load(browser, `file://${site}/index.html`, true);
    // Round robin, so that a burst of load from elsewhere on the machine
    // costs every page (and the baseline) a load or two rather than one
    // page all of them.
    const urls = pages.map((p) => [`${server.url}${p}`, `file://${site}/${p}`]);
    urls.push([`${blankServer.url}blank.html`, `file://${tmp}/blank.html`]);
    const times = urls.map(() => [[], []]);
    const apps = urls.map(() => []);
    const shown = urls.map(() => []);
    for (let i = 0; i < LOADS; i++) {
      for (const [k, pair] of urls.entries()) {
        for (const [b, url] of pair.entries()) {
          const [first, start, painted] = await load(browser, url);
          times[k][b].push(first);
          if (b === 0) apps[k].push(first - start);
          if (b === 0 && painted !== null) shown[k].push(painted);
        }
      }
    }
    for (const [k, p] of pages.entries()) {
      const med = times[k].map(median);
      all.push(...med);
      const painted = shown[k].length ? median(shown[k]).toFixed(1) : '-';
      if (shown[k].length) paints.push(median(shown[k]));
      row(p, med[0].toFixed(1), `${med[1].toFixed(1).padStart(7)}   ${median(apps[k]).toFixed(1).padStart(6)}   ${painted.padStart(9)}`);
    }
    const blank = times[pages.length].map(median);
    row('blank page (baseline)', blank[0].toFixed(1), `${blank[1].toFixed(1).padStart(7)}   ${'-'.padStart(6)}   ${
      median(shown[pages.length]).toFixed(1).padStart(9)}   a word and an inline script`);
  } finally {
    await blankServer.close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  all.sort((a, b) => a - b);
  row('worst median', all[all.length - 1].toFixed(1), 'app.js\'s prediction in the page');
  if (paints.length) row('worst median on screen', Math.max(...paints).toFixed(1), 'painted, served: target < 100 ms');
}

// Training: the native finf-train against the trainer module in a Web
// Worker of a page, on the same files with the default options.
const TRAIN_SETS = ['iris', 'cancer', 'housing'];
const TRAINS = Number(process.env.BENCH_WEB_TRAINS) || 5;
const TRAIN_TARGET = 1.5;

// The page: a Worker made from a Blob URL (as a page from file:// must)
// of the trainer's glue, web/trainer.js and web/worker.js, the script
// train.html's worker runs.  For each run a new worker gets the module
// and gets ready (untimed: the page does that while the visitor picks a
// file); the time runs from the posting of the file's bytes to the
// arrival of the model's bytes.
const TRAIN_PAGE = `<!doctype html><meta charset=utf-8><link rel=icon href="data:,"><title>train</title>
<script>
let parts = null;
async function get(name, how) {
  const r = await fetch(name);
  if (!r.ok) throw new Error(name + ': ' + r.status);
  return r[how]();
}
// One run: [ms from the bytes posted to the model back, the model].
async function trainOnce(file, name) {
  if (!parts) {
    const [glue, lib, worker, wasm] = await Promise.all([get('libferrum-train.js', 'text'),
      get('trainer.js', 'text'), get('worker.js', 'text'), get('libferrum-train.wasm', 'arrayBuffer')]);
    parts = { url: URL.createObjectURL(new Blob([glue, '\\n', lib, '\\n', worker],
      { type: 'text/javascript' })), wasm: new Uint8Array(wasm) };
  }
  const bytes = new Uint8Array(await get(file, 'arrayBuffer'));
  const w = new Worker(parts.url);
  try {
    const answer = () => new Promise((resolve, reject) => {
      w.onmessage = (e) => (e.data.type === 'error' ? reject(new Error(e.data.message))
        : e.data.type === 'progress' ? null : resolve(e.data));
      w.onerror = (e) => reject(new Error(e.message));
    });
    let a = answer();
    w.postMessage({ type: 'init', wasm: parts.wasm });
    await a;
    a = answer();
    const t0 = performance.now();
    w.postMessage({ type: 'train', id: 1, bytes, opts: { name } });
    const done = await a;
    return [performance.now() - t0, Array.from(done.model)];
  } finally {
    w.terminate();
  }
}
</script>
`;

// ms of one run of argv, the program alone (no shell, no libtool wrapper).
function runNative(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0)
    throw new Error(`${argv.join(' ')}: ${r.error || `exit ${r.status}: ${r.stderr}`}`);
  return ms;
}

async function training(browser) {
  const prog = process.env.FERRUM_TRAIN_PROG;
  const datasets = process.env.FERRUM_DATASETS;
  const web = path.join(build, 'web');
  console.log('');
  const why = !fs.existsSync(path.join(web, 'libferrum-train.wasm')) ? 'no trainer module (make web)'
    : !datasets ? 'no datasets (configure --with-datasets=DIR, or FERRUM_DATASETS=DIR)'
      : !prog ? 'no finf-train (FERRUM_TRAIN_PROG)' : null;
  if (why) {
    console.log(`training time: skipped: ${why}`);
    return;
  }
  const sets = TRAIN_SETS.map((n) => ({ name: n, file: path.join(datasets, `${n}.csv`) }))
    .filter((d) => fs.existsSync(d.file));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-web-train-'));
  fs.writeFileSync(path.join(tmp, 'train.html'), TRAIN_PAGE);
  for (const f of ['libferrum-train.js', 'libferrum-train.wasm'])
    fs.copyFileSync(path.join(web, f), path.join(tmp, f));
  for (const f of ['trainer.js', 'worker.js'])
    fs.copyFileSync(path.join(process.env.top_srcdir, 'web', f), path.join(tmp, f));
  for (const d of sets) fs.copyFileSync(d.file, path.join(tmp, `${d.name}.csv`));
  const server = await serve(tmp);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const native = sets.map(() => []);
  const inPage = sets.map(() => []);
  const same = sets.map(() => true);
  try {
    await page.goto(`${server.url}train.html`);
    // A warm-up of each, not counted: the page's first compilation, the
    // program's first read of its files.
    for (const d of sets) {
      runNative([prog, '-q', '-o', path.join(tmp, `${d.name}.finf`), d.file]);
      await page.evaluate(([f, n]) => trainOnce(f, n), [`${d.name}.csv`, d.name]);
    }
    // In turn, so that a burst of load elsewhere costs both sides.
    for (let i = 0; i < TRAINS; i++) {
      for (const [k, d] of sets.entries()) {
        const out = path.join(tmp, `${d.name}.finf`);
        native[k].push(runNative([prog, '-q', '-o', out, d.file]));
        const [ms, model] = await page.evaluate(([f, n]) => trainOnce(f, n), [`${d.name}.csv`, d.name]);
        inPage[k].push(ms);
        if (!Buffer.from(model).equals(fs.readFileSync(out))) same[k] = false;
      }
    }
  } finally {
    await page.close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (errors.length) throw new Error(`the training page: ${errors.join('; ')}`);
  const median = (t) => t.slice().sort((a, b) => a - b)[Math.floor(t.length / 2)];
  console.log(`training time, ms (median of ${TRAINS}, taken in turn): finf-train -q -o X FILE, the`);
  console.log('program alone, beside the trainer module in a Web Worker of a page in Chromium,');
  console.log('from the file\'s bytes posted to the model\'s bytes back; default options');
  row('dataset', 'native', `in page    ratio   target <= ${TRAIN_TARGET}x   model`);
  for (const [k, d] of sets.entries()) {
    const n = median(native[k]), p = median(inPage[k]), r = p / n;
    row(d.name, n.toFixed(1), `${p.toFixed(1).padStart(8)}   ${r.toFixed(2).padStart(5)}x   ${
      (r <= TRAIN_TARGET ? 'within' : 'OVER').padEnd(14)}   ${same[k] ? 'the same bytes' : 'BYTES DIFFER'}`);
  }
}

// bench/web-ab loads pages the same way, and knows a dataset's page by
// its FERRUM_PAGE.
module.exports = { load, BLANK_PAGE, pageData };

if (require.main === module)
  main().catch((e) => { console.error(`bench/web: ${e.stack || e}`); process.exit(1); });
