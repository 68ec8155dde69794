// train.js: the "Your data" page (train.html) of the site `make web`
// builds, in headless Chromium (playwright-core), served on 127.0.0.1 and
// opened from file://: tables given by the file input, a drop and the text
// box are trained in the page and the models it saves are compared byte
// for byte with finf-train's for the same file and options (hidden
// layers and a numeric encoding among them); a long
// training is stopped and the kept model opened; the original engine's
// golden models are opened and predict their expected outputs; a file over
// the page's limit is refused with the limit; axe-core finds nothing
// serious; no console error; the page answers a click while it trains.
// SPDX-License-Identifier: MIT
//
// Environment (t/953-web-train.t): top_builddir, top_srcdir, T (a
// scratch directory), CHROMIUM, FERRUM_DATASETS (raw/titanic.csv and
// housing.csv; without it those parts are skipped, saying so),
// FERRUM_TESTDATA (the golden models; the same).
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const path = require('path');
const { spawnSync } = require('child_process');
const tap = require('./tap.js');
const { serve, launch } = require('./serve.js');
const axe = require('./axe.js');

const top = process.env.top_builddir || '.';
const srcdir = process.env.top_srcdir || '.';
const site = path.resolve(top, 'web', 'site');
const tmp = process.env.T || fs.mkdtempSync('/tmp/ferrum-train-');
const datasets = process.env.FERRUM_DATASETS || '';
const testdata = process.env.FERRUM_TESTDATA || '';
const bin = (p) => path.join(top, 'bin', p);
const TIMEOUT = 120000;

// A native command: its status, stdout and stderr.
function run(prog, args, input) {
  const r = spawnSync(bin(prog), args, { input: input === undefined ? undefined : Buffer.from(input), maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

// finf-train's model and JSON report for @file (or @input on stdin) with @args.
let made = 0;
function finfTrain(file, args, input) {
  const out = path.join(tmp, `native-${++made}.finf`);
  const r = run('finf-train', ['-o', out, '--report=json', ...args, ...(file ? [file] : [])], input);
  if (r.status !== 0) throw new Error(`finf-train ${args.join(' ')} ${file || '-'}: ${r.stderr}`);
  return { bytes: fs.readFileSync(out), report: JSON.parse(r.stdout.toString()) };
}

// The first byte where two buffers differ, for a diagnostic.
function firstDiff(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function checkSame(t, got, want, what) {
  const same = Buffer.compare(got, want) === 0;
  t.ok(same, `${what}: the saved model is byte-identical to finf-train's (${want.length} bytes)`);
  if (!same) t.diag(`  page ${got.length} bytes, finf-train ${want.length} bytes, first difference at byte ${firstDiff(got, want)}`);
}

// A page that records console errors, exceptions and failed requests.
async function openPage(browser, url, viewport) {
  const page = await browser.newPage({ viewport: viewport || { width: 1280, height: 800 }, acceptDownloads: true });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`exception: ${e}`));
  page.on('requestfailed', (r) => errors.push(`failed request: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('body[data-trainer=ready]', { timeout: 30000 });
  return { page, errors, requests };
}

const text = (page, sel) => page.$eval(sel, (e) => e.textContent.replace(/\s+/g, ' ').trim());

// Wait for the page to show a model (trained or opened); the attribute
// is cleared first, so that an earlier model does not count.
async function clearModel(page) {
  await page.evaluate(() => { delete document.body.dataset.model; });
}
async function waitModel(page, kind) {
  await page.waitForFunction((k) => document.body.dataset.model === k ||
    document.getElementById('train-status').classList.contains('error'), kind, { timeout: TIMEOUT });
  const st = await text(page, '#train-status');
  if (await page.evaluate(() => document.getElementById('train-status').classList.contains('error')))
    throw new Error(`the page says: ${st}`);
}

// Wait for the columns of the current table (or an error).
async function waitColumns(page) {
  await page.waitForFunction(() => {
    const tp = window.ferrumTrain;
    return (tp && tp.described && !tp.describing) || document.getElementById('train-status').classList.contains('error');
  }, null, { timeout: TIMEOUT });
}

// The Download link's bytes, through the browser's download.
async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const file = path.join(tmp, `page-${++made}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file), file };
}

// The report's cells against finf-train's JSON report: every number the
// same double.
async function checkReport(t, page, want, what) {
  const cells = await page.$$eval('#report-table tbody tr', (rows) => rows.map((r) => ({
    k: r.dataset.measure, v: [...r.querySelectorAll('td')].map((td) => td.dataset.value) })));
  const keys = want.task === 'classification' ? ['accuracy', 'macro_f1', 'log_loss'] : ['rmse', 'mae', 'r2'];
  const bad = keys.filter((k) => {
    const c = cells.find((x) => x.k === k);
    return !c || Number(c.v[0]) !== want.holdout[k] || Number(c.v[1]) !== want.train[k];
  });
  t.ok(bad.length === 0, `${what}: the held-out report shows finf-train --report's ${keys.join(', ')} (held out and training rows)`);
  if (bad.length) t.diag(`  page ${JSON.stringify(cells)}\n  finf-train holdout ${JSON.stringify(want.holdout)} train ${JSON.stringify(want.train)}`);
  const note = await text(page, '#train-report');
  t.ok(note.includes(`${want.holdout_rows} of ${want.rows.toLocaleString('en-US')} rows`) || note.includes(`${want.holdout_rows.toLocaleString('en-US')} of ${want.rows.toLocaleString('en-US')} rows`),
    `${what}: the report names the held-out rows (${want.holdout_rows} of ${want.rows})`);
}

// The columns table against finf-train's report of the columns.
async function checkColumns(t, page, want, what) {
  const got = await page.$$eval('#columns tbody tr', (rows) => rows.map((r) => `${r.dataset.column}:${r.dataset.kind}`));
  const exp = want.columns.map((c) => `${c.name}:${c.kind}`);
  t.is(got.join(' '), exp.join(' '), `${what}: the columns and their kinds are finf-train's`);
}

// Train what the page has, wait, download: the bytes and the name.
async function trainAndSave(page) {
  await clearModel(page);
  await page.click('#train');
  await waitModel(page, 'trained');
  return download(page);
}

// Set a file on the page by a synthetic drop event on the drop zone.
async function drop(page, file) {
  const b64 = fs.readFileSync(file).toString('base64');
  await page.evaluate(([data, name]) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: 'text/csv' }));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [b64, path.basename(file)]);
}

async function scan(t, page, what) {
  await axe.scan(page, (found, scheme) => {
    t.ok(found.length === 0, `${what}: axe-core finds no serious or critical violation in ${scheme}`);
    for (const v of found) t.diag(`  ${scheme}: ${v}`);
  });
}

// The Page shows finf-predict's answer for the row in its controls.
async function checkPrediction(t, page, model, what) {
  const row = await page.$$eval('#features [data-column]', (es) => es.map((e) => [e.dataset.column, e.value]));
  const csv = path.join(tmp, `row-${++made}.csv`);
  const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  fs.writeFileSync(csv, `${row.map(([c]) => q(c)).join(',')}\n${row.map(([, v]) => q(v)).join(',')}\n`);
  const r = run('finf-predict', ['--json', model, csv]);
  if (r.status !== 0) {
    t.ok(false, `${what}: finf-predict reads the row the page shows`);
    t.diag(r.stderr);
    return;
  }
  const want = JSON.parse(r.stdout.toString());
  const shown = await page.evaluate(() => {
    const v = document.querySelector('#pred-value');
    const l = document.querySelector('#pred-label');
    return { value: v ? v.dataset.value : null, label: l ? l.dataset.class : null,
      classes: window.ferrumPage.meta.class_names,
      probs: [...document.querySelectorAll('#probs li')].map((li) => [li.dataset.label, li.querySelector('.p').textContent]) };
  });
  let good;
  if (want.type === 'regression') good = shown.value !== null && Math.fround(Number(shown.value)) === Math.fround(want.value);
  else good = shown.label === want.label && want.probabilities.every((p, k) => {
    const s = shown.probs.find(([l]) => l === shown.classes[k]);
    return s && Math.abs(parseFloat(s[1]) - 100 * p) <= 0.05 + 1e-9;
  });
  t.ok(good, `${what}: the page predicts what finf-predict does for the row in its controls`);
  if (!good) t.diag(`  page ${JSON.stringify(shown)}\n  finf-predict ${r.stdout}`);
}

// The Page's controls set to @values (text per control, in order).
async function setRow(page, values) {
  await page.evaluate((v) => {
    const es = [...document.querySelectorAll('#features [data-column]')];
    es.forEach((e, i) => {
      e.value = v[i];
      e.dispatchEvent(new Event(e.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    });
  }, values);
}

async function checkMode(browser, mode, base) {
  const t = tap;
  const T = `${mode}`;
  const { page, errors, requests } = await openPage(browser, `${base}train.html`);
  try {
    t.ok(true, `${T}: train.html starts its trainer`);
    await scan(t, page, `${T} train.html, empty`);
    const markers = /\[([^\]]*NaN[^\]]*)\]/.exec(run('finf-train', ['--help']).stdout.toString());
    t.is(await page.getAttribute('#na', 'placeholder'), markers && markers[1],
      `${T}: the missing markers' placeholder is finf-train's default list`);

    // 1. iris from the file input, default options.
    const iris = path.join(srcdir, 'examples', 'iris.csv');
    const native = finfTrain(iris, []);
    await page.setInputFiles('#file', iris);
    await waitColumns(page);
    await checkColumns(t, page, native.report, `${T} iris.csv`);
    const saved = await trainAndSave(page);
    t.is(saved.name, 'iris.finf', `${T} iris.csv: the download is named iris.finf`);
    checkSame(t, saved.bytes, native.bytes, `${T} iris.csv (file input)`);
    await checkReport(t, page, native.report, `${T} iris.csv`);
    await checkPrediction(t, page, saved.file, `${T} iris.csv`);
    await scan(t, page, `${T} train.html, trained`);

    // 1b. The same file with Hidden layers and Numeric encoding: the
    // bytes of finf-train --layers and --encode; a bad value is refused
    // with finf-train's own message.
    await page.evaluate(() => { document.getElementById('more').open = true; });
    const setField = async (id, v) => {
      await page.fill(id, v);
      await page.press(id, 'Tab');
      await waitColumns(page);
    };
    for (const [layers, encode] of [['16,8', 'ple:4'], ['', 'ple:3:petal_length,sepal_width'], ['12,6,3', 'none']]) {
      await setField('#layers', layers);
      await setField('#encode', encode);
      const args = [...(layers ? [`--layers=${layers}`] : []), ...(encode ? [`--encode=${encode}`] : [])];
      const sv = await trainAndSave(page);
      checkSame(t, sv.bytes, finfTrain(iris, args).bytes, `${T} iris.csv, Hidden layers '${layers}', Numeric encoding '${encode}' (${args.join(' ')})`);
      if (layers === '16,8') await checkPrediction(t, page, sv.file, `${T} iris.csv ${args.join(' ')}`);
    }
    // Effort high (with the fields above empty again): finf-train
    // --effort=high's bytes.
    await setField('#layers', '');
    await setField('#encode', '');
    await page.selectOption('#effort', 'high');
    await waitColumns(page);
    checkSame(t, (await trainAndSave(page)).bytes, finfTrain(iris, ['--effort=high']).bytes,
      `${T} iris.csv, Effort 'high' (--effort=high)`);
    await page.selectOption('#effort', '');
    await waitColumns(page);
    for (const [id, v, flag] of [['#layers', '16,,8', '--layers=16,,8'], ['#encode', 'plx', '--encode=plx']]) {
      await setField(id, v);
      const msg = await text(page, '#train-status');
      const cli = run('finf-train', ['-q', flag, '-o', path.join(tmp, 'x.finf'), iris]);
      const want = cli.stderr.split('\n')[0].replace(/^finf-train: /, '');
      t.ok(cli.status === 2 && msg.includes(want) && await page.$eval('#train', (b) => b.disabled),
        `${T}: ${id.slice(1)} '${v}' is refused with finf-train's message, and Train waits`);
      if (!msg.includes(want)) t.diag(`  the page says '${msg}', finf-train '${want}'`);
      await setField(id, '');
    }
    await scan(t, page, `${T} train.html, more options open`);
    await page.evaluate(() => { document.getElementById('more').open = false; });

    // 2. A raw file with strings and gaps, dropped; target, an ignored
    // column and a seed chosen on the page.
    const raw = datasets && path.join(datasets, 'raw', 'titanic.csv');
    if (raw && fs.existsSync(raw)) {
      const want = finfTrain(raw, ['-t', 'Survived', '-x', 'Fare', '-s', '7']);
      await drop(page, raw);
      await waitColumns(page);
      await page.selectOption('#target', 'Survived');
      await waitColumns(page);
      await page.check('#columns tr[data-column="Fare"] input[aria-label^="Ignore"]');
      await waitColumns(page);
      await page.fill('#seed', '7');
      await page.press('#seed', 'Tab');
      await waitColumns(page);
      await checkColumns(t, page, want.report, `${T} raw/titanic.csv -t Survived -x Fare -s 7`);
      const s2 = await trainAndSave(page);
      t.is(s2.name, 'titanic.finf', `${T} raw/titanic.csv: the download is named titanic.finf`);
      checkSame(t, s2.bytes, want.bytes, `${T} raw/titanic.csv, dropped, -t Survived -x Fare -s 7`);
      await checkReport(t, page, want.report, `${T} raw/titanic.csv`);
      await checkPrediction(t, page, s2.file, `${T} raw/titanic.csv`);
    } else {
      t.diag(`${T}: no raw/titanic.csv (configure --with-datasets=DIR): the raw file is not checked`);
    }

    // 3. A long training, stopped after a few epochs: the kept model
    // loads (finf-inspect --check, Open model) and predicts.  Meanwhile
    // the page answers a click at once.
    const housing = datasets && path.join(datasets, 'housing.csv');
    if (housing && fs.existsSync(housing)) {
      await page.setInputFiles('#file', housing);
      await waitColumns(page);
      await page.click('#more > summary');
      // Wide and long enough that early stopping cannot end it before
      // the clicks below, however busy the machine.
      await page.fill('#epochs', '5000');
      await page.press('#epochs', 'Tab');
      await waitColumns(page);
      await page.fill('#hidden', '1024');
      await page.press('#hidden', 'Tab');
      await waitColumns(page);
      await clearModel(page);
      await page.evaluate(() => {
        window.lags = [];
        document.querySelector('#more > summary').addEventListener('click', (e) => window.lags.push(performance.now() - e.timeStamp));
      });
      await page.click('#train');
      await page.waitForFunction(() => window.ferrumTrain.lastProgress && window.ferrumTrain.lastProgress.epoch >= 3,
        null, { timeout: TIMEOUT, polling: 20 });
      for (let k = 0; k < 3; k++) await page.click('#more > summary');
      const lags = await page.evaluate(() => window.lags);
      t.ok(lags.length === 3 && Math.max(...lags) < 200, `${T} housing.csv: while it trains, the page handles a click within 200 ms`);
      t.diag(`${T} housing.csv: click to handler ${lags.map((l) => l.toFixed(0)).join(', ')} ms`);
      const before = await page.evaluate(() => window.ferrumTrain.lastProgress.epoch);
      await page.click('#stop');
      await waitModel(page, 'trained');
      const said = await text(page, '#progress-text');
      t.ok(/^Stopped at epoch \d+/.test(said), `${T} housing.csv: Stop ends the training ('${said}')`);
      const s3 = await download(page);
      const info = run('finf-inspect', ['--json', s3.file]);
      const check = run('finf-inspect', ['--check', s3.file]);
      t.ok(check.status === 0, `${T} housing.csv, stopped: finf-inspect --check accepts the saved model`);
      if (check.status !== 0) t.diag(check.stderr);
      const meta = info.status === 0 ? JSON.parse(info.stdout.toString()).metadata : {};
      t.ok(meta.epochs_run >= before && meta.epochs_run < 5000,
        `${T} housing.csv, stopped: the model ran ${meta.epochs_run} epochs (stopped at or after ${before}, before the limit)`);
      await clearModel(page);
      await page.setInputFiles('#open', s3.file);
      await waitModel(page, 'opened');
      await checkPrediction(t, page, s3.file, `${T} housing.csv, stopped, opened`);
      await setRow(page, ['-122.23', '37.88', '41', '880', '129', '322', '126', '8.3252']);
      await checkPrediction(t, page, s3.file, `${T} housing.csv, stopped, opened, a row typed in`);
      await page.evaluate(() => { document.getElementById('more').open = true; });
      for (const id of ['#epochs', '#hidden', '#seed']) {
        await page.fill(id, '');
        await page.press(id, 'Tab');
      }
    } else {
      t.diag(`${T}: no housing.csv (configure --with-datasets=DIR): the stop is not checked`);
    }

    // 4. The original engine's golden models: Open model, then their
    // recorded rows give the recorded outputs.
    if (testdata && fs.existsSync(path.join(testdata, 'iris.bin'))) {
      for (const name of ['iris', 'housing']) {
        await clearModel(page);
        await page.setInputFiles('#open', path.join(testdata, `${name}.bin`));
        await waitModel(page, 'opened');
        const exp = JSON.parse(fs.readFileSync(path.join(testdata, `${name}.expected.json`), 'utf8'));
        const lines = fs.readFileSync(path.join(testdata, `${name}.inputs.csv`), 'utf8').trim().split('\n').slice(1);
        const bad = [];
        for (const [k, line] of lines.entries()) {
          await setRow(page, line.split(','));
          const got = await page.evaluate(() => {
            const v = document.querySelector('#pred-value');
            return { value: v ? v.dataset.value : null,
              probs: [...document.querySelectorAll('#probs li')].map((li) => [li.dataset.label, li.querySelector('.p').textContent]) };
          });
          const e = exp.rows[k];
          if (exp.task === 'regression') {
            if (Math.fround(Number(got.value)) !== Math.fround(e.prediction)) bad.push(`row ${k}: ${got.value}, expected ${e.prediction}`);
          } else {
            exp.class_names.forEach((c, j) => {
              const s = got.probs.find(([l]) => l === c);
              if (!s || Math.abs(parseFloat(s[1]) - 100 * e.output[j]) > 0.05 + 1e-9)
                bad.push(`row ${k} ${c}: ${s ? s[1] : 'not shown'}, expected ${(100 * e.output[j]).toFixed(1)} %`);
            });
          }
        }
        t.ok(bad.length === 0, `${T}: Open model on the golden ${name}.bin predicts its expected.json outputs (${lines.length} rows)`);
        if (bad.length) t.diag(bad.join('\n'));
      }
      // A file the library refuses: its message.
      const badFile = path.join(testdata, 'bad_magic.bin');
      if (fs.existsSync(badFile)) {
        const lib = run('finf-inspect', [badFile]).stderr.trim().split(': ').pop();
        await page.setInputFiles('#open', badFile);
        await page.waitForFunction(() => document.getElementById('train-status').classList.contains('error'), null, { timeout: TIMEOUT });
        const msg = await text(page, '#train-status');
        t.ok(msg.includes(lib), `${T}: Open model on bad_magic.bin says the library's '${lib}'`);
        if (!msg.includes(lib)) t.diag(`  the page says '${msg}'`);
      }
    } else {
      t.diag(`${T}: no golden models (configure --with-testdata=DIR): Open model on them is not checked`);
    }
    await scan(t, page, `${T} train.html, a model opened`);

    // 5. A table too large for the page: refused with the limit, before
    // anything is read; the page stays alive.
    const max = await page.evaluate(() => FERRUM_TRAIN_MAX_BYTES);
    const big = path.join(tmp, 'big.csv');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, max + 1);
    await page.setInputFiles('#file', big);
    await page.waitForFunction(() => document.getElementById('train-status').classList.contains('error'), null, { timeout: TIMEOUT });
    const over = await text(page, '#train-status');
    const mbs = `${max / 1048576} MB`;
    t.ok(over.includes(mbs) && over.includes('big.csv'), `${T}: a file over the limit is refused, naming the limit (${mbs})`);
    if (!over.includes(mbs)) t.diag(`  the page says '${over}'`);
    t.is(await page.evaluate(() => 1 + 1), 2, `${T}: the page stays alive`);
    fs.unlinkSync(big);

    // 6. A bad table, pasted: the library's message, with its line.
    await page.fill('#paste', 'a,b,c\n1,2,3\n4,5\n');
    await page.click('#use-paste');
    await waitColumns(page);
    const msg = await text(page, '#train-status');
    const cli = run('finf-train', ['-q', '-o', path.join(tmp, 'x.finf')], 'a,b,c\n1,2,3\n4,5\n');
    // finf-train says "<stdin>:3: MESSAGE"; the page names the line too.
    const m = /:(\d+): (.*)$/.exec(cli.stderr.trim());
    t.ok(cli.status !== 0 && m && msg.includes(m[2]) && new RegExp(`(line |:)${m[1]}\\b`).test(msg),
      `${T}: a bad pasted table shows the library's message with its line`);
    if (!(m && msg.includes(m[2]))) t.diag(`  the page says '${msg}', finf-train '${cli.stderr.trim()}'`);
    // A malformed row is not the target's fault: the message only.
    t.ok(await page.$eval('#setup', (e) => e.hidden) && await page.$eval('#train', (b) => b.disabled),
      `${T}: a bad pasted table shows no columns, and Train waits`);

    // 6b. A free-text target (a different value on most rows), pasted:
    // finf-train's one-line refusal, shown as the library words it.
    let free = 'a,b,name\n';
    for (let i = 0; i < 60; i++) free += `${(i * 37) % 101},${(i * 7) % 13},${i % 10 ? `pkg-${i}` : 'common'}\n`;
    await page.fill('#paste', free);
    await page.click('#use-paste');
    await waitColumns(page);
    const fmsg = await text(page, '#train-status');
    const fcli = run('finf-train', ['-q', '-o', path.join(tmp, 'x.finf')], free);
    const fm = /^finf-train: <stdin>: (target .*)$/.exec(fcli.stderr.trim());
    t.ok(fcli.status === 1 && fm !== null && fmsg.includes(fm[1]),
      `${T}: a free-text target shows finf-train's refusal`);
    if (!(fm && fmsg.includes(fm[1]))) t.diag(`  the page says '${fmsg}', finf-train '${fcli.stderr.trim()}'`);
    // ... with the columns, so that another target can be chosen: every
    // column in the target select, the refused one selected, Train
    // disabled until a target the library accepts is chosen.
    const shown = await page.evaluate(() => ({
      setup: !document.getElementById('setup').hidden,
      options: [...document.getElementById('target').options].map((o) => o.value),
      target: document.getElementById('target').value,
      rows: [...document.querySelectorAll('#columns tbody tr')].map((r) => `${r.dataset.column}:${r.dataset.kind}`),
      train: document.getElementById('train').disabled,
    }));
    t.ok(shown.setup && shown.options.join(',') === 'a,b,name' && shown.target === 'name' &&
      shown.rows.join(' ').startsWith('a:') && shown.rows[2] === 'name:target' && shown.train,
    `${T}: a free-text target shows the columns, the refused one as the target, and Train waits`);
    if (!shown.setup || shown.target !== 'name' || !shown.train) t.diag(`  the page shows ${JSON.stringify(shown)}`);
    await scan(t, page, `${T} train.html, a refused target`);
    await page.selectOption('#target', 'b');
    await waitColumns(page);
    const sb = await text(page, '#train-status');
    t.ok(!(await page.$eval('#train', (b) => b.disabled)) && !(await page.$eval('#train-status', (e) => e.classList.contains('error'))),
      `${T}: choosing the label column b enables Train ('${sb}')`);
    const s6 = await trainAndSave(page);
    checkSame(t, s6.bytes, finfTrain(null, ['-t', 'b'], free).bytes, `${T} a free-text target, then target b (finf-train -t b)`);
    await checkPrediction(t, page, s6.file, `${T} a free-text target, then target b`);

    // 7. The whole iris table, pasted: finf-train's model from standard
    // input (named "Dataset").
    const text7 = fs.readFileSync(iris, 'utf8');
    await page.fill('#paste', text7);
    await page.click('#use-paste');
    await waitColumns(page);
    const s7 = await trainAndSave(page);
    checkSame(t, s7.bytes, finfTrain(null, [], text7).bytes, `${T} iris.csv pasted (finf-train < iris.csv)`);

    // 8. Without its header line, Header "none": columns go by number.
    const text8 = text7.slice(text7.indexOf('\n') + 1);
    await page.fill('#paste', text8);
    await page.click('#use-paste');
    await waitColumns(page);
    await page.evaluate(() => { document.getElementById('more').open = true; });
    await page.selectOption('#header', 'no');
    await waitColumns(page);
    await page.selectOption('#target', '1');
    await waitColumns(page);
    await page.check('#columns tbody tr:nth-child(2) input[aria-label^="Ignore"]');
    await waitColumns(page);
    const s8 = await trainAndSave(page);
    checkSame(t, s8.bytes, finfTrain(null, ['--no-header', '-t', '1', '-x', '2'], text8).bytes,
      `${T} iris.csv pasted without its header, Header none, target 1, column 2 ignored (--no-header -t 1 -x 2)`);
    await page.selectOption('#header', '');

    // 9. iris gzipped, from the file input: inflated as finf-train
    // inflates it (the model is named from iris.csv.gz: "iris.csv").
    const gz = path.join(tmp, 'iris.csv.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(iris)));
    await page.setInputFiles('#file', gz);
    await waitColumns(page);
    const s9 = await trainAndSave(page);
    checkSame(t, s9.bytes, finfTrain(gz, []).bytes, `${T} iris.csv.gz (file input, inflated in the page)`);

    const outside = requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:'));
    t.is(outside.join(' '), '', `${T}: nothing is fetched from anywhere but the site`);
    t.is(errors.join('\n'), '', `${T}: no console error, no failed request`);
  } finally {
    await page.close();
  }
}

// Every page of the site links to train.html in its masthead.
function checkLinks() {
  const pages = fs.readdirSync(site).filter((f) => f.endsWith('.html'));
  const without = pages.filter((f) => !/<header class="?top"?>.*href="?train\.html"?[ >]/.test(fs.readFileSync(path.join(site, f), 'utf8')));
  tap.ok(pages.includes('train.html') && without.length === 0, `every page (${pages.length}) links to train.html`);
  if (without.length) tap.diag(`no link in ${without.join(' ')}`);
}

tap.run(async () => {
  if (!fs.existsSync(path.join(site, 'train.html'))) throw new Error(`${site}/train.html: no such page (make web)`);
  checkLinks();
  const browser = await launch(process.env.CHROMIUM || '/usr/bin/chromium');
  const server = await serve(site);
  try {
    for (const [mode, base] of [['served', server.url], ['file', `file://${site}/`]])
      await checkMode(browser, mode, base);
    // On a phone: nothing wider than the screen.
    const { page, errors } = await openPage(browser, `${server.url}train.html`, { width: 390, height: 844 });
    await page.setInputFiles('#file', path.join(srcdir, 'examples', 'iris.csv'));
    await waitColumns(page);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    tap.ok(wide <= 0, `phone: nothing on train.html is wider than the screen${wide > 0 ? ` (${wide} px)` : ''}`);
    tap.is(errors.join('\n'), '', 'phone: no console error');
    await page.close();
  } finally {
    await server.close();
    await browser.close();
  }
});
