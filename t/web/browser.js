// browser.js: the demo site built by `make web`, in headless Chromium
// (playwright-core), served on 127.0.0.1 and opened from file://.
// SPDX-License-Identifier: MIT
//
// Expectations come from outside the page: the model bytes are taken out
// of each page and run through the native bin/finf-predict; rows come from
// the dataset CSV files ($FERRUM_DATASETS); the feature count from the
// model file's own metadata, read here byte by byte.
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
const names = fs.readFileSync(path.join(srcdir, 'web', 'datasets.txt'), 'utf8').split('\n')
  .map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '');

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

// finf-predict --json for one row of feature texts in model order.
function predict(model, values) {
  const csv = path.join(tmp, 'row.csv');
  fs.writeFileSync(csv, `${model.meta.feature_names.join(',')}\n${values.join(',')}\n`);
  const r = spawnSync(path.join(top, 'bin', 'finf-predict'), ['--json', model.file, csv],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`finf-predict: ${r.stderr} for ${values.join(",")}`);
  return JSON.parse(r.stdout);
}

// Data rows of a dataset CSV as objects keyed by header name.
function csvRows(name) {
  if (!datasets) return null;
  const file = path.join(datasets, `${name}.csv`);
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',').map((s) => s.trim());
  return lines.slice(1).map((l) => {
    const f = l.split(',').map((s) => s.trim());
    return Object.fromEntries(header.map((h, i) => [h, f[i]]));
  });
}

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
  is(await page.locator('#features input[type=range]').count(), nf, `${t}: one slider per feature (${nf})`);
  const labelled = await page.evaluate(() => [...document.querySelectorAll('input')].every((e) =>
    e.getAttribute('aria-label') || (e.id && document.querySelector(`label[for="${e.id}"]`))));
  ok(labelled, `${t}: every control is labelled`);

  // A dataset row typed into the boxes gives finf-predict's answer.
  const rows = csvRows(name);
  if (rows) {
    const row = rows[Math.floor(rows.length / 2)];
    const values = model.meta.feature_names.map((f) => row[f]);
    // The first value is typed, the others set as the input event would.
    await page.fill('#x0', values[0]);
    await page.evaluate((v) => v.forEach((t, i) => {
      const e = document.getElementById(`x${i}`);
      e.value = t;
      e.dispatchEvent(new Event('input', { bubbles: true }));
    }), values);
    const s = await shown(page);
    const want = predict(model, values);
    ok(agrees(s, want), `${t}: a dataset row shows finf-predict's ${want.label || want.value}: ${describe(s)}`);
    const slid = await page.evaluate(() => [...document.querySelectorAll('#features input[type=range]')]
      .map((e) => Number(e.value)));
    ok(slid.every((v, i) => {
      const [lo, hi] = model.meta.feature_ranges[i];
      const x = Math.min(hi, Math.max(lo, Number(values[i])));
      return Math.abs(v - x) <= (hi - lo) / 50 + 1e-9;
    }), `${t}: the sliders follow the row`);
  } else {
    diag(`${t}: no datasets (configure --with-datasets=DIR): row check skipped`);
  }

  // Moving one slider (from the keyboard) changes the prediction and both
  // panels, and the page still agrees with finf-predict.
  const before = await shown(page);
  let moved = null;
  for (let i = 0; i < nf && moved === null; i++) {
    for (const key of ['End', 'Home']) {
      await page.focus(`#x${i}-range`);
      await page.keyboard.press(key);
      const after = await shown(page);
      if (describe(after) !== describe(before)) { moved = [i, after]; break; }
    }
  }
  ok(moved !== null, `${t}: moving a slider changes the prediction`);
  if (moved) {
    const [i, after] = moved;
    ok(after.features !== before.features && after.report !== before.report,
      `${t}: moving ${model.meta.feature_names[i]} changes both panels`);
    ok(agrees(after, predict(model, after.boxes)), `${t}: after the move the page still agrees with finf-predict`);
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
    let good = agrees(s, predict(model, s.boxes));
    if (rows && m) good = good && s.boxes.join(',') ===
      model.meta.feature_names.map((f) => rows[Number(m[1]) - 1][f]).join(',');
    ok(good, `${t}: preset '${await buttons.nth(b).textContent()}' loads its row and its prediction`);
  }
  // Text that is not a number (by the tools' grammar) is flagged, and the
  // last prediction stays.
  const kept = describe(await shown(page));
  await page.fill('#x0', '1,5');
  const flagged = await page.evaluate(() => [document.getElementById('x0').getAttribute('aria-invalid'),
    document.getElementById('status').textContent]);
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
