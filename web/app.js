// app.js: one dataset page of the ferrum web demo, built from the model's
// metadata: sliders, presets, the prediction and the statistics panels.
// SPDX-License-Identifier: MIT
//
// The page (web/template.html via web/mksite.js) loads demo.js in its
// head (web/ferrum.js, this file, the glue's createFerrum and FERRUM_WASM,
// the module), then defines FERRUM_PAGE (the dataset's name, its gzipped
// model and example rows) and calls start() after its last element.
// Every number shown is computed by libferrum (ferrum_stats_json, the
// finf-stats --json object); this file only lays them out and rounds them
// for display.
'use strict';

// Create an element: h('p', { class: 'x' }, 'text', child, ...).
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'style') e.style.cssText = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k);
  return e;
}

// The same as markup for innerHTML, for the parts with a row per feature:
// one innerHTML for all of them is several times faster than building
// every element, and the page must be quick to start and to follow a
// slider.  html() returns { raw: '<tag ...>...</tag>' }: text is escaped,
// markup from html() is taken as it is.
const esc = (s) => String(s).replace(/[&<>"]/g, (c) =>
  ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
function html(tag, attrs, ...kids) {
  let t = `<${tag}`;
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    t += v === true ? ` ${k}` : ` ${k}="${esc(v)}"`;
  }
  t += '>';
  if (tag === 'input') return { raw: t };
  for (const k of kids.flat()) if (k !== null && k !== undefined) t += k.raw !== undefined ? k.raw : esc(k);
  return { raw: `${t}</${tag}>` };
}

// Display rounding only.  fmt keeps about four significant digits without
// an exponent where that reads well.
const pct = (p) => `${(100 * p).toFixed(1)} %`;
function fmt(v, digits = 4) {
  if (v === null || v === undefined) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e9) return v.toExponential(2);
  const t = v.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(a))));
  return t.includes('.') ? t.replace(/\.?0+$/, '') : t;
}
const clamp01 = (x) => (x === null || isNaN(x) ? 0.5 : Math.min(1, Math.max(0, x)));

// A step for a slider over [lo, hi]: a power of ten giving 100 to 1000
// positions; at least 1 for a feature the data only has whole numbers of.
function stepFor(lo, hi, integer) {
  const span = hi - lo;
  const step = span > 0 ? Math.pow(10, Math.floor(Math.log10(span / 100))) : 1;
  return integer ? Math.max(1, step) : step;
}
const decimalsOf = (step) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

// The bytes of a gzipped base64 blob embedded in a script.  The stream is
// made here rather than by a Blob, whose reading goes through the browser
// process and lets the page be laid out and painted (still "Loading")
// before the first prediction; this way every step is a microtask.
async function unpack(b64) {
  let bytes;
  if (Uint8Array.fromBase64) {
    bytes = Uint8Array.fromBase64(b64);
  } else {
    const bin = atob(b64);
    bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  const reader = new ReadableStream({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  }).pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
  }
  const out = new Uint8Array(n);
  n = 0;
  for (const p of parts) {
    out.set(p, n);
    n += p.length;
  }
  return out;
}

// The page's controls: with a schema (schemaColumns, web/ferrum.js) one
// per source column, a slider for a number and a select of the stored
// levels for a category; without one, one slider per network input.
function controlsOf(meta) {
  const columns = schemaColumns(meta);
  if (!columns) return meta.feature_names.map((name, input) => ({ name, input }));
  return columns.map((c) => {
    if (!c.levels) return c;
    const counts = c.counts || [];
    const mode = counts.reduce((m, v, k) => (v > counts[m] ? k : m), 0);
    const hint = counts.length !== c.levels.length ? `${c.levels.length} levels`
      : c.levels.length <= 6 ? `training rows: ${c.levels.map((l, k) => `${l} ${counts[k]}`).join(', ')}`
        : `${c.levels.length} levels; most often ${c.levels[mode]}`;
    return { ...c, mode, hint };
  });
}

class Page {
  constructor(ferrum, model, data) {
    this.ferrum = ferrum;
    this.model = model;
    this.data = data;
    this.meta = model.metadata;
    this.regression = this.meta.task === 'regression';
    this.inputs = [];
  }

  build(root) {
    const meta = this.meta;
    const form = h('form', { class: 'features', id: 'features', onsubmit: 'return false' });
    this.controls = controlsOf(meta);
    const n = meta.feature_names.length;
    const steps = this.controls.map((c) => {
      if (c.levels) return null;
      const [lo, hi] = meta.feature_ranges[c.input] || [0, 1];
      return [lo, hi, stepFor(lo, hi, this.data.integers && this.data.integers[c.input])];
    });
    form.innerHTML = this.controls.map((c, i) => {
      const id = `x${c.input}`;
      if (c.levels) {
        return html('div', { class: 'feature' },
          html('label', { for: id }, c.name),
          html('select', { id, 'data-column': c.name, 'aria-describedby': `${id}-hint` },
            c.levels.map((l) => html('option', { value: l }, l))),
          html('span', { class: 'hint', id: `${id}-hint` }, c.hint)).raw;
      }
      const [lo, hi, step] = steps[i];
      return html('div', { class: 'feature' },
        html('label', { for: id }, c.name),
        html('input', { type: 'range', id: `${id}-range`, min: lo, max: hi, step,
          'aria-label': c.name, 'aria-describedby': `${id}-hint` }),
        html('input', { type: 'text', id, 'data-column': c.name, inputmode: 'decimal',
          spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-hint` }),
        html('span', { class: 'hint', id: `${id}-hint` }, `training range ${fmt(lo)} to ${fmt(hi)}`)).raw;
    }).join('');
    this.controls.forEach((c, i) => {
      if (c.levels) {
        c.select = form.querySelector(`#x${c.input}`);
        c.select.addEventListener('change', () => this.update());
        this.inputs.push(c);
        return;
      }
      const range = form.querySelector(`#x${c.input}-range`), box = form.querySelector(`#x${c.input}`);
      const dec = decimalsOf(steps[i][2]);
      range.addEventListener('input', () => {
        box.value = Number(range.value).toFixed(dec);
        this.update();
      });
      box.addEventListener('input', () => {
        const v = this.ferrum.parseFloat(box.value.trim());
        if (v !== null) range.value = v;
        this.update();
      });
      Object.assign(c, { range, box, dec });
      this.inputs.push(c);
    });
    this.n = n;

    const presets = h('div', { class: 'presets', id: 'presets', role: 'group',
      'aria-label': 'Example rows' });
    this.data.presets.forEach((p) => {
      const what = /^[0-9.+-]+$/.test(p.label) && this.data.target
        ? `${this.data.target} ${p.label}` : p.label;
      const b = h('button', { type: 'button',
        title: `row ${p.row} of ${this.data.file}` }, `${what} · row ${p.row}`);
      b.addEventListener('click', () => this.set(p.values));
      presets.append(b);
    });

    this.out = h('div', { id: 'prediction-body' });
    this.featTable = h('tbody');
    this.unfamiliar = h('p', { id: 'unfamiliar' });
    this.report = h('div', { id: 'report' });
    this.arch = h('div', { id: 'architecture' });
    const panel = (id, title, ...kids) => h('section', { class: 'panel', id,
      'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), ...kids);

    root.append(
      panel('inputs', 'Inputs',
        this.data.presets.length ? h('p', { class: 'note' }, 'Load a real row:') : null,
        presets, form),
      panel('prediction', 'Prediction', this.out),
      panel('model-stats', 'Model statistics',
        this.unfamiliar,
        h('div', { class: 'scroll' }, h('table', { id: 'features-table' },
          h('caption', {}, 'Each input against the training data: z-score and position in the training range'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'feature'),
            h('th', { scope: 'col' }, 'value'), h('th', { scope: 'col' }, 'z'),
            h('th', { scope: 'col' }, 'range'), h('th', { scope: 'col' }, 'flag'))),
          this.featTable))),
      panel('quantitative', 'Quantitative report', this.report),
      panel('arch', 'Architecture', this.arch));

    const first = this.data.presets[0];
    if (first) this.set(first.values, true);
    else {
      this.set(this.inputs.map((c) => (c.levels ? c.levels[c.mode]
        : String((meta.feature_ranges[c.input][0] + meta.feature_ranges[c.input][1]) / 2))), true);
    }
  }

  // Put a row's values (text, as in the CSV: a number, or a level of a
  // categorical column) into the controls.
  set(values, quiet) {
    values.forEach((t, i) => {
      const f = this.inputs[i];
      if (f.levels) {
        f.select.value = t;
        return;
      }
      f.box.value = t;
      const v = this.ferrum.parseFloat(t);
      if (v !== null) f.range.value = v;
    });
    if (!quiet) this.update();
  }

  // first: the page's first prediction, which start() times.  The table
  // of inputs and the architecture, below the prediction and the report,
  // then wait for the first paint (a quarter of the work on a page with
  // thirty features); any later update draws everything at once.
  // A categorical column sets its one-hot inputs; the inputs the page
  // has no control for (a gap's indicator, a column's "(other)" and
  // "(missing)" levels) stay 0.
  update(first) {
    const x = new Array(this.n).fill(0);
    let bad = null;
    for (const f of this.inputs) {
      if (f.levels) {
        x[f.inputs[f.select.selectedIndex]] = 1;
        continue;
      }
      const v = this.ferrum.parseFloat(f.box.value.trim());
      f.box.setAttribute('aria-invalid', v === null || !isFinite(v) ? 'true' : 'false');
      if ((v === null || !isFinite(v)) && bad === null) bad = f.name;
      x[f.input] = v;
    }
    const status = document.getElementById('status');
    if (bad !== null) {
      status.textContent = `Enter a number for ${bad}.`;
      return;
    }
    const s = this.model.stats(x);
    status.textContent = '';
    this.showPrediction(s);
    this.showReport(s);
    this.later = first ? s : null;
    if (first) {
      requestAnimationFrame(() => setTimeout(() => {
        if (this.later === s) this.showRest(s);
      }));
    } else {
      this.showRest(s);
    }
  }

  showRest(s) {
    this.later = null;
    this.showFeatures(s);
    this.showArchitecture(s.model);
  }

  // The headline's elementtiming lets bench/web see when the prediction
  // was actually on the screen, a frame or more after start() marks it.
  showPrediction(s) {
    const p = s.prediction;
    if (this.regression) {
      const r = s.report;
      const name = this.data.target || this.meta.target_name || 'value';
      this.out.replaceChildren(
        h('p', { class: 'headline', 'aria-live': 'polite', elementtiming: 'ferrum-prediction' },
          h('strong', { id: 'pred-value' }, fmt(p.value)), ` ${name}`),
        h('div', { class: 'scale', role: 'img', 'aria-label':
          `${fmt(p.value)} on the training range ${fmt(r.target_min)} to ${fmt(r.target_max)}, mean ${fmt(r.target_mean)}` },
        h('span', { class: 'mean', style: `left:${100 * clamp01(r.mean_pos)}%` }),
        h('span', { class: 'marker', style: `left:${100 * clamp01(r.range_pos)}%` })),
        h('div', { class: 'scale-labels' }, h('span', {}, fmt(r.target_min)),
          h('span', {}, `mean ${fmt(r.target_mean)}`), h('span', {}, fmt(r.target_max))));
      return;
    }
    const names = this.meta.class_names;
    this.out.replaceChildren(
      h('p', { class: 'headline', 'aria-live': 'polite', elementtiming: 'ferrum-prediction' },
        h('strong', { id: 'pred-label' }, p.label), ' ', h('span', {}, pct(p.confidence))),
      h('ul', { class: 'probs', id: 'probs' }, p.probabilities.map((q, k) =>
        h('li', { class: k === p.class_index ? 'best' : null, 'data-label': names[k] },
          h('span', { class: 'name' }, names[k]),
          h('span', { class: 'bar', 'aria-hidden': 'true' },
            h('span', { style: `width:${100 * q}%` })),
          h('span', { class: 'p' }, pct(q))))));
  }

  showFeatures(s) {
    const n = s.unfamiliar;
    this.unfamiliar.className = n ? 'warn' : 'fine';
    this.unfamiliar.textContent = n
      ? `Unfamiliar input: ${n} of ${s.features.length} features outside the training range or more than 3 standard deviations from the mean.`
      : 'Every input lies within the training range, within 3 standard deviations.';
    this.featTable.innerHTML = s.features.map((f) => html('tr', {},
      html('th', { scope: 'row' }, f.name),
      html('td', { class: 'num' }, fmt(f.value)),
      html('td', { class: `num z band${f.band}` }, f.z === null ? '–' : f.z.toFixed(2)),
      html('td', {}, html('span', { class: 'range', role: 'img', 'aria-label':
        f.min === null ? 'no training range' : `${fmt(f.min)} to ${fmt(f.max)}` },
      html('span', { class: `marker band${f.band}`, style: `left:${100 * clamp01(f.range_pos)}%` }))),
      html('td', { class: 'flag' }, f.out_of_range ? 'outside range' : f.unusual ? '|z| > 3' : '')).raw).join('');
  }

  showReport(s) {
    const r = s.report;
    const row = (k, v, id) => h('div', {}, h('dt', {}, k), h('dd', { id }, v));
    if (this.regression) {
      const side = r.pct_from_mean === null ? '' : r.pct_from_mean >= 0 ? 'above' : 'below';
      this.report.replaceChildren(h('dl', { class: 'facts' },
        row('z-score', r.z === null ? '–' : r.z.toFixed(2), 'rep-z'),
        row('from the mean', r.pct_from_mean === null ? '–'
          : `${Math.abs(r.pct_from_mean).toFixed(1)} % ${side}`, 'rep-pct'),
        row('±1σ interval', `${fmt(r.sigma_interval[0])} to ${fmt(r.sigma_interval[1])}` +
          (r.within_sigma ? ' (inside)' : ' (outside)'), 'rep-sigma'),
        row('quartile', `Q${r.quartile} (normal approximation)`, 'rep-quartile'),
        row('training range', `${fmt(r.target_min)} to ${fmt(r.target_max)}` +
          (r.out_of_range ? ' (prediction outside)' : ''), 'rep-range')));
      return;
    }
    const badge = r.badge.toLowerCase().replace(/[^a-z]/g, '');
    this.report.replaceChildren(
      h('p', {}, h('span', { class: `badge ${badge}`, id: 'badge' }, r.badge),
        ` top-2 margin ${pct(r.margin)} over ${r.runner_up}`),
      h('p', { class: 'gauge' },
        h('label', { for: 'entropy' }, `Entropy ${r.entropy.toFixed(3)} of at most ${r.entropy_max.toFixed(3)} nats`),
        h('meter', { id: 'entropy', min: 0, max: 1, low: 0.4, high: 0.8, optimum: 0,
          value: r.entropy_norm }, pct(r.entropy_norm))),
      h('div', { class: 'scroll' }, h('table', { id: 'classes-table' },
        h('caption', {}, 'Per class: probability, log probability and odds'),
        h('thead', {}, h('tr', {}, ...['class', 'P', 'log P', 'odds'].map((t) =>
          h('th', { scope: 'col' }, t)))),
        h('tbody', {}, r.classes.map((c) => h('tr', {},
          h('th', { scope: 'row' }, c.label), h('td', { class: 'num' }, pct(c.p)),
          h('td', { class: 'num' }, c.log_p === null ? '−∞' : c.log_p.toFixed(3)),
          h('td', { class: 'num' }, c.odds === null ? '∞' : fmt(c.odds))))))));
  }

  showArchitecture(m) {
    if (this.archShown) return;
    this.archShown = true;
    const act = { relu: 'ReLU', sigmoid: 'Sigmoid', tanh: 'Tanh', softmax: 'Softmax', identity: 'Identity' };
    this.arch.replaceChildren(
      h('p', {}, `${m.task}, FINF v${m.format_version}, ${m.parameters} parameters`),
      h('ol', { class: 'layers' }, m.layers.map((l) => h('li', {}, l === null ? '?'
        : l.kind === 'linear' ? `Linear ${l.in} → ${l.out} (${l.params} parameters)`
          : act[l.activation] || l.activation))));
  }
}

// Nothing here waits for the browser: unpack settles in microtasks and the
// module is compiled synchronously, so the page is first rendered with its
// prediction.
async function start() {
  performance.mark('ferrum-start');
  const status = document.getElementById('status');
  try {
    const data = window.FERRUM_PAGE;
    const [wasm, bytes] = await Promise.all([unpack(FERRUM_WASM), unpack(data.model)]);
    const ferrum = Ferrum.create(createFerrum, wasm);
    const model = ferrum.readModel(bytes);
    const app = document.getElementById('app');
    const page = new Page(ferrum, model, data);
    page.build(app);
    page.update(true);
    app.hidden = false;
    performance.mark('ferrum-first-prediction');
    window.ferrumPage = page;
  } catch (e) {
    status.textContent = `The demo could not start: ${e.message}`;
    status.className = 'error';
    throw e;
  }
}
