// worker.js: the Web Worker of the "Your data" page (train.html), where
// the trainer module reads and trains a table while the page stays live.
// SPDX-License-Identifier: MIT
//
// mksite.js writes this file after the trainer's glue (createFerrumTrainer)
// and web/trainer.js (class Trainer) into one script, which the page
// (web/train-page.js) starts from a Blob URL: a page opened from file://
// may not start a worker from a file.  The page sends the module's bytes
// first; nothing is fetched.  Messages (each answer carries the id of its
// request, so that the page can drop an answer it no longer wants):
//   {type:'init', wasm}             -> {type:'ready'}
//   {type:'describe', id, bytes, opts, probe} -> {type:'columns', id, ...Trainer.describe()}
//                                   (with probe, a refusal of the target
//                                   comes as an error with columns and
//                                   refused: see probe() below)
//   {type:'train', id, bytes, opts}    -> {type:'progress', id, ...} for each
//                                         epoch, then {type:'done', id, model,
//                                         report, stopped}
//   {type:'stop'}                   asks the running training to stop after
//                                   its epoch; it keeps the best model so far
//   a failure                       -> {type:'error', id, message} (the
//                                      library's one-line message)
'use strict';

let trainerReady = null;
// Set when the visitor's first request arrives: the warm-up then ends
// after the epoch it is in.
let warmCut = false;
let warmStop = null;

// WebAssembly starts as baseline code; V8 compiles a function again,
// optimised, in the background once it has run enough, and the optimised
// code serves its next call (a running call keeps the code it started
// with).  Training calls some functions once per table (reading the
// table, setting up the fit, the epochs' loop, the report), each with a
// loop over every row inside: those would run a visitor's first training
// as baseline code and be compiled during it, on a core the training
// needs.  So the worker warms the module up as soon as it has it, while
// the visitor is still choosing a file: it describes and trains a
// made-up table with what a visitor's file has (numbers, a text column,
// gaps; a classification and a regression) three times, so that every
// such function has run and been compiled before the visitor's table
// arrives.  The module keeps no state between trainings, so the
// visitor's model is the same bytes; a request that arrives meanwhile
// cuts the warm-up short (after the epoch it is in).
async function warmUp(trainer) {
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['a,b,c,d,e,f,g,s,k,y'];
  for (let i = 0; i < 1500; i++) {
    const v = [0, 1, 2, 3, 4, 5, 6].map(() => rnd() * 10);
    const cells = v.map((t, j) => (j === i % 29 ? '' : t.toFixed(3)));
    lines.push(`${cells.join(',')},${['red', 'green', 'blue'][i % 3]},${i % 3},${(v[0] + v[1]).toFixed(3)}`);
  }
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  for (let r = 0; r < 3 && !warmCut; r++) {
    trainer.describe(bytes, { target: 'k' });
    if (!warmCut) await trainer.train(bytes, { target: 'k', ignore: ['y'], epochs: 8 });
    if (!warmCut) await trainer.train(bytes, { target: 'y', ignore: ['k'], epochs: 4 });
  }
}

// Columns to try as the target when the table's own is refused.
const PROBE_TRIES = 6;

// A table refused because of its target (a free-text column, one class,
// a constant, a target missing on every row) still has columns the
// visitor can choose from, and the message tells them to.  The library
// says which column it refused (.column, with no line) but reads a table
// only with a target, so read it again with column 1, 2, ... as the
// target (at most PROBE_TRIES, the refused one skipped) and return the
// first description, with the index of the refused column:
// {columns: describe()'s answer, refused}.  null when no try works, or
// when the error is not about the target: one with a line (a malformed
// row, a bad byte) or without a column (a bad option, an empty file),
// which any target meets again.
function probe(trainer, bytes, opts, err) {
  if (!(err instanceof FerrumError) || err.line !== undefined || err.column === undefined) return null;
  for (let k = 1; k <= PROBE_TRIES; k++) {
    if (k === err.column) continue;
    let d;
    try {
      d = trainer.describe(bytes, { ...opts, target: String(k) });
    } catch (e) {
      // Past the last column, or the table itself is at fault: stop.
      if (/out of range/.test(e.message) || e.line !== undefined) return null;
      continue;
    }
    return err.column <= d.columns.length ? { columns: d, refused: err.column - 1 } : null;
  }
  return null;
}

// Progress goes to the page at most this often (ms), and once more,
// the last epoch's, before the model: the page draws it once a frame,
// and a message per epoch costs small tables a good part of their time.
const PROGRESS_MS = 50;

onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      let created = null;
      trainerReady = Trainer.create(createFerrumTrainer, m.wasm)
        .then(async (t) => {
          created = t;
          await warmUp(t);
          return t;
        });
      warmStop = () => {
        warmCut = true;
        if (created) created.stop();
      };
      await trainerReady;
      postMessage({ type: 'ready' });
      return;
    }
    if (warmStop) {
      warmStop();
      warmStop = null;
    }
    const trainer = await trainerReady;
    if (m.type === 'stop') {
      trainer.stop();
    } else if (m.type === 'describe') {
      let d;
      try {
        d = trainer.describe(m.bytes, m.opts);
      } catch (err) {
        const seen = m.probe ? probe(trainer, m.bytes, m.opts, err) : null;
        if (!seen) throw err;
        postMessage({ type: 'error', id: m.id, message: err.message, ...seen });
        return;
      }
      postMessage({ ...d, type: 'columns', id: m.id });
    } else if (m.type === 'train') {
      let posted = -Infinity, pending = null;
      const r = await trainer.train(m.bytes, m.opts, (p) => {
        if (p.elapsed - posted < PROGRESS_MS) {
          pending = p;
          return;
        }
        posted = p.elapsed;
        pending = null;
        postMessage({ ...p, type: 'progress', id: m.id });
      });
      if (pending) postMessage({ ...pending, type: 'progress', id: m.id });
      // The model's bytes go as they are (transferred, not copied).
      postMessage({ type: 'done', id: m.id, model: r.model, report: r.report, stopped: !!r.stopped },
        [r.model.buffer]);
    }
  } catch (err) {
    postMessage({ type: 'error', id: m.id, message: err && err.message ? err.message : String(err) });
  }
};
