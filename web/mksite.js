// mksite.js: write the static demo site (make web): index.html and one page
// per dataset of datasets/CATALOG, all from template.html, plus the shared
// demo.js (the glue, the module, ferrum.js, the number formats and app.js)
// and style.css; given the trainer module, also the "Your data" page
// train.html with its train.js (web/train-page.js, the worker's script and
// the trainer module) and train.css, which no other page loads.
// SPDX-License-Identifier: MIT
//
// Usage: node mksite.js --srcdir=web --catalog=datasets/CATALOG --models=DIR
//                       --glue=libferrum.js --wasm=libferrum.wasm --out=DIR
//                       [--trainglue=libferrum-train.js --trainwasm=libferrum-train.wasm
//                        --trainer=web/trainer.js]
//
// Pages must work opened from disk (file://), where nothing can be fetched,
// so the module and each page's model travel inside scripts, deflated and
// base64-encoded; the page inflates them with DecompressionStream (web/app.js
// says how that stays quick).  The generator reads each model through the
// library itself (the same wasm), checks the catalog's description of the
// dataset against it (every control, class, code and preset) and refuses a
// model the library refuses.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const vm = require('vm');

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
for (const k of ['srcdir', 'catalog', 'models', 'glue', 'wasm', 'out'])
  if (!args[k]) fail(`missing --${k}=`);
if (!args.trainglue !== !args.trainwasm) fail('--trainglue= and --trainwasm= go together');

const src = (f) => path.join(args.srcdir, f);
const read = (f) => fs.readFileSync(f);
// Raw deflate (DecompressionStream 'deflate-raw'): gzip's header and trailer
// cost 24 base64 characters a blob.
const pack = (bytes) => zlib.deflateRawSync(bytes, { level: 9, memLevel: 9 }).toString('base64');
// (Attribute values are in double quotes, so an apostrophe stays as it is.)
const esc = (s) => String(s).replace(/[&<>"]/g, (c) =>
  ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
// JSON inside <script>: "</" would end the element.
const scriptJSON = (v) => JSON.stringify(v).replace(/<\//g, '<\\/');

// The shipped scripts keep their first two lines (what the file is, its
// licence) but lose comments and the spaces between tokens: acorn (which
// emcc needs, so it is there wherever `make web` works: Debian's
// node-acorn, found through NODE_PATH) splits the source into tokens, and
// they are written out with a space only where two would run together and
// a semicolon wherever the parser inserted one.  Names stay as they are.
// Without acorn, comment-only lines and indentation go (the sources have
// no multi-line string literals, which that would change).
let acorn = null;
try {
  acorn = require('acorn');
} catch (e) {
  acorn = null;
}
function strip(js) {
  const lines = js.split('\n');
  const head = lines.slice(0, 2).filter((l) => l.startsWith('//')).join('\n');
  if (!acorn) {
    return lines.slice(0, 2).concat(lines.slice(2).map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('//'))).join('\n') + '\n';
  }
  const tokens = [], semis = new Set();
  acorn.parse(js, { ecmaVersion: 2022, sourceType: 'script', onToken: tokens,
    onInsertedSemicolon: (pos) => semis.add(pos) });
  const tt = acorn.tokTypes, inTemplate = new Set([tt.template, tt.backQuote, tt.dollarBraceL]);
  const word = /[\w$\u0080-\uffff]/;
  let out = '', prev = null, last = '';
  for (const t of tokens) {
    if (t.type === tt.eof) break;
    const text = js.slice(t.start, t.end);
    if (prev && !inTemplate.has(t.type) && !inTemplate.has(prev.type) && text !== '' &&
        ((word.test(last) && word.test(text[0])) || (/[+-]/.test(last) && text[0] === last)))
      out += ' ';
    out += text;
    if (text !== '') last = text[text.length - 1];
    prev = t;
    if (semis.has(t.end)) {
      out += ';';
      last = ';';
    }
  }
  return `${head}\n${out}\n`;
}

// demo.js, every dataset page's script, is minified by terser (Debian's
// node-terser, found through NODE_PATH; configure checks for it): its
// local names shortened and its code compressed, ~8 KB less than strip()
// gives, which the ten-dataset site needs for its budget (bench/web).
// The top-level names stay: the pages call start(), train.js uses
// Ferrum, createFerrum and the number formats.  Only a licence line of
// the comments is kept.
async function minify(js) {
  const r = await require('terser').minify(js, { compress: { passes: 3 }, mangle: true,
    ecma: 2020, format: { preamble: '// demo.js: the ferrum web demo (web/ferrum.js, web/catalog.js, web/app.js,' +
      ' the Emscripten glue), minified by terser.  SPDX-License-Identifier: MIT' } });
  return r.code;
}

// The style sheet without comments and the spaces around punctuation.
function stripCSS(css) {
  return `/* ${css.split('\n')[0].replace(/^\/\*\s*/, '')} SPDX-License-Identifier: MIT */\n${
    css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':').replace(/;}/g, '}').trim()}\n`;
}

// The template's comment is for its readers, not the pages'; nor are the
// line breaks between its elements, which nothing renders.
const template = read(src('template.html')).toString().replace(/<!--[\s\S]*?-->\n/, '')
  .replace(/>\n</g, '><');
// Every page links to the "Your data" page when the site has one.
const TRAIN_LINK = args.trainglue ? '<a href=train.html>Your data</a>' : '';
function page(vars) {
  vars = { nav: TRAIN_LINK, ...vars };
  return template.replace(/\{\{(\w+)\}\}/g, (m, k) => {
    if (!(k in vars)) fail(`template.html: unknown slot ${m}`);
    return vars[k];
  });
}

const { readCatalog, formatNumber, parseFormat } = require(path.resolve(src('catalog.js')));
let catalog;
try {
  catalog = readCatalog(read(args.catalog).toString(), args.catalog);
} catch (e) {
  fail(e.message);
}
if (catalog.length === 0) fail(`${args.catalog}: no dataset`);

const pct = (v) => `${(100 * v).toFixed(1)} %`;
const TASKS = [['binary', 'Binary classification', 'yes or no: two classes, a probability each'],
  ['multiclass', 'Multiclass classification', 'which kind: three or more classes'],
  ['regression', 'Regression', 'how much: a number in the units of the data']];

// The held-out score of a card: accuracy or R², from the metadata the
// default recipe writes (finf-train holds out a fifth of the rows).
function score(meta) {
  const h = meta.holdout;
  if (!h || typeof h !== 'object') return null;
  if (typeof h.accuracy === 'number') return `${pct(h.accuracy)} accuracy`;
  if (typeof h.r2 === 'number') return `R² ${h.r2.toFixed(3)}`;
  return null;
}

// The first sentence of a description, for a card.
const sentence = (p) => (/^(.+?[.!?])(?:\s|$)/.exec(p) || [p, p])[1];

// Check a catalog entry against its model and make the page's data
// (FERRUM_PAGE, web/app.js): the controls are the model's (schemaColumns,
// or one per feature), each must have exactly one Columns entry; every
// class one Classes entry; every code a level of its column, or a number
// for a numeric column (whose codes must then cover the whole numbers of
// its training range: the page shows a select of them); every preset
// value a number or a level (a code for a coded column).
function pageData(d, meta, ferrum, schemaColumns, levelOf) {
  const where = `${args.catalog}: ${d.name}`;
  const columns = schemaColumns(meta);
  const controls = columns || meta.feature_names.map((f, input) => ({ name: f, input }));
  const byName = new Map(controls.map((c) => [c.name, c]));
  for (const col of Object.keys(d.columns))
    if (!byName.has(col)) fail(`${where}: Columns: the model reads no column ${col}`);
  for (const c of controls)
    if (!(c.name in d.columns)) fail(`${where}: Columns: no entry for ${c.name}`);
  if (meta.task === 'regression') {
    if (d.classes) fail(`${where}: Classes for a regression model`);
  } else {
    if (!d.classes) fail(`${where}: no Classes for a classification model`);
    for (const code of Object.keys(d.classes))
      if (!meta.class_names.includes(code)) fail(`${where}: Classes: the model has no class ${code}`);
    for (const code of meta.class_names)
      if (!(code in d.classes)) fail(`${where}: Classes: no entry for the model's class ${code}`);
  }
  const out = {};
  for (const c of controls) {
    const e = d.columns[c.name], codes = d.codes[c.name];
    out[c.name] = { label: e.label, format: e.format || undefined };
    if (!codes) continue;
    if (c.levels) {
      for (const code of Object.keys(codes))
        if (levelOf(c, code) === undefined) fail(`${where}: Codes: ${code} is not a level of ${c.name}`);
    } else {
      for (const code of Object.keys(codes))
        if (ferrum.parseFloat(code) === null) fail(`${where}: Codes: ${c.name} ${code} is not a number`);
      const [lo, hi] = c.range || meta.feature_ranges[c.input] || [0, 0];
      const have = new Set(Object.keys(codes).map((k) => ferrum.parseFloat(k)));
      for (let k = Math.ceil(lo); k <= hi; k++)
        if (!have.has(k)) fail(`${where}: Codes: ${c.name} has no code for ${k}, in its training range`);
    }
    out[c.name].codes = codes;
  }
  // The page adds the file to a source "row N".
  const presets = d.presets.map((p) => ({ name: p.name, expect: p.expect, hard: p.hard || undefined,
    source: p.source,
    values: controls.map((c) => {
      const t = p.values[c.name], codes = d.codes[c.name];
      const bad = (what) => fail(`${where}: preset '${p.name}': ${c.name}=${t} is not ${what}`);
      if (c.levels) {
        const l = levelOf(c, t);
        if (l === undefined) bad(`a level of ${c.name}`);
        return l;
      }
      const v = ferrum.parseFloat(t);
      if (v === null) bad('a number');
      if (codes) {
        const code = Object.keys(codes).find((k) => ferrum.parseFloat(k) === v);
        if (code === undefined) bad(`one of the Codes of ${c.name}`);
        return code;
      }
      // A number whose JSON text is the cell's text travels as a number
      // (two quotes less; the page puts String(value) in the box).
      return String(Number(t)) === t ? Number(t) : t;
    }) }));
  // The title and subtitle are in the page's markup, not again here.
  return { name: d.name, file: d.file, target: { label: d.target.label, format: d.target.format || undefined },
    classes: d.classes, columns: out, presets, controls };
}

// The page's own code, as demo.js carries it before the glue: web/ferrum.js,
// the number formats of web/catalog.js, web/app.js.
const pageScript = () => `${read(src('ferrum.js'))}\n${parseFormat}\n${formatNumber}\n${read(src('app.js'))}`;

// web/app.js's Page, to write each page's first prediction with the
// markup the page itself writes: app.js runs in a context of its own with
// what demo.js puts before it (ferrum.js, the number formats); nothing of
// the document is touched on the way.
function pageClass() {
  return vm.runInContext(`${pageScript()}\nPage;`, vm.createContext({}), { filename: 'app.js' });
}

// The markup of the column of a page's first prediction: the values of
// the first preset as the page puts them into its controls, the
// library's statistics for them, and the page's markup for those.
function prerender(Page, ferrum, model, data) {
  const p = new Page(ferrum, model, data);
  const x = p.vector(p.firstValues().map((t, i) => p.textOf(p.controls[i], t)));
  if (typeof x === 'string') fail(`${data.name}: the first preset has no number for ${x}`);
  return p.side(model.stats(x));
}

async function main() {
  const createFerrum = require(path.resolve(args.glue));
  const { Ferrum, schemaColumns, levelOf } = require(path.resolve(src('ferrum.js')));
  const Page = pageClass();
  const wasm = read(args.wasm);
  const ferrum = await Ferrum.load(createFerrum, wasm);
  fs.mkdirSync(args.out, { recursive: true });

  // One script for every page: each more request cost a page more time
  // than its bytes (a trip through the browser's network stack, and a
  // connection of its own) before the page could start.  ferrum.js comes
  // first, so that its 'use strict' holds for the whole script; the
  // number formats of catalog.js are copied as their source text.
  const written = new Set(['demo.js', 'style.css', 'index.html']);
  if (args.trainglue) trainPage(written);
  fs.writeFileSync(path.join(args.out, 'demo.js'), `${await minify(`${pageScript()}\n${read(args.glue)}`)}
var FERRUM_WASM = "${pack(wasm)}";\nif (self.FERRUM_PAGE) afterPaint(start);\n`);
  fs.writeFileSync(path.join(args.out, 'style.css'), stripCSS(read(src('style.css')).toString()));

  const groups = { binary: [], multiclass: [], regression: [] };
  for (const d of catalog) {
    const file = path.join(args.models, `${d.name}.finf`);
    if (!fs.existsSync(file)) fail(`${file}: no such model (make models, or train it with finf-train)`);
    const bytes = read(file);
    let model;
    try {
      model = ferrum.readModel(bytes);
    } catch (e) {
      fail(`${file}: ${e.message}`);
    }
    const meta = model.metadata;
    const data = pageData(d, meta, ferrum, schemaColumns, levelOf);
    const side = prerender(Page, ferrum, model, data);
    model.free();
    const ncol = data.controls.length;
    delete data.controls;
    data.model = pack(bytes);
    const task = meta.task === 'regression' ? 'regression'
      : meta.class_names.length === 2 ? 'binary' : 'multiclass';
    const kind = task === 'regression' ? 'Regression'
      : `${meta.class_names.length}-class classification`;
    const size = `${formatNumber(d.rows, '#,##0')} rows × ${ncol} columns`;
    const sc = score(meta);
    written.add(`${d.name}.html`);
    fs.writeFileSync(path.join(args.out, `${d.name}.html`), page({
      title: esc(d.title),
      // Attribute values without quotes where HTML allows, and no line
      // breaks between elements: the pages are near their size budget.
      main: `<div class=head><header class=intro><p class=kicker>${esc(kind)} · ${esc(size)}</p>\
<h1>${esc(d.title)}</h1><p class=subtitle>${esc(d.subtitle)}</p></header>\
<section id=about aria-label="About the data">${d.description.map((p) => `<p>${esc(p)}</p>`).join('')}\
<p id=source>Data: <a href="${esc(d.link)}">${esc(d.source)}</a> · licence ${esc(d.licence)} · <code>${esc(d.file)}</code></p>\
</section></div><p id=status role=status></p><div id=app class=app>${side}</div>`,
      // The first prediction is in the markup, so the first frame needs
      // no script: the shared script is deferred (it runs once the page
      // is parsed, after FERRUM_PAGE) and demo.js calls start() itself,
      // once that prediction is on the screen (afterPaint, web/app.js):
      // run at once, start() came before the first frame and delayed it.
      head: '',
      scripts: `<script>var FERRUM_PAGE = ${scriptJSON(data)}</script><script src=demo.js defer></script>`,
    }));
    groups[task].push(`<li><a class=card href="${esc(d.name)}.html">
<h3>${esc(d.title)}</h3>
<p class="sub">${esc(d.subtitle)}</p>
<p>${esc(sentence(d.description[0]))}</p>
<dl><div><dt>size</dt><dd>${esc(size)}</dd></div>${sc ? `<div><dt>held out</dt><dd>${esc(sc)}</dd></div>` : ''}</dl>
</a></li>`);
  }
  fs.writeFileSync(path.join(args.out, 'index.html'), page({
    title: 'Datasets',
    main: `<header class="intro">
<p class="kicker">${catalog.length} datasets · one small library</p>
<h1>Tabular networks, assayed in the browser</h1>
<p class="subtitle">Each page runs a model trained by <code>finf-train</code>:
move an input and libferrum, compiled to WebAssembly, predicts as you drag.</p>
<p class="note">Held out: each model was trained on 80 % of its rows and
scored on the other 20 % (a random split, seed 1337).</p>
</header>
${TASKS.filter(([t]) => groups[t].length).map(([t, h, what]) => `<section data-task="${t}" aria-labelledby="g-${t}">
<h2 id="g-${t}">${esc(h)} <span>${esc(what)}</span></h2>
<ul class="cards">
${groups[t].join('\n')}
</ul>
</section>`).join('\n')}`,
    head: '',
    scripts: '',
  }));
  ferrum.free();
  // What an earlier generator (or catalog) wrote and this one did not
  // would be served, and counted by bench/web.
  for (const f of fs.readdirSync(args.out))
    if (/\.(html|js|css)$/.test(f) && !written.has(f)) fs.unlinkSync(path.join(args.out, f));
}

// The "Your data" page: train.html (web/train-main.html in the template),
// train.css, and train.js: web/train-page.js, the size limit, and the
// Web Worker's script (the trainer's glue, web/trainer.js, web/worker.js)
// and the trainer module, deflated and base64-encoded like demo.js's.
function trainPage(written) {
  const trainer = path.resolve(args.trainer || src('trainer.js'));
  const t = require(trainer);
  const max = t.TRAIN_LIMITS && t.TRAIN_LIMITS.maxBytes;
  if (!Number.isSafeInteger(max) || max <= 0) fail(`${trainer}: no TRAIN_LIMITS.maxBytes`);
  const worker = `${read(args.trainglue).toString().trimEnd()}\n${strip(read(trainer).toString())}${
    strip(read(src('worker.js')).toString())}`;
  fs.writeFileSync(path.join(args.out, 'train.js'), strip(read(src('train-page.js')).toString()) +
    `var FERRUM_TRAIN_MAX_BYTES = ${max};\nvar FERRUM_WORKER = "${pack(Buffer.from(worker))}";\n` +
    `var FERRUM_TRAINER_WASM = "${pack(read(args.trainwasm))}";\n`);
  fs.writeFileSync(path.join(args.out, 'train.css'), stripCSS(read(src('train.css')).toString()));
  const limit = max % 1048576 ? `${formatNumber(max, '#,##0')} bytes` : `${max / 1048576} MB`;
  // The default missing-value markers, from the library's header (one
  // list for the library, finf-train --help and this placeholder).
  const header = src(path.join('..', 'lib', 'ferrum.h'));
  const na = /#define FERRUM_NA_DEFAULT "([^"\\]*)"/.exec(read(header).toString());
  if (!na) fail(`${header}: no FERRUM_NA_DEFAULT`);
  const main = read(src('train-main.html')).toString().replace(/<!--[\s\S]*?-->\n/, '')
    .replace(/\{\{limit\}\}/g, limit).replace(/\{\{na\}\}/g, esc(na[1])).trimEnd();
  fs.writeFileSync(path.join(args.out, 'train.html'), page({
    title: 'Your data',
    nav: TRAIN_LINK.replace('>', ' aria-current="page">'),
    main,
    head: '<link rel="stylesheet" href="train.css">\n<script src="demo.js"></script>\n<script src="train.js"></script>\n',
    scripts: '<script>trainStart();</script>',
  }));
  for (const f of ['train.html', 'train.js', 'train.css']) written.add(f);
}

main().catch((e) => fail(e.stack || String(e)));
