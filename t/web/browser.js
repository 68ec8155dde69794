// browser.js: the demo site built by `make web`, in headless Chromium
// (playwright-core), served on 127.0.0.1 and opened from file://, on a
// desktop (1280x800) and a phone (390x844) viewport.
// SPDX-License-Identifier: MIT
//
// Expectations come from outside the page: the datasets, their presets,
// display names and links from datasets/CATALOG (web/catalog.js); the
// model bytes are taken out of each page and run through the native
// bin/finf-predict, given the raw cells of the page's columns; rows come
// from the dataset CSV files ($FERRUM_DATASETS); the features and the
// schema from the model file's own metadata, read here byte by byte.
// The items a page must show are the DOM contract (t/web/contract.js);
// accessibility is axe-core's scan (t/web/axe.js).
//
// Pages are checked two at a time (FERRUM_WEB_JOBS=N for another count),
// each in a fresh tab of one browser; each page's lines are printed
// together, in a fixed order.
'use strict';
const fs = require('fs');
const path = require('path');
const tap = require('./tap.js');
const { serve, launch } = require('./serve.js');
const { site, catalog, pageModel, taskOf, predict, inspect, csvRows, controls, cellShown, decimalsOf, meets } =
  require('./site.js');
const contract = require('./contract.js');
const axe = require('./axe.js');

const tmp = process.env.T || fs.mkdtempSync('/tmp/ferrum-web-');
const VIEWPORTS = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]];
const JOBS = Math.max(1, Number(process.env.FERRUM_WEB_JOBS) || 2);
const cat = catalog();
const formatNumber = cat.formatNumber;
const norm = (s) => String(s).replace(/\s+/g, ' ').trim();

// The page agrees with finf-predict: the same class and every
// probability to the 0.1 % the page shows, or the same float.
function agrees(s, want, meta) {
  if (want.type === 'regression')
    return s.raw !== undefined && s.raw !== '' && Math.fround(Number(s.raw)) === Math.fround(want.value);
  if (s.cls !== want.label || s.probs.length !== want.probabilities.length) return false;
  return s.probs.every(([label, t]) => {
    const k = meta.class_names.indexOf(label);
    return k >= 0 && /^\d+\.\d\s%$/.test(t || '') && Math.abs(parseFloat(t) - 100 * want.probabilities[k]) <= 0.05 + 1e-9;
  });
}
const describe = (s) => (s.raw !== undefined ? `${s.value} (${s.raw})`
  : `${s.label} [${s.cls}] ${s.probs.map((p) => `${p[0]} ${p[1]}`).join(' / ')}`);
const wanted = (w) => (w.type === 'regression' ? String(w.value)
  : `${w.label} ${w.probabilities.map((p) => `${(100 * p).toFixed(1)} %`).join(' / ')}`);

// A page that reports its errors: console errors, uncaught exceptions,
// failed requests and error responses.
async function openPage(browser, viewport, url) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`exception: ${e}`));
  page.on('requestfailed', (r) => errors.push(`failed request: ${r.url()} ${r.failure() ? r.failure().errorText : ''}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  // What the page's markup shows before any of its scripts runs: the
  // document is parsed ("interactive") before the deferred demo.js runs.
  await page.addInitScript(() => document.addEventListener('readystatechange', () => {
    const get = (id) => document.getElementById(id);
    if (document.readyState !== 'interactive' || !get('summary')) return;
    window.ferrumPrerendered = { html: [get('summary').innerHTML, get('prediction').innerHTML],
      headline: document.querySelector('[elementtiming=ferrum-prediction]') };
  }));
  await page.goto(url);
  return { page, errors };
}

function scanned(t, T) {
  return (found, scheme) => {
    t.ok(found.length === 0, `${T}: axe-core finds no serious or critical violation in ${scheme}${scheme === 'dark' ? ' (colour rules)' : ''}`);
    for (const v of found) t.diag(`  ${scheme}: ${v}`);
  };
}

// The index: every catalog dataset linked, in the section of its
// model's task, each card with a held-out score.
async function checkIndex(browser, base, mode, [vname, viewport], models, t) {
  const T = `${mode} ${vname} index`;
  const { page, errors } = await openPage(browser, viewport, `${base}index.html`);
  try {
    const cards = await page.$$eval('main section[data-task] a.card', (as) => as.map((a) => ({
      href: a.getAttribute('href'), task: a.closest('section[data-task]').dataset.task,
      text: a.textContent.replace(/\s+/g, ' ').trim() })));
    const links = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
    const names = cat.entries.map((e) => e.name);
    is(t, links.filter((h) => /^[^/:]+\.html$/.test(h)).sort().join(' '), names.map((n) => `${n}.html`).sort().join(' '),
      `${T}: links to all ${names.length} pages`);
    const grouped = names.map((n) => {
      const c = cards.find((x) => x.href === `${n}.html`);
      return `${n}:${c ? c.task : 'no a.card in a section[data-task]'}`;
    });
    is(t, grouped.join(' '), names.map((n) => `${n}:${taskOf(models.get(n).meta)}`).join(' '),
      `${T}: every dataset's card is in the section of its task`);
    const order = cards.map((c) => c.href.replace(/\.html$/, ''));
    const byTask = (task) => names.filter((n) => taskOf(models.get(n).meta) === task);
    ok(t, ['binary', 'multiclass', 'regression'].every((task) =>
      order.filter((n) => byTask(task).includes(n)).join(' ') === byTask(task).join(' ')),
    `${T}: within a task the cards keep the catalog's order`, `cards: ${order.join(' ')}`);
    const scoreless = cards.filter((c) => {
      const m = models.get(c.href.replace(/\.html$/, ''));
      const h = m && m.meta.holdout;
      if (!h) return true;
      const v = h.accuracy !== undefined ? h.accuracy : h.r2;
      const forms = [v.toFixed(2), v.toFixed(3), `${(100 * v).toFixed(0)} ?%`, `${(100 * v).toFixed(1)} ?%`];
      return !forms.some((f) => new RegExp(`(^|[^\\d.])${f.replace('.', '\\.')}`).test(c.text));
    });
    ok(t, scoreless.length === 0, `${T}: every card shows its held-out score (accuracy or R²)`,
      scoreless.map((c) => `no score in ${c.href}: ${c.text}`).join('\n'));
    const bad = cat.entries.filter((e) => {
      const c = cards.find((x) => x.href === `${e.name}.html`);
      return !c || !c.text.includes(norm(e.title)) || !c.text.includes(norm(e.subtitle));
    });
    ok(t, bad.length === 0, `${T}: every card shows its title and subtitle`, bad.map((e) => e.name).join(' '));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    ok(t, wide <= 0, `${T}: nothing wider than the viewport`, `${wide} px too wide`);
    await axe.scan(page, scanned(t, T));
    is(t, errors.join('\n'), '', `${T}: no console error, no failed request`);
  } finally {
    await page.close();
  }
}

// ok/is with a diagnostic on failure, into a page's buffer @t.
function ok(t, cond, what, why) {
  if (!t.ok(cond, what) && why) t.diag(why);
  return cond;
}
function is(t, got, want, what) { return t.is(got, want, what); }

const shown = (page) => page.evaluate(contract.shown);

// With FERRUM_WEB_TIMES set, how long each step took.
function stopwatch(t, T) {
  let last = Date.now();
  return (what) => {
    if (!process.env.FERRUM_WEB_TIMES) return;
    const now = Date.now();
    t.diag(`${T}: ${what} ${now - last} ms`);
    last = now;
  };
}

async function checkPage(browser, base, mode, [vname, viewport], entry, model, t) {
  const T = `${mode} ${vname} ${entry.name}`;
  const lap = stopwatch(t, T);
  const meta = model.meta;
  const cls = meta.task !== 'regression';
  const { page, errors } = await openPage(browser, viewport, `${base}${entry.name}.html`);
  try {
    // The report and the input table follow the first prediction a frame
    // later: #app[data-complete] says they are drawn.
    const started = await page.waitForSelector('#app[data-complete]:not([hidden])', { timeout: 10000 }).then(() => true, () => false);
    if (!ok(t, started, `${T}: the page starts (#app shown, all of it drawn)`,
      `status: ${await page.evaluate(() => document.getElementById('status')?.textContent)}\n${errors.join('\n')}`)) return;

    // The first prediction is in the page's markup (web/mksite.js), so it
    // is painted before any script has run; the page's own first
    // prediction is the same and leaves it in place.
    const pre = await page.evaluate(() => {
      const p = window.ferrumPrerendered;
      const now = [document.getElementById('summary').innerHTML, document.getElementById('prediction').innerHTML];
      return { p: p && p.html, now, kept: !!p && p.headline !== null &&
        p.headline === document.querySelector('[elementtiming=ferrum-prediction]') };
    });
    ok(t, pre.p !== null && JSON.stringify(pre.p) === JSON.stringify(pre.now) && pre.kept,
      `${T}: the markup's first prediction is the page's own, and stays in place`,
      `markup: ${JSON.stringify(pre.p)}\nlive:   ${JSON.stringify(pre.now)}\nheadline kept: ${pre.kept}`);

    lap('load');
    // The contract's items are there.
    const problems = await page.evaluate(contract.staticProblems, {
      items: [...contract.COMMON, ...(cls ? contract.CLASSIFICATION : contract.REGRESSION)],
      measures: contract.MEASURES[cls ? 'classification' : 'regression'],
      features: meta.feature_names, classes: cls ? meta.class_names : null,
    });
    ok(t, problems.length === 0, `${T}: every item of the DOM contract is there`, problems.join('\n'));

    lap('contract');
    await checkModelText(page, model, cls, t, T);
    // No readout's label runs into its value: the text of each, wherever
    // it overflows to, takes its own room (a long value, such as the
    // layers of a deep network, goes under its label).
    const overlaps = await page.evaluate(() => [...document.querySelectorAll('.readout > div')].flatMap((d) => {
      const dt = d.querySelector('dt'), dd = d.querySelector('dd');
      if (!dt || !dd) return [];
      // The boxes of the text itself, line by line (not of the elements,
      // which a gauge under the value widens).
      const boxes = (e) => {
        const out = [], walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          if (!n.textContent.trim()) continue;
          const r = document.createRange();
          r.selectNodeContents(n);
          out.push(...r.getClientRects());
        }
        return out;
      };
      const cross = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      const bs = boxes(dd);
      return boxes(dt).some((a) => bs.some((b) => cross(a, b))) ? [`'${dt.textContent}' runs into '${dd.textContent}'`] : [];
    }));
    ok(t, overlaps.length === 0, `${T}: no readout's label overlaps its value`, overlaps.join('\n'));

    // Accessibility, before anything is moved.
    await axe.scan(page, scanned(t, T));

    lap('axe');
    // What the catalog says the page shows.
    await checkCatalogText(page, entry, model, cls, t, T);

    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    ok(t, wide <= 0, `${T}: nothing wider than the viewport (no clipping, no sideways scroll)`, `${wide} px too wide`);

    // The controls: a box and a slider per numeric column, a select per
    // categorical or coded column, each labelled.
    const cols = controls(model, entry);
    const nums = cols.filter((c) => !c.select), sels = cols.filter((c) => c.select);
    is(t, await page.locator('#features input[type=range]').count(), nums.length,
      `${T}: one slider per numeric control (${nums.length})`);
    is(t, await page.locator('#features select').count(), sels.length,
      `${T}: one select per categorical or coded column (${sels.length})`);
    const optionsBad = [];
    for (const c of sels) {
      const opts = await page.$$eval(`#x${c.input} option`, (os) => os.map((o) => [o.value, o.textContent.trim()]));
      const want = c.options.map((v) => [v, c.names && c.names[v] !== undefined ? c.names[v] : null]);
      const got = opts.map(([v, text]) => [v, want.find(([w, n]) => w === v && n !== null) ? text : null]);
      if (JSON.stringify(got.slice().sort()) !== JSON.stringify(want.slice().sort()))
        optionsBad.push(`${c.name}: options ${JSON.stringify(opts)}, wanted values/names ${JSON.stringify(want)}`);
    }
    ok(t, optionsBad.length === 0, `${T}: every select offers its levels or codes by display name`, optionsBad.join('\n'));
    const labelled = await page.evaluate(() => [...document.querySelectorAll('input, select')].every((e) =>
      e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.id && document.querySelector(`label[for="${e.id}"]`))));
    ok(t, labelled, `${T}: every control is labelled`);

    lap('controls');
    await checkPresets(page, entry, model, cols, cls, t, T);
    lap('presets');
    await checkRow(page, entry, model, cols, nums, t, T);
    lap('row');
    await checkMoves(page, model, cols, nums, cls, t, T);
    lap('moves');
    if (sels.length) await checkSelects(page, model, sels, t, T);
    lap('selects');
    await checkSummary(page, cols, t, T);

    lap('summary');
    // Text that is not a number (by the tools' grammar) is flagged, and
    // the last prediction stays.
    if (!nums.length) return;
    const kept = describe(await shown(page));
    const box = `x${nums[0].input}`;
    await page.fill(`#${box}`, '1,5');
    const flagged = await page.evaluate((id) => [document.getElementById(id).getAttribute('aria-invalid'),
      document.getElementById('status').textContent], box);
    ok(t, flagged[0] === 'true' && /Enter a number/.test(flagged[1]) && describe(await shown(page)) === kept,
      `${T}: '1,5' is flagged as not a number`, `aria-invalid=${flagged[0]}, status '${flagged[1]}'`);
    is(t, errors.join('\n'), '', `${T}: no console error, no failed request`);
  } finally {
    await page.close();
  }
}

// The architecture card and the held-out metrics say what the model
// file does (finf-inspect, the metadata).
async function checkModelText(page, model, cls, t, T) {
  const got = await page.evaluate(() => {
    const text = (s) => { const e = document.querySelector(s); return e ? e.textContent.replace(/\s+/g, ' ').trim() : ''; };
    return { norm: text('#arch-normaliser'), loss: text('#arch-loss'), layers: text('#arch-layers'), holdout: text('#holdout') };
  });
  const info = inspect(model);
  const linear = info.layers.filter((l) => l.kind === 'linear').map((l) => [l.in, l.out]);
  const shown = [...got.layers.matchAll(/(\d+)\s*(?:→|->|x|×)\s*(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  ok(t, got.norm === 'z-score' && got.loss === (cls ? 'cross-entropy' : 'mse') &&
    JSON.stringify(shown) === JSON.stringify(linear),
  `${T}: the architecture card names the normaliser, the loss and the layers (${linear.map((l) => l.join('→')).join(', ')})`,
  `#arch-normaliser '${got.norm}', #arch-loss '${got.loss}', #arch-layers '${got.layers}'`);
  const h = model.meta.holdout;
  if (h) {
    const rows = [String(h.rows), h.rows.toLocaleString('en-US')];
    ok(t, rows.some((r) => got.holdout.includes(r)) && /hold.?out|held.?out|split|test/i.test(got.holdout),
      `${T}: #holdout names the split and its ${h.rows} rows`, `#holdout: ${got.holdout}`);
  }
}

// Title, display names, the formatted prediction, #summary, the source
// and the description, as the catalog gives them.
async function checkCatalogText(page, entry, model, cls, t, T) {
  const got = await page.evaluate(() => {
    const text = (s) => { const e = document.querySelector(s); return e ? e.textContent.replace(/\s+/g, ' ').trim() : ''; };
    const a = document.querySelector('#source a[href]');
    const labels = {};
    for (const e of document.querySelectorAll('#features [data-column]')) {
      const l = e.id && document.querySelector(`label[for="${e.id}"]`);
      labels[e.dataset.column] = l ? l.textContent.replace(/\s+/g, ' ').trim() : (e.getAttribute('aria-label') || '');
    }
    return { title: document.title, h1: text('h1'), about: text('#about'), source: text('#source'),
      link: a ? a.getAttribute('href') : null, summary: text('#summary'), label: text('#pred-label'),
      cls: document.querySelector('#pred-label')?.dataset.class, value: text('#pred-value'),
      raw: document.querySelector('#pred-value')?.dataset.value,
      top: text('#probs li .p'), labels };
  });
  ok(t, got.title.includes(entry.title) && got.h1.includes(entry.title),
    `${T}: the title and the heading say '${entry.title}'`, `title '${got.title}', h1 '${got.h1}'`);
  const para = norm(entry.description[0]);
  ok(t, got.about.includes(para.slice(0, 60)), `${T}: #about holds the description`, `#about: ${got.about.slice(0, 200)}`);
  ok(t, got.link === entry.link && got.source.includes(norm(entry.licence)) && got.source.includes(norm(entry.source)),
    `${T}: #source links to ${entry.link} and names the source and the licence`, `#source: ${got.source} (href ${got.link})`);
  const badLabels = Object.entries(entry.columns).filter(([c, v]) => got.labels[c] !== undefined && !got.labels[c].includes(v.label))
    .map(([c, v]) => `${c}: label '${got.labels[c]}', wanted '${v.label}'`);
  ok(t, badLabels.length === 0, `${T}: every control is labelled with its display name`, badLabels.join('\n'));
  if (cls) {
    const name = entry.classes && entry.classes[got.cls] !== undefined ? entry.classes[got.cls] : got.cls;
    ok(t, got.label === name, `${T}: #pred-label shows the display name of class ${got.cls} ('${name}')`, `shows '${got.label}'`);
    ok(t, got.summary.includes(name) && got.summary.includes(got.top),
      `${T}: #summary shows the predicted class and its probability`, `#summary '${got.summary}', wanted '${name}' and '${got.top}'`);
  } else {
    const f = formatNumber(Number(got.raw), entry.target.format);
    ok(t, got.value === f, `${T}: #pred-value shows ${got.raw} as ${entry.target.format}`, `shows '${got.value}', wanted '${f}'`);
    ok(t, got.summary.includes(f), `${T}: #summary shows the formatted value`, `#summary '${got.summary}', wanted '${f}'`);
  }
}

// Every preset button is the catalog's preset, loads its values, and
// (unless a hard case) is predicted as its name says; the page agrees
// with finf-predict on the preset's raw values.
async function checkPresets(page, entry, model, cols, cls, t, T) {
  const buttons = page.locator('#presets button');
  const nb = await buttons.count();
  const info = await page.$$eval('#presets button', (bs) => bs.map((b) => ({
    text: b.innerText.replace(/\s+/g, ' ').trim(), expect: b.dataset.expect,
    hard: b.hasAttribute('data-hard'), title: b.getAttribute('title') || '' })));
  ok(t, nb >= 3 && nb <= 5, `${T}: ${nb} preset buttons (3 to 5)`);
  const want = entry.presets.map((p) => ({ name: p.name, expect: p.expect, hard: !!p.hard,
    title: p.source === 'made up' ? 'made up' : `${p.source} of ${entry.file}` }));
  const bad = want.map((w, k) => {
    const b = info[k];
    if (!b) return `no button for '${w.name}'`;
    const why = [];
    if (!b.text.includes(norm(w.name))) why.push(`text '${b.text}'`);
    if (b.expect !== w.expect) why.push(`data-expect '${b.expect}' (wanted '${w.expect}')`);
    if (b.hard !== w.hard) why.push(`data-hard ${b.hard ? 'set' : 'missing'}`);
    if (b.title !== w.title) why.push(`title '${b.title}' (wanted '${w.title}')`);
    return why.length ? `'${w.name}': ${why.join(', ')}` : null;
  }).filter((x) => x);
  if (info.length > want.length) bad.push(`${info.length - want.length} buttons more than the catalog's presets`);
  ok(t, bad.length === 0, `${T}: the buttons are the catalog's presets (name, data-expect, data-hard, title)`, bad.join('\n'));
  for (let b = 0; b < nb; b++) {
    const { text, expect, hard } = info[b];
    // The catalog's preset of that name (the longest name the text
    // holds: 'Gentoo' is in 'Heaviest bird, a 6.3 kg Gentoo' too).
    const preset = entry.presets.filter((p) => text.includes(norm(p.name)))
      .sort((a, c) => c.name.length - a.name.length)[0];
    if (hard) ok(t, /hard case/i.test(text), `${T}: the hard case '${text}' is labelled as one`);
    await buttons.nth(b).click();
    const s = await shown(page);
    if (!hard) {
      const good = cls ? s.cls === expect : meets(Number(s.raw), expect) === true;
      ok(t, good, `${T}: preset '${text}' is predicted as ${expect}`, `the page shows ${describe(s)}`);
    }
    if (preset) {
      // The controls show the preset's values (to the column's format),
      // and the page agrees with finf-predict on the raw values.
      const wrong = cols.map((c, k) => {
        const v = preset.values[c.name];
        const [col, box] = s.row[k] || [];
        if (v === undefined || col !== c.name) return `${c.name}: control ${col}`;
        if (c.select) return box === cellShown(c, v) ? null : `${c.name} shows '${box}' for '${v}'`;
        const d = decimalsOf(entry.columns[c.name] && entry.columns[c.name].format);
        const tol = d === null ? 1e-9 : 0.5 * Math.pow(10, -d) * (1 + 1e-9);
        return Math.abs(Number(box) - Number(v)) <= tol ? null : `${c.name} shows '${box}' for '${v}'`;
      }).filter((x) => x);
      const want = predict(model, cols.map((c) => [c.name, preset.values[c.name]]));
      ok(t, wrong.length === 0 && agrees(s, want, model.meta),
        `${T}: preset '${text}' loads its values and shows finf-predict's ${wanted(want)}`,
        [...wrong, `the page shows ${describe(s)}`].join('\n'));
    } else {
      ok(t, agrees(s, predict(model, s.row), model.meta), `${T}: preset '${text}' shows finf-predict's answer for the values it loads`,
        `the page shows ${describe(s)}`);
    }
  }
}

// A dataset row typed into the boxes and chosen in the selects gives
// finf-predict's answer for its raw cells, and the sliders follow.
async function checkRow(page, entry, model, cols, nums, t, T) {
  const rows = csvRows(model, entry);
  if (!rows) { t.diag(`${T}: no datasets (configure --with-datasets=DIR): row check skipped`); return; }
  const usable = rows.filter((r) => cols.every((c) => cellShown(c, r[c.name]) !== undefined));
  const row = usable[Math.floor(usable.length / 2)];
  const values = cols.map((c) => cellShown(c, row[c.name]));
  // The first value is typed, the others set as the input event would.
  if (nums.length) await page.fill(`#x${nums[0].input}`, row[nums[0].name]);
  await page.evaluate(([ids, v]) => v.forEach((text, i) => {
    const e = document.getElementById(ids[i]);
    e.value = text;
    e.dispatchEvent(new Event(e.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  }), [cols.map((c) => `x${c.input}`), values]);
  const s = await shown(page);
  const want = predict(model, cols.map((c) => [c.name, row[c.name]]));
  ok(t, agrees(s, want, model.meta), `${T}: a dataset row shows finf-predict's ${wanted(want)}`, `the page shows ${describe(s)}`);
  const slid = await page.evaluate((ids) => ids.map((id) => Number(document.getElementById(`${id}-range`)?.value)),
    nums.map((c) => `x${c.input}`));
  ok(t, nums.every((c, i) => {
    const [lo, hi] = model.meta.feature_ranges[c.input];
    const x = Math.min(hi, Math.max(lo, Number(row[c.name])));
    return Math.abs(slid[i] - x) <= (hi - lo) / 50 + 1e-9;
  }), `${T}: the sliders follow the row`, `sliders at ${slid.join(', ')}`);
}

// Moving sliders (from the keyboard: End, then Home, one slider after
// the other) changes every dynamic item of both panels; the moved
// feature's own cells change with it; the page still agrees with
// finf-predict.
async function checkMoves(page, model, cols, nums, cls, t, T) {
  const changed = new Set();
  let items = null, rowCells = null, agreeing = true, movedAny = false;
  for (let i = 0; i < nums.length; i++) {
    const c = nums[i];
    const feature = model.meta.feature_names[c.input];
    for (const key of ['End', 'Home']) {
      const before = await page.evaluate(contract.dynamics, { classification: cls, feature });
      const was = await page.inputValue(`#x${c.input}-range`);
      await page.focus(`#x${c.input}-range`);
      await page.keyboard.press(key);
      if (await page.inputValue(`#x${c.input}-range`) === was) continue;
      movedAny = true;
      const after = await page.evaluate(contract.dynamics, { classification: cls, feature });
      items = Object.keys(after);
      for (const k of items) if (after[k] !== null && after[k] !== before[k]) changed.add(k);
      if (rowCells === null) {
        rowCells = Object.keys(after).filter((k) => k.startsWith('the moved')).filter((k) => after[k] === null || after[k] === before[k]);
      }
      const s = await shown(page);
      if (!agrees(s, predict(model, s.row), model.meta)) agreeing = false;
    }
    if (items && items.every((k) => changed.has(k))) break;
  }
  ok(t, movedAny, `${T}: the sliders move from the keyboard`);
  if (!movedAny) return;
  ok(t, rowCells.length === 0, `${T}: moving a slider changes its feature's z, z-bar and range position`,
    `unchanged: ${rowCells.join(', ')}`);
  const still = items.filter((k) => !k.startsWith('the moved') && !changed.has(k));
  ok(t, still.length === 0, `${T}: moving sliders changes every dynamic item (${items.filter((k) => !k.startsWith('the moved')).join(', ')})`,
    `never changed: ${still.join(', ')}`);
  ok(t, agreeing, `${T}: after each move the page still agrees with finf-predict`);
}

// Choosing another option of a select changes the prediction, and the
// page agrees with finf-predict given that option.
async function checkSelects(page, model, sels, t, T) {
  const start = await shown(page);
  let chose = null;
  for (const c of sels) {
    const was = await page.inputValue(`#x${c.input}`);
    for (const l of c.options) {
      if (l === was) continue;
      await page.selectOption(`#x${c.input}`, l);
      const after = await shown(page);
      if (describe(after) !== describe(start)) { chose = [c, l, after]; break; }
    }
    if (chose) break;
    await page.selectOption(`#x${c.input}`, was);
  }
  ok(t, chose !== null, `${T}: choosing another option of a select changes the prediction`);
  if (chose) {
    const [c, l, after] = chose;
    ok(t, after.features !== start.features, `${T}: ${c.name} = ${l} sets its inputs (the input table changes)`);
    const want = predict(model, after.row);
    ok(t, agrees(after, want, model.meta), `${T}: with ${c.name} = ${l} the page agrees with finf-predict's ${wanted(want)}`,
      `the page shows ${describe(after)}`);
  }
}

// #summary stays in the viewport while the last input of the form is
// dragged with the mouse (or, a select, stepped through its options),
// and its text follows.
async function checkSummary(page, cols, t, T) {
  const last = await page.evaluate(() => {
    const cs = [...document.querySelectorAll('#features [data-column]')];
    const e = cs[cs.length - 1];
    return e ? { id: e.id, select: e.tagName === 'SELECT' } : null;
  });
  if (!ok(t, last !== null, `${T}: the form has a last input`)) return;
  const out = [];
  const inView = async (when) => {
    const b = await page.evaluate(contract.summaryBox);
    if (!b) { out.push(`${when}: no #summary`); return null; }
    if (!b.visible || b.width < 1 || b.height < 1 || b.top < -0.5 || b.left < -0.5 ||
        b.bottom > b.vh + 0.5 || b.right > b.vw + 0.5)
      out.push(`${when}: #summary at ${b.left.toFixed(0)},${b.top.toFixed(0)}–${b.right.toFixed(0)},${b.bottom.toFixed(0)}` +
        ` in a ${b.vw}x${b.vh} viewport${b.visible ? '' : ', invisible'}`);
    return b.text;
  };
  let first, text;
  if (last.select) {
    await page.locator(`#${last.id}`).scrollIntoViewIfNeeded();
    first = await inView('scrolled to the last input');
    const opts = await page.$$eval(`#${last.id} option`, (os) => os.map((o) => o.value));
    for (const v of [...opts, ...opts]) {
      await page.selectOption(`#${last.id}`, v);
      text = await inView(`option ${v}`);
    }
    // Back and forth through the options: end on one that differs.
    for (const v of opts) {
      await page.selectOption(`#${last.id}`, v);
      text = await inView(`option ${v}`);
      if (text !== first) break;
    }
  } else {
    // Drag slider @id from end to end, reading #summary at each step.
    const drag = async (id, what) => {
      const range = page.locator(`#${id}-range`);
      await range.scrollIntoViewIfNeeded();
      const box = await range.boundingBox();
      const y = box.y + box.height / 2;
      const hit = await page.evaluate(([x, yy, i]) => document.elementFromPoint(x, yy)?.id === `${i}-range`,
        [box.x + 4, y, id]);
      if (!hit) out.push(`the ${what} slider (#${id}-range) is covered where the mouse grabs it`);
      await page.mouse.move(box.x + 4, y);
      await page.mouse.down();
      const STEPS = 8;
      for (let k = 1; k <= STEPS; k++) {
        await page.mouse.move(box.x + 4 + (box.width - 8) * k / STEPS, y, { steps: 2 });
        text = await inView(`${what} slider, drag step ${k}`);
      }
      await page.mouse.up();
    };
    await page.locator(`#${last.id}-range`).scrollIntoViewIfNeeded();
    first = await inView('scrolled to the last input');
    await drag(last.id, 'last');
    // A calibrated model can be sure of its answer over the last input's
    // whole range (penguins: Gentoo at 100.0 %); the other sliders, in
    // order, then show that the text follows the inputs all the same.
    const others = await page.evaluate(() => [...document.querySelectorAll('#features input[type=range]')]
      .map((e) => e.id.replace(/-range$/, '')));
    for (const id of others) {
      if (text !== first) break;
      if (id !== last.id) await drag(id, `#${id}`);
    }
  }
  ok(t, out.length === 0, `${T}: #summary stays in the viewport while the last input (${last.id}) moves`, out.join('\n'));
  ok(t, text !== undefined && text !== first, `${T}: #summary's text follows the last input`,
    `before '${first}', after '${text}'`);
}

// Run @tasks (functions of a buffer) @jobs at a time; print each one's
// lines as soon as it and all before it are done.
async function pool(tasks, jobs) {
  const bufs = tasks.map(() => tap.buffer());
  const done = tasks.map(() => false);
  let next = 0, printed = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const k = next++;
      const t0 = Date.now();
      try {
        await tasks[k](bufs[k]);
      } catch (e) {
        bufs[k].ok(false, `${tasks[k].what}: ran to the end`);
        bufs[k].diag(e && e.stack ? e.stack : String(e));
      }
      if (process.env.FERRUM_WEB_TIMES) bufs[k].diag(`${tasks[k].what}: ${Date.now() - t0} ms`);
      done[k] = true;
      while (printed < tasks.length && done[printed]) tap.flush(bufs[printed++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
}

tap.run(async () => {
  const models = new Map(cat.entries.map((e) => [e.name, pageModel(e.name, tmp)]));
  const browser = await launch(process.env.CHROMIUM || '/usr/bin/chromium');
  const server = await serve(site);
  const started = Date.now();
  try {
    const tasks = [];
    // FERRUM_WEB_ONLY='iris housing': those pages only (while working on them).
    const only = process.env.FERRUM_WEB_ONLY ? process.env.FERRUM_WEB_ONLY.split(/\s+/) : null;
    const add = (what, f) => { f.what = what; tasks.push(f); };
    for (const [mode, base] of [['served', server.url], ['file', `file://${site}/`]]) {
      for (const vp of VIEWPORTS) {
        add(`${mode} ${vp[0]} index`, (t) => checkIndex(browser, base, mode, vp, models, t));
        for (const entry of cat.entries.filter((e) => !only || only.includes(e.name)))
          add(`${mode} ${vp[0]} ${entry.name}`, (t) => checkPage(browser, base, mode, vp, entry, models.get(entry.name), t));
      }
    }
    await pool(tasks, JOBS);
  } finally {
    await server.close();
    await browser.close();
  }
  tap.diag(`${((Date.now() - started) / 1000).toFixed(1)} s in the browser, ${JOBS} pages at a time`);
});
