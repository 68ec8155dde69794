// libc.js: the JavaScript half of web/strtod.c and web/printf.c, an emcc
// --js-library: decimal conversions both ways, exact, with BigInt.
// SPDX-License-Identifier: MIT
//
// strtod: Number() rounds decimal text to the nearest double correctly.
// For a float, rounding that double again is wrong only when it falls
// exactly halfway between two floats; then the text is compared exactly
// with the halfway point to pick the side, and a true tie goes to even.
//
// printf: a double is an exact fraction m * 2^k; the digits C asks for are
// that fraction times a power of ten, rounded half to even, as glibc and
// musl round the exact binary value.  (toFixed and toPrecision round
// halves up, so they are not used.)
mergeInto(LibraryManager.library, {
  // [m, k] with |a| = m * 2^k exactly, m a BigInt.
  $ferrumExact: function (a) {
    var f64 = new Float64Array([a]), w = new Uint32Array(f64.buffer);
    var be = (w[1] >>> 20) & 0x7ff;
    var m = BigInt(w[1] & 0xfffff) * BigInt(4294967296) + BigInt(w[0]);
    if (be) m += BigInt(2) ** BigInt(52);
    return [m, be ? be - 1075 : -1074];
  },

  // The float nearest to the decimal digits * 10^exp10, given a, the
  // double nearest to it (positive, finite, not itself a float).
  $ferrumNearestFloat__deps: ['$ferrumExact'],
  $ferrumNearestFloat: function (digits, exp10, a) {
    var f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
    var near = Math.fround(a), lo, hi;
    function step(x, by) { f32[0] = x; u32[0] += by; return f32[0]; }
    if (near === Infinity) { lo = 3.4028234663852886e38; hi = Math.pow(2, 128); }
    else if (near > a) { hi = near; lo = step(near, -1); }
    else { lo = near; hi = step(near, 1); }
    if ((lo + hi) / 2 !== a) return near;
    var x = ferrumExact(a);
    var left = BigInt(digits.replace(/^0+/, '') || '0'), right = x[0];
    if (exp10 >= 0) left *= BigInt(10) ** BigInt(exp10);
    else right *= BigInt(10) ** BigInt(-exp10);
    if (x[1] >= 0) right *= BigInt(2) ** BigInt(x[1]);
    else left *= BigInt(2) ** BigInt(-x[1]);
    if (left > right) return hi === Math.pow(2, 128) ? Infinity : hi;
    if (left < right) return lo;
    return near;
  },

  ferrum_js_strtod__deps: ['$ferrumNearestFloat'],
  ferrum_js_strtod: function (s, single, used) {
    var text = UTF8ToString(s);
    var m = /^[\t\n\v\f\r ]*([+-]?)(?:(inf(?:inity)?)|(nan)|(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?)/i.exec(text);
    var sign = m[1] === '-' ? -1 : 1;
    var ip = m[4] || '', fp = m[5] || '', v;
    if (m[2]) v = Infinity;
    else if (m[3]) v = NaN;
    else if (ip === '' && fp === '') { HEAP32[used >> 2] = 0; return 0; }
    else {
      v = Number((ip || '0') + '.' + (fp || '0') + 'e' + (m[6] || '0'));
      if (single && v === v && v !== Infinity && Math.fround(v) !== v)
        v = ferrumNearestFloat(ip + fp, (m[6] ? parseInt(m[6], 10) : 0) - fp.length, v);
    }
    HEAP32[used >> 2] = m[0].length;
    return sign * (single ? Math.fround(v) : v);
  },

  // printf's %f %e %g (and F E G) of v with precision prec and the '#'
  // flag alt into buf (cap bytes); returns the length of the whole text.
  ferrum_js_fmt__deps: ['$ferrumExact'],
  ferrum_js_fmt: function (v, conv, prec, alt, buf, cap) {
    var c = String.fromCharCode(conv), kind = c.toLowerCase();
    var neg = v < 0 || (v === 0 && 1 / v < 0), a = Math.abs(v), t;
    var TEN = BigInt(10), ONE = BigInt(1), TWO = BigInt(2);
    // |v| * 10^s as an integer: rounded half to even, or truncated
    function scaled(s, trunc) {
      var x = ferrumExact(a), num = x[0], den = ONE, q, r2;
      if (s >= 0) num *= TEN ** BigInt(s); else den = TEN ** BigInt(-s);
      if (x[1] >= 0) num <<= BigInt(x[1]); else den <<= BigInt(-x[1]);
      q = num / den;
      r2 = (num % den) * TWO;
      if (!trunc && (r2 > den || (r2 === den && q % TWO === ONE))) q += ONE;
      return q;
    }
    function fixed(p) {
      var d = scaled(p).toString();
      while (d.length <= p) d = '0' + d;
      return p > 0 ? d.slice(0, d.length - p) + '.' + d.slice(d.length - p) : d + (alt ? '.' : '');
    }
    // [digits, exponent]: |v| rounded to p + 1 significant digits.  The
    // exponent is fixed exactly first (10^e <= |v| < 10^(e+1)); a rounding
    // that carries to 10^(p+1) then moves it up by one.
    function sci(p) {
      if (a === 0) return ['0'.repeat(p + 1), 0];
      var e = Math.floor(Math.log10(a)), q, d;
      for (;;) {
        q = scaled(-e, true);
        if (q >= TEN) e++;
        else if (q < ONE) e--;
        else break;
      }
      d = scaled(p - e).toString();
      if (d.length > p + 1) { e++; d = d.slice(0, p + 1); }
      return [d, e];
    }
    function expo(p) {
      var s = sci(p), e = s[1];
      return s[0][0] + (p > 0 || alt ? '.' : '') + s[0].slice(1) + 'e' + (e < 0 ? '-' : '+') +
        (Math.abs(e) < 10 ? '0' : '') + Math.abs(e);
    }
    if (a !== a) t = 'nan';
    else if (a === Infinity) t = 'inf';
    else if (kind === 'f') t = fixed(prec);
    else if (kind === 'e') t = expo(prec);
    else {
      var P = prec === 0 ? 1 : prec, X = sci(P - 1)[1];
      t = P > X && X >= -4 ? fixed(P - 1 - X) : expo(P - 1);
      if (!alt) {
        var at = t.indexOf('e'), mant = at < 0 ? t : t.slice(0, at);
        if (mant.indexOf('.') >= 0) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
        t = mant + (at < 0 ? '' : t.slice(at));
      }
    }
    if (c !== kind) t = t.toUpperCase();
    if (neg) t = '-' + t;
    for (var i = 0; i < t.length && i < cap - 1; i++) HEAPU8[buf + i] = t.charCodeAt(i);
    if (cap > 0) HEAPU8[buf + Math.min(t.length, cap - 1)] = 0;
    return t.length;
  },
});
