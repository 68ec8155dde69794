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
// musl round the exact binary value.  toFixed and toExponential give the
// same digits except at an exact half, which they round up: they are used
// when one more digit shows the value is not a half.
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
  // (Typed arrays made once: a model's metadata and every JSON answer
  // parse numbers by the hundred.)
  $ferrumScratch: {},
  $ferrumNearestFloat__deps: ['$ferrumExact', '$ferrumScratch'],
  $ferrumNearestFloat: function (digits, exp10, a) {
    if (!ferrumScratch.f32) {
      ferrumScratch.f32 = new Float32Array(1);
      ferrumScratch.u32 = new Uint32Array(ferrumScratch.f32.buffer);
    }
    var f32 = ferrumScratch.f32, u32 = ferrumScratch.u32;
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
    // Only the bytes a number can be made of: s often points into a whole
    // JSON document, and decoding all the rest of it for every number made
    // reading a model quadratic.
    var text = '', c;
    while ((c = HEAPU8[s + text.length]) && ((c >= 48 && c <= 57) || c === 46 || c === 43 ||
        c === 45 || c === 32 || (c >= 9 && c <= 13) || 'eEiInNfFtTyYaA'.indexOf(String.fromCharCode(c)) >= 0))
      text += String.fromCharCode(c);
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
    var TEN, ONE, TWO;
    function big() {
      TEN = BigInt(10);
      ONE = BigInt(1);
      TWO = BigInt(2);
    }
    // |v| * 10^s as an integer: rounded half to even, or truncated
    function scaled(s, trunc) {
      big();
      var x = ferrumExact(a), num = x[0], den = ONE, q, r2;
      if (s >= 0) num *= TEN ** BigInt(s); else den = TEN ** BigInt(-s);
      if (x[1] >= 0) num <<= BigInt(x[1]); else den <<= BigInt(-x[1]);
      q = num / den;
      r2 = (num % den) * TWO;
      if (!trunc && (r2 > den || (r2 === den && q % TWO === ONE))) q += ONE;
      return q;
    }
    // toFixed and toExponential round the exact binary value too, but a
    // half up: they agree with C unless the value lies exactly halfway,
    // and then one more digit of theirs is exact and ends in 5.  Only then
    // (and beyond their range) are the digits worked out with BigInt: the
    // JSON writers call this hundreds of times per answer.
    function fixed(p) {
      if (p < 100 && a < 1e21) {
        var t = a.toFixed(p + 1);
        if (t.charCodeAt(t.length - 1) !== 53)
          return p > 0 || !alt ? a.toFixed(p) : a.toFixed(p) + '.';
      }
      var d = scaled(p).toString();
      while (d.length <= p) d = '0' + d;
      return p > 0 ? d.slice(0, d.length - p) + '.' + d.slice(d.length - p) : d + (alt ? '.' : '');
    }
    // [digits, exponent]: |v| rounded to p + 1 significant digits.  The
    // exponent is fixed exactly first (10^e <= |v| < 10^(e+1)); a rounding
    // that carries to 10^(p+1) then moves it up by one.
    function sci(p) {
      if (a === 0) return ['0'.repeat(p + 1), 0];
      if (p < 100) {
        var t = a.toExponential(p + 1), at = t.indexOf('e');
        if (t.charCodeAt(at - 1) !== 53) {
          t = a.toExponential(p);
          at = t.indexOf('e');
          return [t[0] + t.slice(2, at), Number(t.slice(at + 1))];
        }
      }
      var e = Math.floor(Math.log10(a)), q, d;
      big();
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
    function expo(p, s) {
      var e = s[1];
      return s[0][0] + (p > 0 || alt ? '.' : '') + s[0].slice(1) + 'e' + (e < 0 ? '-' : '+') +
        (Math.abs(e) < 10 ? '0' : '') + Math.abs(e);
    }
    if (a !== a) t = 'nan';
    else if (a === Infinity) t = 'inf';
    else if (kind === 'f') t = fixed(prec);
    else if (kind === 'e') t = expo(prec, sci(prec));
    else {
      // Style f with P - 1 - X decimals rounds at the same digit as style
      // e did (or, after a carry to 10^X, gives 10^X too): the same
      // digits, placed.
      var P = prec === 0 ? 1 : prec, s = sci(P - 1), d = s[0], X = s[1];
      if (P > X && X >= -4)
        t = X < 0 ? '0.' + '0'.repeat(-X - 1) + d
          : d.slice(0, X + 1) + (X + 1 < P || alt ? '.' : '') + d.slice(X + 1);
      else
        t = expo(P - 1, s);
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
