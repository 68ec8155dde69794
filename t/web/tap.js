// tap.js: a small TAP producer for the node tests of the web demo.
// SPDX-License-Identifier: MIT
'use strict';

let n = 0;
let failed = 0;

function ok(cond, what) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  return cond;
}

function diag(msg) {
  for (const line of String(msg).split('\n')) console.log(`# ${line}`);
}

function is(got, want, what) {
  const pass = ok(got === want, what);
  if (!pass) {
    diag(`     got: ${JSON.stringify(got)}`);
    diag(`  wanted: ${JSON.stringify(want)}`);
  }
  return pass;
}

// The same three, kept until flush(): checks that run side by side
// (pages open at once) print each its own block, in a fixed order.
function buffer() {
  const lines = [];
  const b = {
    lines,
    ok(cond, what) { lines.push([!!cond, what]); return !!cond; },
    diag(msg) { lines.push([null, String(msg)]); },
    is(got, want, what) {
      const pass = b.ok(got === want, what);
      if (!pass) {
        b.diag(`     got: ${JSON.stringify(got)}`);
        b.diag(`  wanted: ${JSON.stringify(want)}`);
      }
      return pass;
    },
  };
  return b;
}

function flush(b) {
  for (const [cond, what] of b.lines) {
    if (cond === null) diag(what);
    else ok(cond, what);
  }
  b.lines.length = 0;
}

function skipAll(why) {
  console.log(`1..0 # SKIP ${why}`);
  process.exit(0);
}

function done() {
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}

// Bail out on an unexpected exception so that the driver reports an error.
function run(main) {
  main().then(done, (e) => {
    console.log(`Bail out! ${e && e.stack ? e.stack.split('\n')[0] : e}`);
    diag(e && e.stack ? e.stack : String(e));
    process.exit(1);
  });
}

module.exports = { ok, is, diag, buffer, flush, skipAll, run };
