// train-page.js: the "Your data" page (train.html): read a table, train it
// in a Web Worker, show the held-out report and the demo's interface for
// the new model, save it; or open a model file.
// SPDX-License-Identifier: MIT
//
// train.html loads demo.js (the predictor, web/app.js's Page and unpack)
// and train.js: this file, FERRUM_TRAIN_MAX_BYTES, and the worker's script
// (the trainer's glue, web/trainer.js, web/worker.js) and the trainer
// module, each gzipped and base64-encoded as in demo.js, so that nothing
// is fetched and the page works from file:// and offline.  The worker is
// started from a Blob URL (a page from file:// may not start one from a
// file).  Every reading of the table is the library's, in the worker:
// this file sends bytes and finf-train's options and shows what comes
// back; the model's bytes are saved as the worker sent them.
'use strict';

// finf-train's default name for DATA: the base name without its last
// extension ("data/iris.csv" gives "iris"; a leading dot stays).
function baseName(file) {
  const base = file.replace(/^.*\//, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

const mb = (n) => `${(n / 1048576).toFixed(n % 1048576 ? 1 : 0)} MB`;

// "%.6g" and the other numbers of finf-train's text report.
function g6(v) {
  if (v === 0) return '0';
  const e = Number(v.toExponential(5).split('e')[1]);
  if (e < -4 || e >= 6) return v.toExponential(5).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2');
  const t = v.toPrecision(6);
  return t.includes('.') ? t.replace(/\.?0+$/, '') : t;
}
const fixed = (d) => (v) => v.toFixed(d);
const percent = (v) => `${(100 * v).toFixed(2)} %`;

// Time left from the time so far: the epochs this run can still reach.
function timeLeft(p) {
  if (!(p.epoch > 0) || !(p.elapsed >= 0)) return '';
  const s = (p.elapsed / p.epoch) * Math.max(0, p.last_epoch - p.epoch) / 1000;
  if (s < 1) return 'under a second left';
  if (s < 90) return `about ${Math.ceil(s)} s left`;
  return `about ${Math.round(s / 60)} min left`;
}

const byId = (id) => document.getElementById(id);

// What the data says about the columns of a model without a catalog
// entry (its metadata.schema): a numeric column whose minimum, maximum
// and median are whole numbers shows no decimals (its slider steps by
// one), and the page starts at each column's median.
function dataColumns(meta) {
  const columns = {}, medians = {};
  const cols = meta.schema && Array.isArray(meta.schema.columns) ? meta.schema.columns : [];
  for (const c of cols) {
    if (c.kind !== 'numeric' && c.kind !== 'date') continue;
    if (typeof c.median === 'number') medians[c.name] = c.median;
    if ([c.min, c.max, c.median].every(Number.isInteger)) columns[c.name] = { label: c.name, format: '0' };
  }
  return { columns, medians };
}

// The bytes a gzip file inflates to, or null past @max of them.
async function gunzip(bytes, max) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > max) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

class TrainPage {
  constructor(workerSource, wasm) {
    this.workerSource = workerSource;
    this.wasm = wasm;
    this.worker = null;
    this.seq = 0;
    this.bytes = null;
    this.name = null;
    this.ignore = new Set();
    this.categorical = new Set();
    this.describing = 0;
    this.described = null;
    this.training = 0;
    this.model = null;
    this.page = null;
    this.ferrum = null;
    this.downloadUrl = null;
  }

  // The worker, (re)started with the module: after a failure of the
  // module (out of memory, say) a fresh one takes over.
  startWorker() {
    if (this.worker) this.worker.terminate();
    if (this.workerUrl) URL.revokeObjectURL(this.workerUrl);
    this.workerUrl = URL.createObjectURL(new Blob([this.workerSource], { type: 'text/javascript' }));
    const w = new Worker(this.workerUrl);
    w.onmessage = (e) => this.message(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.failed(`The trainer stopped: ${e.message || 'an error in the worker'}`);
    };
    const wasm = this.wasm.slice();
    w.postMessage({ type: 'init', wasm }, [wasm.buffer]);
    this.worker = w;
  }

  status(text, error) {
    const s = byId('train-status');
    s.textContent = text;
    s.className = error ? 'error' : '';
  }

  // A failure of the worker itself: say so, start a fresh one, and let
  // the visitor try again.
  failed(msg) {
    const wasTraining = this.training;
    this.training = 0;
    this.describing = 0;
    this.status(msg, true);
    this.startWorker();
    this.setRunning(false);
    if (wasTraining && this.bytes) this.describe();
  }

  message(m) {
    if (m.type === 'ready') {
      document.body.dataset.trainer = 'ready';
      return;
    }
    if (m.type === 'columns') {
      if (m.id === this.describing) this.showColumns(m);
      return;
    }
    if (m.type === 'progress') {
      if (m.id === this.training) this.progress(m);
      return;
    }
    if (m.type === 'done') {
      if (m.id === this.training) this.trained(m);
      return;
    }
    if (m.type === 'error') {
      if (m.id !== undefined && m.id === this.training) {
        this.training = 0;
        this.setRunning(false);
        this.status(`Training failed: ${m.message}`, true);
        // The module may be in any state after a failure mid-run.
        this.startWorker();
      } else if (m.id !== undefined && m.id === this.describing) {
        // A first reading refused for its target comes with the columns
        // as read with another one: show them, the refused one chosen.
        if (m.columns) this.showColumns(m.columns, m.refused);
        this.described = null;
        this.describing = 0;
        byId('train').disabled = true;
        byId('setup').hidden = !this.columns;
        this.status(`${this.label}: ${m.message}`, true);
      } else if (m.id === undefined) {
        this.status(`The trainer could not start: ${m.message}`, true);
      }
    }
  }

  // A table's bytes, from the file input, a drop or the text box.
  load(bytes, name, label) {
    if (this.training) {
      this.status('Stop the training first.', true);
      return;
    }
    this.bytes = bytes;
    this.name = name;
    this.label = label;
    this.ignore.clear();
    this.categorical.clear();
    this.columns = null;
    byId('target').replaceChildren();
    byId('setup').hidden = true;
    this.describe();
  }

  async loadFile(file) {
    if (!file) return;
    if (file.size > FERRUM_TRAIN_MAX_BYTES) {
      this.status(`${file.name} is ${mb(file.size)}: this page trains tables of up to ${
        mb(FERRUM_TRAIN_MAX_BYTES)} (finf-train on the command line reads larger ones).`, true);
      return;
    }
    this.status(`Reading ${file.name}…`);
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      this.status(`${file.name}: ${e.message}`, true);
      return;
    }
    // A gzip file is inflated first, as finf-train inflates it.
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = await gunzip(bytes, FERRUM_TRAIN_MAX_BYTES);
      } catch (e) {
        this.status(`${file.name}: not a complete gzip file (${e.message})`, true);
        return;
      }
      if (bytes === null) {
        this.status(`${file.name} inflates to more than ${mb(FERRUM_TRAIN_MAX_BYTES)}: this page trains tables of up to ${
          mb(FERRUM_TRAIN_MAX_BYTES)} (finf-train on the command line reads larger ones).`, true);
        return;
      }
    }
    this.load(bytes, baseName(file.name), file.name);
  }

  loadPaste() {
    const text = byId('paste').value;
    if (text.trim() === '') {
      this.status('Paste a table into the box first.', true);
      return;
    }
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > FERRUM_TRAIN_MAX_BYTES) {
      this.status(`The pasted table is ${mb(bytes.length)}: this page trains tables of up to ${
        mb(FERRUM_TRAIN_MAX_BYTES)}.`, true);
      return;
    }
    // finf-train's name for standard input.
    this.load(bytes, 'Dataset', 'the pasted table');
  }

  // finf-train's options from the form; undefined is the flag's default.
  options() {
    const text = (id) => byId(id).value.trim();
    const opts = {};
    const int = (id, key, what) => {
      const t = text(id);
      if (t === '') return;
      if (!/^\d+$/.test(t) || !Number.isSafeInteger(Number(t))) throw new Error(`${what}: '${t}' is not a whole number`);
      opts[key] = Number(t);
    };
    int('seed', 'seed', 'Seed');
    int('hidden', 'hidden', 'Hidden units');
    int('epochs', 'epochs', 'Epochs');
    int('max-levels', 'maxLevels', 'Levels kept');
    const h = text('holdout');
    if (h !== '') {
      if (!/^\s*(\d+\.?\d*|\.\d+)\s*$/.test(h)) throw new Error(`Held out: '${h}' is not a fraction`);
      opts.holdout = Number(h);
    }
    // Flags whose text the trainer reads as finf-train does, and refuses
    // with finf-train's message: --layers=64,32, --encode=ple:8:COLS,
    // --effort=high.
    const flag = (id, key) => {
      if (text(id)) opts[key] = text(id);
    };
    flag('recipe', 'recipe');
    flag('task', 'task');
    flag('layers', 'layers');
    flag('encode', 'encode');
    flag('effort', 'effort');
    if (text('header')) opts.header = text('header') === 'yes';
    const d = text('delimiter');
    if (d) opts.delimiter = d === 'tab' ? '\t' : d === 'space' ? ' ' : d;
    const na = byId('na').value;
    if (na.trim() !== '') opts.na = na.split(',');
    const t = byId('target').value;
    if (t !== '') opts.target = t;
    if (this.ignore.size) opts.ignore = [...this.ignore];
    if (this.categorical.size) opts.categorical = [...this.categorical];
    return opts;
  }

  // Ask the library how it reads the table with these options.
  describe() {
    if (!this.bytes) return;
    let opts;
    try {
      opts = this.options();
    } catch (e) {
      this.described = null;
      byId('train').disabled = true;
      this.status(e.message, true);
      return;
    }
    const id = ++this.seq;
    this.describing = id;
    this.described = null;
    byId('train').disabled = true;
    this.status(`Reading ${this.label}…`);
    // Until the page has shown the table's columns, a refused target
    // asks the worker for them too.
    this.worker.postMessage({ type: 'describe', id, bytes: this.bytes, opts, probe: !this.columns });
  }

  // How the options name column @k of @d: by its name, or by its 1-based
  // number when the table has no header or the name is not unique (or
  // reads as a number), as finf-train's --target and --ignore take them.
  columnKey(d, k) {
    const name = d.columns[k].name;
    const same = d.columns.filter((c) => c.name === name).length;
    return d.header !== false && same === 1 && !/^\d+$/.test(name) ? name : String(k + 1);
  }

  // The columns of description @d; with @refused (the index of a target
  // the library refused), @d was read with another target: the refused
  // column is shown as the target, the other one's kind is not known.
  showColumns(d, refused) {
    const probed = refused !== undefined;
    this.describing = 0;
    this.columns = d.columns;
    this.described = probed ? null : d;
    const kinds = probed ? d.columns.map((c, k) => (k === refused ? { name: c.name, kind: 'target' }
      : c.kind === 'target' ? { name: c.name, kind: 'unknown' } : c)) : d.columns;
    const target = byId('target');
    target.replaceChildren(...kinds.map((c, k) => h('option', { value: this.columnKey(d, k) }, c.name)));
    target.value = this.columnKey(d, probed ? refused : d.target);
    const body = byId('columns').tBodies[0];
    body.replaceChildren(...kinds.map((c, k) => {
      const key = this.columnKey(d, k);
      const isTarget = c.kind === 'target';
      const mine = this.ignore.has(key);
      const ignored = c.kind === 'ignored';
      const ign = h('input', { type: 'checkbox', 'aria-label': `Ignore ${c.name}`,
        checked: ignored || mine, disabled: isTarget || (ignored && !mine),
        title: ignored && !mine ? c.why : null });
      ign.addEventListener('change', () => {
        if (ign.checked) this.ignore.add(key);
        else this.ignore.delete(key);
        this.describe();
      });
      const cat = h('input', { type: 'checkbox', 'aria-label': `${c.name} holds categories`,
        checked: c.kind === 'categorical', disabled: isTarget || ignored || (c.kind === 'categorical' && !this.categorical.has(key)) });
      cat.addEventListener('change', () => {
        if (cat.checked) this.categorical.add(key);
        else this.categorical.delete(key);
        this.describe();
      });
      const kind = isTarget ? (probed ? 'target (refused)' : d.task === 'regression' ? 'target (regression)' : 'target (classes)')
        : c.kind === 'unknown' ? 'not read yet'
        : ignored ? `ignored: ${c.why || 'by you'}`
          : c.kind === 'categorical' ? `categorical, ${c.levels} level${c.levels === 1 ? '' : 's'}` : c.kind;
      return h('tr', { 'data-column': c.name, 'data-kind': c.kind, class: isTarget ? 'target' : ignored ? 'ignored' : null },
        h('th', { scope: 'row' }, c.name), h('td', {}, kind), h('td', {}, ign), h('td', {}, cat),
        h('td', { class: 'num' }, c.inputs === undefined || ignored || isTarget ? '' : String(c.inputs)),
        h('td', { class: 'num' }, c.missing === undefined ? '' : String(c.missing)));
    }));
    byId('setup').hidden = false;
    if (probed) {
      byId('setup-sub').textContent = `${this.label}: ${kinds.length} columns; choose the target`;
      return;
    }
    const used = kinds.filter((c) => c.kind !== 'ignored' && c.kind !== 'target').length;
    byId('setup-sub').textContent = `${this.label}: ${d.rows} rows, ${used} of ${kinds.length} columns used`;
    byId('train').disabled = false;
    this.status(d.skipped ? `${d.skipped} row${d.skipped === 1 ? '' : 's'} without a target will be left out.` : '');
  }

  // While training, the data and the options wait; afterwards each
  // control is back as it was.
  setRunning(on) {
    byId('train').disabled = on || !this.described;
    byId('stop').disabled = !on;
    for (const id of ['file', 'open', 'use-paste'])
      byId(id).disabled = on;
    for (const e of byId('setup').querySelectorAll('input, select')) {
      if (on) {
        e.dataset.off = e.disabled ? '1' : '';
        e.disabled = true;
      } else if (e.dataset.off !== undefined) {
        e.disabled = e.dataset.off === '1';
        delete e.dataset.off;
      }
    }
  }

  train() {
    if (!this.described || this.training) return;
    let opts;
    try {
      opts = this.options();
    } catch (e) {
      this.status(e.message, true);
      return;
    }
    opts.name = this.name;
    const id = ++this.seq;
    this.training = id;
    this.started = performance.now();
    this.lastProgress = null;
    this.setRunning(true);
    const bar = byId('progress');
    bar.removeAttribute('value');
    byId('progress-text').textContent = 'Starting…';
    this.status(`Training on ${this.label}…`);
    this.worker.postMessage({ type: 'train', id, bytes: this.bytes, opts });
  }

  stop() {
    if (!this.training) return;
    this.worker.postMessage({ type: 'stop' });
    byId('stop').disabled = true;
    this.status('Stopping after this epoch; the best model so far is kept…');
  }

  // Epochs come faster than frames: the latest is drawn once a frame.
  progress(p) {
    this.lastProgress = p;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const q = this.lastProgress;
      if (!q || !this.training) return;
      const bar = byId('progress');
      bar.max = q.last_epoch || q.epochs;
      bar.value = q.epoch;
      const vl = Number.isFinite(q.val_loss) ? q.val_loss.toFixed(4) : '–';
      const best = q.best_epoch ? ` · best epoch ${q.best_epoch}` : '';
      byId('progress-text').textContent =
        `Epoch ${q.epoch} of ${q.last_epoch || q.epochs} · validation loss ${vl}${best} · ${timeLeft(q)}`;
    });
  }

  trained(m) {
    const last = this.lastProgress;
    this.training = 0;
    const ms = performance.now() - this.started;
    this.setRunning(false);
    const bar = byId('progress');
    bar.max = 1;
    bar.value = 1;
    byId('progress-text').textContent = m.stopped && last
      ? `Stopped at epoch ${last.epoch}: the model keeps epoch ${last.best_epoch || last.epoch}.`
      : `Done: ${m.report.epochs_run} epochs${last && last.best_epoch ? `, the model from epoch ${last.best_epoch}` : ''}.`;
    this.status(`Trained in ${(ms / 1000).toFixed(1)} s.`);
    this.showReport(m.report, m.stopped, last);
    this.setModel(m.model, this.name, true);
  }

  // The numbers of finf-train --report, held out and on the training
  // rows, each cell carrying the number itself in data-value.
  showReport(r, stopped, last) {
    const cls = r.task === 'classification';
    const rows = cls ? [['accuracy', 'Accuracy', percent], ['macro_f1', 'Macro F1', fixed(4)], ['log_loss', 'Log loss', fixed(4)]]
      : [['rmse', 'RMSE', g6], ['mae', 'MAE', g6], ['r2', 'R²', fixed(4)]];
    const cell = (o, k, f) => {
      const v = o ? o[k] : undefined;
      return typeof v === 'number' ? h('td', { class: 'num', 'data-value': String(v) }, f(v)) : h('td', { class: 'num' }, '–');
    };
    const n = (v) => formatNumber(v, '#,##0');
    const pct = r.rows ? ` (${(100 * r.holdout_rows / r.rows).toFixed(0)} %)` : '';
    byId('train-report').replaceChildren(
      h('p', { class: 'note' }, `${cls ? 'Classification' : 'Regression'}: ${n(r.rows)} rows, ${r.features} input${
        r.features === 1 ? '' : 's'}${r.skipped ? `, ${n(r.skipped)} skipped without a target` : ''}; recipe ${r.recipe}, seed ${r.seed}, ${
        r.epochs_run} epochs run${last && last.best_epoch ? `, the model from epoch ${last.best_epoch}` : ''}${stopped ? ' (stopped)' : ''}.`),
      h('p', { class: 'note' }, `Held out: ${n(r.holdout_rows)} of ${n(r.rows)} rows${pct}; fitted on ${n(r.train_rows)} rows.`),
      h('table', { id: 'report-table' },
        h('caption', {}, 'The same numbers as finf-train --report'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Measure'), h('th', { scope: 'col', class: 'num' }, 'Held out'),
          h('th', { scope: 'col', class: 'num' }, 'Training rows'))),
        h('tbody', {}, rows.map(([k, label, f]) => h('tr', { 'data-measure': k },
          h('th', { scope: 'row' }, label), cell(r.holdout, k, f), cell(r.train, k, f))))));
    byId('result-sub').textContent = this.name;
    byId('result').hidden = false;
  }

  // The predictor of demo.js, made once.
  async predictor() {
    if (!this.ferrum) this.ferrum = Ferrum.create(createFerrum, await unpack(FERRUM_WASM));
    return this.ferrum;
  }

  // Show a model (trained here or opened) in the demo's interface; the
  // Download link saves its bytes as they are.
  async setModel(bytes, name, trainedHere) {
    const ferrum = await this.predictor();
    let model;
    try {
      model = ferrum.readModel(bytes);
    } catch (e) {
      this.status(`${name}: ${e.message}`, true);
      return false;
    }
    if (this.page) this.page.model.free();
    this.page = null;
    const app = byId('app');
    app.replaceChildren();
    byId('status').textContent = '';
    const { columns, medians } = dataColumns(model.metadata);
    const page = new Page(ferrum, model, { name, columns });
    page.build(app);
    page.set(page.controls.map((c) => (c.options ? c.select.value
      : c.name in medians ? String(medians[c.name]) : c.box.value)), true);
    page.update(true);
    app.hidden = false;
    this.page = page;
    window.ferrumPage = page;
    byId('model-h').textContent = `The model: ${model.metadata.dataset_name || name}`;
    byId('model').hidden = false;
    if (!trainedHere) byId('result').hidden = true;
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const a = byId('download');
    a.href = this.downloadUrl;
    a.download = `${name}.finf`;
    byId('download-note').textContent = `${name}.finf, ${formatNumber(bytes.length, '#,##0')} bytes`;
    this.model = bytes;
    document.body.dataset.model = trainedHere ? 'trained' : 'opened';
    return true;
  }

  async openModel(file) {
    if (!file) return;
    if (this.training) {
      this.status('Stop the training first.', true);
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (await this.setModel(bytes, baseName(file.name), false)) {
      this.status(`Opened ${file.name}.`);
      // A model opened here can be saved again, unchanged.
      byId('result').hidden = false;
      byId('train-report').replaceChildren(h('p', { class: 'note' }, `${file.name} was opened, not trained here: its held-out scores, if it carries any, are in the model's statistics below.`));
      byId('result-sub').textContent = baseName(file.name);
      byId('result-h').firstChild.textContent = 'Model file ';
    }
  }

  bind() {
    byId('file').addEventListener('change', (e) => this.loadFile(e.target.files[0]));
    byId('open').addEventListener('change', (e) => this.openModel(e.target.files[0]));
    byId('use-paste').addEventListener('click', () => this.loadPaste());
    byId('train').addEventListener('click', () => {
      byId('result-h').firstChild.textContent = 'Held-out report ';
      this.train();
    });
    byId('stop').addEventListener('click', () => this.stop());
    // The new target is no longer left out or made categorical.
    byId('target').addEventListener('change', (e) => {
      this.ignore.delete(e.target.value);
      this.categorical.delete(e.target.value);
    });
    for (const id of ['target', 'seed', 'recipe', 'task', 'hidden', 'layers', 'encode', 'effort', 'epochs', 'holdout', 'header',
      'delimiter', 'na', 'max-levels'])
      byId(id).addEventListener('change', () => this.describe());
    // A file dropped anywhere on the page is the table (a model file, by
    // its extension, is opened instead); the browser must not open it.
    const drop = byId('drop');
    document.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    document.addEventListener('dragleave', (e) => {
      if (!e.relatedTarget) drop.classList.remove('over');
    });
    document.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer && e.dataTransfer.files[0];
      if (!f) return;
      if (/\.(finf|bin)$/i.test(f.name)) this.openModel(f);
      else this.loadFile(f);
    });
  }
}

async function trainStart() {
  try {
    const [source, wasm] = await Promise.all([unpack(FERRUM_WORKER), unpack(FERRUM_TRAINER_WASM)]);
    const tp = new TrainPage(new TextDecoder().decode(source), wasm);
    tp.startWorker();
    tp.bind();
    window.ferrumTrain = tp;
  } catch (e) {
    const s = byId('train-status');
    s.textContent = `The page could not start: ${e.message}`;
    s.className = 'error';
    throw e;
  }
}
