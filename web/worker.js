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

// A fresh module runs its first calls as baseline code and compiles the
// hot functions again, optimised, in the background while they run: a
// visitor's first training would pay for that.  So the worker trains two
// small made-up tables (a classification, a regression) as soon as it
// has the module, while the visitor is still choosing a file; the
// module keeps no state between trainings, so the visitor's model is
// the same bytes.
async function warmUp(trainer) {
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['a,b,c,d,e,f,k,y'];
  for (let i = 0; i < 240; i++) {
    const v = [0, 1, 2, 3, 4, 5].map(() => rnd() * 10);
    lines.push(`${v.map((t) => t.toFixed(3)).join(',')},${i % 3},${(v[0] + v[1]).toFixed(3)}`);
  }
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  await trainer.train(bytes, { target: 'k', ignore: ['y'], epochs: 40, hidden: 40 });
  await trainer.train(bytes, { target: 'y', ignore: ['k'], epochs: 20, hidden: 40 });
}

onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      trainerReady = Trainer.create(createFerrumTrainer, m.wasm)
        .then(async (t) => { await warmUp(t); return t; });
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
