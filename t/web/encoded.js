// encoded.js: models with a numeric encoding (finf-train --encode=ple) and
// with more than one hidden layer (--layers) in a real browser (headless
// Chromium, playwright-core), served on 127.0.0.1 and opened from file://:
// in demo pages that web/mksite.js builds from them, and in the "Your
// data" page's "Open model".  Every input is moved (a slider to its ends,
// from the keyboard) and after each move the page must show what
// finf-predict --json answers for the raw row in its controls.
// SPDX-License-Identifier: MIT
//
// Environment (t/954-web-encoded.t): top_builddir, top_srcdir, T (a
// scratch directory), CHROMIUM, NODE, FERRUM_DATASETS (raw/autompg.csv
// for a regression with a categorical column beside the encoded ones;
// without it that model is left out, saying so).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const tap = require('./tap.js');
const { serve, launch } = require('./serve.js');
const contract = require('./contract.js');

const top = process.env.top_builddir || '.';
const srcdir = process.env.top_srcdir || '.';
const tmp = process.env.T || fs.mkdtempSync('/tmp/ferrum-encoded-');
const datasets = process.env.FERRUM_DATASETS || '';
const bin = (p) => path.join(top, 'bin', p);
const site = path.join(tmp, 'site');
const TIMEOUT = 60000;

// The models: the catalog stanza each page borrows, the file and
// finf-train's options.  examples/iris.csv names its classes without
// datasets/iris.csv's "Iris-".
const iris = path.join(srcdir, 'examples', 'iris.csv');
const autompg = datasets && path.join(datasets, 'raw', 'autompg.csv');
const MODELS = [
  { name: 'iris-ple', stanza: 'iris', file: iris, args: ['--encode=ple:4'], edit: (s) => s.replace(/Iris-/g, '') },
  { name: 'iris-deep', stanza: 'iris', file: iris, args: ['--layers=32,16'], edit: (s) => s.replace(/Iris-/g, '') },
  { name: 'iris-both', stanza: 'iris', file: iris, args: ['--encode=ple:3:petal_length,sepal_width', '--layers=16,8'],
    edit: (s) => s.replace(/Iris-/g, '') },
  { name: 'mpg-ple', stanza: 'mpg', file: autompg, args: ['-t', 'mpg', '--encode=ple:6'] },
];

function run(prog, args, opts) {
  const r = spawnSync(prog, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
  if (r.status !== 0) throw new Error(`${path.basename(prog)} ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout;
}

// finf-predict --json for the row [[column, text], ...].
const quote = (t) => (/[",\n\r]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
let rows = 0;
function predict(model, row) {
  const csv = path.join(tmp, `row-${++rows}.csv`);
  fs.writeFileSync(csv, `${row.map(([c]) => quote(c)).join(',')}\n${row.map(([, t]) => quote(String(t))).join(',')}\n`);
  return JSON.parse(run(bin('finf-predict'), ['--json', model.file, csv]));
}

// The page agrees with finf-predict: the same class and every
// probability to the 0.1 % it shows, or the same float.
function agrees(s, want, classes) {
  if (want.type === 'regression')
    return s.raw !== undefined && s.raw !== '' && Math.fround(Number(s.raw)) === Math.fround(want.value);
  if (s.cls !== want.label || s.probs.length !== want.probabilities.length) return false;
  return s.probs.every(([label, t]) => {
    const k = classes.indexOf(label);
    return k >= 0 && /^\d+\.\d\s%$/.test(t || '') && Math.abs(parseFloat(t) - 100 * want.probabilities[k]) <= 0.05 + 1e-9;
  });
}
const said = (s) => (s.raw !== undefined ? `${s.raw}` : `${s.cls} ${s.probs.map((p) => p.join(' ')).join(' / ')}`);
const wanted = (w) => (w.type === 'regression' ? String(w.value)
  : `${w.label} ${w.probabilities.map((p) => `${(100 * p).toFixed(1)} %`).join(' / ')}`);

// Train the models, write a catalog of their stanzas (datasets/CATALOG's,
// renamed) and build the site with web/mksite.js.
function build() {
  const models = [];
  fs.mkdirSync(path.join(tmp, 'models'), { recursive: true });
  for (const m of MODELS) {
    if (!m.file || !fs.existsSync(m.file)) {
      tap.diag(`no ${m.file || 'datasets'} (configure --with-datasets=DIR): ${m.name} is not checked`);
      continue;
    }
    const file = path.join(tmp, 'models', `${m.name}.finf`);
    run(bin('finf-train'), ['-q', ...m.args, '-o', file, m.file]);
    const meta = JSON.parse(run(bin('finf-inspect'), ['--json', file])).metadata;
    models.push({ ...m, file, meta });
  }
  const stanzas = fs.readFileSync(path.join(srcdir, 'datasets', 'CATALOG'), 'utf8')
    .split(/\n\s*\n/).map((s) => s.split('\n').filter((l) => !l.startsWith('#')).join('\n').trim());
  const catalog = models.map((m) => {
    const s = stanzas.find((x) => x.startsWith(`Name: ${m.stanza}\n`));
    if (!s) throw new Error(`datasets/CATALOG: no stanza ${m.stanza}`);
    return (m.edit || String)(s.replace(/^Name: .*/, `Name: ${m.name}`));
  });
  fs.writeFileSync(path.join(tmp, 'CATALOG'), `${catalog.join('\n\n')}\n`);
  const w = path.join(top, 'web');
  const env = { ...process.env, NODE_PATH: `/usr/share/nodejs${process.env.NODE_PATH ? `:${process.env.NODE_PATH}` : ''}` };
  run(process.execPath, [path.join(srcdir, 'web', 'mksite.js'), `--srcdir=${path.join(srcdir, 'web')}`,
    `--catalog=${path.join(tmp, 'CATALOG')}`, `--models=${path.join(tmp, 'models')}`,
    `--glue=${path.join(w, 'libferrum.js')}`, `--wasm=${path.join(w, 'libferrum.wasm')}`,
    `--trainglue=${path.join(w, 'libferrum-train.js')}`, `--trainwasm=${path.join(w, 'libferrum-train.wasm')}`,
    `--out=${site}`], { env });
  return models;
}

async function openPage(browser, url, ready) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`exception: ${e}`));
  page.on('requestfailed', (r) => errors.push(`failed request: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: TIMEOUT });
  return { page, errors };
}

// Move every slider of the page to its end and back, one after the
// other, and choose every option of each select; after the load and each
// move the page must agree with
// finf-predict.  Returns what went wrong, the moves made and how many
// distinct predictions were seen.
async function moves(page, model) {
  const bad = [];
  const seen = new Set();
  let moved = 0;
  const check = async (what) => {
    const s = await page.evaluate(contract.shown);
    const want = predict(model, s.row);
    seen.add(said(s));
    if (!agrees(s, want, model.meta.class_names || [])) bad.push(`${what}: the page ${said(s)}, finf-predict ${wanted(want)}`);
  };
  await check('as loaded');
  const sliders = await page.$$eval('#features input[type=range]', (es) => es.map((e) => e.id));
  for (const id of sliders) {
    for (const key of ['End', 'Home']) {
      const was = await page.inputValue(`#${id}`);
      await page.focus(`#${id}`);
      await page.keyboard.press(key);
      if (await page.inputValue(`#${id}`) === was) continue;
      moved++;
      await check(`${id} ${key}`);
    }
  }
  // A select (a category, or a number with the catalog's Codes) takes
  // each of its options in turn.
  const selects = await page.$$eval('#features select', (es) => es.map((e) => [e.id, [...e.options].map((o) => o.value)]));
  for (const [id, options] of selects) {
    for (const o of options) {
      await page.selectOption(`#${id}`, o);
      await check(`${id} = ${o}`);
    }
  }
  return { bad, moved, sliders: sliders.length, distinct: seen.size };
}

function report(t, r, model, T) {
  t.ok(r.sliders > 0 && r.moved >= r.sliders, `${T}: every slider moves (${r.moved} moves of ${r.sliders} sliders)`);
  t.ok(r.bad.length === 0, `${T}: as loaded and after each move the page shows finf-predict --json's answer`);
  for (const b of r.bad) t.diag(`  ${b}`);
  t.ok(r.distinct > 1, `${T}: the moves change the prediction (${r.distinct} different ones)`);
}

async function demoPage(t, browser, base, model, T) {
  const { page, errors } = await openPage(browser, `${base}${model.name}.html`, '#app[data-complete]:not([hidden])');
  try {
    const encoded = (model.meta.schema.columns || []).filter((c) => c.encode).map((c) => c.name);
    const boxes = await page.$$eval('#features [data-column]', (es) => es.map((e) => e.dataset.column));
    const cols = model.meta.schema.columns.filter((c) => ['numeric', 'date', 'categorical'].includes(c.kind)).map((c) => c.name);
    t.is(boxes.join(' '), cols.join(' '), `${T}: one control per source column${encoded.length ? `, encoded ones (${encoded.join(', ')}) included` : ''}`);
    report(t, await moves(page, model), model, T);
    t.is(errors.join('\n'), '', `${T}: no console error, no failed request`);
  } finally {
    await page.close();
  }
}

async function openModel(t, browser, base, models, T) {
  const { page, errors } = await openPage(browser, `${base}train.html`, 'body[data-trainer=ready]');
  try {
    for (const model of models) {
      await page.evaluate(() => { delete document.body.dataset.model; });
      await page.setInputFiles('#open', model.file);
      await page.waitForFunction(() => document.body.dataset.model === 'opened' ||
        document.getElementById('train-status').classList.contains('error'), null, { timeout: TIMEOUT });
      const st = await page.$eval('#train-status', (e) => ({ error: e.classList.contains('error'), text: e.textContent }));
      if (!t.ok(!st.error, `${T} Open model ${model.name}.finf: it opens`)) {
        t.diag(`  the page says '${st.text}'`);
        continue;
      }
      report(t, await moves(page, model), model, `${T} Open model ${model.name}.finf`);
    }
    t.is(errors.join('\n'), '', `${T} train.html: no console error, no failed request`);
  } finally {
    await page.close();
  }
}

tap.run(async () => {
  const models = build();
  const encoded = (m) => (m.meta.schema.columns || []).some((c) => c.encode);
  tap.ok(models.filter(encoded).length >= 2 && models.some((m) => Array.isArray(m.meta.hidden)),
    `finf-train wrote the models (${models.map((m) => m.name).join(', ')}) and mksite.js their pages`);
  const browser = await launch(process.env.CHROMIUM || '/usr/bin/chromium');
  const server = await serve(site);
  try {
    for (const [mode, base] of [['served', server.url], ['file', `file://${site}/`]]) {
      for (const m of models) await demoPage(tap, browser, base, m, `${mode} ${m.name}.html`);
      await openModel(tap, browser, base, models, `${mode} train.html`);
    }
  } finally {
    await server.close();
    await browser.close();
  }
});
