/* ferrum-internal.h: declarations shared by libferrum's modules; never installed.
 * SPDX-License-Identifier: MIT
 *
 * Internal names use the prefix fe_ so that the export list
 * (-export-symbols-regex '^ferrum_') keeps them out of the shared library.
 * The sections follow the layering of lib/: each module uses only the ones
 * above it. */
#ifndef FERRUM_INTERNAL_H
#define FERRUM_INTERNAL_H

#include "ferrum.h"

#include <float.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define FE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FE_PRINTF(f, a)
#endif

/* The hot loops of training and prediction are compiled twice on x86-64
 * with gcc and glibc, for the baseline and for AVX2, and the loader picks
 * one (an ifunc).  Both give the same bits: every sum keeps its order,
 * -ffp-contract=off keeps fused multiply-adds out, and IEEE +, *, / and
 * sqrt are exact whatever the vector width.  (clang 14 names the clones of
 * an external function so that callers in other files do not find them
 * unless every declaration carries the attribute; it builds the baseline
 * only.) */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__GLIBC__) && \
	!defined(__EMSCRIPTEN__)
#define FE_HOT __attribute__((target_clones("avx2", "default")))
#else
#define FE_HOT
#endif
/* Kernels that must be inlined into their (FE_HOT) callers to run at the
 * callers' width. */
#if defined(__GNUC__)
#define FE_INLINE static inline __attribute__((always_inline))
#else
#define FE_INLINE static inline
#endif

/* The WebAssembly build with 128-bit SIMD (emcc -msimd128) writes the hot
 * kernels with explicit f32x4 operations where clang's vectoriser leaves
 * them scalar or spills their sums: four lanes of the same IEEE single
 * precision operations, each element's terms in the order of the scalar
 * code, so the results are the same bits. */
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define FE_SIMD128 1
#endif
/* The small kernels the trainer calls from its large loops.  Natively they
 * are inlined; in WebAssembly they are kept out of line, so that the
 * engine's compiler allocates their few vector sums to registers rather
 * than spilling them as it does in one large function. */
#if defined(FE_SIMD128) && defined(__GNUC__)
#define FE_KERNEL static inline __attribute__((noinline))
#else
#define FE_KERNEL FE_INLINE
#endif
/* A trainer's step, which native builds leave to the compiler: out of line
 * in WebAssembly.  An engine tiers a function up to optimised code only
 * between its calls (no on-stack replacement): a step inlined into the
 * epoch loop, a function entered once per fit, would run unoptimised to
 * the end.  The stages run once per training (ferrum_train, the model
 * writer, the report, the encoding) are kept apart the same way, so that
 * no one large function with loops over the rows is compiled only when a
 * training is already running it. */
#if defined(FE_SIMD128) && defined(__GNUC__)
#define FE_OUTLINE __attribute__((noinline))
#else
#define FE_OUTLINE
#endif

/* The bits of a float or a double, and back (memcpy, which compilers
 * turn into a move). */
FE_INLINE uint32_t
fe_f2u(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof u);
	return u;
}

FE_INLINE float
fe_u2f(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof f);
	return f;
}

FE_INLINE uint64_t
fe_d2u(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof u);
	return u;
}

FE_INLINE double
fe_u2d(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof d);
	return d;
}

/* ---- error ------------------------------------------------------------ */

/* Fill @err (may be NULL) and return @code, so callers can write
 * `return fe_error(err, FERRUM_EFORMAT, "bad magic")`. */
int fe_error(ferrum_error *err, int code, const char *fmt, ...) FE_PRINTF(3, 4);
/* The same, with a byte offset into a model file. */
int fe_error_at(ferrum_error *err, int code, long long offset, const char *fmt, ...)
	FE_PRINTF(4, 5);
/* The same, with a line and a column of a text input. */
int fe_error_line(ferrum_error *err, int code, long long line, long long column,
                  const char *fmt, ...) FE_PRINTF(5, 6);

/* Drop a leading "line N: " from @err's message (a CSV reader's message
 * repeats err->line, which callers print themselves).  @err may be NULL. */
void fe_error_drop_line(ferrum_error *err);

/* snprintf and vsnprintf for messages, without libc's printf (which would
 * add its floating-point code to the WebAssembly module): exactly what the
 * library's messages use, %d and %u with the lengths l, ll and z, %s with
 * a precision (also '*'), and %%.  No flags, widths or floating point
 * (num.c prints numbers): any other directive is copied as it stands.  Returns the length of the
 * whole text, as C's snprintf does. */
int fe_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) FE_PRINTF(3, 0);
int fe_snprintf(char *buf, size_t size, const char *fmt, ...) FE_PRINTF(3, 4);

/* Overflow-checked size arithmetic: 0 on success, -1 on overflow. */
int fe_mul_size(size_t a, size_t b, size_t *out);
int fe_add_size(size_t a, size_t b, size_t *out);

/* malloc(n * size) with an overflow check; NULL on overflow or failure. */
void *fe_alloc_array(size_t n, size_t size);
/* realloc to @n elements of @size bytes with the same check; NULL on
 * failure, the old block then still valid. */
void *fe_realloc_array(void *p, size_t n, size_t size);
/* FNV-1a, 64 bits, of @n bytes: the hash of the library's hash tables. */
uint64_t fe_hash(const char *s, size_t n);
/* calloc with the same check. */
void *fe_calloc_array(size_t n, size_t size);
char *fe_strdup(const char *s);
char *fe_strndup(const char *s, size_t n);

/* A growable byte buffer for writers.  On allocation failure it sets
 * failed and ignores further appends, so writers check once at the end. */
typedef struct fe_buf {
	char *data;   /* NUL-terminated when len > 0 */
	size_t len;   /* bytes used, excluding the NUL */
	size_t cap;   /* bytes allocated */
	int failed;   /* an append could not allocate */
} fe_buf;
void fe_buf_init(fe_buf *b);
void fe_buf_free(fe_buf *b);
void fe_buf_add(fe_buf *b, const void *p, size_t n);
void fe_buf_puts(fe_buf *b, const char *s);
void fe_buf_putc(fe_buf *b, char c);
void fe_buf_printf(fe_buf *b, const char *fmt, ...) FE_PRINTF(2, 3);
/* Detach the data (NUL-terminated, never NULL unless failed); the buffer is
 * reset. Ownership: the caller frees the result with free(). */
char *fe_buf_take(fe_buf *b, size_t *len);
/* Hand a writer's text to the caller: FERRUM_OK with *@out (free()) and
 * *@len (@len may be NULL) set, or FERRUM_ENOMEM with *@out NULL when an
 * append failed.  The buffer is reset either way. */
int fe_buf_give(fe_buf *b, char **out, size_t *len);

/* ---- num: numbers as text, exactly, whatever the locale ------------------ */

/* Parse @len bytes at @s (need not be NUL-terminated) in ferrum_parse_float()'s
 * grammar, correctly rounded to the nearest double or float (ties to even);
 * out of range gives an infinity or a zero.  FERRUM_EINPUT (and *@out
 * untouched) when the text is not a number. */
int fe_num_parse_double(const char *s, size_t len, double *out);
int fe_num_parse_float(const char *s, size_t len, float *out);

/* The decimals that fill real CSVs, in one pass and inline for the row
 * readers: a sign, at most 7 digits with a '.' among them or after them,
 * no exponent, nothing else.  Then m <= 2^24 and there are at most 7
 * decimals, so one float division of exact operands rounds correctly
 * (Clinger).  1 with *@out set when it applies, else 0 (use
 * fe_num_parse_float or ferrum_parse_float, which start here too). */
static inline int
fe_num_fast_float(const char *s, size_t len, float *out)
{
	static const float p10[8] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f};
	const char *p = s, *e = s + len, *d0;
	uint32_t m = 0;
	unsigned d;
	int neg = 0;
	size_t nd, nf = 0;
	float f;

	if (len == 0 || len > 9 || FLT_EVAL_METHOD != 0)
		return 0;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	for (d0 = p; p < e && (d = (unsigned)(*p - '0')) < 10; p++)
		m = m * 10 + d;
	nd = (size_t)(p - d0);
	if (p < e) {
		if (*p != '.')
			return 0;
		for (d0 = ++p; p < e && (d = (unsigned)(*p - '0')) < 10; p++)
			m = m * 10 + d;
		if (p < e)
			return 0;
		nf = (size_t)(p - d0);
		nd += nf;
	}
	if (nd == 0 || nd > 7)
		return 0;
	f = (float)m / p10[nf];
	*out = neg ? -f : f;
	return 1;
}

/* Bytes enough for any text of fe_num_format_g() and the shortest forms. */
#define FE_NUM_TEXT_MAX 32
/* The largest precision fe_num_format_g() takes. */
#define FE_NUM_PREC_MAX 17
/* Write @v into @buf (FE_NUM_TEXT_MAX bytes) as printf's "%.{prec}g" in
 * the C locale, from the exact binary value rounded half to even; NaN and
 * infinities as "nan", "inf", "-inf".  Returns the length. */
size_t fe_num_format_g(char *buf, double v, int prec);
/* Append @v as printf's "%.{prec}g" (fe_num_format_g) or "%.{prec}f"
 * (exact, half to even) to @b: fe_buf_printf() prints no floating point. */
void fe_num_put_g(fe_buf *b, double v, int prec);
void fe_num_put_fixed(fe_buf *b, double v, int prec);
/* The shortest "%.Ng" that reads back as the same value: N = 6..9 for a
 * float (ferrum_format_float()), 15..17 for a double.  @buf holds
 * FE_NUM_TEXT_MAX bytes; returns the length. */
size_t fe_num_shortest_float(char *buf, float f);
size_t fe_num_shortest_double(char *buf, double d);

/* ---- mat: row-major float kernels ------------------------------------ */
/* All kernels accumulate in float in ascending index order (the FINF
 * reference order); the library is built with -ffp-contract=off. */

/* c[j] += s * b[j] for j < n: the inner loop of every product and of the
 * trainers.  Each c[j] gets one more term, so vectorising over j keeps every
 * sum's order; blocks of a fixed 8 let gcc -O2's cheap vectoriser take the
 * loop (it refuses one that needs a runtime trip count). */
FE_KERNEL void
fe_axpy(size_t n, float s, const float *restrict b, float *restrict c)
{
	size_t j = 0, q;

#ifdef FE_SIMD128
	const v128_t vs = wasm_f32x4_splat(s);

	for (; j + 8 <= n; j += 8) {
		v128_t c0 = wasm_v128_load(c + j), c1 = wasm_v128_load(c + j + 4);

		c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(vs, wasm_v128_load(b + j)));
		c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(vs, wasm_v128_load(b + j + 4)));
		wasm_v128_store(c + j, c0);
		wasm_v128_store(c + j + 4, c1);
	}
#endif
	for (; j + 8 <= n; j += 8)
		for (q = 0; q < 8; q++)
			c[j + q] += s * b[j + q];
	for (; j < n; j++)
		c[j] += s * b[j];
}

/* out[j] = init[j] + a[p * as] * b[p * ldb + j] for p < k ascending and
 * j < 16 (init NULL: +0.0), through a ReLU when @relu: sixteen columns of a product, summed in
 * registers (two runs of eight, which gcc and clang keep in vector
 * registers) rather than loaded and stored for every term as k fe_axpy
 * calls would; each out[j] gets its terms in the same order, so the result
 * is the same to the bit.  The sums start from and end in memory the
 * caller names, with no copy between, which a wider vector unit would
 * otherwise pay for in store-forwarding stalls. */
FE_INLINE void
fe_sum16(size_t k, const float *a, size_t as, const float *b, size_t ldb, const float *init,
         int relu, float *restrict out)
{
	float a0[8], a1[8];
	size_t p, u;

#ifdef FE_SIMD128
	if (k > 0) {
		const v128_t zero = wasm_f32x4_splat(0.0f);
		v128_t x = wasm_f32x4_splat(a[0]), s0, s1, s2, s3;

		/* init + a[0] * b, or +0.0 + a[0] * b, as below. */
		s0 = init != NULL ? wasm_v128_load(init) : zero;
		s1 = init != NULL ? wasm_v128_load(init + 4) : zero;
		s2 = init != NULL ? wasm_v128_load(init + 8) : zero;
		s3 = init != NULL ? wasm_v128_load(init + 12) : zero;
		s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(x, wasm_v128_load(b)));
		s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(x, wasm_v128_load(b + 4)));
		s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(x, wasm_v128_load(b + 8)));
		s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(x, wasm_v128_load(b + 12)));
		for (p = 1; p < k; p++) {
			const float *bp = b + p * ldb;

			x = wasm_f32x4_splat(a[p * as]);
			s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(x, wasm_v128_load(bp)));
			s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(x, wasm_v128_load(bp + 4)));
			s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(x, wasm_v128_load(bp + 8)));
			s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(x, wasm_v128_load(bp + 12)));
		}
		if (relu) {
			/* x > 0 ? x : +0.0, a NaN giving +0.0. */
			s0 = wasm_v128_and(s0, wasm_f32x4_gt(s0, zero));
			s1 = wasm_v128_and(s1, wasm_f32x4_gt(s1, zero));
			s2 = wasm_v128_and(s2, wasm_f32x4_gt(s2, zero));
			s3 = wasm_v128_and(s3, wasm_f32x4_gt(s3, zero));
		}
		wasm_v128_store(out, s0);
		wasm_v128_store(out + 4, s1);
		wasm_v128_store(out + 8, s2);
		wasm_v128_store(out + 12, s3);
		return;
	}
#endif
	/* The first term is added as the sums are set up: a separate copy
	 * of init is a block move that gcc does in halves, and a wide vector
	 * load of those halves stalls. */
	if (k == 0) {
		for (u = 0; u < 16; u++)
			out[u] = init != NULL ? init[u] : 0.0f;
		if (relu)
			for (u = 0; u < 16; u++)
				out[u] = out[u] > 0.0f ? out[u] : 0.0f;
		return;
	}
	if (init != NULL) {
		for (u = 0; u < 8; u++)
			a0[u] = init[u] + a[0] * b[u];
		for (u = 0; u < 8; u++)
			a1[u] = init[8 + u] + a[0] * b[8 + u];
	} else {
		for (u = 0; u < 8; u++)
			a0[u] = 0.0f + a[0] * b[u];
		for (u = 0; u < 8; u++)
			a1[u] = 0.0f + a[0] * b[8 + u];
	}
	for (p = 1; p < k; p++) {
		const float s = a[p * as], *restrict bp = b + p * ldb;

		for (u = 0; u < 8; u++)
			a0[u] += s * bp[u];
		for (u = 0; u < 8; u++)
			a1[u] += s * bp[8 + u];
	}
	if (relu) {
		/* max(x, 0) with a NaN giving 0, as fe_act_forward. */
		for (u = 0; u < 8; u++)
			out[u] = a0[u] > 0.0f ? a0[u] : 0.0f;
		for (u = 0; u < 8; u++)
			out[8 + u] = a1[u] > 0.0f ? a1[u] : 0.0f;
	} else {
		for (u = 0; u < 8; u++)
			out[u] = a0[u];
		for (u = 0; u < 8; u++)
			out[8 + u] = a1[u];
	}
}

/* C[m x n] = A[m x k] . B[k x n], with C's rows starting from +0.0 and
 * c[i][j] += a[i][p] * b[p][j] for p ascending (i-p-j loop). */
void fe_gemm(size_t m, size_t k, size_t n, const float *a, const float *b, float *c);
/* C[k x n] = A[m x k]^T . B[m x n]: c[p][j] = sum over i ascending of
 * a[i][p] * b[i][j], starting from +0.0 (the weight gradient x^T . dy). */
void fe_gemm_tn(size_t m, size_t k, size_t n, const float *a, const float *b, float *c);
/* Add @bias (n) to every row of @c (m x n). */
void fe_bias_add(size_t m, size_t n, float *c, const float *bias);
/* out[j] = sum over rows i ascending of a[i][j], from +0.0. */
void fe_col_sums(size_t m, size_t n, const float *a, float *out);
/* Row-wise softmax in place: max from -inf, e = fe_expf(x - max), the sum in
 * order, then e / sum. */
void fe_softmax_rows(size_t m, size_t n, float *x);

/* Natural logarithm computed from IEEE operations only (about 1 ulp), so
 * native and WebAssembly builds agree to the bit; NaN below 0. */
double fe_log(double x);

/* ---- fmath ------------------------------------------------------------ */

/* expf, logf, cosf and log with the same bits on every platform: glibc
 * 2.36's algorithms as its FMA build computes them (fmath.c).  Training
 * calls these wherever a result can reach a model's bytes or the choice of
 * its epoch. */
float fe_expf(float x);
float fe_logf(float x);
float fe_cosf(float x);
double fe_logd(double x);

/* ---- act -------------------------------------------------------------- */

/* Apply activation @act to @n values in place. */
void fe_act_forward(int act, size_t m, size_t n, float *x);
/* Gradient through @act: @y is the activation's output (for ReLU, an
 * output > 0 means the pre-activation was > 0, and dx = dy * (0 or 1)),
 * @dy the upstream gradient, @dx receives the result (may alias @dy).
 * Softmax here is the full Jacobian-vector product per row. */
void fe_act_backward(int act, size_t m, size_t n, const float *y, const float *dy, float *dx);
/* The lower-case name of an activation ("relu"), or NULL for an unknown kind. */
const char *fe_act_name(int act);

/* ---- rng: the generator of the format notes, section 9 ------------------ */

typedef struct fe_rng {
	uint64_t state; /* never 0 */
} fe_rng;
void fe_rng_seed(fe_rng *r, uint64_t seed); /* seed 0 becomes 0x9E3779B97F4A7C15 */
uint64_t fe_rng_next(fe_rng *r);            /* xorshift 13,7,17 then * 0x2545F4914F6CDD1D */
float fe_rng_uniform(fe_rng *r);            /* (next >> 40) / 16777216.0f, in [0, 1) */
float fe_rng_normal(fe_rng *r);             /* Box-Muller, cosine branch, 2 draws */
/* Fisher-Yates from the top, j = next % (i + 1), as the reference split. */
void fe_rng_shuffle(fe_rng *r, size_t *idx, size_t n);

/* ---- net: the sequential network ------------------------------------- */

typedef struct fe_layer {
	int kind;      /* enum ferrum_layer_kind */
	int act;       /* enum ferrum_act (activation layers) */
	size_t in;     /* Linear: input width */
	size_t out;    /* Linear: output width */
	float *w;      /* Linear: in*out weights, row-major [in][out] */
	float *b;      /* Linear: out biases */
} fe_layer;

typedef struct fe_net {
	size_t n_layers;
	fe_layer *layers;
	size_t in_width;  /* width of the first Linear input (0 if none) */
	size_t out_width; /* width of the final output */
	size_t max_width; /* widest activation, for scratch sizing */
} fe_net;

void fe_net_free(fe_net *net);
/* Check that the chain connects and fill in_width/out_width/max_width.
 * An activation keeps its input's width.  FERRUM_ESHAPE on a mismatch. */
int fe_net_finish(fe_net *net, ferrum_error *err);
/* Forward @rows rows of @x (rows x in_width) into @out (rows x out_width),
 * using @work of at least 2 * rows * max_width floats. */
void fe_net_forward(const fe_net *net, size_t rows, const float *x, float *out, float *work);
/* The one shape training builds: Linear(@features, @hidden), ReLU,
 * Linear(@hidden, @out), then activation @out_act (Softmax for
 * classification, Identity for regression); weights and biases zero,
 * fe_net_finish() done.  On failure @net is left empty. */
int fe_net_mlp(fe_net *net, size_t features, size_t hidden, size_t out, int out_act,
               ferrum_error *err);

/* ---- loss ------------------------------------------------------------- */

/* Mean softmax cross-entropy of @logits (m x n) against class indices
 * @target: mean of -ln(max(p_target, 1e-12)).  If @grad is not NULL it
 * receives (softmax - onehot) * (1/m in float).  Sums in double. */
double fe_loss_xent(size_t m, size_t n, const float *logits, const uint32_t *target, float *grad);
/* Mean squared error of @pred (m x 1) against @target; @grad (may be NULL)
 * receives (2 * (pred - t)) * (1/m in float). */
double fe_loss_mse(size_t m, const float *pred, const float *target, float *grad);
/* The default recipe's loss of one row's @no outputs @o against class @c
 * (classification: softmax cross-entropy with label smoothing @smooth,
 * -ln(e_c / s) in double) or target @y (the squared error), in double;
 * with @scale > 0, @o becomes the loss gradient times @scale (else, for
 * classification, scratch). */
double fe_loss_row(int cls, size_t no, float *o, uint32_t c, float y, float scale, float smooth);

/* ---- optim ------------------------------------------------------------ */

/* SGD with momentum, per element: v = mu * v + g; p = p - lr * v. */
void fe_sgd_momentum(size_t n, float *p, float *v, const float *g, float lr, float mu);

typedef struct fe_adam {
	float lr, beta1, beta2, eps, weight_decay; /* decoupled decay (AdamW) */
	uint64_t t;                                /* steps taken */
} fe_adam;
/* One Adam(W) step over @n parameters with moments @m1, @m2. The caller
 * increments t once per step before calling this for each tensor (t 0 is
 * taken as 1).  Per element, in float: m1 = b1*m1 + (1-b1)*g;
 * m2 = b2*m2 + (1-b2)*(g*g); mhat = m1/c1; vhat = m2/c2;
 * p = p - lr*(mhat/(sqrtf(vhat) + eps) + wd*p), where c1 = 1 - b1^t and
 * c2 = 1 - b2^t are computed in double and rounded to float once. */
void fe_adam_step(const fe_adam *a, size_t n, float *p, float *m1, float *m2, const float *g);

/* ---- csv -------------------------------------------------------------- */

/* The current record's fields for a reader that needs no checks: field i
 * (i < ferrum_csv_nfields()) is the offs[2i + 1] bytes, NUL-terminated, at
 * *@base + offs[2i].  Valid until the next ferrum_csv_next(). */
const size_t *fe_csv_fields(const ferrum_csv *c, const char **base);
/* Skip comment lines ('#' then a blank, '#' or the line's end) in @c,
 * the last of those at the start read as the header when it has as many
 * fields as the line below it; call before the first ferrum_csv_next().
 * The real-table readers (frames, finf-predict's rows) set it. */
void fe_csv_set_comments(ferrum_csv *c, int on);

/* ---- json ------------------------------------------------------------- */

enum fe_json_type {
	FE_JSON_NULL, FE_JSON_FALSE, FE_JSON_TRUE, FE_JSON_NUMBER,
	FE_JSON_STRING, FE_JSON_ARRAY, FE_JSON_OBJECT
};

typedef struct fe_json fe_json;
struct fe_json {
	int type;          /* enum fe_json_type */
	double number;     /* FE_JSON_NUMBER */
	const char *text;  /* NUMBER: the literal as written; STRING: decoded, NUL-terminated */
	size_t text_len;   /* bytes of text (strings may hold NUL) */
	size_t n;          /* ARRAY / OBJECT: number of items */
	fe_json *items;    /* ARRAY / OBJECT: the items */
	const char **keys; /* OBJECT: decoded keys, parallel to items */
	size_t *key_lens;  /* OBJECT: their lengths */
	size_t offset;     /* byte offset of the value in the document */
};

/* Limits a hostile document cannot exceed. */
#define FE_JSON_MAX_DEPTH 64

/* Parse one strict RFC 8259 document (surrounding whitespace allowed).
 * On error returns FERRUM_EINPUT with the byte offset in err->column (1-based)
 * and err->offset.  Ownership: free *@out with fe_json_free(). */
int fe_json_parse(const char *text, size_t len, fe_json **out, ferrum_error *err);
/* The RFC 8259 number at the start of the @n bytes at @text: NULL with its
 * length in *@end, or why it is not one (and *@end untouched). */
const char *fe_json_number_end(const char *text, size_t n, size_t *end);
void fe_json_free(fe_json *v);
/* The member @key of an object, or NULL. */
const fe_json *fe_json_get(const fe_json *obj, const char *key);
/* Append @s as a JSON string literal, escaped with the library's one set
 * ('"', '\\', \b \f \n \r \t, other control characters and DEL as \u00XX). */
void fe_json_put_string(fe_buf *b, const char *s, size_t len);
/* The same for a NUL-terminated @s; null for a NULL @s. */
void fe_json_put_cstring(fe_buf *b, const char *s);
/* Append @v compactly (no whitespace). */
void fe_json_put_value(fe_buf *b, const fe_json *v);
/* Append a float as ferrum_format_float() writes it (the shortest %.Ng,
 * N = 6..9, that reads back), a double as the shortest %.Ng, N = 15..17;
 * NaN and infinities become null (JSON has no spelling). */
void fe_json_put_float(fe_buf *b, float f);
void fe_json_put_double(fe_buf *b, double d);
/* Append @n in decimal. */
void fe_json_put_size(fe_buf *b, size_t n);
/* Append the @n x @n matrix @m (row-major) as an array of rows:
 * [[1,0],[2,3]]. */
void fe_json_put_matrix(fe_buf *b, const size_t *m, size_t n);
/* Objects and arrays: a ',' unless @b is empty or ends in '{', '[', ',' or
 * ':', so items and members can be appended without tracking the first;
 * fe_json_put_key() adds that separator, then "key": . */
void fe_json_put_sep(fe_buf *b);
void fe_json_put_key(fe_buf *b, const char *key);

/* ---- na: missing-value markers (frame.c) -------------------------------- */

#define FE_NA_MAX 64 /* markers in one --na list */

typedef struct fe_na {
	size_t n;
	char *item[FE_NA_MAX]; /* the markers, NUL-terminated */
	size_t len[FE_NA_MAX];
} fe_na;

/* Parse a comma-separated marker list (NULL: FERRUM_NA_DEFAULT); an
 * empty item is allowed and changes nothing ("" is always missing).
 * FERRUM_EINVAL for more than FE_NA_MAX markers.  Free with fe_na_free(). */
int fe_na_init(fe_na *na, const char *list, ferrum_error *err);
void fe_na_free(fe_na *na);
/* 1 if the trimmed field @s (@len bytes) is missing: empty or a marker. */
int fe_na_match(const fe_na *na, const char *s, size_t len);

/* ---- frame: a table of text cells (frame.c) ------------------------------ */

/* Every record of an input as text, before any column has a kind: what
 * the real-table rules (schema.c, table.c) read.  Cells are the fields as
 * the CSV reader gives them (unquoted, trimmed) or JSON Lines values as
 * text (a string's characters, a number's literal, "true"/"false"; null
 * and an absent key are ""). */
typedef struct fe_frame {
	size_t n_rows, n_cols;
	char **names;      /* n_cols column names, NUL-terminated, unique */
	int has_header;    /* the first record was a header */
	int row_names;     /* ... one field short, over rows whose first field
	                    * names the row (R's write.table layout) */
	int decimal_comma; /* numbers were written "2,5" (read as "2.5") */
	int delimiter;     /* the CSV delimiter, or 0 for JSON Lines */
	fe_buf text;       /* every cell's text, each NUL-terminated */
	size_t *off;       /* [n_rows][n_cols] offsets into text */
	uint32_t *len;     /* [n_rows][n_cols] lengths */
	long long *lines;  /* n_rows input lines */
	size_t cap_rows;   /* rows allocated */
} fe_frame;

void fe_frame_init(fe_frame *f);
void fe_frame_free(fe_frame *f);
/* Set the @n column names (copied); names must be set before rows. */
int fe_frame_set_names(fe_frame *f, const char *const *names, size_t n, ferrum_error *err);
/* Append a row of n_cols cells (@cells[j], @lens[j] bytes, copied). */
int fe_frame_add_row(fe_frame *f, const char *const *cells, const size_t *lens, long long line,
                     ferrum_error *err);
/* Cell (@i, @j), NUL-terminated, with its length in *@len (may be NULL). */
static inline const char *
fe_frame_cell(const fe_frame *f, size_t i, size_t j, size_t *len)
{
	size_t k = i * f->n_cols + j;

	if (len != NULL)
		*len = f->len[k];
	return f->text.data + f->off[k];
}

/* A header field without the quotes that wrap it: 'x' and "x" give x
 * (@s and @n are moved in). */
void fe_frame_unquote(const char **s, size_t *n);
/* The names of @n columns as the trainer gives them, into *@out (@n
 * strings and the array, the caller's to free): each header cell
 * @cells[j] (@lens[j] bytes, or NUL-terminated with @lens NULL) unquoted, an empty one (or every one, with
 * @cells NULL) its 1-based number, and a repeated name ".2", ".3", ...
 * (the first of them no earlier name has: "a,a.2,a" gives a, a.2, a.3). */
int fe_frame_names(char ***out, const char *const *cells, const size_t *lens, size_t n,
                   ferrum_error *err);
/* The position of the comma in @s (@n bytes) when it is a number written
 * with a decimal comma ("2,5", "-0,25", "1,5e3", spaces around), else
 * 0 (a comma is never first: "2" or "-0" comes before it). */
size_t fe_decimal_comma(const char *s, size_t n);

/* A set of distinct texts, each counted, indexed in order of first
 * appearance (the classes of a table, the levels of a column). */
typedef struct fe_tset {
	fe_buf text;       /* the texts, each NUL-terminated */
	size_t n, cap;
	size_t *off;       /* n offsets into text */
	size_t *len;       /* n lengths */
	size_t *count;     /* n counts */
	size_t *slot;      /* hash slots: index + 1, 0 empty; nslot a power of 2 */
	size_t nslot;
} fe_tset;
void fe_tset_init(fe_tset *d);
void fe_tset_free(fe_tset *d);
/* Count @s (@n bytes), adding it if new: its index, or (size_t)-1 when
 * out of memory. */
size_t fe_tset_add(fe_tset *d, const char *s, size_t n);
/* Text @i of the set (NUL-terminated). */
static inline const char *
fe_tset_text(const fe_tset *d, size_t i)
{
	return d->text.data + d->off[i];
}

/* Read every remaining record of @csv into @f.  @header: -1 decide from
 * the data (the first record is a header only if, in some column, it
 * holds text that is neither a number nor missing by @na while every
 * value below it in that column is a number or missing, with at least one
 * number, or if it holds a value over a column of nothing but gaps; a
 * lone record is a header when it holds only such text), 0
 * none, 1 the first record.  Header names are unquoted ('x' or
 * "x" lose their quotes); an empty name becomes the column's 1-based
 * number, a repeated one gets ".2", ".3", ...; without a header the
 * columns are named "1", "2", ...  Every record must have the first
 * record's field count ("expected 5 fields, got 4", err->line set).
 * FERRUM_EINPUT "empty input" when there is no record. */
int fe_frame_read_csv(ferrum_csv *csv, int header, const fe_na *na, fe_frame *f,
                      ferrum_error *err);
/* Read JSON Lines through @read: one object per line (blank lines
 * skipped), keyed by column name; the columns are the keys in order of
 * first appearance (a key absent from a row is a gap).  A nested object
 * gives its members as columns of their own names (a name given twice in
 * a row is an error naming it); an array is kept as its compact JSON
 * text.  Memory is bounded as for ferrum_csv (FERRUM_CSV_MAX_RECORD a
 * line, FERRUM_CSV_MAX_FIELDS columns, and rows x columns by the input's
 * size); errors set err->line. */
int fe_frame_read_jsonl(ferrum_read_fn read, void *ctx, fe_frame *f, ferrum_error *err);

/* ---- schema: column kinds and the encoding of raw rows (schema.c) -------- */

struct ferrum_schema {
	size_t n_cols;
	ferrum_column *cols;   /* n_cols; strings and arrays owned (malloc'd) */
	size_t target;         /* index of the target column */
	int header;            /* the training data had a header */
	int decimal_comma;     /* ... wrote its numbers "2,5": so do the rows */
	size_t n_inputs;       /* network inputs */
	fe_na na;              /* the missing-value markers */
};

/* Parse an ISO 8601 date ("2024-03-01", or "2024/03/01" with slashes,
 * optionally "T" or " " and
 * "hh:mm", ":ss", ".fff", then "Z" or "+hh:mm"/"-hh:mm") into days since
 * 1970-01-01 UTC; 0 on success, -1 when @s is not one. */
int fe_date_parse(const char *s, size_t len, double *days);

/* Infer the kinds of @f's columns (ferrum_table_options' rules, target
 * column @target), their levels and their inputs; medians, min and max
 * are left NaN for the caller to fit.  Errors name the column:
 * "column 'Age' (6): line 17: 'abc' is not a number; mark missing values
 * with --na or ignore the column with -x". */
int fe_schema_infer(const fe_frame *f, size_t target, const ferrum_table_options *o,
                    ferrum_schema **out, ferrum_error *err);

/* What fe_schema_encode() found unlike the training data. */
#define FE_UNFAMILIAR_LEVEL 1u   /* a level never seen in training */
#define FE_UNFAMILIAR_RANGE 2u   /* a number far outside the training range */
#define FE_UNFAMILIAR_GAP 4u     /* a gap where training had none */
/* Use @s (copied) instead of the model's own schema, before the first row
 * (tests); FERRUM_ESHAPE when its inputs are not the model's features. */
int fe_rowreader_use_schema(ferrum_rowreader *r, const ferrum_schema *s, ferrum_error *err);
/* fe_schema_encode() flags. */
#define FE_ENCODE_NAN 1          /* leave NaN for a numeric gap (training,
                                    before the medians are fitted) */

/* Encode one source row into the n_inputs floats @x: @cells[j] (@lens[j]
 * bytes) is source column j's text, NULL for a column the input lacks
 * (allowed only for ignored columns and the target).  *@unfamiliar (may
 * be NULL) receives FE_UNFAMILIAR_* bits.  FERRUM_EINPUT naming the
 * column for text that is not a number in a numeric column. */
int fe_schema_encode(const ferrum_schema *s, const char *const *cells, const size_t *lens,
                     unsigned flags, float *x, unsigned *unfamiliar, ferrum_error *err);

/* The value inputs of numeric or date column @c (1, or its edges less
 * one), and those inputs for the value @v (ferrum_column's edges). */
size_t fe_column_n_values(const ferrum_column *c);
void fe_column_values(const ferrum_column *c, float v, float *o);
/* A copy of @t whose schema encodes the numeric and date columns named
 * in @o->encode_columns (NULL: all) piecewise-linearly with up to
 * @o->encode_bins bins between quantiles of @rows (@n) (gaps as their
 * median over @rows); the medians and ranges of those columns are fitted
 * on @rows here.  A column with fewer than 2 distinct values stays as it
 * is.  FERRUM_EINVAL for a table without a schema or an unknown column. */
int fe_table_encode(const ferrum_table *t, const size_t *rows, size_t n,
                    const ferrum_train_options *o, ferrum_table **out, ferrum_error *err);

/* The feature name of input @i, written into @b (appended). */
void fe_schema_input_name(fe_buf *b, const ferrum_schema *s, size_t i);

/* Append the schema as the compact JSON value of the metadata member. */
void fe_schema_write(fe_buf *b, const ferrum_schema *s);
/* Parse that value; @feature_names (@n) must be the inputs' names, in
 * order.  FERRUM_EFORMAT with a reason otherwise. */
int fe_schema_parse(const fe_json *v, char *const *feature_names, size_t n,
                    ferrum_schema **out, ferrum_error *err);
/* A deep copy; NULL when out of memory. */
ferrum_schema *fe_schema_copy(const ferrum_schema *s);
/* Set every column's input and n_inputs, and s->n_inputs, from the kinds,
 * levels, other, missing and indicator (the rule of ferrum.h's "Column
 * schema").  FERRUM_ERANGE when the count overflows. */
int fe_schema_layout(ferrum_schema *s);

/* ---- table: the real-table path (table.c) --------------------------------- */

/* A table from a frame with the real-table rules: the target (o->target),
 * the schema (fe_schema_infer), every row encoded with FE_ENCODE_NAN; rows
 * whose target is missing are skipped and counted.  @f stays the
 * caller's.  Ownership: free *@out with ferrum_table_free(). */
int fe_table_from_frame(const fe_frame *f, const ferrum_table_options *o, ferrum_table **out,
                        ferrum_error *err);
/* n_features flags, 1 where some row holds NaN (a numeric gap the fit
 * fills), or NULL for a table without a schema (never a gap). */
const unsigned char *fe_table_gaps(const ferrum_table *t);

/* ---- norm ------------------------------------------------------------- */

typedef struct fe_norm {
	size_t n;    /* pairs, including the regression target pair */
	float *mean; /* n means */
	float *std;  /* n standard deviations */
} fe_norm;

void fe_norm_free(fe_norm *n);
/* Parse "mean,std;mean,std..." (the v3 grammar: no spaces, at least one
 * pair, correctly rounded strtof). FERRUM_EFORMAT with a reason. */
int fe_norm_parse(const char *s, size_t len, fe_norm *out, ferrum_error *err);
/* Append the "%.8f,%.8f;..." encoding. */
void fe_norm_write(fe_buf *b, const fe_norm *n);

/* ---- meta ------------------------------------------------------------- */

typedef struct fe_meta {
	char *dataset_name;
	int task;                  /* enum ferrum_task */
	size_t n_features;         /* entries of feature_names */
	char **feature_names;
	size_t n_ranges;           /* entries of feature_ranges */
	float (*feature_ranges)[2];
	size_t n_classes;
	char **class_names;
	char *target_name;
	float target_range[2];
	uint32_t input_dim;
	uint32_t output_dim;
	size_t n_extra;            /* members after the nine standard keys */
	char **extra_keys;
	char **extra_values;       /* compact JSON text of each value */
	char *json;                /* the canonical text, rebuilt by fe_meta_write */
} fe_meta;

void fe_meta_free(fe_meta *m);
/* Parse metadata JSON with a real JSON parser; key order is free and unknown
 * keys are kept in extra_*.  Requires "task". */
int fe_meta_parse(const char *s, size_t len, fe_meta *out, ferrum_error *err);
/* Append the exact v3 serialisation: the nine keys in order, %.6f floats,
 * then the extra members. */
void fe_meta_write(fe_buf *b, const fe_meta *m);
/* Set or replace an extra member (value is compact JSON text). */
int fe_meta_set_extra(fe_meta *m, const char *key, const char *json_value);

/* ---- finf: the model object ---------------------------------------------- */

struct ferrum_model {
	fe_norm norm;   /* the normaliser as stored (parsed back from text) */
	fe_meta meta;
	fe_net net;
	float *work;    /* scratch for ferrum_model_predict: 2 * max_width + in */
};

/* Build a model from parts (they are moved in; on failure they are freed). */
int fe_model_assemble(ferrum_model **out, fe_norm *norm, fe_meta *meta, fe_net *net,
                      ferrum_error *err);

/* ---- describe ---------------------------------------------------------- */

/* ---- answer: the lines of finf-predict ------------------------------- */

/* Append the members of a prediction object (no braces): "type", then
 * "class_index", "label", "confidence", "probabilities" for a classifier,
 * or "value", "value_norm" for a regressor, from the outputs @y. */
void fe_put_prediction(fe_buf *b, const ferrum_model *m, const float *y);

/* ---- split: hold-out and folds ---------------------------------------- */

/* The number of held-out rows for @n rows and fraction @frac:
 * max(1, roundf(n * frac)) in float, at most n (the original's rule). */
size_t fe_split_count(size_t n, double frac);

/* A hold-out split of @rows (@n >= 2) into @train and @hold (room for @n
 * entries each) with the generator @rng; FERRUM_EINVAL for n < 2 or @frac
 * outside (0, 1), FERRUM_ENOMEM. */
typedef int fe_split_fn(const ferrum_table *t, const size_t *rows, size_t n, double frac,
                        fe_rng *rng, size_t *train, size_t *n_train, size_t *hold,
                        size_t *n_hold, ferrum_error *err);

/* The original engine's split: @rows shuffled with @rng (Fisher-Yates from
 * the top), the first fe_split_count(n, frac) held out, both parts in the
 * shuffled order.  FERRUM_EINPUT if no training row is left. */
fe_split_fn fe_split_shuffled;

/* Split @rows (@n) into a held-out part of max(1, roundf(n * frac)) rows
 * (at most n - 1) and the rest.  For classification it is stratified:
 * each class gives the floor of its exact share, the rows left over go to
 * the classes with the largest fractional parts (lower class index on a
 * tie), and which rows of a class go is a shuffle with @rng; regression is
 * one group.  Both parts list their rows class by class;
 * *@n_train + *@n_hold = n, both >= 1. */
fe_split_fn fe_split_holdout;

/* Assign each of @n rows a fold in [0, k): stratified by class for
 * classification (each class's rows, shuffled with @rng, dealt round-robin
 * continuing where the previous class stopped), shuffled for regression.
 * @fold receives n entries (fold of rows[i]). */
int fe_split_folds(const ferrum_table *t, const size_t *rows, size_t n, unsigned k, fe_rng *rng,
                   unsigned *fold, ferrum_error *err);

/* ---- fit: what every recipe stands on ---------------------------------- */

/* The original's normaliser fit on @rows (@n) in that order, in float
 * (gaps taken as fe_fit_fill() gives them):
 * mean = sum / n (feature sums from +0.0, the target's from -0.0),
 * population std from sum((x-mean)*(x-mean)); a feature std below 1e-8
 * becomes 1, the target std is max(std, 1e-8).  Allocates @norm. */
int fe_fit_norm(const ferrum_table *t, const size_t *rows, size_t n, fe_norm *norm,
                ferrum_error *err);

/* The value a gap (NaN) takes in each feature for a fit on @rows (@n): the
 * median of their present values (0 when they have none).  *@fill gets
 * n_features floats (free()), or NULL when the table has no gap at all. */
int fe_fit_fill(const ferrum_table *t, const size_t *rows, size_t n, float **fill,
                ferrum_error *err);
/* Set the median, min and max of @s's numeric and date columns from their
 * value inputs over @rows (@n), gaps left out (all 0 when every row has a
 * gap). */
int fe_fit_schema(const ferrum_table *t, const size_t *rows, size_t n, ferrum_schema *s,
                  ferrum_error *err);

/* The training rows as a recipe sees them. */
typedef struct fe_fit_data {
	size_t n, nf, no; /* rows, features, outputs (classes, or 1) */
	int cls;          /* classification */
	fe_norm norm;     /* fitted on these rows (fe_fit_norm) */
	float *z;         /* [n][nf] normalised features */
	float *y;         /* [n] normalised targets (regression), else NULL */
	uint32_t *c;      /* [n] class indices (classification), else NULL */
} fe_fit_data;
/* Fit the normaliser on @rows (@n >= 1) and normalise them, in the given
 * order.  Ownership: free with fe_fit_data_free(); on failure nothing is
 * left to free. */
int fe_fit_data_new(const ferrum_table *t, const size_t *rows, size_t n, fe_fit_data *d,
                    ferrum_error *err);
void fe_fit_data_free(fe_fit_data *d);

/* What a fit reports besides the parameters. */
typedef struct fe_fit_info {
	size_t hidden;     /* hidden width used */
	size_t epochs;     /* the epoch limit used */
	size_t epochs_run; /* epochs trained (fewer when stopped early) */
	size_t best_epoch; /* 1-based epoch whose weights were kept */
	int stopped;       /* o->monitor asked to stop */
	float temperature; /* the calibration's T (calibrate.c), 0: none */
	size_t calibration_rows; /* rows T was fitted on */
} fe_fit_info;

typedef struct fe_recipe fe_recipe;

/* A recipe fits Linear(F,H)-ReLU-Linear(H,O)-Softmax|Identity to the @n
 * rows @rows of @t (table row indices, used in the order given; @n >= 1).
 * @rng is the generator ferrum_train() seeded with o->seed and used for
 * its outer split; the recipe continues from it, so one seed fixes every
 * byte.  o->hidden or o->epochs 0 mean the recipe's own setting in @rp;
 * o->progress and o->monitor (may be NULL) are called once per epoch, and
 * a non-zero return from o->monitor ends the fit there (info->stopped).  On success @norm
 * holds the fitted normaliser (n_features pairs, plus the target pair for
 * regression) and @net the four layers (fe_net_finish() done); the caller
 * owns both.  On failure both are left empty (nothing to free).  No other
 * fields of @o are used (the outer hold-out is the caller's business). */
typedef int fe_fit_fn(const fe_recipe *rp, const ferrum_table *t, const size_t *rows, size_t n,
                      const ferrum_train_options *o, fe_rng *rng, fe_norm *norm, fe_net *net,
                      fe_fit_info *info, ferrum_error *err);

/* A training recipe: how it splits, how it fits, and every one of its
 * settings, each stated here once (a setting a recipe does not use is 0).
 * The driver (train.c) picks one by enum ferrum_recipe. */
struct fe_recipe {
	const char *name;      /* as --recipe spells it */
	fe_split_fn *split;    /* the outer hold-out split */
	fe_fit_fn *fit;
	int original_meta;     /* metadata as the original writes it: no
	                          target name for classification, "value" for
	                          regression, no extra members */
	size_t hidden;         /* hidden width (o->hidden 0) */
	size_t epochs;         /* epoch limit (o->epochs 0) */
	size_t batch;          /* mini-batch rows */
	float lr_classify;     /* step size, classification */
	float lr_regress;      /* step size, regression */
	float momentum;        /* SGD momentum */
	/* The default recipe's ensemble, early stopping and AdamW: */
	unsigned folds;        /* K: ensemble members, one per validation fold */
	size_t min_epochs;     /* the budget never cuts the limit below this */
	size_t budget;         /* rows x epochs: bounds the limit on large inputs */
	float lr_anneal;       /* first step size when the budget bounds the limit */
	size_t patience;       /* epochs without a better validation score */
	size_t batch_small;    /* mini-batch rows for fewer than small_rows rows */
	size_t small_rows;
	float wd_classify;     /* decoupled weight decay (AdamW), weights only, */
	float wd_regress;      /* for classification and for regression */
	float beta1, beta2, eps; /* Adam */
	float smooth;          /* label smoothing (classification) */
};

/* ---- recipe-ferrum, recipe-default: the two recipes --------------------- */

/* The original engine's trainer: the original's split, batches drawn with
 * replacement, SGD with momentum, He/LeCun-style normal init, a fixed
 * number of epochs; bit for bit, given the original's shuffled rows. */
extern const fe_recipe fe_recipe_ferrum;
/* The default recipe: a cross-fitted ensemble with AdamW and early
 * stopping, merged into one network (recipe-default.c). */
extern const fe_recipe fe_recipe_default;
/* Whether @o sets any of the default recipe's own settings (weight decay,
 * smoothing, patience, members, budget): train.c refuses them with another
 * recipe, recipe-default.c puts them in place of its own. */
static inline int
fe_tuning_given(const ferrum_train_options *o)
{
	return o->weight_decay != 0.0 || o->smoothing != 0.0 || o->patience != 0 ||
	       o->members != 0 || o->budget != 0;
}
/* The default recipe's fit with o->n_layers >= 2 hidden layers (the
 * widths o->layers), as a fe_fit_fn (recipe-deep.c). */
int fe_fit_deep(const fe_recipe *rp, const ferrum_table *t, const size_t *rows, size_t n,
                const ferrum_train_options *o, fe_rng *rng, fe_norm *norm, fe_net *net,
                fe_fit_info *info, ferrum_error *err);
/* For the tests, the deep fit's pieces on @k members of the widths @width
 * ([nl], 2 or more) given the parameters @p in its layout (@p NULL: only
 * *@n_p, their number, is set).  With @g, the gradient (n_p floats) of
 * *@obj, the sum over the members of their mean loss (label smoothing
 * @smooth) over the @n rows @z ([n][nf]) not in their @fold (NULL with
 * k = 1), against @y or @c, in one batch; with @out ([n][k][no]), every
 * member's outputs for every row; with @net, the merged network. */
int fe_deep_probe(size_t nf, size_t no, int cls, const size_t *width, size_t nl, size_t k,
                  size_t n, const float *z, const float *y, const uint32_t *c,
                  const unsigned *fold, float smooth, const float *p, size_t *n_p, float *g,
                  double *obj, float *out, fe_net *net, ferrum_error *err);
/* The default recipe's step size in 0-based epoch @e of an @epochs limit:
 * @lr0 throughout, or with @anneal (the limit was cut by the row budget)
 * @lr0 * (epochs - e) / epochs, falling linearly to lr0 / epochs. */
float fe_recipe_step_size(float lr0, int anneal, size_t e, size_t epochs);
/* Tell o->monitor (not NULL) where the final fit stands, as a
 * ferrum_progress; non-zero: stop there. */
int fe_recipe_monitor(const ferrum_train_options *o, size_t epoch, size_t epochs,
                      size_t best_epoch, size_t last_epoch, double loss, double val_loss,
                      double best_val_loss);
/* cnt[m] = 1 / the rows of the batch @pos[0..n) member m of @k trains on
 * (those not in its validation fold, @fold[r] == m; every row with k = 1),
 * or 0 when there are none. */
void fe_recipe_batch_shares(size_t n, const size_t *pos, const unsigned *fold, size_t k,
                            float *cnt);
/* The AdamW step of the default recipe's fits: the first @n_w of the
 * @n_p parameters @p are weights, decayed by @wd; the rest are biases. */
void fe_recipe_adamw(const fe_recipe *rp, float lr, float wd, uint64_t t, size_t n_w,
                     size_t n_p, float *p, float *m1, float *m2, const float *g);
/* How the default recipe's fits (one hidden layer, or recipe-deep.c's
 * more) share out their work: k members (1: no validation), the epoch
 * limit (cut by the row budget on large inputs, then anneal is 1) and the
 * mini-batch rows. */
typedef struct fe_plan {
	size_t k, epochs, batch;
	int validate, anneal;
} fe_plan;
/* The plan for @n rows whose narrowest hidden layer has @narrow units
 * (every member needs one of each). */
void fe_recipe_plan(const fe_recipe *rp, const ferrum_train_options *o, size_t n,
                    size_t narrow, fe_plan *pl);
/* A fit's workspace as the epochs see it: a step on @m rows returning
 * their summed training loss, the validation loss with its count of
 * misclassified rows, the step size the steps read, and the parameters
 * with the copy of the best epoch's. */
typedef struct fe_epoch_ops {
	void *ws;
	double (*step)(void *ws, const size_t *pos, size_t m, const fe_recipe *rp);
	double (*val_loss)(void *ws, size_t n, size_t *errors);
	float *lr;
	float *p, *best;
	size_t n_p;
} fe_epoch_ops;
/* Train for @pl's epochs on shuffled mini-batches of the @n rows (@order,
 * shuffled in place by @rng), with early stopping on the validation loss
 * when @pl->validate (fewer misclassified rows win, the loss orders equal
 * counts), the progress and monitor callbacks of @o; ends with the best
 * epoch's parameters.  Sets *@best_epoch, *@epochs_run and *@stopped. */
void fe_recipe_epochs(const fe_recipe *rp, const ferrum_train_options *o, const fe_plan *pl,
                      int cls, fe_rng *rng, size_t *order, size_t n, const fe_epoch_ops *ops,
                      size_t *best_epoch, size_t *epochs_run, int *stopped);

/* ---- calibrate: temperature scaling and calibration figures ------------- */

/* The T > 0 in [0.05, 20] minimising the mean log-loss of softmax(logits / T)
 * over @n rows of @no @logits against @classes (a fixed golden-section
 * search; the same bits on every platform); 1 when there is nothing to
 * fit. */
double fe_temperature_fit(size_t n, size_t no, const double *logits, const uint32_t *classes);
/* Divide @net's last Linear layer's weights and bias by (float)@t;
 * returns that float, or 1 when nothing was changed (@t 1, not > 0, or no
 * Linear layer). */
float fe_temperature_fold(fe_net *net, double t);
/* Calibrate a merged ensemble of @k members (the default recipe): the
 * layers before @net's last Linear give the members' hidden units side by
 * side (member m's are [@off[m], @off[m + 1])), the last Linear holds each
 * member's output weights divided by k, @bias ([k][no]) the members' own
 * output biases.  Row i of @d (classification) is scored through member
 * @fold[i] alone, T is fitted on those logits, multiplied by how much
 * averaging shrinks the members' logits on the rows (the ensemble's
 * spread over the members' mean spread) and folded into @net;
 * info->temperature and info->calibration_rows (@info may be NULL) say
 * what was done.  Nothing happens for regression or k < 2.  FERRUM_OK,
 * FERRUM_ENOMEM, or FERRUM_ESHAPE when @off does not match @net. */
int fe_calibrate_members(fe_net *net, const fe_fit_data *d, const unsigned *fold, size_t k,
                         const size_t *off, const float *bias, fe_fit_info *info,
                         ferrum_error *err);

/* Sums for the Brier score and the reliability bins, a row at a time. */
typedef struct fe_calib {
	double brier;                           /* sum of rows' squared errors */
	size_t rows[FERRUM_CALIBRATION_BINS];    /* rows by top probability */
	size_t correct[FERRUM_CALIBRATION_BINS]; /* of those, argmax right */
	double conf[FERRUM_CALIBRATION_BINS];    /* sum of their top probability */
} fe_calib;
/* Add a row of @width probabilities @p whose true class is @truth. */
void fe_calib_add(fe_calib *a, const float *p, size_t width, size_t truth);
/* m->brier and m->ece of the @n rows added (NaN for none). */
void fe_calib_metrics(const fe_calib *a, size_t n, ferrum_metrics *m);

#endif /* FERRUM_INTERNAL_H */
