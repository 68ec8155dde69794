// contract.js: the DOM contract of a dataset page, as functions run inside
// the page (page.evaluate): each is self-contained and returns plain data.
// SPDX-License-Identifier: MIT
'use strict';

// The items every page shows, by id: [selector, what it must hold]
// ('text': non-empty text; 'there': present, may be empty).
const COMMON = [
  ['#status[role=status]', 'there'], ['#features', 'there'], ['#summary', 'text'],
  ['#model-stats', 'text'], ['#unfamiliar', 'there'], ['#features-table', 'text'],
  ['#architecture', 'text'], ['#arch-normaliser', 'text'], ['#arch-loss', 'text'],
  ['#arch-layers', 'text'], ['#report', 'text'], ['#holdout', 'text'], ['#about', 'text'],
  ['#source', 'text'], ['#source a[href]', 'text'],
];
const CLASSIFICATION = [
  ['#pred-label[data-class]', 'text'], ['#probs li', 'text'], ['#badge', 'text'],
  ['#certainty', 'text'], ['#margin', 'text'], ['#margin-bar', 'there'], ['#entropy', 'text'],
  ['#classes-table', 'text'],
];
const REGRESSION = [
  ['#pred-value[data-value]', 'text'], ['#rep-z', 'text'], ['#rep-pct', 'text'],
  ['#rep-sigma', 'text'], ['#rep-quartile', 'text'], ['#rep-range', 'text'],
  ['#rep-range-pos', 'text'], ['#rep-output', 'text'],
];
// The measures of the report, each followed by its own line of
// explanation (a .explain element after it and before the next one).
const MEASURES = {
  classification: ['#certainty', '#margin', '#entropy'],
  regression: ['#rep-z', '#rep-pct', '#rep-quartile', '#rep-range-pos', '#rep-output'],
};

// In the page: the problems with the contract's static part, as a list
// of strings (empty when all is there).  @a = { task, items, measures,
// features: [feature names], classes: [codes] | null }.
function staticProblems(a) {
  const bad = [];
  const text = (e) => (e ? e.textContent.replace(/\s+/g, ' ').trim() : '');
  for (const [sel, what] of a.items) {
    const e = document.querySelector(sel);
    if (!e) bad.push(`no ${sel}`);
    else if (what === 'text' && text(e) === '') bad.push(`${sel} is empty`);
  }
  const app = document.getElementById('app');
  if (!app || app.hidden) bad.push('#app is hidden');
  // One row per network input, in the model's order, with its cells.
  const rows = [...document.querySelectorAll('#features-table tbody tr[data-feature]')];
  const names = rows.map((r) => r.dataset.feature);
  if (names.join('\u0001') !== a.features.join('\u0001'))
    bad.push(`#features-table rows are [${names.join(', ')}], not the model's features [${a.features.join(', ')}]`);
  for (const r of rows) {
    const f = r.dataset.feature;
    for (const c of ['.value', '.z', '.zbar', '.range-pos', '.flag'])
      if (!r.querySelector(c)) bad.push(`row ${f}: no ${c} cell`);
    const z = text(r.querySelector('.z'));
    if (r.querySelector('.z') && !/^([+\-\u2212]\d+(\.\d+)?|0(\.0+)?)\s?σ$/.test(z)) bad.push(`row ${f}: .z is '${z}', not a signed z like +0.99σ`);
    const zb = r.querySelector('.zbar');
    const span = zb && zb.querySelector('span[style]');
    if (zb && (!span || !/width/.test(span.getAttribute('style')))) bad.push(`row ${f}: .zbar has no child span with an inline width`);
    const rp = text(r.querySelector('.range-pos'));
    if (r.querySelector('.range-pos') && !/\d\s?%/.test(rp)) bad.push(`row ${f}: .range-pos is '${rp}', not a percentage`);
  }
  if (a.classes) {
    const lis = [...document.querySelectorAll('#probs li')];
    const labels = lis.map((l) => l.dataset.label);
    if (labels.slice().sort().join('\u0001') !== a.classes.slice().sort().join('\u0001'))
      bad.push(`#probs li data-label are [${labels.join(', ')}], not the classes [${a.classes.join(', ')}]`);
    const ps = lis.map((l) => text(l.querySelector('.p')));
    if (!ps.every((p) => /^\d+\.\d\s%$/.test(p))) bad.push(`#probs .p cells are [${ps.join(', ')}], not NN.N %`);
    else if (!ps.every((p, k) => k === 0 || parseFloat(ps[k - 1]) >= parseFloat(p)))
      bad.push(`#probs is not sorted by probability: ${ps.join(', ')}`);
    if (lis[0] && document.querySelector('#pred-label') &&
        lis[0].dataset.label !== document.querySelector('#pred-label').dataset.class)
      bad.push(`#probs starts with ${lis[0].dataset.label}, the prediction is ${document.querySelector('#pred-label').dataset.class}`);
    const ct = [...document.querySelectorAll('#classes-table tbody tr')];
    if (ct.length !== a.classes.length) bad.push(`#classes-table has ${ct.length} rows for ${a.classes.length} classes`);
    if (!ct.every((r) => r.querySelector('.bar'))) bad.push('#classes-table: a row without .bar');
  } else {
    const v = document.querySelector('#pred-value');
    if (v && !Number.isFinite(Number(v.dataset.value))) bad.push(`#pred-value data-value is '${v.dataset.value}'`);
  }
  // Each measure of the report has its own line of explanation.
  const all = [...document.querySelectorAll('#report .explain')];
  for (const e of all) if (text(e) === '') bad.push('an empty .explain in #report');
  const ms = a.measures.map((s) => document.querySelector(s));
  ms.forEach((m, k) => {
    if (!m) return;
    const next = ms.slice(k + 1).find((x) => x);
    const own = all.find((e) => (m.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) &&
      !(m.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_CONTAINED_BY) &&
      (!next || (e.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING)));
    if (!own) bad.push(`${a.measures[k]}: no .explain line after it (before the next measure)`);
  });
  return bad;
}

// In the page: a signature of every dynamic item (text, markup with its
// inline styles, and the laid-out widths of its parts), keyed by name;
// @a = { classification, feature } where feature is the moved input's
// feature name.
function dynamics(a) {
  const sig = (e) => (e ? `${e.textContent}|${e.outerHTML}|${[e, ...e.querySelectorAll('*')]
    .map((x) => Math.round(x.getBoundingClientRect().width * 10)).join(',')}` : null);
  const q = (s) => document.querySelector(s);
  const row = a.feature === null ? null
    : [...document.querySelectorAll('#features-table tbody tr[data-feature]')].find((r) => r.dataset.feature === a.feature);
  const out = {
    'the moved feature\'s .z': row ? sig(row.querySelector('.z')) : null,
    'the moved feature\'s .zbar': row ? sig(row.querySelector('.zbar')) : null,
    'the moved feature\'s .range-pos': row ? sig(row.querySelector('.range-pos')) : null,
  };
  const items = a.classification
    ? { '#probs': '#probs', '#certainty': '#certainty', '#margin': '#margin', '#margin-bar': '#margin-bar',
      '#entropy': '#entropy', '#classes-table': '#classes-table' }
    : { '#pred-value': '#pred-value', '#rep-z': '#rep-z', '#rep-pct': '#rep-pct', '#rep-quartile': '#rep-quartile',
      '#rep-range-pos': '#rep-range-pos', '#rep-output': '#rep-output' };
  for (const [k, s] of Object.entries(items)) out[k] = sig(q(s));
  out['#summary'] = q('#summary') ? q('#summary').textContent : null;
  return out;
}

// In the page: what it shows of the prediction and the controls.
function shown() {
  const text = (sel) => { const e = document.querySelector(sel); return e ? e.textContent.trim() : null; };
  const data = (sel, k) => { const e = document.querySelector(sel); return e ? e.dataset[k] : undefined; };
  return {
    label: text('#pred-label'),
    cls: data('#pred-label', 'class'),
    value: text('#pred-value'),
    raw: data('#pred-value', 'value'),
    probs: [...document.querySelectorAll('#probs li')].map((li) =>
      [li.dataset.label, li.querySelector('.p') ? li.querySelector('.p').textContent.trim() : null]),
    summary: text('#summary'),
    features: text('#features-table tbody'),
    report: text('#report'),
    row: [...document.querySelectorAll('#features [data-column]')].map((e) => [e.dataset.column, e.value]),
    status: text('#status'),
  };
}

// In the page: where #summary is, against the viewport.
function summaryBox() {
  const e = document.getElementById('summary');
  if (!e) return null;
  const r = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
    vw: document.documentElement.clientWidth, vh: window.innerHeight,
    visible: style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0,
    text: e.textContent.replace(/\s+/g, ' ').trim() };
}

module.exports = { COMMON, CLASSIFICATION, REGRESSION, MEASURES, staticProblems, dynamics, shown, summaryBox };
