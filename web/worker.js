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
//   {type:'describe', id, bytes, opts} -> {type:'columns', id, ...Trainer.describe()}
//   {type:'train', id, bytes, opts}    -> {type:'progress', id, ...} for each
//                                         epoch, then {type:'done', id, model,
//                                         report, stopped}
//   {type:'stop'}                   asks the running training to stop after
//                                   its epoch; it keeps the best model so far
//   a failure                       -> {type:'error', id, message} (the
//                                      library's one-line message)
'use strict';

let trainerReady = null;

onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      trainerReady = Trainer.create(createFerrumTrainer, m.wasm);
      await trainerReady;
      postMessage({ type: 'ready' });
      return;
    }
    const trainer = await trainerReady;
    if (m.type === 'stop') {
      trainer.stop();
    } else if (m.type === 'describe') {
      postMessage({ ...trainer.describe(m.bytes, m.opts), type: 'columns', id: m.id });
    } else if (m.type === 'train') {
      const r = await trainer.train(m.bytes, m.opts,
        (p) => postMessage({ ...p, type: 'progress', id: m.id }));
      // The model's bytes go as they are (transferred, not copied).
      postMessage({ type: 'done', id: m.id, model: r.model, report: r.report, stopped: !!r.stopped },
        [r.model.buffer]);
    }
  } catch (err) {
    postMessage({ type: 'error', id: m.id, message: err && err.message ? err.message : String(err) });
  }
};
