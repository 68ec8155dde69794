// mksite.js: write the static demo site (make web): index.html and one page
// per dataset of datasets.txt, all from template.html, plus the shared
// demo.js (the glue, the module, ferrum.js and app.js) and style.css.
// SPDX-License-Identifier: MIT
//
// Usage: node mksite.js --srcdir=web --models=DIR --glue=libferrum.js
//                       --wasm=libferrum.wasm --out=DIR
//
// Pages must work opened from disk (file://), where nothing can be fetched,
// so the module and each page's model travel inside scripts, gzipped and
// base64-encoded; the page inflates them with DecompressionStream (web/app.js
// says how that stays quick).  The generator reads each model through the
// library itself (the same wasm) for the index cards and refuses a model
// the library refuses.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function fail(msg) {
  process.stderr.write(`mksite: ${msg}\n`);
  process.exit(1);
}

const args = {};
for (const a of process.argv.slice(2)) {
  const m = /^--([a-z]+)=(.*)$/.exec(a);
  if (!m) fail(`bad argument: ${a}`);
  args[m[1]] = m[2];
}
for (const k of ['srcdir', 'models', 'glue', 'wasm', 'out'])
  if (!args[k]) fail(`missing --${k}=`);

const src = (f) => path.join(args.srcdir, f);
const read = (f) => fs.readFileSync(f);
const pack = (bytes) => zlib.gzipSync(bytes, { level: 9 }).toString('base64');
const esc = (s) => String(s).replace(/[&<>"']/g, (c) =>
  ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
// JSON inside <script>: "</" would end the element.
const scriptJSON = (v) => JSON.stringify(v).replace(/<\//g, '<\\/');

// The shipped scripts keep their first two lines (what the file is, its
// licence) but lose comment-only lines and indentation: a fifth of app.js,
// with no tool beyond this.  The sources have no multi-line string
// literals, which this would change.
function strip(js) {
  const lines = js.split('\n');
  return lines.slice(0, 2).concat(lines.slice(2).map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('//'))).join('\n') + '\n';
}

const template = read(src('template.html')).toString();
function page(vars) {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k) => {
    if (!(k in vars)) fail(`template.html: unknown slot ${m}`);
    return vars[k];
  });
}

const names = read(src('datasets.txt')).toString().split('\n')
  .map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter((l) => l !== '');
if (names.length === 0) fail('datasets.txt lists no dataset');
const presets = JSON.parse(read(src('presets.json'))).datasets || {};

function percent(v) {
  return `${(100 * v).toFixed(1)} %`;
}

// The held-out metrics a model's metadata carries (finf-train's default
// recipe writes "holdout"), as [label, text] pairs; none for other models.
function holdout(meta) {
  const h = meta.holdout;
  if (!h || typeof h !== 'object') return [];
  const shown = [['accuracy', 'held-out accuracy', percent],
    ['macro_f1', 'held-out macro F1', (v) => v.toFixed(3)],
    ['r2', 'held-out R²', (v) => v.toFixed(3)],
    ['rmse', 'held-out RMSE', (v) => (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4))]];
  return shown.filter(([k]) => typeof h[k] === 'number').map(([k, l, f]) => [l, f(h[k])]);
}

async function main() {
  const createFerrum = require(path.resolve(args.glue));
  const { Ferrum, schemaColumns, levelOf } = require(path.resolve(src('ferrum.js')));
  const wasm = read(args.wasm);
  const ferrum = await Ferrum.load(createFerrum, wasm);
  fs.mkdirSync(args.out, { recursive: true });

  // One script for every page: each more request cost a page more time
  // than its bytes (a trip through the browser's network stack, and a
  // connection of its own) before the page could start.  ferrum.js comes
  // first, so that its 'use strict' holds for the whole script.
  const written = new Set(['demo.js', 'style.css', 'index.html']);
  fs.writeFileSync(path.join(args.out, 'demo.js'),
    strip(`${read(src('ferrum.js'))}`) + strip(`${read(src('app.js'))}`) +
    `${read(args.glue).toString().trimEnd()}\nvar FERRUM_WASM = "${pack(wasm)}";\n`);
  fs.copyFileSync(src('style.css'), path.join(args.out, 'style.css'));

  const cards = [];
  for (const name of names) {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) fail(`datasets.txt: bad name '${name}'`);
    const file = path.join(args.models, `${name}.finf`);
    if (!fs.existsSync(file)) fail(`${file}: no such model (make models, or train it with finf-train)`);
    const bytes = read(file);
    let model;
    try {
      model = ferrum.readModel(bytes);
    } catch (e) {
      fail(`${file}: ${e.message}`);
    }
    const meta = model.metadata;
    model.free();
    const info = presets[name] || {};
    // The page's controls: the source columns of a model with a schema
    // (a preset's cell of a categorical column becomes its level, and a
    // row with a gap or an unknown level is no preset), else the inputs.
    const columns = schemaColumns(meta);
    const order = columns ? columns : meta.feature_names.map((f) => ({ name: f }));
    const cell = (c, v) => (c.levels ? levelOf(c, v) : ferrum.parseFloat(String(v).trim()) === null ? undefined : v);
    const rows = (info.presets || [])
      .filter((p) => order.every((c) => c.name in p.values && cell(c, p.values[c.name]) !== undefined))
      .map((p) => ({ label: p.label, row: p.row, target: p.target,
        values: order.map((c) => cell(c, p.values[c.name])) }));
    const title = meta.dataset_name || name;
    const task = meta.task === 'regression' ? 'regression'
      : `classification (${meta.class_names.length})`;
    const data = { name, file: info.file || null, target: info.target || null,
      integers: meta.feature_names.map((f) => (info.integers || []).includes(f) ? 1 : 0),
      model: pack(bytes), presets: rows };
    written.add(`${name}.html`);
    fs.writeFileSync(path.join(args.out, `${name}.html`), page({
      title: esc(title),
      description: esc(`${title}: ${task}; move the sliders to see the model's prediction`),
      main: `<h1>${esc(title)}</h1>
<p class="lede">${esc(task)} · ${columns ? `${columns.length} columns, ` : ''}${meta.input_dim} features${info.rows ? ` · trained on ${info.rows} rows of ${esc(info.file)}` : ''}</p>
<p id="status" role="status">Loading the model…</p>
<div id="app" class="app" hidden></div>`,
      // The shared script blocks the parser in <head>, so the browser
      // renders nothing before start() has put the first prediction on
      // the page (painting "Loading" first made it later), and start()
      // runs as soon as the page's last element is parsed.
      head: '<script src="demo.js"></script>\n',
      scripts: `<script>var FERRUM_PAGE = ${scriptJSON(data)};</script>
<script>start();</script>`,
    }));
    const facts = [['task', task], ['rows', info.rows !== undefined ? String(info.rows) : null],
      ['features', String(meta.input_dim)], ...holdout(meta)]
      .filter(([, v]) => v !== null);
    cards.push(`<li><a class="card" href="${name}.html">
<h2>${esc(title)}</h2>
<dl>${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
</a></li>`);
  }
  fs.writeFileSync(path.join(args.out, 'index.html'), page({
    title: 'Datasets',
    description: 'Ten small neural networks running in your browser with libferrum',
    main: `<h1>Ten datasets, one small library</h1>
<p class="lede">Each page runs a model trained by <code>finf-train</code> in your browser:
move the sliders and libferrum, compiled to WebAssembly, predicts as you drag.
The numbers are the ones <code>finf-predict</code> and <code>finf-stats</code> print.</p>
<ul class="cards">
${cards.join('\n')}
</ul>`,
    head: '',
    scripts: '',
  }));
  ferrum.free();
  // What an earlier generator (or dataset list) wrote and this one did not
  // would be served, and counted by bench/web.
  for (const f of fs.readdirSync(args.out))
    if (/\.(html|js|css)$/.test(f) && !written.has(f)) fs.unlinkSync(path.join(args.out, f));
}

main().catch((e) => fail(e.stack || String(e)));
