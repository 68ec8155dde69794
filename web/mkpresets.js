// mkpresets.js: write web/presets.json, the example rows behind each demo
// page's preset buttons, from the dataset CSV files (make web-presets).
// SPDX-License-Identifier: MIT
//
// Usage: node mkpresets.js DATASETS_DIR DATASETS_TXT > presets.json
//
// A line of datasets.txt is NAME [FILE [TARGET]]: the rows come from FILE
// (under DATASETS_DIR; NAME.csv when absent), the target is the column
// TARGET (the last when absent).  The rows are real rows of the files,
// their fields copied as text: for a classification dataset the first row
// of each class (at most three, in order of first appearance); for a
// regression dataset the rows with the lowest, the median and the highest
// target (the first such row on a tie).  Rows with a gap (an empty cell or
// a marker of finf-train's default --na) are passed over, except in the
// columns that are mostly gaps (a raw file's cabin numbers).  The task
// rule is finf-train's: numeric labels with more than 15 distinct values
// (rows/3 for 50 rows or fewer) are regression.  It also lists the
// features that only ever take whole numbers (counts, codes).
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

function fail(msg) {
  process.stderr.write(`mkpresets: ${msg}\n`);
  process.exit(1);
}

// The lines of datasets.txt as [NAME, FILE, TARGET].
function lists(listFile) {
  return fs.readFileSync(listFile, 'utf8').split('\n')
    .map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '')
    .map((l) => l.split(/\s+/));
}

const isNumber = (s) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s);
// finf-train's missing values: an empty cell or a default --na marker.
const NA = new Set(['', 'NA', 'N/A', 'NaN', 'null', '?', '-']);

// The records of comma-separated text with a header and RFC 4180 quotes
// (a quoted field may hold commas, doubled quotes and line breaks);
// fields are trimmed, blank lines skipped.
function records(text, file) {
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
  if (quoted) fail(`${file}: a quoted field is not closed`);
  end();
  if (row.length > 1 || row[0] !== '') out.push(row);
  return out;
}

function presets(dir, name, fileName, targetName) {
  fileName = fileName || `${name}.csv`;
  const file = path.join(dir, fileName);
  const all = records(fs.readFileSync(file, 'utf8'), file);
  const header = all[0];
  const rows = all.slice(1);
  rows.forEach((r, i) => {
    if (r.length !== header.length) fail(`${file}: data row ${i + 1}: expected ${header.length} fields`);
  });
  const t = targetName === undefined ? header.length - 1 : header.indexOf(targetName);
  if (t < 0) fail(`${file}: no column ${targetName}`);
  // Columns that are mostly gaps do not keep a row from being a preset.
  const sparse = header.map((h, j) => 2 * rows.filter((r) => NA.has(r[j])).length > rows.length);
  const whole = (r) => r.every((v, j) => sparse[j] || !NA.has(v));
  const labels = rows.map((r) => r[t]);
  const distinct = new Set(labels).size;
  const regression = labels.every(isNumber) &&
    distinct > (rows.length <= 50 ? Math.floor(rows.length / 3) : 15);
  let picks;
  if (regression) {
    const order = rows.map((r, i) => i).filter((i) => whole(rows[i])).sort((a, b) =>
      Number(labels[a]) - Number(labels[b]) || a - b);
    const mid = order[Math.floor((order.length - 1) / 2)];
    const first = (l) => order.filter((i) => labels[i] === l).reduce((a, b) => Math.min(a, b));
    const lo = first(labels[order[0]]);
    const hi = first(labels[order[order.length - 1]]);
    picks = [[lo, `Lowest ${header[t]}`], [mid, `Median ${header[t]}`],
      [hi, `Highest ${header[t]}`]];
  } else {
    const seen = new Map();
    labels.forEach((l, i) => { if (!seen.has(l) && seen.size < 3 && whole(rows[i])) seen.set(l, i); });
    picks = [...seen].map(([l, i]) => [i, l]);
  }
  return {
    file: fileName,
    sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    rows: rows.length,
    target: header[t],
    // Features whose every value is a whole number get a slider step of 1.
    integers: header.filter((h, j) => j !== t && rows.some((r) => !NA.has(r[j])) &&
      rows.every((r) => NA.has(r[j]) || /^[+-]?\d+\.?0*$/.test(r[j]))),
    presets: picks.map(([i, label]) => {
      const values = {};
      header.forEach((h, j) => { if (j !== t) values[h] = rows[i][j]; });
      return { label, row: i + 1, target: rows[i][t], values };
    }),
  };
}

if (process.argv.length !== 4) fail('usage: node mkpresets.js DATASETS_DIR DATASETS_TXT');
const out = {
  about: 'Example rows for the preset buttons of the web demo, copied verbatim ' +
    'from the dataset CSV files named here (row: 1-based data row, header ' +
    'excluded). Regenerate with make web-presets (web/mkpresets.js).',
  datasets: {},
};
for (const [name, file, target] of lists(process.argv[3]))
  out.datasets[name] = presets(process.argv[2], name, file, target);
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
