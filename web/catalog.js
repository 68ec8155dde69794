// catalog.js: the reader of datasets/CATALOG and the number formats it uses.
// SPDX-License-Identifier: MIT
//
// datasets/CATALOG describes every dataset of the demo in Debian
// control-file style (datasets/README): one stanza per dataset, `Key: value`
// fields, continuation lines starting with a space.  readCatalog() turns it
// into an array of plain objects and throws Error('FILE:LINE: message') on
// the first thing that is wrong; web/mksite.js reads it to write the pages,
// the browser test to know what each page should show.
//
// parseFormat() and formatNumber() are also copied into the page script
// (web/mksite.js takes their source text), so they use nothing outside
// themselves.
'use strict';

// A number format: an optional literal prefix, `0` or `#,##0`, optionally
// `.` and one or more `0`, an optional literal suffix (`$#,##0`, `0.0 %`).
// Returns { prefix, group, decimals, suffix }; throws on a malformed one.
function parseFormat(format) {
  const m = /^([^0#.,]*)(0|#,##0)(?:\.(0+))?([^0#.,]*)$/.exec(String(format));
  if (!m) throw new Error(`bad number format '${format}'`);
  return { prefix: m[1], group: m[2] !== '0', decimals: m[3] ? m[3].length : 0, suffix: m[4] };
}

// value in the format: rounded to its decimals, thousands grouped with
// commas when it says so, a minus sign (U+2212) before the prefix.  An
// empty or missing format shows about four significant digits.  Infinity
// and NaN show as ∞ and –.
function formatNumber(value, format) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  let f;
  if (format === undefined || format === null || format === '') {
    const a = Math.abs(value);
    if (a !== 0 && (a < 1e-3 || a >= 1e9)) return value.toExponential(2).replace('-', '−');
    const d = a === 0 ? 0 : Math.max(0, 3 - Math.floor(Math.log10(a)));
    f = { prefix: '', group: false, decimals: d, suffix: '', trim: true };
  } else {
    f = typeof format === 'string' ? parseFormat(format) : format;
  }
  let t = Math.abs(value).toFixed(f.decimals);
  if (f.trim && t.includes('.')) t = t.replace(/\.?0+$/, '');
  const negative = value < 0 && /[1-9]/.test(t);
  if (f.group) {
    const dot = t.indexOf('.');
    const whole = dot < 0 ? t : t.slice(0, dot);
    t = whole.replace(/\B(?=(\d{3})+$)/g, ',') + (dot < 0 ? '' : t.slice(dot));
  }
  return `${negative ? '−' : ''}${f.prefix}${t}${f.suffix}`;
}

const CATALOG_KEYS = {
  Name: 'R', Title: 'R', Subtitle: 'R', Description: 'R', Source: 'R', Link: 'R',
  Licence: 'R', File: 'R', Rows: 'R', 'Model-Name': 'R', Options: '', Target: 'R',
  Classes: 'list', Columns: 'R list', Codes: 'list', Presets: 'R list',
};

// The catalog's text as an array of datasets (datasets/README and
// DESIGN: name, title, subtitle, description: [paragraph], source, link,
// licence, file, rows, modelName, options, target: { label, format },
// classes: { CODE: label } | null, columns: { COLUMN: { label, format } },
// codes: { COLUMN: { CODE: label } }, presets: [{ name, expect, hard,
// source, values: { COLUMN: text } }]).
function readCatalog(text, fileName) {
  const file = fileName || 'CATALOG';
  const fail = (line, msg) => {
    throw new Error(`${file}:${line}: ${msg}`);
  };
  // Stanzas of fields: { key, line, value (first line), more: [[line, text]] }.
  const stanzas = [];
  let stanza = null, field = null;
  String(text).split('\n').forEach((raw, k) => {
    const line = k + 1, l = raw.replace(/\r$/, '');
    if (l.startsWith('#')) return;
    if (l.trim() === '') {
      stanza = null;
      field = null;
      return;
    }
    if (l.startsWith(' ')) {
      if (!field) fail(line, 'continuation line outside a field');
      field.more.push([line, l === ' .' ? '' : l.slice(1).trim()]);
      return;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]*):(.*)$/.exec(l);
    if (!m) fail(line, `expected 'Key: value', found '${l}'`);
    if (!(m[1] in CATALOG_KEYS)) fail(line, `unknown key '${m[1]}'`);
    if (!stanza) {
      stanza = { line, fields: {} };
      stanzas.push(stanza);
    }
    if (m[1] in stanza.fields) fail(line, `${m[1]} repeated`);
    field = { key: m[1], line, value: m[2].trim(), more: [] };
    stanza.fields[m[1]] = field;
  });

  const names = new Set();
  return stanzas.map((st) => {
    const F = st.fields;
    for (const [k, how] of Object.entries(CATALOG_KEYS)) {
      if (how.includes('R') && !(k in F)) fail(st.line, `missing ${k}`);
      if (!(k in F)) continue;
      const list = how.includes('list');
      if (list && F[k].value !== '') fail(F[k].line, `${k}: the entries go on the lines below`);
      if (list && F[k].more.length === 0) fail(F[k].line, `${k}: no entries`);
      if (!list && k !== 'Description' && F[k].more.length)
        fail(F[k].more[0][0], `${k} is a one-line field`);
      if (!list && F[k].value === '' && k !== 'Description' && k !== 'Options')
        fail(F[k].line, `${k} is empty`);
    }
    const v = (k) => (F[k] ? F[k].value : '');
    // Entries of a list field split at '|' into n trimmed parts.
    const entries = (k, n) => (F[k] ? F[k].more : []).map(([line, t]) => {
      const parts = t.split('|').map((s) => s.trim());
      if (t === '' || parts.length !== n)
        fail(line, `${k}: expected ${n} fields separated by '|', found '${t}'`);
      return { line, parts };
    });
    const format = (line, f) => {
      if (f === '') return '';
      try {
        parseFormat(f);
      } catch (e) {
        fail(line, e.message);
      }
      return f;
    };

    const name = v('Name');
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) fail(F.Name.line, `bad name '${name}'`);
    if (names.has(name)) fail(F.Name.line, `dataset ${name} described twice`);
    names.add(name);
    if (!/^https:\/\/\S+$/.test(v('Link'))) fail(F.Link.line, `Link is not an https URL: '${v('Link')}'`);
    if (!/^[1-9][0-9]*$/.test(v('Rows'))) fail(F.Rows.line, `Rows is not a count: '${v('Rows')}'`);

    const description = [];
    let para = v('Description') === '' ? [] : [v('Description')];
    for (const [, t] of F.Description.more) {
      if (t === '') {
        if (para.length) description.push(para.join(' '));
        para = [];
      } else {
        para.push(t);
      }
    }
    if (para.length) description.push(para.join(' '));
    if (description.length === 0) fail(F.Description.line, 'Description is empty');

    const classes = F.Classes ? {} : null;
    for (const { line, parts: [code, label] } of entries('Classes', 2)) {
      if (code === '' || label === '') fail(line, 'Classes: empty code or name');
      if (code in classes) fail(line, `Classes: ${code} repeated`);
      classes[code] = label;
    }
    const tp = v('Target').split('|').map((s) => s.trim());
    if (tp.length !== 2 || tp[0] === '') fail(F.Target.line, "Target: expected 'Display name | format'");
    if (classes && tp[1] !== '') fail(F.Target.line, 'Target: a classification target takes no format');
    const target = { label: tp[0], format: format(F.Target.line, tp[1]) };

    const columns = {};
    for (const { line, parts: [col, label, f] } of entries('Columns', 3)) {
      if (col === '' || label === '') fail(line, 'Columns: empty column or label');
      if (col in columns) fail(line, `Columns: ${col} repeated`);
      columns[col] = { label, format: format(line, f) };
    }
    const codes = {};
    for (const { line, parts: [col, code, label] } of entries('Codes', 3)) {
      if (!(col in columns)) fail(line, `Codes: ${col} is not in Columns`);
      if (code === '' || label === '') fail(line, 'Codes: empty code or name');
      codes[col] = codes[col] || {};
      if (code in codes[col]) fail(line, `Codes: ${col} ${code} repeated`);
      codes[col][code] = label;
    }

    const presets = entries('Presets', 4).map(({ line, parts: [pname, expect, source, vals] }) => {
      if (pname === '') fail(line, 'Presets: empty name');
      const hard = /^Hard case/.test(pname);
      const num = '[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?';
      if (classes) {
        if (!(expect in classes)) fail(line, `Presets: ${expect} is not a class of Classes`);
      } else if (!new RegExp(`^(?:[<>] *${num}|${num} *\\.\\. *${num})$`).test(expect)) {
        fail(line, `Presets: expected '< X', '> X' or 'X..Y', found '${expect}'`);
      }
      if (!/^(?:row [1-9][0-9]*|made up)$/.test(source))
        fail(line, `Presets: source is 'row N' or 'made up', found '${source}'`);
      const values = {};
      for (const cell of vals.split(';').map((s) => s.trim())) {
        const eq = cell.indexOf('=');
        if (eq <= 0) fail(line, `Presets: expected COLUMN=VALUE, found '${cell}'`);
        const col = cell.slice(0, eq).trim();
        if (!(col in columns)) fail(line, `Presets: ${col} is not in Columns`);
        if (col in values) fail(line, `Presets: ${col} repeated`);
        values[col] = cell.slice(eq + 1).trim();
      }
      for (const col of Object.keys(columns))
        if (!(col in values)) fail(line, `Presets: no value for ${col}`);
      return { name: pname, expect, hard, source, values };
    });
    if (presets.length < 3 || presets.length > 5)
      fail(F.Presets.line, `Presets: ${presets.length} entries, expected 3 to 5`);
    if (presets.filter((p) => p.hard).length > 1) fail(F.Presets.line, 'Presets: more than one hard case');

    return {
      name, title: v('Title'), subtitle: v('Subtitle'), description, source: v('Source'),
      link: v('Link'), licence: v('Licence'), file: v('File'), rows: Number(v('Rows')),
      modelName: v('Model-Name'), options: v('Options'), target, classes, columns, codes, presets,
    };
  });
}

if (typeof module === 'object' && module.exports)
  module.exports = { readCatalog, formatNumber, parseFormat };
