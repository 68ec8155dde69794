// app.js: one dataset page of the ferrum web demo, built from the model's
// metadata and the dataset's description: inputs, presets, the prediction
// and the two statistics panels.
// SPDX-License-Identifier: MIT
//
// The page (web/template.html via web/mksite.js) holds its first
// prediction as markup (Page.side(), written by mksite.js), defines
// FERRUM_PAGE (the dataset's description from datasets/CATALOG: display
// names, number formats, presets; and its deflated model) and loads
// demo.js deferred (web/ferrum.js, the number formats of web/catalog.js,
// this file, the glue's createFerrum and FERRUM_WASM, the module), which
// calls start().  Every number shown is computed by libferrum
// (ferrum_stats_json, the finf-stats --json object); this file only lays
// them out and formats them.  A model without a description works too:
// raw names, decimals from the slider step, no presets.
//
// The elements and attributes the browser test relies on are listed in
// web/README (the DOM contract); keep the two in step.
'use strict';

// Create an element: h('p', { class: 'x' }, 'text', child, ...).
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'style') e.style.cssText = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k != null) e.append(k);
  return e;
}

// The same as markup for innerHTML, for the parts with a row per feature:
// one innerHTML for all of them is several times faster than building
// every element, and the page must be quick to start and to follow a
// slider.  html() returns { raw: '<tag ...>...</tag>' }: text is escaped,
// markup from html() is taken as it is; an attribute's value goes without
// quotes where HTML allows (the pages carry their first prediction in
// this markup, and every byte of them counts).
const esc = (s) => String(s).replace(/[&<>"]/g, (c) =>
  ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
function html(tag, attrs, ...kids) {
  let t = `<${tag}`;
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    t += v === true ? ` ${k}` : /^[\w.%:-]+$/.test(v) ? ` ${k}=${v}` : ` ${k}="${esc(v)}"`;
  }
  t += '>';
  if (tag === 'input') return { raw: t };
  for (const k of kids.flat()) if (k != null) t += k.raw !== undefined ? k.raw : esc(k);
  return { raw: `${t}</${tag}>` };
}

// Markup of several elements: frag(html(...), ...).
const frag = (...kids) => ({ raw: kids.map((k) => k.raw).join('') });

// Display rounding only (formatNumber: web/catalog.js).
const pct = (p) => (p == null ? '–' : `${(100 * p).toFixed(1)} %`);
const sigma = (z) => (z == null ? '–'
  : `${z < 0 ? '−' : '+'}${Math.abs(z).toFixed(2)}σ`);
const clamp01 = (x) => (x == null || isNaN(x) ? 0.5 : Math.min(1, Math.max(0, x)));
const width = (x) => `width:${(100 * clamp01(x)).toFixed(1)}%`;

// A step for a slider over [lo, hi]: a power of ten giving 100 to 1000
// positions, no finer than the format's decimals.
function stepFor(lo, hi, decimals) {
  const span = hi - lo;
  const step = span > 0 ? Math.pow(10, Math.floor(Math.log10(span / 100))) : 1;
  return decimals === undefined ? step : Math.max(step, Math.pow(10, -decimals));
}
const decimalsOf = (step) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

// The bytes of a deflated (raw deflate) base64 blob embedded in a script.  The stream is
// made here rather than by a Blob, whose reading goes through the browser
// process and lets the page be laid out and painted (still "Loading")
// before the first prediction; this way every step is a microtask.
async function unpack(b64) {
  const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64)
    : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const reader = new ReadableStream({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  }).pipeThrough(new DecompressionStream('deflate-raw')).getReader();
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

// Call fn once the first prediction is on the screen (its headline's
// element timing entry: the frame has been presented), or after a frame
// where the browser has no element timing.  Drawn any sooner, the rest of
// the page (tens of ms of script, style and layout on cancer) competes
// for the cores with the raster and drawing of the first frame.
function afterPaint(fn) {
  let done = false;
  const go = () => {
    if (!done) setTimeout(fn);
    done = true;
  };
  const types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  if (!types || !types.includes('element')) {
    requestAnimationFrame(go);
    return;
  }
  const o = new PerformanceObserver((list) => {
    if (list.getEntries().some((e) => e.identifier === 'ferrum-prediction')) {
      o.disconnect();
      go();
    }
  });
  o.observe({ type: 'element', buffered: true });
  // Should the entry never come (the headline not painted), not for ever.
  setTimeout(() => {
    o.disconnect();
    go();
  }, 1000);
}

// The one-line explanations under the measures.
const EXPLAIN = {
  badge: 'By normalised entropy: Certain below 0.1, Confident below 0.4, Uncertain below 0.8, else Toss-up.',
  certainty: '1 − entropy ÷ its maximum: 100\u00a0% when one class has it all, 0\u00a0% when all are equal.',
  margin: 'How far the predicted class leads the runner-up.',
  entropy: 'In nats: 0 when certain, ln(classes) when all classes are equal.',
  classes: 'ln P: natural logarithm; odds: P ÷ (1 − P).',
  z: 'Distance from the mean training target, in standard deviations.',
  pct: 'Difference from the mean training target, as a share of it.',
  sigma: 'About two thirds of the training targets lie in this band.',
  quartile: 'Quarter of a normal distribution with the training mean and spread.',
  range: 'Lowest and highest target in the training data.',
  rangePos: 'Where the prediction lies between them.',
  output: 'The network’s output before scaling back to the target’s units.',
  features: 'z: standard deviations from the training mean, the bar right (rust) above, left (verdigris) below, to ±3σ. Range: between the training minimum and maximum.',
};

class Page {
  constructor(ferrum, model, data) {
    this.ferrum = ferrum;
    this.model = model;
    this.data = data;
    this.meta = model.metadata;
    this.regression = this.meta.task === 'regression';
    this.columns = data.columns || {};
    this.presets = data.presets || [];
    this.n = this.meta.feature_names.length;
    this.controls = this.controlsOf();
  }

  // Display names: a column's label, a class's, a code's; the raw name
  // where the description has none.
  label(col) {
    return this.columns[col] ? this.columns[col].label : col;
  }

  className(code) {
    return this.data.classes && code in this.data.classes ? this.data.classes[code] : code;
  }

  codeName(col, code) {
    const c = this.columns[col];
    return c && c.codes && code in c.codes ? c.codes[code] : code;
  }

  // A network input's name for people: the column's label, or for the
  // inputs a categorical column sets, "Sex: female", "Age: missing".
  featureLabel(name) {
    if (this.columns[name]) return this.columns[name].label;
    const eq = name.indexOf('=');
    if (eq < 0) return name;
    const col = name.slice(0, eq), level = name.slice(eq + 1);
    const what = level === '(missing)' ? 'missing' : level === '(other)' ? 'other' : this.codeName(col, level);
    return `${this.label(col)}: ${what}`;
  }

  // A regression preset's expectation (`< X`, `> X`, `X..Y`) in words.
  expectText(e) {
    const m = /^([<>])\s*(\S+)$/.exec(e), r = /^(\S+?)\s*\.\.\s*(\S+)$/.exec(e);
    const t = (x) => this.fmtTarget(Number(x));
    if (m) return `${m[1] === '<' ? 'less' : 'more'} than ${t(m[2])}`;
    return r ? `${t(r[1])} to ${t(r[2])}` : e;
  }

  // An input's value in the input table: a coded column's display name
  // for its code, else the number in the column's format.
  valueText(name, v, f) {
    const c = this.columns[name];
    if (c && c.codes) {
      const code = Object.keys(c.codes).find((k) => this.ferrum.parseFloat(k) === v);
      if (code !== undefined) return c.codes[code];
    }
    return formatNumber(v, f);
  }

  formatOf(name) {
    return this.columns[name] ? this.columns[name].format : '';
  }

  targetLabel() {
    return this.data.target ? this.data.target.label : this.meta.target_name || 'value';
  }

  fmtTarget(v) {
    return formatNumber(v, this.data.target ? this.data.target.format : '');
  }

  // The page's controls: with a schema (schemaColumns, web/ferrum.js) one
  // per source column, a slider for a number and a select of the stored
  // levels for a category; without one, one slider per network input.  A
  // numeric column with Codes is a select of its codes.
  controlsOf() {
    const meta = this.meta;
    const columns = schemaColumns(meta) || meta.feature_names.map((name, input) => ({ name, input }));
    return columns.map((c) => {
      const info = this.columns[c.name];
      if (c.levels) return { ...c, options: c.levels };
      if (info && info.codes) {
        const options = Object.keys(info.codes)
          .sort((a, b) => this.ferrum.parseFloat(a) - this.ferrum.parseFloat(b));
        return { ...c, options, coded: true };
      }
      const [lo, hi] = c.range || meta.feature_ranges[c.input] || [0, 1];
      const fd = info && info.format ? parseFormat(info.format).decimals : undefined;
      const step = stepFor(lo, hi, fd);
      return { ...c, lo, hi, step, dec: fd === undefined ? decimalsOf(step) : fd };
    });
  }

  // The column of the prediction (its headline #summary and its bars
  // #prediction) as markup, with the prediction s or empty.  mksite.js
  // writes it into each page with the first preset's prediction, so that
  // the first frame shows the prediction before any script has run.
  side(s) {
    const [summary, bars] = s ? this.predictionHTML(s) : [];
    return html('aside', { class: 'side', 'aria-label': 'Prediction and report', tabindex: 0 },
      html('div', { id: 'summary', class: 'summary', 'aria-live': 'polite' }, summary),
      html('section', { class: 'panel', id: 'prediction', 'aria-label': 'Prediction' }, bars)).raw;
  }

  // The values of the first prediction: the first preset that is not a
  // hard case, else each control's middle (or its most frequent level).
  firstValues() {
    const first = this.presets.find((p) => !p.hard);
    return first ? first.values : this.controls.map((c) => (c.options
      ? c.options[c.counts ? c.counts.indexOf(Math.max(...c.counts)) : 0]
      : String((c.lo + c.hi) / 2)));
  }

  // A page's #app holds the prerendered column (side()); an empty one
  // (the "Your data" page) gets it here.  The rest is drawn around it.
  build(root) {
    this.root = root;
    if (!root.firstChild) root.innerHTML = this.side();
    const side = root.firstChild;
    const form = h('form', { class: 'features', id: 'features', onsubmit: 'return false' });
    form.innerHTML = this.controls.map((c) => {
      const id = `x${c.input}`;
      const lab = html('label', { for: id }, this.label(c.name));
      if (c.options) {
        return html('div', { class: 'feature' }, lab,
          html('select', { id, 'data-column': c.name },
            c.options.map((o) => html('option', { value: o }, this.codeName(c.name, o))))).raw;
      }
      const f = this.formatOf(c.name);
      return html('div', { class: 'feature' }, lab,
        html('input', { type: 'text', id, 'data-column': c.name, inputmode: 'decimal',
          spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-hint` }),
        html('input', { type: 'range', id: `${id}-range`, min: c.lo, max: c.hi, step: c.step,
          'aria-label': this.label(c.name), 'aria-describedby': `${id}-hint` }),
        html('span', { class: 'hint', id: `${id}-hint` },
          `trained on ${formatNumber(c.lo, f)} – ${formatNumber(c.hi, f)}`)).raw;
    }).join('');
    for (const c of this.controls) {
      if (c.options) {
        c.select = form.querySelector(`#x${c.input}`);
        c.select.addEventListener('change', () => this.changed());
        continue;
      }
      c.range = form.querySelector(`#x${c.input}-range`);
      c.box = form.querySelector(`#x${c.input}`);
      c.range.addEventListener('input', () => {
        c.box.value = Number(c.range.value).toFixed(c.dec);
        this.changed();
      });
      c.box.addEventListener('input', () => {
        const v = this.ferrum.parseFloat(c.box.value.trim());
        if (v !== null) c.range.value = v;
        this.changed();
      });
    }

    // Presets: named rows (a hard case says so in its name).
    const presets = h('div', { class: 'presets', id: 'presets', role: 'group',
      'aria-label': 'Presets' });
    this.buttons = this.presets.map((p) => {
      const b = h('button', { type: 'button', 'data-expect': p.expect, 'data-hard': p.hard || null,
        class: p.hard ? 'hard' : null, 'aria-pressed': 'false',
        title: p.source === 'made up' || !this.data.file ? p.source : `${p.source} of ${this.data.file}` }, p.name);
      b.addEventListener('click', () => {
        this.set(p.values);
        this.press(b);
      });
      presets.append(b);
      return b;
    });
    const hard = this.presets.find((p) => p.hard);
    const hardNote = hard ? h('p', { class: 'note hard-note' }, `${hard.name.replace(/:.*/, '')}: the recorded ${
      this.regression ? `value is ${this.expectText(hard.expect)}` : `answer is “${this.className(hard.expect)}”`
    }; see what the model makes of it.`) : null;

    // The prediction (its headline is #summary) and the quantitative report.
    this.summary = side.firstChild;
    this.predBody = side.lastChild;
    this.report = h('div');
    this.unfamiliar = h('p', { id: 'unfamiliar' });
    this.featTable = h('tbody');
    this.arch = h('dl', { id: 'architecture', class: 'readout' });
    this.holdout = h('div', { id: 'holdout' });
    const panel = (id, title, sub, ...kids) => h('section', { class: 'panel', id, 'aria-labelledby': `${id}-h` },
      h('h2', { class: 'strip', id: `${id}-h` }, title, sub ? h('span', {}, sub) : null), ...kids);

    side.before(
      panel('inputs', 'Inputs', `${this.controls.length} ${this.controls.length === 1 ? 'column' : 'columns'}`,
        this.presets.length ? h('p', { class: 'note', id: 'presets-h' }, 'Presets') : null,
        this.presets.length ? presets : null, hardNote, form));
    // The column scrolls within itself: it takes the focus (side()), so
    // that the keyboard can scroll it too.
    side.append(panel('report', this.regression ? 'Regression report' : 'Classification report', null, this.report));
    root.append(
      panel('model-stats', 'Model statistics', null, this.unfamiliar,
        h('table', { id: 'features-table' },
          h('caption', {}, 'The input vector against the training data'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Input'),
            h('th', { scope: 'col', class: 'num' }, 'Value'), h('th', { scope: 'col', class: 'num' }, 'z'),
            h('th', { scope: 'col', class: 'zcol' }, 'z-bar'),
            h('th', { scope: 'col', class: 'num' }, 'Range'), h('th', { scope: 'col' }, 'Flag'))),
          this.featTable),
        h('p', { class: 'explain' }, EXPLAIN.features),
        h('div', { class: 'cards' },
          h('section', { class: 'card', 'aria-labelledby': 'arch-h' }, h('h3', { id: 'arch-h' }, 'Architecture'), this.arch),
          h('section', { class: 'card', 'aria-labelledby': 'holdout-h' }, h('h3', { id: 'holdout-h' }, 'Held-out test'), this.holdout))));

    this.set(this.firstValues(), true);
    this.press(this.buttons[this.presets.findIndex((p) => !p.hard)]);
  }

  press(button) {
    for (const b of this.buttons) b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
  }

  changed() {
    this.press(null);
    this.update();
  }

  // Put a row's values (text, as in the CSV: a number, a level of a
  // categorical column, a code) into the controls.  A box shows the
  // number with its format's decimals, unless that would change it.
  set(values, quiet) {
    values.forEach((t, i) => {
      const c = this.controls[i];
      if (c.options) {
        c.select.value = t;
        return;
      }
      const v = this.ferrum.parseFloat(t);
      if (v !== null) c.range.value = v;
      c.box.value = this.textOf(c, t);
    });
    if (!quiet) this.update();
  }

  // The text set() puts in a control for a row's value t.
  textOf(c, t) {
    const v = this.ferrum.parseFloat(t);
    const fixed = v === null || c.options ? '' : v.toFixed(c.dec);
    return fixed && this.ferrum.parseFloat(fixed) === v ? fixed : String(t).trim();
  }

  // The network's input vector for the controls' texts (a select's value,
  // a box's text), or the label of the first column that is not a number.
  vector(texts) {
    const x = new Array(this.n).fill(0);
    let bad = null;
    this.controls.forEach((c, i) => {
      const t = texts[i];
      if (c.options && !c.coded) {
        x[c.inputs[c.options.indexOf(t)]] = 1;
        return;
      }
      // A coded column's value is a number too, encoded as any other.
      const v = this.ferrum.parseFloat(String(t).trim());
      if (!c.coded) {
        const no = v === null || !isFinite(v);
        if (c.box) c.box.setAttribute('aria-invalid', no ? 'true' : 'false');
        if (no && bad === null) bad = this.label(c.name);
      }
      if (c.edges && bad === null) valuesOf(c, v).forEach((z, k) => { x[c.inputs[k]] = z; });
      else x[c.input] = v;
    });
    return bad === null ? x : bad;
  }

  // first: the page's first prediction, which start() times.  The report,
  // the table of inputs, the architecture and the held-out scores then
  // wait until the first frame is on the screen (afterPaint), which shows
  // the prediction sooner for holding less and for having the cores to
  // itself; any later update draws everything at once.  The root
  // gets data-complete once they are drawn (the browser test waits for it).
  // A categorical column sets its one-hot inputs; the inputs the page
  // has no control for (a gap's indicator, a column's "(other)" and
  // "(missing)" levels) stay 0.
  update(first) {
    const x = this.vector(this.controls.map((c) => (c.options ? c.select.value : c.box.value)));
    const status = document.getElementById('status');
    if (typeof x === 'string') {
      status.textContent = `Enter a number for ${x}.`;
      return;
    }
    const s = this.model.stats(x);
    status.textContent = '';
    this.showPrediction(s);
    this.later = first ? s : null;
    if (first) {
      afterPaint(() => {
        if (this.later === s) this.showRest(s);
      });
    } else {
      this.showRest(s);
    }
  }

  showRest(s) {
    this.later = null;
    this.showReport(s);
    this.showFeatures(s);
    this.showArchitecture(s.model);
    this.root.dataset.complete = '';
  }

  // The headline (#summary) and, below it, the bars.  The headline's
  // elementtiming lets bench/web see when the prediction was actually on
  // the screen.  The markup is predictionHTML's, which mksite.js also
  // writes into the page for its first prediction: an element that
  // already shows it is left alone (read back through a template, so
  // that both are the browser's serialisation).
  showPrediction(s) {
    const t = document.createElement('template');
    this.predictionHTML(s).forEach((m, k) => {
      const e = k ? this.predBody : this.summary;
      t.innerHTML = m.raw;
      if (t.innerHTML !== e.innerHTML) e.innerHTML = m.raw;
    });
  }

  // [#summary's content, #prediction's], as html() objects.
  predictionHTML(s) {
    const p = s.prediction;
    const strip = html('span', { class: 'strip' }, 'Prediction');
    if (this.regression) {
      const r = s.report, v = this.fmtTarget(p.value);
      return [frag(strip,
        html('span', { class: 'what' }, this.targetLabel()),
        html('strong', { id: 'pred-value', class: 'figure', 'data-value': String(p.value),
          elementtiming: 'ferrum-prediction' }, v),
        html('span', { class: 'aside' }, sigma(r.z))),
      frag(
        html('div', { class: 'scale', role: 'img', 'aria-label':
          `${v} on the training range ${this.fmtTarget(r.target_min)} to ${this.fmtTarget(r.target_max)}, mean ${this.fmtTarget(r.target_mean)}` },
        html('span', { style: `left:${100 * clamp01(r.mean_pos)}%` }),
        html('span', { class: 'marker', style: `left:${100 * clamp01(r.range_pos)}%` })),
        html('div', { class: 'scale-labels' }, html('span', {}, this.fmtTarget(r.target_min)),
          html('span', { class: 'mean-label' }, `mean ${this.fmtTarget(r.target_mean)}`),
          html('span', {}, this.fmtTarget(r.target_max))))];
    }
    const names = this.meta.class_names;
    const top = names[p.class_index];
    return [frag(strip,
      html('span', { class: 'what' }, this.data.target ? this.data.target.label : 'Class'),
      html('strong', { id: 'pred-label', class: 'figure', 'data-class': top,
        elementtiming: 'ferrum-prediction' }, this.className(top)),
      html('span', { class: 'aside' }, pct(p.confidence))),
    html('ol', { class: 'probs', id: 'probs', 'aria-label': 'Probability of each class' },
      s.report.order.map((k) => html('li', { class: k === p.class_index ? 'best' : null, 'data-label': names[k] },
        html('span', { class: 'name' }, this.className(names[k])),
        html('span', { class: 'bar', 'aria-hidden': 'true' }, html('span', { style: width(p.probabilities[k]) })),
        html('span', { class: 'p' }, pct(p.probabilities[k])))))];
  }

  showReport(s) {
    const r = s.report;
    // One measure: a name, its value (with an id), an optional bar, and
    // the line that says what it means.
    const measure = (name, id, value, bar, explain, barId) => h('div', { class: 'measure' },
      h('dt', {}, name), h('dd', { id, class: 'v' }, value),
      bar === null ? null : h('dd', { class: 'gauge', id: barId || null, 'aria-hidden': 'true' },
        h('span', { style: width(bar) })),
      h('dd', { class: 'explain' }, explain));
    if (this.regression) {
      const ft = (v) => this.fmtTarget(v);
      const side = r.pct_from_mean === null ? '' : r.pct_from_mean >= 0 ? 'above' : 'below';
      const pos = r.range_pos === null ? '–' : `${(100 * r.range_pos).toFixed(0)} %`;
      this.report.replaceChildren(h('dl', { class: 'readout' },
        measure('z-score', 'rep-z', sigma(r.z), null, EXPLAIN.z),
        measure('vs. the mean', 'rep-pct', r.pct_from_mean === null ? '–'
          : `${Math.abs(r.pct_from_mean).toFixed(1)} % ${side} ${ft(r.target_mean)}`, null, EXPLAIN.pct),
        measure('Mean ± 1 SD', 'rep-sigma', `${ft(r.sigma_interval[0])} – ${ft(r.sigma_interval[1])} · ${
          r.within_sigma ? 'inside' : 'outside'}`, null, EXPLAIN.sigma),
        measure('Quartile', 'rep-quartile', `Q${r.quartile} of 4`, null, EXPLAIN.quartile),
        measure('Training range', 'rep-range', `${ft(r.target_min)} – ${ft(r.target_max)}${
          r.out_of_range ? ' · outside' : ''}`, null, EXPLAIN.range),
        measure('Position in range', 'rep-range-pos', pos, r.range_pos, EXPLAIN.rangePos),
        measure('Normalised output', 'rep-output', r.output === null ? '–'
          : r.output.toFixed(5).replace('-', '−'), null, EXPLAIN.output)));
      return;
    }
    const badge = r.badge.toLowerCase().replace(/[^a-z]/g, '');
    const names = this.meta.class_names;
    this.report.replaceChildren(
      h('dl', { class: 'readout' },
        h('div', { class: 'measure verdict' }, h('dt', {}, 'Confidence'),
          h('dd', { class: 'v' }, h('span', { class: `badge ${badge}`, id: 'badge' }, r.badge)),
          h('dd', { class: 'explain' }, EXPLAIN.badge)),
        measure('Certainty', 'certainty', pct(r.certainty), r.certainty, EXPLAIN.certainty),
        measure('Top-2 margin', 'margin', `${pct(r.margin)} over ${this.className(r.runner_up)}`, r.margin,
          EXPLAIN.margin, 'margin-bar'),
        h('div', { class: 'measure' }, h('dt', {}, 'Entropy'),
          h('dd', { id: 'entropy', class: 'v' }, `${r.entropy.toFixed(4)} of at most ${r.entropy_max.toFixed(4)} nats`,
            h('span', { class: 'gauge', 'aria-hidden': 'true' }, h('span', { style: width(r.entropy_norm) }))),
          h('dd', { class: 'explain' }, EXPLAIN.entropy))),
      h('table', { id: 'classes-table' },
        h('caption', {}, 'The probability distribution'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Class'), h('th', { scope: 'col', class: 'num' }, 'P'),
          h('th', { scope: 'col', class: 'barcol' }, 'bar'),
          h('th', { scope: 'col', class: 'num' }, 'ln P'), h('th', { scope: 'col', class: 'num' }, 'Odds'))),
        h('tbody', {}, s.report.order.map((k) => {
          const c = r.classes[k];
          return h('tr', { class: k === s.prediction.class_index ? 'best' : null, 'data-label': names[k] },
            h('th', { scope: 'row' }, this.className(c.label)), h('td', { class: 'num' }, pct(c.p)),
            h('td', { class: 'barcol' }, h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: width(c.p) }))),
            h('td', { class: 'num' }, c.log_p === null ? '−∞' : c.log_p.toFixed(3).replace('-', '−')),
            h('td', { class: 'num' }, c.odds === null ? '∞' : `${formatNumber(c.odds, '')} : 1`));
        }))),
      h('p', { class: 'explain' }, EXPLAIN.classes));
  }

  showFeatures(s) {
    const n = s.unfamiliar;
    this.unfamiliar.className = n ? 'warn' : 'fine';
    this.unfamiliar.textContent = n
      ? `Unfamiliar input: ${n} of ${s.features.length} inputs outside the training range or over 3σ from the mean.`
      : 'Familiar input: all within the training range and 3σ of the mean.';
    this.featTable.innerHTML = s.features.map((f) => {
      const zb = f.z_bar;
      const bar = zb === null ? '' : zb >= 0
        ? `left:50%;width:${(50 * zb).toFixed(1)}%` : `left:${(50 + 50 * zb).toFixed(1)}%;width:${(-50 * zb).toFixed(1)}%`;
      const fmt = this.formatOf(f.name);
      return html('tr', { 'data-feature': f.name, class: f.out_of_range || f.unusual ? 'flagged' : null },
        html('th', { scope: 'row' }, this.featureLabel(f.name)),
        html('td', { class: 'num value' }, this.valueText(f.name, f.value, fmt)),
        html('td', { class: `num z band${f.band}` }, sigma(f.z)),
        html('td', { class: 'zbar' }, html('span', { class: 'zb', role: 'img', 'aria-label': `z ${sigma(f.z)}` },
          html('span', { class: zb !== null && zb < 0 ? 'down' : null, style: bar }))),
        html('td', { class: 'num range-pos' }, f.range_pos === null ? '–' : `${(100 * f.range_pos).toFixed(0)} %`,
          html('span', { class: 'bar', 'aria-hidden': 'true' }, html('span', { style: width(f.range_pos) }))),
        html('td', { class: 'flag' }, f.out_of_range ? 'outside range' : f.unusual ? '|z| > 3' : '')).raw;
    }).join('');
  }

  showArchitecture(m) {
    if (this.archShown) return;
    this.archShown = true;
    this.showHoldout();
    const act = { relu: 'ReLU', sigmoid: 'Sigmoid', tanh: 'Tanh', softmax: 'Softmax', identity: 'Identity' };
    const layers = m.layers.map((l) => (l === null ? '?' : l.kind === 'linear' ? `Linear ${l.in}→${l.out}`
      : act[l.activation] || l.activation)).join(' · ');
    const row = (k, v, id) => h('div', {}, h('dt', {}, k), h('dd', { id: id || null }, v));
    const cols = this.controls.length;
    this.arch.replaceChildren(
      row('Inputs', cols === m.features ? `${m.features}` : `${m.features} from ${cols} columns`),
      row('Layers', layers, 'arch-layers'),
      row('Hidden widths', m.hidden.join(', ') || 'none'),
      row('Outputs', `${m.outputs}`),
      row('Normaliser', m.normaliser, 'arch-normaliser'),
      row('Loss', m.loss, 'arch-loss'),
      row('Parameters', formatNumber(m.parameters, '#,##0')),
      row('Format', `FINF v${m.format_version}`));
  }

  // The held-out metrics the default recipe stores in the metadata (the
  // share held out is not stored: a model trained on the "Your data" page
  // may have held out another than the demo's fifth).
  showHoldout() {
    const o = this.meta.holdout;
    if (!o || typeof o !== 'object') {
      this.holdout.replaceChildren(h('p', { class: 'note' }, 'This model carries no held-out scores.'));
      return;
    }
    const row = (k, v) => (v === null ? null : h('div', {}, h('dt', {}, k), h('dd', {}, v)));
    const num = (v) => (typeof v === 'number' ? v.toFixed(3) : null);
    const tgt = (v) => (typeof v === 'number' ? this.fmtTarget(v) : null);
    const seed = typeof this.meta.seed === 'number' ? `, seed ${this.meta.seed}` : '';
    this.holdout.replaceChildren(
      h('p', { class: 'note' }, `Hold-out split${seed}: scored on ${
        typeof o.rows === 'number' ? formatNumber(o.rows, '#,##0') : 'the'} rows kept out of training.`),
      h('dl', { class: 'readout' },
        this.regression ? [row('R²', num(o.r2)), row('RMSE', tgt(o.rmse)), row('MAE', tgt(o.mae))]
          : [row('Accuracy', typeof o.accuracy === 'number' ? pct(o.accuracy) : null),
            row('Macro F1', num(o.macro_f1)), row('Log loss', num(o.log_loss))]));
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
