// mkpresets.js: write web/presets.json, the example rows behind each demo
// page's preset buttons, from the dataset CSV files (make web-presets).
// SPDX-License-Identifier: MIT
//
// Usage: node mkpresets.js DATASETS_DIR DATASETS_TXT > presets.json
//
// The rows are real rows of the files, their fields copied as text:
// for a classification dataset the first row of each class (at most
// three, in order of first appearance); for a regression dataset the rows
// with the lowest, the median and the highest target (the first such row
// on a tie).  The task rule is finf-train's: numeric labels with more than
// 15 distinct values (rows/3 for 50 rows or fewer) are regression.  It also
// lists the features that only ever take whole numbers (counts, codes).
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

function fail(msg) {
  process.stderr.write(`mkpresets: ${msg}\n`);
  process.exit(1);
}

function names(listFile) {
  return fs.readFileSync(listFile, 'utf8').split('\n')
    .map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '');
}

const isNumber = (s) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s);

function presets(dir, name) {
  const file = path.join(dir, `${name}.csv`);
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  // The demo datasets are plain comma-separated numbers and labels: a
  // quote would need the real CSV reader, so refuse rather than guess.
  if (text.includes('"')) fail(`${file}: quoted fields are not supported here`);
  const header = lines[0].split(',').map((s) => s.trim());
  const rows = lines.slice(1).map((l) => l.split(',').map((s) => s.trim()));
  rows.forEach((r, i) => {
    if (r.length !== header.length) fail(`${file}:${i + 2}: expected ${header.length} fields`);
  });
  const t = header.length - 1;
  const labels = rows.map((r) => r[t]);
  const distinct = new Set(labels).size;
  const regression = labels.every(isNumber) &&
    distinct > (rows.length <= 50 ? Math.floor(rows.length / 3) : 15);
  let picks;
  if (regression) {
    const order = rows.map((r, i) => i).sort((a, b) =>
      Number(labels[a]) - Number(labels[b]) || a - b);
    const mid = order[Math.floor((order.length - 1) / 2)];
    const lo = labels.indexOf(labels[order[0]]);
    const hi = labels.indexOf(labels[order[order.length - 1]]);
    picks = [[lo, `Lowest ${header[t]}`], [mid, `Median ${header[t]}`],
      [hi, `Highest ${header[t]}`]];
  } else {
    const seen = new Map();
    labels.forEach((l, i) => { if (!seen.has(l) && seen.size < 3) seen.set(l, i); });
    picks = [...seen].map(([l, i]) => [i, l]);
  }
  return {
    file: `${name}.csv`,
    sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    rows: rows.length,
    target: header[t],
    // Features whose every value is a whole number get a slider step of 1.
    integers: header.filter((h, j) => j !== t && rows.every((r) => /^[+-]?\d+\.?0*$/.test(r[j]))),
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
for (const name of names(process.argv[3])) out.datasets[name] = presets(process.argv[2], name);
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
