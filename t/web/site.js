// site.js: what the browser test knows about the demo site from outside
// the pages: the catalog entries (datasets/CATALOG through web/catalog.js),
// the model each page embeds and its metadata read byte by byte, the
// controls the page must offer, finf-predict's answers and the dataset
// CSV rows.
// SPDX-License-Identifier: MIT
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');

const top = process.env.top_builddir || '.';
const srcdir = process.env.top_srcdir || '.';
const site = path.resolve(top, 'web', 'site');
const datasets = process.env.FERRUM_DATASETS;
const { schemaColumns, levelOf } = require(path.resolve(srcdir, 'web', 'ferrum.js'));

// The catalog entries, in file order, and the page's number formatter.
function catalog() {
  const { readCatalog, formatNumber } = require(path.resolve(srcdir, 'web', 'catalog.js'));
  const file = path.join(srcdir, 'datasets', 'CATALOG');
  return { entries: readCatalog(fs.readFileSync(file, 'utf8'), 'CATALOG'), formatNumber };
}

// The model a page embeds, written to @tmp for finf-predict, its
// metadata straight from the FINF v3 header, and the page's FERRUM_PAGE.
function pageModel(name, tmp) {
  const html = fs.readFileSync(path.join(site, `${name}.html`), 'utf8');
  const m = /var FERRUM_PAGE = (\{.*?\})<\/script>/s.exec(html);
  if (!m) throw new Error(`${name}.html: no FERRUM_PAGE`);
  const data = JSON.parse(m[1]);
  const bytes = zlib.inflateRawSync(Buffer.from(data.model, 'base64'));
  const file = path.join(tmp, `${name}.finf`);
  fs.writeFileSync(file, bytes);
  const normLen = bytes.readUInt32LE(8);
  const metaLen = bytes.readUInt32LE(12 + normLen);
  const meta = JSON.parse(bytes.subarray(16 + normLen, 16 + normLen + metaLen).toString('utf8'));
  return { name, file, meta, data, tmp };
}

// The task group of the index a model belongs in.
const taskOf = (meta) => (meta.task === 'regression' ? 'regression'
  : meta.class_names.length > 2 ? 'multiclass' : 'binary');

// finf-predict --json for one row given as [column, text] pairs (the
// model's features, or with a schema its source columns, any order).
// The same row is asked for at every size and in both modes: answers
// are kept.
const quote = (t) => (/[",\n\r]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
const answers = new Map();
function predict(model, pairs) {
  const key = `${model.file}\u0000${JSON.stringify(pairs)}`;
  if (!answers.has(key)) answers.set(key, predictNow(model, pairs));
  return answers.get(key);
}
function predictNow(model, pairs) {
  const csv = path.join(model.tmp, `${model.name}-row.csv`);
  fs.writeFileSync(csv, `${pairs.map(([c]) => quote(c)).join(',')}\n${pairs.map(([, t]) => quote(String(t))).join(',')}\n`);
  const r = spawnSync(path.join(top, 'bin', 'finf-predict'), ['--json', model.file, csv],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`finf-predict: ${r.stderr} for ${pairs.join(' ')}`);
  return JSON.parse(r.stdout);
}

// finf-inspect --json of a page's model (layers, task), once per model.
const inspected = new Map();
function inspect(model) {
  if (!inspected.has(model.file)) {
    const r = spawnSync(path.join(top, 'bin', 'finf-inspect'), ['--json', model.file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`finf-inspect: ${r.stderr}`);
    inspected.set(model.file, JSON.parse(r.stdout));
  }
  return inspected.get(model.file);
}

// The records of a CSV file (RFC 4180 quotes; fields trimmed outside
// quotes; blank lines skipped).
function records(text) {
  const out = [];
  let row = [], field = '', quoted = false, was = false;
  const end = () => { row.push(was ? field : field.trim()); field = ''; was = false; };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
    } else if (c === '"' && field.trim() === '') { quoted = true; was = true; field = ''; }
    else if (c === ',') end();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      end();
      if (row.length > 1 || row[0] !== '') out.push(row);
      row = [];
    } else field += c;
  }
  end();
  if (row.length > 1 || row[0] !== '') out.push(row);
  return out;
}

// Data rows of the CSV file a page was made from, as objects keyed by
// header name (null without datasets).
const rowCache = new Map();
function csvRows(model, entry) {
  if (!datasets) return null;
  const file = path.join(datasets, entry.file || model.data.file || `${model.name}.csv`);
  if (!fs.existsSync(file)) return null;
  if (!rowCache.has(file)) {
    const [header, ...rows] = records(fs.readFileSync(file, 'utf8'));
    rowCache.set(file, rows.map((f) => Object.fromEntries(header.map((h, i) => [h, f[i]]))));
  }
  return rowCache.get(file);
}

// The page's controls as the test expects them, in the model's order:
// the schema's columns, or one per feature.  A categorical column offers
// its levels; a numeric column the catalog gives Codes for offers the
// codes (a select too); the others are numeric (a box and a slider).
function controls(model, entry) {
  const cols = schemaColumns(model.meta) ||
    model.meta.feature_names.map((name, input) => ({ name, kind: 'numeric', input }));
  const codes = (entry && entry.codes) || {};
  return cols.map((c) => {
    const names = codes[c.name] || null;
    if (c.levels) return { ...c, select: true, options: c.levels, names };
    if (names) return { ...c, select: true, coded: true, options: Object.keys(names), names };
    return { ...c, select: false };
  });
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
// What the page's control for @c shows for the CSV cell @t (a level or a
// code for a select), or undefined when the page cannot show it (a gap).
function cellShown(c, t) {
  if (t === undefined) return undefined;
  if (c.levels) return levelOf(c, t);
  if (c.coded) return NUMBER.test(t) ? c.options.find((o) => Number(o) === Number(t)) : undefined;
  return NUMBER.test(t) ? t.trim() : undefined;
}

// The decimals of a catalog number format ('$#,##0.00' -> 2), or null.
function decimalsOf(format) {
  const m = /[0#](?:,##0)?(?:\.(0+))?/.exec(format || '');
  return m ? (m[1] || '').length : null;
}

// Whether a regression value meets a preset's expectation ('< X', '> X',
// 'X..Y', inclusive); null when the expectation does not parse.
function meets(value, expect) {
  const num = (t) => Number(String(t).replace(/[,\s]/g, ''));
  let m;
  if ((m = /^\s*<\s*(\S+)\s*$/.exec(expect)) && !isNaN(num(m[1]))) return value < num(m[1]);
  if ((m = /^\s*>\s*(\S+)\s*$/.exec(expect)) && !isNaN(num(m[1]))) return value > num(m[1]);
  if ((m = /^\s*(\S+?)\s*\.\.\s*(\S+)\s*$/.exec(expect)) && !isNaN(num(m[1])) && !isNaN(num(m[2])))
    return value >= num(m[1]) && value <= num(m[2]);
  return null;
}

module.exports = { top, srcdir, site, datasets, catalog, pageModel, taskOf, predict, inspect,
  records, csvRows, controls, cellShown, decimalsOf, meets };
