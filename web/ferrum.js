// ferrum.js: a thin JavaScript layer over libferrum compiled to WebAssembly.
// SPDX-License-Identifier: MIT
//
// One class per C handle (Ferrum for the module and its error record, Model
// for ferrum_model), one check() that throws the library's own message, and
// explicit free(): WebAssembly memory is not garbage-collected.  Every
// number these methods return was computed by the C library; nothing here
// does arithmetic on model values.  Works in a page (createFerrum global)
// and under node (require).
'use strict';

class FerrumError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'FerrumError';
    this.code = code;
  }
}

class Ferrum {
  // wasm: the bytes of libferrum.wasm (a page embeds them, node reads them).
  static async load(createFerrum, wasm) {
    return new Ferrum(await createFerrum({ wasmBinary: wasm }));
  }

  // The same, synchronously: the module is compiled and instantiated here
  // rather than in the glue's promise chain, whose every step lets the
  // browser render a frame first.  A 31 KB module compiles in a
  // millisecond or two.
  static create(createFerrum, wasm) {
    let failure = null;
    const mod = {
      // The glue would only log an exception thrown here.
      instantiateWasm(imports, done) {
        try {
          done(new WebAssembly.Instance(new WebAssembly.Module(wasm), imports));
        } catch (e) {
          failure = e;
        }
        return {};
      },
    };
    createFerrum(mod);
    if (failure) throw failure;
    if (!mod.calledRun) throw new FerrumError(-1, 'the module did not start');
    return new Ferrum(mod);
  }

  constructor(mod) {
    this.mod = mod;
    this.err = mod._ferrum_web_error_new();
    if (this.err === 0) throw new FerrumError(-1, 'out of memory');
    this.decoder = new TextDecoder();
    this.encoder = new TextEncoder();
  }

  // A negative status becomes an exception carrying the C message.
  check(rc) {
    if (rc < 0) {
      const msg = this.string(this.mod._ferrum_web_error_message(this.err));
      this.mod._ferrum_error_clear(this.err);
      throw new FerrumError(rc, msg);
    }
    return rc;
  }

  // The NUL-terminated UTF-8 string at ptr.  The heap views are fetched on
  // every use because memory growth replaces them.
  string(ptr, len) {
    const heap = this.mod.HEAPU8;
    let end = ptr;
    if (len === undefined) while (heap[end] !== 0) end++;
    else end = ptr + len;
    return this.decoder.decode(heap.subarray(ptr, end));
  }

  // Copy bytes into a fresh malloc'd block; the caller frees it.
  alloc(bytes) {
    const p = this.mod._malloc(Math.max(bytes.length, 1));
    if (p === 0) throw new FerrumError(-1, 'out of memory');
    this.mod.HEAPU8.set(bytes, p);
    return p;
  }

  version() {
    return this.string(this.mod._ferrum_version());
  }

  // Parse number text exactly as the command-line tools do (the grammar of
  // ferrum_parse_float, correctly rounded to float); null if it is not one.
  parseFloat(text) {
    const bytes = this.encoder.encode(String(text));
    const p = this.alloc(bytes);
    const out = this.mod._malloc(4);
    try {
      if (this.mod._ferrum_parse_float(p, bytes.length, out) !== 0) return null;
      return this.mod.HEAPF32[out >> 2];
    } finally {
      this.mod._free(out);
      this.mod._free(p);
    }
  }

  // Decode a FINF model from its bytes (a Uint8Array).
  readModel(bytes) {
    const p = this.alloc(bytes);
    const out = this.mod._malloc(4);
    try {
      this.check(this.mod._ferrum_model_read(p, bytes.length, out, this.err));
      return new Model(this, this.mod.HEAPU32[out >> 2]);
    } finally {
      this.mod._free(out);
      this.mod._free(p);
    }
  }

  free() {
    if (this.err) this.mod._ferrum_free(this.err);
    this.err = 0;
  }
}

class Model {
  constructor(ferrum, handle) {
    this.ferrum = ferrum;
    this.handle = handle;
    const mod = ferrum.mod;
    this.nFeatures = mod._ferrum_model_n_features(handle);
    this.metadata = JSON.parse(ferrum.string(mod._ferrum_model_metadata_json(handle)));
    this.row = mod._malloc(4 * Math.max(this.nFeatures, 1));
    if (this.row === 0) throw new FerrumError(-1, 'out of memory');
  }

  // Run a JSON producer of the library on one raw row (numbers, or text
  // parsed as the tools parse it) and return the parsed object.
  json(fn, values) {
    const f = this.ferrum, mod = f.mod;
    if (!this.handle) throw new FerrumError(-6, 'the model was freed');
    if (values.length !== this.nFeatures)
      throw new FerrumError(-5, `expected ${this.nFeatures} values, got ${values.length}`);
    for (let i = 0; i < values.length; i++) {
      const v = typeof values[i] === 'number' ? values[i] : f.parseFloat(values[i]);
      if (v === null) throw new FerrumError(-7, `feature ${i + 1}: '${values[i]}' is not a number`);
      mod.HEAPF32[(this.row >> 2) + i] = v;
    }
    const out = mod._malloc(8);
    try {
      f.check(fn(this.handle, this.row, out, out + 4, f.err));
      const p = mod.HEAPU32[out >> 2], len = mod.HEAPU32[(out >> 2) + 1];
      try {
        const text = f.string(p, len);
        return JSON.parse(text);
      } finally {
        mod._ferrum_free(p);
      }
    } finally {
      mod._free(out);
    }
  }

  // The object finf-predict --json prints for this row: the prediction
  // member of the panels' object, the same numbers from the same code (the
  // module does not export ferrum_predict_json, to stay within 32 KB).
  predict(values) {
    return this.stats(values).prediction;
  }

  // The object finf-stats --json prints for this row: features, prediction,
  // report and the architecture.
  stats(values) {
    return this.json(this.ferrum.mod._ferrum_stats_json, values);
  }

  free() {
    const mod = this.ferrum.mod;
    if (this.handle) mod._ferrum_model_free(this.handle);
    if (this.row) mod._free(this.row);
    this.handle = 0;
    this.row = 0;
  }
}

// The source columns a model with a schema (metadata.schema, finf(5))
// takes, each with the network inputs it sets, found by their feature
// names: { name, kind, input, inputs, edges, range } for a numeric or
// date column (its value input; with an encoding, edges, its inputs
// "NAME~1", ... and range, the training [min, max]; a gap indicator
// "NAME=(missing)" follows), { name, kind,
// input, levels, counts, codes, inputs } for a categorical one (inputs:
// one per stored level, "NAME=LEVEL", input the first of them;
// "NAME=(other)" and "NAME=(missing)" may follow; codes: the levels are
// numbers, matched as numbers).
// Ignored columns and the target set none.  null without a schema, or
// when it does not account for every input.
function schemaColumns(meta) {
  const schema = meta.schema;
  if (!schema || typeof schema !== 'object' || !Array.isArray(schema.columns)) return null;
  const at = new Map(meta.feature_names.map((f, k) => [f, k]));
  const seen = new Set();
  const find = (f) => {
    if (!at.has(f)) return -1;
    seen.add(at.get(f));
    return at.get(f);
  };
  const columns = [];
  for (const c of schema.columns) {
    if (c.kind === 'numeric' || c.kind === 'date') {
      const edges = c.encode && [].concat(c.encode.edges).map(Math.fround);
      const inputs = edges ? edges.slice(1).map((e, t) => find(`${c.name}~${t + 1}`)) : [find(c.name)];
      if (inputs.some((k) => k < 0) || (c.indicator && find(`${c.name}=(missing)`) < 0)) return null;
      columns.push({ name: c.name, kind: c.kind, input: inputs[0], inputs, edges, range: edges && [c.min, c.max] });
    } else if (c.kind === 'categorical') {
      const levels = Array.isArray(c.levels) ? c.levels.map(String) : [];
      const inputs = levels.map((l) => find(`${c.name}=${l}`));
      if (levels.length === 0 || inputs.some((k) => k < 0) ||
          (c.other > 0 && find(`${c.name}=(other)`) < 0) ||
          (c.missing > 0 && find(`${c.name}=(missing)`) < 0)) return null;
      columns.push({ name: c.name, kind: c.kind, input: inputs[0], levels, counts: c.counts,
        codes: !!c.codes, inputs });
    }
  }
  return seen.size === meta.feature_names.length ? columns : null;
}

// The inputs of numeric column @c (of schemaColumns) with edges for the
// value @v: lib/schema.c's fe_column_values in the same doubles, each
// rounded to float when stored.
function valuesOf(c, v) {
  const e = c.edges;
  return e.slice(1).map((hi, t, a) => {
    const d = (v - e[t]) / (hi - e[t]);
    return t && d < 0 ? 0 : t < a.length - 1 && d > 1 ? 1 : d;
  });
}

// The level of categorical column @c (of schemaColumns) that the text @t
// of a cell names, or undefined: codes match by number ("1.0" is "1").
function levelOf(c, t) {
  const s = String(t).trim();
  if (!c.codes) return c.levels.find((l) => l === s);
  return s === '' || isNaN(Number(s)) ? undefined : c.levels.find((l) => Number(l) === Number(s));
}

if (typeof module === 'object' && module.exports)
  module.exports = { Ferrum, Model, FerrumError, schemaColumns, levelOf, valuesOf };
