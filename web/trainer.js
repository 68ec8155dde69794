// trainer.js: training in the page: a thin class over the trainer module
// (web/libferrum-train.js + .wasm, built from web/trainer.c with the library).
// SPDX-License-Identifier: MIT
//
// Usable in a Web Worker (importScripts, or the text of this file run with
// the module's glue) and in node (require).  It is the module's only
// caller: bytes in, bytes out, nothing fetched.
//
//   const t = await Trainer.create(createFerrumTrainer, wasmBytes);
//   t.describe(bytes, opts)            -> { rows, delimiter, header, task,
//                                          target, columns: [...], skipped }
//   await t.train(bytes, opts, onProgress)
//                                      -> { model, report, stopped }
//   t.stop(); t.free();
//
// opts: { name, target, task, ignore: [names], categorical: [names],
//         na: [markers], maxLevels, header: true|false|undefined,
//         delimiter: ','|';'|'\t'|'|'|' '|undefined, seed, recipe, hidden,
//         epochs, holdout, encode, effort } -- undefined means finf-train's default for that
// flag, and each has the meaning of the flag of finf-train(1): target is a
// column name or a 1-based column number, as --target.
'use strict';

// The limits of training in the page, stated once: the page refuses a file
// larger than maxBytes before reading it, and the module refuses a table
// of more than maxCells cells (rows times columns) before training.
const TRAIN_LIMITS = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxCells: 10 * 1000 * 1000,
});

// A table, an option or a model the library refuses: its one-line message
// (starting "line N: " when it concerns a line; the number in .line), and
// in .column the 1-based column the library names (a refused target: no
// line, the target's column).
class FerrumError extends Error {
  constructor(message, line, column) {
    super(message);
    this.name = 'FerrumError';
    this.line = line >= 0 ? line : undefined;
    this.column = column >= 0 ? column : undefined;
  }
}

// How often a training lets the event loop run (a Stop message in): the
// module is suspended at the end of an epoch at most this often.
const YIELD_MS = 100;

// A macrotask: setImmediate in node, a MessageChannel round trip elsewhere
// (setTimeout is clamped to 4 ms or more when nested).
function macrotask() {
  if (typeof setImmediate === 'function')
    return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

function now() {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function list(v, what) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) throw new FerrumError(`${what}: not a list`);
  return v.map(String).join(',');
}

// The options as the JSON object web/trainer.c reads: strings, so that a
// 64-bit seed keeps every digit; holdout a number.
function optionsJSON(opts) {
  const o = {};
  opts = opts || {};
  const put = (key, v) => {
    if (v !== undefined && v !== null) o[key] = String(v);
  };
  put('name', opts.name);
  put('target', opts.target);
  put('task', opts.task);
  put('ignore', list(opts.ignore, 'ignore'));
  put('categorical', list(opts.categorical, 'categorical'));
  put('na', list(opts.na, 'na'));
  put('max_levels', opts.maxLevels);
  if (opts.header === true) o.header = '1';
  else if (opts.header === false) o.header = '0';
  if (opts.delimiter !== undefined && opts.delimiter !== null) {
    const d = { tab: '\t', '\\t': '\t', space: ' ' }[opts.delimiter];
    o.delimiter = d !== undefined ? d : String(opts.delimiter);
  }
  put('seed', opts.seed);
  put('recipe', opts.recipe);
  put('hidden', opts.hidden);
  put('layers', list(opts.layers, 'layers'));
  put('epochs', opts.epochs);
  put('encode', opts.encode);
  put('effort', opts.effort);
  if (opts.holdout !== undefined && opts.holdout !== null) {
    o.holdout = Number(opts.holdout);
    if (!Number.isFinite(o.holdout))
      throw new FerrumError(`--holdout: '${opts.holdout}' is not a fraction between 0 and 1`);
  }
  o.max_cells = String(TRAIN_LIMITS.maxCells);
  return JSON.stringify(o);
}

// The message for a file over TRAIN_LIMITS.maxBytes.
function tooLarge(size) {
  const mb = (n) => `${Math.round(n / 1048576)} MB`;
  return `the file is too large to train in the page: ${mb(size)} (${size} bytes), ` +
    `more than the limit of ${mb(TRAIN_LIMITS.maxBytes)} (${TRAIN_LIMITS.maxBytes} bytes)`;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

class Trainer {
  // createFerrumTrainer: the module's factory (web/libferrum-train.js);
  // wasmBytes: the bytes of libferrum-train.wasm.
  static async create(createFerrumTrainer, wasmBytes) {
    return new Trainer(await createFerrumTrainer({ wasmBinary: wasmBytes }));
  }

  constructor(mod) {
    this.mod = mod;
    this.busy = false;
    this.stopAsked = false;
    this.progress = null;
    mod.ftMonitor = (...a) => this._monitor(...a);
  }

  // { maxBytes, maxCells }: see TRAIN_LIMITS above.
  static get limits() {
    return TRAIN_LIMITS;
  }

  // The message for a file of @size bytes when it is over the limit, else
  // null: the page asks before reading the file.
  static tooLarge(size) {
    return size > TRAIN_LIMITS.maxBytes ? tooLarge(size) : null;
  }

  // The table's shape as the library reads it with these options (see the
  // top of this file); throws FerrumError for a bad table or option.
  describe(bytes, opts) {
    this._idle();
    this._call('ft_describe', bytes, opts, false);
    const r = JSON.parse(this._text());
    this.mod._ft_release();
    return r;
  }

  // Trains; onProgress(p) (may be omitted) gets, after each epoch, epoch,
  // epochs, best_epoch, last_epoch, loss, val_loss, best_val_loss (null
  // when the recipe does not validate) and elapsed (ms since the call).
  // Resolves { model: Uint8Array (FINF v3), report: finf-train's
  // --report=json object, stopped }.
  async train(bytes, opts, onProgress) {
    this._idle();
    this.busy = true;
    this.stopAsked = false;
    this.progressError = null;
    this.progress = onProgress || null;
    this.t0 = now();
    this.lastYield = this.t0;
    try {
      await this._call('ft_train', bytes, opts, true);
      const mod = this.mod;
      const p = mod._ft_model(), n = mod._ft_model_len();
      const model = new Uint8Array(mod.HEAPU8.subarray(p, p + n));
      const report = JSON.parse(this._text());
      const stopped = mod._ft_stopped() !== 0;
      mod._ft_release();
      if (this.progressError) throw this.progressError;
      return { model, report, stopped };
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  // Asks the running train() to stop after the epoch it is in; the model
  // keeps the best epoch so far.
  stop() {
    if (this.busy) this.stopAsked = true;
  }

  // Whether the bytes are a model the library reads (FINF v3, ours or the
  // original engine's); throws FerrumError with the library's message.
  check(bytes) {
    this._idle();
    const p = this._copy(bytes);
    try {
      if (this.mod._ft_check_model(p, bytes.length) !== 0) this._throw();
    } finally {
      this.mod._free(p);
    }
  }

  free() {
    if (this.mod) this.mod.ftMonitor = () => 1;
    this.mod = null;
  }

  // ---- inside ----

  _idle() {
    if (!this.mod) throw new Error('Trainer: used after free()');
    if (this.busy) throw new Error('Trainer: a training is running');
  }

  _copy(bytes) {
    const p = this.mod._malloc(Math.max(bytes.length, 1));
    if (!p) throw new FerrumError('out of memory');
    this.mod.HEAPU8.set(bytes, p);
    return p;
  }

  _text() {
    const mod = this.mod;
    const p = mod._ft_text(), n = mod._ft_text_len();
    return fromUtf8.decode(mod.HEAPU8.subarray(p, p + n));
  }

  _throw() {
    const mod = this.mod;
    const p = mod._ft_error();
    let e = p;
    while (mod.HEAPU8[e]) e++;
    const err = new FerrumError(fromUtf8.decode(mod.HEAPU8.subarray(p, e)), mod._ft_error_line(),
      mod._ft_error_column());
    mod._ft_release();
    throw err;
  }

  // Call fn(bytes, length, options) with copies in the module's memory;
  // throws FerrumError when it fails.
  _call(fn, bytes, opts, async) {
    if (!(bytes instanceof Uint8Array)) bytes = new Uint8Array(bytes);
    if (bytes.length > TRAIN_LIMITS.maxBytes)
      throw new FerrumError(tooLarge(bytes.length));
    const optText = utf8.encode(optionsJSON(opts) + '\0');
    const mod = this.mod;
    const p = this._copy(bytes);
    let q;
    try {
      q = this._copy(optText);
    } catch (e) {
      mod._free(p);
      throw e;
    }
    const done = (rc) => {
      mod._free(p);
      mod._free(q);
      if (rc !== 0) this._throw();
      return rc;
    };
    if (!async) return done(mod['_' + fn](p, bytes.length, q));
    return Promise.resolve(
      mod.ccall(fn, 'number', ['number', 'number', 'number'], [p, bytes.length, q], { async: true })
    ).then(done);
  }

  // The import's answer after each epoch: 1 to stop, 0 to go on, or a
  // Promise of either after a macrotask (at most every YIELD_MS).
  _monitor(epoch, epochs, best, last, loss, val, bestVal) {
    const t = now();
    if (this.progress && !this.progressError) {
      try {
        this.progress({
          epoch,
          epochs,
          best_epoch: best,
          last_epoch: last,
          loss,
          val_loss: Number.isNaN(val) ? null : val,
          best_val_loss: Number.isNaN(bestVal) ? null : bestVal,
          elapsed: t - this.t0,
        });
      } catch (e) {
        // Not through the module: stop it, and train() throws e.
        this.progressError = e;
      }
    }
    if (this.stopAsked || this.progressError) return 1;
    if (t - this.lastYield < YIELD_MS) return 0;
    return macrotask().then(() => {
      this.lastYield = now();
      return this.stopAsked ? 1 : 0;
    });
  }
}

if (typeof module === 'object' && module.exports) {
  module.exports = { Trainer, FerrumError, TRAIN_LIMITS };
} else if (typeof self === 'object') {
  // A worker (or a page): the names as globals.
  self.Trainer = Trainer;
  self.FerrumError = FerrumError;
  self.TRAIN_LIMITS = TRAIN_LIMITS;
}
