// browser.js: the demo site built by `make web`, in headless Chromium
// (playwright-core), served on 127.0.0.1 and opened from file://.
// SPDX-License-Identifier: MIT
//
// Expectations come from outside the page: the model bytes are taken out
// of each page and run through the native bin/finf-predict, given the raw
// cells of the page's columns; rows come from the dataset CSV files
// ($FERRUM_DATASETS, the file each page names); the features and the
// schema from the model file's own metadata, read here byte by byte (the
// columns of the schema by web/ferrum.js's schemaColumns, which the page
// uses too).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');
const { ok, is, diag, run } = require('./tap.js');
const { serve, launch } = require('./serve.js');

const top = process.env.top_builddir || '.';
const srcdir = process.env.top_srcdir || '.';
const site = path.resolve(top, 'web', 'site');
const tmp = process.env.T || fs.mkdtempSync('/tmp/ferrum-web-');
const datasets = process.env.FERRUM_DATASETS;
const { schemaColumns, levelOf } = require(path.resolve(srcdir, 'web', 'ferrum.js'));
const names = fs.readFileSync(path.join(srcdir, 'web', 'datasets.txt'), 'utf8').split('\n')
  .map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter((l) => l !== '');

// The model a page embeds, written to $T for finf-predict, and its
// metadata straight from the FINF v3 header.
function pageModel(name) {
  const html = fs.readFileSync(path.join(site, `${name}.html`), 'utf8');
  const m = /var FERRUM_PAGE = (\{.*?\});<\/script>/s.exec(html);
  const data = JSON.parse(m[1]);
  const bytes = zlib.gunzipSync(Buffer.from(data.model, 'base64'));
  const file = path.join(tmp, `${name}.finf`);
  fs.writeFileSync(file, bytes);
  const normLen = bytes.readUInt32LE(8);
  const metaLen = bytes.readUInt32LE(12 + normLen);
  const meta = JSON.parse(bytes.subarray(16 + normLen, 16 + normLen + metaLen).toString('utf8'));
  return { file, meta, data };
}

// finf-predict --json for one row given as [column, text] pairs (the
// model's features, or with a schema its source columns, any order).
const quote = (t) => (/[",\n\r]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
function predict(model, pairs) {
  const csv = path.join(tmp, 'row.csv');
  fs.writeFileSync(csv, `${pairs.map(([c]) => quote(c)).join(',')}\n${pairs.map(([, t]) => quote(t)).join(',')}\n`);
  const r = spawnSync(path.join(top, 'bin', 'finf-predict'), ['--json', model.file, csv],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`finf-predict: ${r.stderr} for ${pairs.join(' ')}`);
  return JSON.parse(r.stdout);
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
// header name.
function csvRows(model) {
  if (!datasets) return null;
  const file = path.join(datasets, model.data.file || `${model.data.name}.csv`);
  if (!fs.existsSync(file)) return null;
  const [header, ...rows] = records(fs.readFileSync(file, 'utf8'));
  return rows.map((f) => Object.fromEntries(header.map((h, i) => [h, f[i]])));
}

// The page's controls as the test expects them: the schema's columns, or
// one per feature.
function controls(model) {
  return schemaColumns(model.meta) ||
    model.meta.feature_names.map((name, input) => ({ name, kind: 'numeric', input }));
}

// What the page's control for @c shows for the CSV cell @t (a level for a
// categorical column), or undefined when the page cannot show it (a gap).
const cellShown = (c, t) => (c.levels ? levelOf(c, t)
  : t !== undefined && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(t) ? t : undefined);

// What the page shows: the prediction as text, and the panels.
async function shown(page) {
  return page.evaluate(() => {
    const text = (sel) => { const e = document.querySelector(sel); return e ? e.textContent : null; };
    return {
      label: text('#pred-label'),
      value: text('#pred-value'),
      probs: [...document.querySelectorAll('#probs li')].map((li) =>
        [li.dataset.label, li.querySelector('.p').textContent]),
      features: text('#features-table tbody'),
      report: text('#report'),
      boxes: [...document.querySelectorAll('#features input[type=text]')].map((e) => e.value),
      row: [...document.querySelectorAll('#features [data-column]')].map((e) => [e.dataset.column, e.value]),
      status: text('#status'),
    };
  });
}

// The page agrees with finf-predict to the precision it displays.
function agrees(s, want) {
  if (want.type === 'regression') {
    if (s.value === null) return false;
    const dec = (s.value.split('.')[1] || '').length;
    return Math.abs(Number(s.value) - want.value) <= 0.5 * Math.pow(10, -dec) * (1 + 1e-9);
  }
  return s.label === want.label && s.probs.length === want.probabilities.length &&
    s.probs.every(([, t], k) => /^\d+\.\d %$/.test(t) &&
      Math.abs(parseFloat(t) - 100 * want.probabilities[k]) <= 0.05 + 1e-9);
}

const describe = (s) => (s.value !== null ? s.value : `${s.label} ${s.probs.map((p) => p[1]).join(' / ')}`);

async function checkPage(browser, base, name, mode) {
  const model = pageModel(name);
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
  await page.goto(`${base}${name}.html`);
  await page.waitForSelector('#app:not([hidden])', { timeout: 10000 }).catch(() => null);
  const t = `${mode} ${name}`;
  const nf = model.meta.feature_names.length;
  const cols = controls(model);
  const nums = cols.filter((c) => !c.levels), cats = cols.filter((c) => c.levels);
  is(await page.locator('#features input[type=range]').count(), nums.length,
    `${t}: one slider per numeric ${cols.length === nf ? 'feature' : 'column'} (${nums.length})`);
  is(await page.locator('#features select').count(), cats.length,
    `${t}: one select per categorical column (${cats.length})`);
  for (const c of cats) {
    const options = await page.$$eval(`#x${c.input} option`, (os) => os.map((o) => o.value));
    is(options.join(' / '), c.levels.join(' / '), `${t}: ${c.name} offers its stored levels`);
  }
  const labelled = await page.evaluate(() => [...document.querySelectorAll('input, select')].every((e) =>
    e.getAttribute('aria-label') || (e.id && document.querySelector(`label[for="${e.id}"]`))));
  ok(labelled, `${t}: every control is labelled`);

  // A dataset row typed into the boxes and chosen in the selects gives
  // finf-predict's answer for its raw cells.
  const rows = csvRows(model);
  if (rows) {
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
    ok(agrees(s, want), `${t}: a dataset row shows finf-predict's ${want.label || want.value}: ${describe(s)}`);
    const slid = await page.evaluate((ids) => ids.map((id) => Number(document.getElementById(`${id}-range`).value)),
      nums.map((c) => `x${c.input}`));
    ok(nums.every((c, i) => {
      const [lo, hi] = model.meta.feature_ranges[c.input];
      const x = Math.min(hi, Math.max(lo, Number(row[c.name])));
      return Math.abs(slid[i] - x) <= (hi - lo) / 50 + 1e-9;
    }), `${t}: the sliders follow the row`);
  } else {
    diag(`${t}: no datasets (configure --with-datasets=DIR): row check skipped`);
  }

  // Moving one slider (from the keyboard) changes the prediction and both
  // panels, and the page still agrees with finf-predict.
  const before = await shown(page);
  let moved = null;
  for (let i = 0; i < nums.length && moved === null; i++) {
    for (const key of ['End', 'Home']) {
      await page.focus(`#x${nums[i].input}-range`);
      await page.keyboard.press(key);
      const after = await shown(page);
      if (describe(after) !== describe(before)) { moved = [i, after]; break; }
    }
  }
  ok(moved !== null, `${t}: moving a slider changes the prediction`);
  if (moved) {
    const [i, after] = moved;
    ok(after.features !== before.features && after.report !== before.report,
      `${t}: moving ${nums[i].name} changes both panels`);
    ok(agrees(after, predict(model, after.row)), `${t}: after the move the page still agrees with finf-predict`);
  }

  // Choosing another level of a categorical column changes the prediction,
  // and the page agrees with finf-predict given that level.
  if (cats.length) {
    const start = await shown(page);
    let chose = null;
    for (const c of cats) {
      const was = await page.inputValue(`#x${c.input}`);
      for (const l of c.levels) {
        if (l === was) continue;
        await page.selectOption(`#x${c.input}`, l);
        const after = await shown(page);
        if (describe(after) !== describe(start)) { chose = [c, l, after]; break; }
      }
      if (chose) break;
      await page.selectOption(`#x${c.input}`, was);
    }
    ok(chose !== null, `${t}: choosing another level in a select changes the prediction`);
    if (chose) {
      const [c, l, after] = chose;
      ok(after.features !== start.features,
        `${t}: ${c.name} = ${l} sets its inputs (the input table changes)`);
      ok(agrees(after, predict(model, after.row)),
        `${t}: with ${c.name} = ${l} the page agrees with finf-predict: ${describe(after)}`);
    }
  }

  // Presets load real rows of the dataset.
  const buttons = page.locator('#presets button');
  const nb = await buttons.count();
  ok(nb >= 2, `${t}: ${nb} preset buttons`);
  for (let b = 0; b < nb; b++) {
    await buttons.nth(b).click();
    const s = await shown(page);
    const title = await buttons.nth(b).getAttribute('title');
    const m = /^row (\d+) of/.exec(title || '');
    let good = agrees(s, predict(model, s.row));
    if (rows && m) good = good && s.row.every(([name, v], k) => v === cellShown(cols[k], rows[Number(m[1]) - 1][name]));
    ok(good, `${t}: preset '${await buttons.nth(b).textContent()}' loads its row and its prediction`);
  }
  // Text that is not a number (by the tools' grammar) is flagged, and the
  // last prediction stays.
  const kept = describe(await shown(page));
  const box = `x${nums[0].input}`;
  await page.fill(`#${box}`, '1,5');
  const flagged = await page.evaluate((id) => [document.getElementById(id).getAttribute('aria-invalid'),
    document.getElementById('status').textContent], box);
  ok(flagged[0] === 'true' && /Enter a number/.test(flagged[1]) && describe(await shown(page)) === kept,
    `${t}: '1,5' is flagged as not a number`);
  is(errors.join('\n'), '', `${t}: no console error`);
  await page.close();
  return page;
}

run(async () => {
  const browser = await launch(process.env.CHROMIUM || '/usr/bin/chromium');
  const server = await serve(site);
  try {
    for (const [mode, base] of [['served', server.url], ['file', `file://${site}/`]]) {
      const page = await browser.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(`${base}index.html`);
      const links = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
      is(links.sort().join(' '), names.map((n) => `${n}.html`).sort().join(' '),
        `${mode}: the index links to all ${names.length} pages`);
      is(errors.join('\n'), '', `${mode}: the index loads with no console error`);
      await page.close();
      for (const name of names) await checkPage(browser, base, name, mode);
    }
    // Pictures for people to look at.
    for (const [name, width] of [['iris', 1200], ['housing', 1200], ['wine', 390]]) {
      if (!names.includes(name)) continue;
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${server.url}${name}.html`);
      await page.waitForSelector('#app:not([hidden])');
      const file = path.join(top, 'web', `screenshot-${name}${width < 600 ? '-phone' : ''}.png`);
      await page.screenshot({ path: file, fullPage: true });
      ok(fs.statSync(file).size > 10000, `screenshot ${path.basename(file)}`);
      await page.close();
    }
  } finally {
    await server.close();
    await browser.close();
  }
});
