/* printf.c: snprintf and vsnprintf for the WebAssembly build.
 * SPDX-License-Identifier: MIT
 *
 * The wasm libc's printf is a quarter of the module (8 KB).  libferrum
 * only formats into buffers, with the C99 conversions below; this one does
 * integers, strings and padding itself and hands floating-point
 * conversions (f e g, upper case too) to web/libc.js, which formats the
 * exact binary value with round-half-even, as glibc and musl do.  These
 * definitions are found before the libc archive's at link time.
 *
 * Supported: flags - + space # 0, width and precision (also *), length
 * hh h l ll j z t L, conversions d i u o x X c s p f F e E g G %.  An
 * unknown conversion is copied as it stands. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write @v with conversion @conv (f e g F E G), precision @prec and the
 * '#' flag @alt into @buf (@cap bytes, NUL-terminated); returns the full
 * length of the text, a sign included. */
extern int ferrum_js_fmt(double v, int conv, int prec, int alt, char *buf, int cap);

typedef struct out {
	char *s;    /* the caller's buffer */
	size_t n;   /* its size */
	size_t len; /* characters produced so far (may exceed n) */
} out;

static void
put(out *o, const char *p, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++, o->len++)
		if (o->len + 1 < o->n)
			o->s[o->len] = p[i];
}

static void
pad(out *o, char c, long k)
{
	for (; k > 0; k--)
		put(o, &c, 1);
}

/* Emit sign/prefix @pre, then @body padded to @width as the flags say;
 * @zeros adds leading zeros between the prefix and the body. */
static void
field(out *o, const char *pre, const char *body, size_t blen, long zeros, long width,
      int left, int zero_pad)
{
	long total = (long)strlen(pre) + zeros + (long)blen;

	if (zero_pad && !left && width > total) {
		zeros += width - total;
		total = width;
	}
	if (!left)
		pad(o, ' ', width - total);
	put(o, pre, strlen(pre));
	pad(o, '0', zeros);
	put(o, body, blen);
	if (left)
		pad(o, ' ', width - total);
}

int
vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap)
{
	out o = { s, n, 0 };
	const char *p = fmt;

	while (*p != '\0') {
		int left = 0, plus = 0, space = 0, alt = 0, zero = 0, lmod = 0;
		long width = 0, prec = -1;
		char conv, digits[72], pre[3] = "";
		const char *spec = p;

		if (*p != '%') {
			const char *q = strchr(p, '%');
			size_t k = q != NULL ? (size_t)(q - p) : strlen(p);

			put(&o, p, k);
			p += k;
			continue;
		}
		for (p++;; p++) {
			if (*p == '-') left = 1;
			else if (*p == '+') plus = 1;
			else if (*p == ' ') space = 1;
			else if (*p == '#') alt = 1;
			else if (*p == '0') zero = 1;
			else break;
		}
		if (*p == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				left = 1;
				width = -width;
			}
			p++;
		} else {
			for (; *p >= '0' && *p <= '9'; p++)
				width = width * 10 + (*p - '0');
		}
		if (*p == '.') {
			p++;
			prec = 0;
			if (*p == '*') {
				prec = va_arg(ap, int);
				p++;
			} else {
				for (; *p >= '0' && *p <= '9'; p++)
					prec = prec * 10 + (*p - '0');
			}
		}
		/* lmod: 0 int, 1 long, 2 long long, 3 size_t / intmax_t / ptrdiff_t,
		 * 4 long double; hh and h are promoted to int anyway. */
		for (;; p++) {
			if (*p == 'h') continue;
			else if (*p == 'l') lmod = lmod == 1 ? 2 : 1;
			else if (*p == 'z' || *p == 'j' || *p == 't') lmod = *p == 'j' ? 2 : 3;
			else if (*p == 'L') lmod = 4;
			else break;
		}
		conv = *p;
		if (conv == '\0')
			break;
		p++;
		switch (conv) {
		case '%':
			put(&o, "%", 1);
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			field(&o, "", &c, 1, 0, width, left, 0);
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			size_t k;

			if (str == NULL)
				str = "(null)";
			if (prec >= 0) {
				const char *e = memchr(str, '\0', (size_t)prec);

				k = e != NULL ? (size_t)(e - str) : (size_t)prec;
			} else {
				k = strlen(str);
			}
			field(&o, "", str, k, 0, width, left, 0);
			break;
		}
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			uintmax_t u;
			unsigned base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
			const char *dig = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
			size_t k = sizeof digits;
			int neg = 0;

			if (conv == 'p') {
				u = (uintptr_t)va_arg(ap, void *);
				alt = 1;
			} else if (conv == 'd' || conv == 'i') {
				intmax_t v = lmod == 2 ? va_arg(ap, long long)
				           : lmod == 3 ? (intmax_t)va_arg(ap, ptrdiff_t)
				           : lmod == 1 ? va_arg(ap, long) : va_arg(ap, int);

				neg = v < 0;
				u = neg ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
			} else {
				u = lmod == 2 ? va_arg(ap, unsigned long long)
				  : lmod == 3 ? va_arg(ap, size_t)
				  : lmod == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			}
			while (u > 0) {
				digits[--k] = dig[u % base];
				u /= base;
			}
			if (neg)
				strcpy(pre, "-");
			else if (plus && (conv == 'd' || conv == 'i'))
				strcpy(pre, "+");
			else if (space && (conv == 'd' || conv == 'i'))
				strcpy(pre, " ");
			if (alt && base == 16 && k < sizeof digits)
				strcpy(pre, conv == 'X' ? "0X" : "0x");
			if (alt && base == 8 && (prec <= (long)(sizeof digits - k)))
				prec = (long)(sizeof digits - k) + 1;
			if (prec < 0)
				prec = 1;
			else
				zero = 0;
			field(&o, pre, digits + k, sizeof digits - k,
			      prec > (long)(sizeof digits - k) ? prec - (long)(sizeof digits - k) : 0,
			      width, left, zero);
			break;
		}
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
			double v = lmod == 4 ? (double)va_arg(ap, long double) : va_arg(ap, double);
			int pr = prec < 0 ? 6 : prec > INT_MAX - 400 ? INT_MAX - 400 : (int)prec;
			char small[64], *big = NULL;
			const char *body = small;
			int k = ferrum_js_fmt(v, conv, pr, alt, small, (int)sizeof small);

			/* %f of a large double or a long precision: ask again with
			 * room enough (if that fails, C99 allows a negative result). */
			if (k >= (int)sizeof small) {
				big = malloc((size_t)k + 1);
				if (big == NULL)
					return -1;
				ferrum_js_fmt(v, conv, pr, alt, big, k + 1);
				body = big;
			}
			if (body[0] == '-') {
				strcpy(pre, "-");
				body++;
				k--;
			} else if (plus) {
				strcpy(pre, "+");
			} else if (space) {
				strcpy(pre, " ");
			}
			field(&o, pre, body, (size_t)k, 0, width, left, zero && v - v == 0);
			free(big);
			break;
		}
		default:
			put(&o, spec, (size_t)(p - spec));
			break;
		}
	}
	if (n > 0)
		s[o.len < n ? o.len : n - 1] = '\0';
	return o.len > INT_MAX ? -1 : (int)o.len;
}

int
snprintf(char *restrict s, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(s, n, fmt, ap);
	va_end(ap);
	return r;
}
