/* ferrum.h: the public interface of libferrum, small tabular neural networks.
 * SPDX-License-Identifier: MIT */
#ifndef FERRUM_H
#define FERRUM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Version                                                             */
/* ------------------------------------------------------------------ */

#define FERRUM_VERSION_MAJOR 0
#define FERRUM_VERSION_MINOR 1
#define FERRUM_VERSION_PATCH 0
#define FERRUM_VERSION_STRING "0.1.0"

/* The FINF format version this library reads and writes. */
#define FERRUM_FINF_VERSION 3

#if defined(__GNUC__) && __GNUC__ >= 4
#define FERRUM_API __attribute__((visibility("default")))
#else
#define FERRUM_API
#endif

/**
 * ferrum_version - the library's version string, e.g. "0.1.0": the
 * FERRUM_VERSION_STRING the library was built with, which differs from the
 * header's when a program runs against another build of the library.
 * Returns a NUL-terminated string, never NULL.
 * Ownership: static storage; do not free.
 */
FERRUM_API const char *ferrum_version(void);

/* ------------------------------------------------------------------ */
/* Status codes and errors                                             */
/* ------------------------------------------------------------------ */

/* 0 is success; failures are distinct negative codes.  Iterators return 1
 * for "got one" and 0 for "end". */
#define FERRUM_OK 0
#define FERRUM_ENOMEM (-1)   /* an allocation failed */
#define FERRUM_EIO (-2)      /* a read or write failed (see errno) */
#define FERRUM_EFORMAT (-3)  /* bytes are not a valid FINF model */
#define FERRUM_EVERSION (-4) /* a FINF file of a version we do not read */
#define FERRUM_ESHAPE (-5)   /* dimensions do not agree */
#define FERRUM_EINVAL (-6)   /* an argument is out of its domain */
#define FERRUM_EINPUT (-7)   /* bad input data: CSV, JSON, a number */
#define FERRUM_ERANGE (-8)   /* a length or count exceeds a limit */

/**
 * ferrum_strerror - a short lower-case description of a status code @code,
 * e.g. "out of memory" for FERRUM_ENOMEM, "success" for FERRUM_OK.
 * Returns "unknown error" for any other number; never NULL.
 * Ownership: static storage; do not free.
 */
FERRUM_API const char *ferrum_strerror(int code);

/* Where an error happened.  Fields that do not apply are -1. */
typedef struct ferrum_error {
	int code;          /* a FERRUM_E* status, FERRUM_OK when clear */
	long long offset;  /* byte offset into a model file, or -1 */
	long long line;    /* 1-based line of a text input, or -1 */
	long long column;  /* 1-based field (CSV) or byte column (JSON), or -1 */
	char message[256]; /* lower-case, no final period, never empty on error */
} ferrum_error;

/**
 * ferrum_error_clear - reset @err to "no error" (code 0, positions -1,
 * empty message).  @err may be NULL.
 * Ownership: @err is the caller's.
 */
FERRUM_API void ferrum_error_clear(ferrum_error *err);

/**
 * ferrum_free - release memory the library handed to the caller as a plain
 * buffer (ferrum_model_write() and ferrum_file_read() output, JSON text).
 * NULL is a no-op.
 * Ownership: @p must come from such a call; it is gone afterwards.  Objects
 * have their own _free functions: never pass them here.
 */
FERRUM_API void ferrum_free(void *p);

/* ------------------------------------------------------------------ */
/* Models                                                              */
/* ------------------------------------------------------------------ */

typedef struct ferrum_model ferrum_model;

enum ferrum_task {
	FERRUM_TASK_CLASSIFICATION = 0,
	FERRUM_TASK_REGRESSION = 1
};

/* FINF layer tags and activation kinds (the numbers are the file's). */
enum ferrum_layer_kind { FERRUM_LAYER_LINEAR = 0, FERRUM_LAYER_ACTIVATION = 1 };
enum ferrum_act {
	FERRUM_ACT_IDENTITY = 0,
	FERRUM_ACT_RELU = 1,
	FERRUM_ACT_SIGMOID = 2,
	FERRUM_ACT_TANH = 3,
	FERRUM_ACT_SOFTMAX = 4
};

/* What ferrum_model_layer() tells about one layer. */
typedef struct ferrum_layer_info {
	int kind;             /* enum ferrum_layer_kind */
	int act;              /* enum ferrum_act, for activation layers */
	size_t in, out;       /* Linear: input and output width; activation: 0 */
	size_t n_params;      /* in*out + out for Linear, 0 otherwise */
	const float *weights; /* in*out floats, row-major [in][out]; NULL if none */
	const float *bias;    /* out floats; NULL if none */
} ferrum_layer_info;

/**
 * ferrum_model_read - decode a FINF v3 model from @len bytes at @buf.
 *
 * Every length is checked against the bytes that remain before anything is
 * allocated.  Besides the layout the reader checks what inference needs: the
 * layer chain connects, the normaliser's width matches the first layer (plus
 * one target pair for regression), and the metadata is JSON with a "task".
 * Trailing bytes after the last layer are ignored, as the original engine
 * does.
 *
 * Returns FERRUM_OK and sets *@out, or a negative status with @err (may be
 * NULL) telling the reason and the byte offset.
 * Ownership: *@out belongs to the caller: free it with ferrum_model_free().
 * @buf is borrowed and may be freed once the call returns.
 */
FERRUM_API int ferrum_model_read(const void *buf, size_t len, ferrum_model **out,
                                 ferrum_error *err);

/**
 * ferrum_model_write - encode @m as FINF v3 into a new buffer of *@len
 * bytes.  A model read by ferrum_model_read() writes back the same bytes
 * (trailing bytes it ignored excepted).
 * Returns FERRUM_OK, or FERRUM_ENOMEM, or FERRUM_ERANGE when a length does
 * not fit FINF's 32-bit fields; on failure *@buf is NULL and *@len 0, and
 * @err (may be NULL) tells why.
 * Ownership: *@buf is malloc'd for the caller: release it with ferrum_free().
 * @m is borrowed.
 */
FERRUM_API int ferrum_model_write(const ferrum_model *m, unsigned char **buf, size_t *len,
                                  ferrum_error *err);

/**
 * ferrum_model_free - release a model and all it owns.  NULL is a no-op.
 * Ownership: every pointer obtained from @m's accessors dies with it.
 */
FERRUM_API void ferrum_model_free(ferrum_model *m);

/* Metadata accessors: what the file's metadata and layers say.  They
 * cannot fail on a model from ferrum_model_read(); @m must not be NULL.
 * Strings are NUL-terminated UTF-8.  Those taking an index return NULL
 * (or FERRUM_EINVAL) for an index out of range.
 *   ferrum_model_task: FERRUM_TASK_CLASSIFICATION or _REGRESSION.
 *   ferrum_model_dataset_name, _target_name: the metadata's text, "" when
 *     absent (never NULL).
 *   ferrum_model_n_features, _n_outputs: the network's input and output
 *     widths; _n_classes: the output width of a classifier, 0 otherwise.
 *   ferrum_model_feature_name, _class_name: the @i-th (0-based) name.
 * Ownership: every returned pointer is owned by @m and valid until
 * ferrum_model_free(m). */
FERRUM_API int ferrum_model_task(const ferrum_model *m); /* enum ferrum_task */
FERRUM_API const char *ferrum_model_dataset_name(const ferrum_model *m);
FERRUM_API size_t ferrum_model_n_features(const ferrum_model *m);  /* input width */
FERRUM_API size_t ferrum_model_n_outputs(const ferrum_model *m);   /* output width */
FERRUM_API size_t ferrum_model_n_classes(const ferrum_model *m);   /* 0 for regression */
FERRUM_API const char *ferrum_model_feature_name(const ferrum_model *m, size_t i);
FERRUM_API const char *ferrum_model_class_name(const ferrum_model *m, size_t i);
FERRUM_API const char *ferrum_model_target_name(const ferrum_model *m);
/* The training range of feature @i (raw units) into *@lo, *@hi; returns
 * FERRUM_OK, or FERRUM_EINVAL (outputs untouched) if the file has none
 * for it.  Ownership: @lo and @hi are the caller's. */
FERRUM_API int ferrum_model_feature_range(const ferrum_model *m, size_t i, float *lo, float *hi);
/* The normaliser pair of feature @i into *@mean, *@std; returns FERRUM_OK,
 * or FERRUM_EINVAL (outputs untouched) for @i out of range.
 * Ownership: @mean and @std are the caller's. */
FERRUM_API int ferrum_model_feature_norm(const ferrum_model *m, size_t i, float *mean, float *std);
/* The training range of the target as the metadata stores it (raw units;
 * whatever the file holds for a classifier) into *@lo, *@hi.
 * Ownership: @lo and @hi are the caller's. */
FERRUM_API void ferrum_model_target_range(const ferrum_model *m, float *lo, float *hi);
/* The regression target's normaliser pair into *@mean, *@std; returns
 * FERRUM_OK, or FERRUM_EINVAL (outputs untouched) for a classifier.
 * Ownership: @mean and @std are the caller's. */
FERRUM_API int ferrum_model_target_norm(const ferrum_model *m, float *mean, float *std);
/* The metadata as compact JSON (the nine standard keys, then any others).
 * Ownership: owned by @m. */
FERRUM_API const char *ferrum_model_metadata_json(const ferrum_model *m);
/* An extra metadata member (not one of the nine standard keys) by @key,
 * compared byte for byte: its value as compact JSON text, or NULL when
 * there is none.  Ownership: owned by @m; @key is borrowed. */
FERRUM_API const char *ferrum_model_metadata_get(const ferrum_model *m, const char *key);
/* The number of extra metadata members (keys beyond the nine standard
 * ones), and the key of the @i-th in file order, or NULL past the end.
 * Ownership: owned by @m. */
FERRUM_API size_t ferrum_model_metadata_n_extra(const ferrum_model *m);
FERRUM_API const char *ferrum_model_metadata_key(const ferrum_model *m, size_t i);

/* The number of layers, Linear and activation alike. */
FERRUM_API size_t ferrum_model_n_layers(const ferrum_model *m);
/* Describe layer @i (0-based) in *@info; returns FERRUM_OK, or
 * FERRUM_EINVAL for @i out of range.  For an activation layer info->act is
 * the kind and the widths are 0; for a Linear layer info->act is -1.
 * Ownership: @info is the caller's; info->weights and info->bias point into
 * @m (do not free or change them) and die with ferrum_model_free(). */
FERRUM_API int ferrum_model_layer(const ferrum_model *m, size_t i, ferrum_layer_info *info);
/* The number of trainable parameters: the sum of n_params over layers. */
FERRUM_API size_t ferrum_model_n_params(const ferrum_model *m);

/**
 * ferrum_model_inspect_json - what is inside @m as one compact JSON object,
 * the line finf-inspect --json prints (without the newline): file (@file,
 * null when NULL), size (@size, the file's bytes), version, task,
 * dataset_name, n_features, features (name, range, mean, std each),
 * n_outputs, class_names, target (name, range, and mean and std for a
 * regressor), layers (index, kind, in, out, params, and for a Linear layer
 * count, min, max, mean, nan and inf of its weights and of its bias),
 * n_params and metadata (ferrum_model_metadata_json()); finf-inspect(1)
 * lists them.  Floats are the shortest text that reads back as the same
 * float, a weight mean "%.17g"; what JSON cannot spell (NaN, infinities,
 * no finite weight) is null.
 * Returns FERRUM_OK and sets *@len (may be NULL), or FERRUM_ENOMEM with
 * *@json NULL.
 * Ownership: release *@json with ferrum_free(); @m and @file are borrowed.
 */
FERRUM_API int ferrum_model_inspect_json(const ferrum_model *m, const char *file, size_t size,
                                         char **json, size_t *len);

/**
 * ferrum_model_inspect_text - the same facts as the text report of
 * finf-inspect: one "key:  value" line each, a table of the features, the
 * column schema when the model has one (one line per source column: its
 * kind, its inputs, then its levels with their training counts, its
 * median and range, or why it is ignored; "schema: not valid: REASON"
 * when the member does not read), one line per layer (weight range and
 * mean, NaN and infinity counts) and the other extra metadata members;
 * every line ends in a newline.  Floats as
 * ferrum_format_float(), '.' whatever the locale.  Returns as
 * ferrum_model_inspect_json() does.
 * Ownership: release *@text with ferrum_free(); @m and @file are borrowed.
 */
FERRUM_API int ferrum_model_inspect_text(const ferrum_model *m, const char *file, size_t size,
                                         char **text, size_t *len);

/**
 * ferrum_model_normalize - z-score one raw row of ferrum_model_n_features()
 * values into @z: (x - mean) / std in float, as the format defines.  No
 * check is made: NaN and infinities pass through.
 * Ownership: @x and @z are the caller's, n_features floats each; @z may
 * be @x (in place).
 */
FERRUM_API void ferrum_model_normalize(const ferrum_model *m, const float *x, float *z);

/**
 * ferrum_model_predict - run one raw row @x through the normaliser and the
 * network.  @out receives ferrum_model_n_outputs() floats: class
 * probabilities for a classifier, the network output in normalised target
 * units for a regressor.
 *
 * The model keeps one scratch buffer, so concurrent calls on the same model
 * need a lock (or a model each).  Returns FERRUM_OK, or FERRUM_EINPUT
 * with @err (may be NULL) naming the feature if a value of @x is NaN or
 * infinite; nothing is allocated.
 * Ownership: @x (n_features floats) and @out are the caller's.
 */
FERRUM_API int ferrum_model_predict(ferrum_model *m, const float *x, float *out,
                                    ferrum_error *err);

/**
 * ferrum_model_denormalize - a regressor's output in raw target units:
 * out * std_t + mean_t in float (a product rounded, then a sum; no fused
 * multiply-add).  A classifier returns @out unchanged.
 */
FERRUM_API float ferrum_model_denormalize(const ferrum_model *m, float out);

/**
 * ferrum_argmax - index of the largest of @n values; on a tie the highest
 * index wins (the format's rule).  NaN never wins.  0 when n is 0.
 * Ownership: @v is borrowed.
 */
FERRUM_API size_t ferrum_argmax(const float *v, size_t n);

/* ------------------------------------------------------------------ */
/* CSV                                                                 */
/* ------------------------------------------------------------------ */

/* A streaming RFC 4180 reader.  Records may be quoted ("a,b", doubled
 * quotes "" inside, line breaks inside quotes); lines end in LF or CRLF, or
 * in CR alone when the first line does (every CR then reads as LF, quoted
 * ones too); a UTF-8 byte order mark at the very start is skipped, and
 * text that starts with a UTF-16 one is refused; blank lines (nothing
 * but white space) are skipped.  Unquoted fields are trimmed of Unicode
 * White_Space exactly as Rust's str::trim (ASCII white space and U+0085,
 * U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000);
 * a quoted field keeps its content and only the space outside the quotes
 * goes.  A '"' inside an unquoted field is an ordinary character.
 *
 * Errors are FERRUM_EINPUT with the line and the 1-based field in the
 * ferrum_error (line, column) and a message that starts with them, e.g.
 * "line 17: field 3: unterminated quoted field" (the line where the quote
 * opened), "... text after closing quote", "... NUL byte", "... invalid
 * UTF-8"; FERRUM_ERANGE for a record over the size or field limit;
 * FERRUM_EIO when the read callback fails.  Errors are sticky: later calls
 * to ferrum_csv_next() return the same status. */
typedef struct ferrum_csv ferrum_csv;

/* Read callback: fill up to @cap bytes of @buf, return the count, 0 at the
 * end of the input, or -1 on error with errno set.  For interactive use
 * (tail -f | ...) return what is available, as read(2) does, rather than
 * waiting until @cap bytes have come. */
typedef long (*ferrum_read_fn)(void *ctx, char *buf, size_t cap);

/* Default limits; see ferrum_csv_set_limits(). */
#define FERRUM_CSV_MAX_RECORD ((size_t)64 << 20) /* bytes of one record */
#define FERRUM_CSV_MAX_FIELDS ((size_t)1000000)  /* fields of one record */

/**
 * ferrum_csv_new - a reader pulling its input through @read(@ctx, ...).
 * Memory stays bounded by the longest record, whatever the input's size.
 * Ownership: free *@out with ferrum_csv_free(); @ctx is borrowed and must
 * outlive the reader.
 */
FERRUM_API int ferrum_csv_new(ferrum_csv **out, ferrum_read_fn read, void *ctx,
                              ferrum_error *err);

/**
 * ferrum_csv_new_buffer - a reader over @len bytes at @buf, read in place
 * (no copy).
 * Ownership: free *@out with ferrum_csv_free(); @buf is borrowed and must
 * stay unchanged while the reader lives.
 */
FERRUM_API int ferrum_csv_new_buffer(ferrum_csv **out, const char *buf, size_t len,
                                     ferrum_error *err);

/* Release a reader.  NULL is a no-op.  The read callback's context is the
 * caller's and is not touched.
 * Ownership: fields, records and the error obtained from @c die with it. */
FERRUM_API void ferrum_csv_free(ferrum_csv *c);

/* Change the limits before the first ferrum_csv_next(): @max_record bytes
 * of one record, @max_fields fields of one record (0 keeps a limit).  A
 * record over a limit is FERRUM_ERANGE. */
FERRUM_API void ferrum_csv_set_limits(ferrum_csv *c, size_t max_record, size_t max_fields);

/**
 * ferrum_csv_next - advance to the next non-blank record: 1 when there is
 * one, 0 at the end of the input, a negative status on error (the details
 * in ferrum_csv_error()).  The per-record path allocates nothing once the
 * buffers have grown to the longest record.
 */
FERRUM_API int ferrum_csv_next(ferrum_csv *c);

/* The number of fields of the current record (at least 1; 0 before the
 * first record). */
FERRUM_API size_t ferrum_csv_nfields(const ferrum_csv *c);

/**
 * ferrum_csv_field - field @i (0-based) of the current record: unquoted,
 * trimmed (unquoted fields), valid UTF-8, NUL-terminated (a quoted field may
 * also hold "\n"); *@len (may be NULL) receives its length.  NULL when @i is
 * out of range.
 * Ownership: owned by @c, valid until the next ferrum_csv_next() or
 * ferrum_csv_free().
 */
FERRUM_API const char *ferrum_csv_field(const ferrum_csv *c, size_t i, size_t *len);

/**
 * ferrum_csv_record - the current record's raw text as it was in the input,
 * quotes included, without its line end ("\n" or "\r\n"); for passing a
 * row through unchanged.  Not NUL-terminated.
 * Ownership: as for ferrum_csv_field().
 */
FERRUM_API const char *ferrum_csv_record(const ferrum_csv *c, size_t *len);

/* The 1-based line where the current record starts (quoted line breaks
 * make records span lines). */
FERRUM_API long long ferrum_csv_line(const ferrum_csv *c);

/* The last error (code FERRUM_OK when there was none).
 * Ownership: owned by @c. */
FERRUM_API const ferrum_error *ferrum_csv_error(const ferrum_csv *c);

/* Delimiters for ferrum_csv_set_delimiter(). */
#define FERRUM_CSV_AUTO 0     /* detect from the first lines (ferrum_csv_sniff) */
#define FERRUM_CSV_SPACES ' ' /* runs of spaces and tabs; leading and trailing
                                 ones are not fields */

/**
 * ferrum_csv_set_delimiter - use @delim (',', ';', '\t', '|',
 * FERRUM_CSV_SPACES, or FERRUM_CSV_AUTO) before the first
 * ferrum_csv_next(); a new reader uses ','.  With FERRUM_CSV_AUTO the
 * first ferrum_csv_next() reads until it holds FERRUM_CSV_SNIFF_LINES
 * complete lines (or the end of the input) and picks the delimiter with
 * ferrum_csv_sniff().  Returns FERRUM_OK, or FERRUM_EINVAL for another
 * character or after the first record.
 */
#define FERRUM_CSV_SNIFF_LINES 20
FERRUM_API int ferrum_csv_set_delimiter(ferrum_csv *c, int delim);

/* The delimiter in use (the one detected, once the first record is
 * read). */
FERRUM_API int ferrum_csv_delimiter(const ferrum_csv *c);

/**
 * ferrum_csv_sniff - the delimiter of the @len bytes at @buf, the first
 * lines of a file (at most FERRUM_CSV_SNIFF_LINES records are looked at;
 * a last line without its end is ignored unless it is the only one): of
 * ',', '\t', ';', '|' and runs of spaces, the one that cuts every line
 * (outside quotes) into the same number of fields, more than one, with
 * the most fields; when none does (ragged rows), the one whose most
 * common field count, more than one, holds for the most lines, more than
 * half of them; ',' when none does.  Ties go in that order.
 */
FERRUM_API int ferrum_csv_sniff(const char *buf, size_t len);

/**
 * ferrum_parse_float - parse @len bytes at @s (need not be NUL-terminated)
 * with Rust's f32 grammar, which the original engine used: an optional
 * sign, then digits with an optional '.' (at least one digit: "5." and ".5"
 * are fine), an optional exponent e/E with an optional sign and at least
 * one digit, or "inf", "infinity", "nan" in any case.  No white space (CSV
 * fields come trimmed), no hex, no '_'.  The result is correctly rounded
 * (out-of-range values become +-inf or 0, as Rust does) and independent of
 * the locale.  Returns FERRUM_OK, or FERRUM_EINPUT leaving *@out unchanged.
 * Ownership: @s is borrowed; @out is the caller's.
 */
FERRUM_API int ferrum_parse_float(const char *s, size_t len, float *out);

/* 1 if @s (@len bytes) passes ferrum_parse_float()'s grammar ("is a number"
 * in the original engine's header and task rules), else 0. */
FERRUM_API int ferrum_is_number(const char *s, size_t len);

/* 1 if a field marks a missing value: "", "NA" or "?" (exact, as fields
 * come trimmed), else 0. */
FERRUM_API int ferrum_is_missing(const char *s, size_t len);

/* The missing-value markers of real tables (finf-train --na): an empty
 * field is always missing; FERRUM_NA_DEFAULT lists the other markers,
 * compared byte for byte with the trimmed field: R's, the UCI
 * repository's, spreadsheets' (#N/A), databases' (NULL) and Python's
 * (nan).  Not "None", which tables use as a level ("no veneer").  A
 * model stores the list it was trained with. */
#define FERRUM_NA_DEFAULT "NA,N/A,NaN,null,?,-,#N/A,NULL,n/a,nan"

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

/* A whole data set in memory.  With strict_ferrum it is read with the
 * original engine's rules, described here; otherwise with the real-table
 * rules of finf-train(1) (the header decided from the data, an empty
 * name the column's number and a repeated one "a.2", R's row-names
 * layout, decimal commas in input not separated by commas, a target with
 * a fractional value a regression target, the default target the last
 * column with a name or a value, missing values, columns inferred as
 * numeric, date, categorical or ignored, the features being the inputs
 * of ferrum_table_schema(), a numeric gap NaN
 * until a fit fills it, rows without a target skipped), whose data errors
 * name the column: "column 'Age' (6): line 17: 'abc' is not a number;
 * mark missing values with --na or ignore the column with -x", "expected
 * 5 fields, got 4" (err->line set), "no data rows", and the class and
 * target errors below; a COLS option naming no column, or naming the
 * target, is FERRUM_EINVAL.
 *
 * The original's rules (finf-train(1)): the first record is a header when its last field is
 * not a number (ferrum_is_number()); feature names are the header fields
 * except the target's, with surrounding '"' stripped (feature_0,
 * feature_1, ... without a header or with a one-field header); the target
 * is the last column unless chosen, and the other columns keep file order;
 * the task is regression when every label is a number and there are more
 * distinct label texts than 15 (50 rows or fewer: rows/3; "18" and "18.0"
 * are two texts), classification otherwise; class indices follow first
 * appearance.
 *
 * Refused with FERRUM_EINPUT, err->line and err->column (the 1-based
 * field) set where they apply, whatever strict_ferrum says:
 *   "empty input" (nothing but blank lines), "no data rows" (a header only),
 *   "line 17: expected 5 fields, got 4" (every row has the first data
 *   row's count), "line 2: the header has 4 fields but the data rows have
 *   3" (the original accepted this), "line 2: a data row needs at least 2
 *   fields, got 1", "line 17: field 3: 'abc' is not a number",
 *   "line 17: field 3: 'nan' is not a finite number" (NaN, inf and
 *   overflowing features; the original accepted them),
 *   "line 9: field 4: missing value" ("", "NA" or "?", label included),
 *   "only one class ('x'); nothing to learn", "the target is constant
 *   (every value is 3); nothing to learn" (regression),
 *   "target 'name' (column 5) has 1502 classes in 2640 rows, 1193 of them
 *   on a single row: not a label to learn from; choose another with
 *   --target" (a class target with more than 20 classes, more than half
 *   of them on a single row: a free-text column, not a label),
 *   "line 5: field 3: target 'x' is not a number" (forced regression, or a
 *   non-finite regression target); CSV errors as ferrum_csv_next() gives
 *   them.  The refusals of the target as a whole (one class, a constant,
 *   free text, and ferrum_table_from_frame()'s target missing on every
 *   row) have no line and err->column the target's 1-based column, so
 *   that a caller can offer the other columns.  A bad target option is
 *   FERRUM_EINVAL ("no column named 'x'", "target column 9 out of range
 *   1-5").
 * With strict_ferrum, records of one field are skipped silently, as the
 * original did; otherwise they are errors like any short row.  A UTF-8
 * byte order mark is skipped in both modes (the original kept it in the
 * first name). */
typedef struct ferrum_table ferrum_table;

typedef struct ferrum_table_options {
	const char *target; /* header name, or 1-based column number as text;
	                       NULL: the last column (real tables: the last
	                       with a name or a value) */
	int task;           /* -1 auto, or an enum ferrum_task to force */
	int strict_ferrum;  /* 1: the original engine's rules, all of them
	                       (every field a number, no schema; records of
	                       fewer than 2 fields skipped silently); the
	                       fields below are then unused */
	/* Real tables (strict_ferrum 0): */
	int header;         /* -1 decide from the data, 0 no header, 1 the
	                       first record is the header */
	const char *ignore; /* COLS to ignore: names or 1-based numbers,
	                       comma-separated; NULL none */
	const char *categorical; /* COLS whose values are categories even
	                       when they are numbers; NULL none */
	const char *na;     /* missing-value markers, comma-separated; NULL:
	                       FERRUM_NA_DEFAULT ("" is always missing) */
	size_t max_levels;  /* levels kept per categorical column, the rest
	                       folded into "(other)" [FERRUM_MAX_LEVELS] */
} ferrum_table_options;

#define FERRUM_MAX_LEVELS 32

/* Fill @o with the defaults: last column, auto task, not strict.  @o may
 * be NULL.  Ownership: @o is the caller's. */
FERRUM_API void ferrum_table_options_init(ferrum_table_options *o);

/**
 * ferrum_table_read - read every remaining record of @csv into a table.
 * @o may be NULL for the defaults.  On error the message (and err->line,
 * err->column) tell where.
 * Ownership: *@out belongs to the caller: free it with ferrum_table_free().
 * @csv stays the caller's (free it after the call).
 */
FERRUM_API int ferrum_table_read(ferrum_csv *csv, const ferrum_table_options *o,
                                 ferrum_table **out, ferrum_error *err);

/**
 * ferrum_table_read_jsonl - read JSON Lines through @read(@ctx, ...) (see
 * ferrum_read_fn) into a table with the real-table rules: one object per
 * line, its keys the column names (a nested object gives its members, an
 * array its compact JSON text, null and an absent key a gap); then as
 * ferrum_table_read().  @o->header and @o->strict_ferrum do not apply
 * (FERRUM_EINVAL for strict_ferrum 1).
 * Ownership: *@out belongs to the caller (ferrum_table_free()); @ctx is
 * borrowed.
 */
FERRUM_API int ferrum_table_read_jsonl(ferrum_read_fn read, void *ctx,
                                       const ferrum_table_options *o, ferrum_table **out,
                                       ferrum_error *err);

/* Release a table.  NULL is a no-op. */
FERRUM_API void ferrum_table_free(ferrum_table *t);

/* Accessors; they cannot fail, and @t must not be NULL.  Names are
 * NUL-terminated UTF-8, NULL for an index out of range.
 *   n_rows, n_features: the data rows and feature columns.
 *   has_header: 1 if the first record was a header, else 0.
 *   feature_name: the @j-th feature's name, in file order.
 * Ownership: every pointer returned is owned by @t and valid until
 * ferrum_table_free(t). */
FERRUM_API size_t ferrum_table_n_rows(const ferrum_table *t);
FERRUM_API size_t ferrum_table_n_features(const ferrum_table *t);
FERRUM_API int ferrum_table_has_header(const ferrum_table *t);
FERRUM_API const char *ferrum_table_feature_name(const ferrum_table *t, size_t j);
/* The target's header name ('"'-stripped); "" without a header. */
FERRUM_API const char *ferrum_table_target_name(const ferrum_table *t);
/* The 0-based column of the target in the file. */
FERRUM_API size_t ferrum_table_target_column(const ferrum_table *t);
FERRUM_API int ferrum_table_task(const ferrum_table *t); /* enum ferrum_task */
/* Classes (0 for regression), their names and row counts. */
FERRUM_API size_t ferrum_table_n_classes(const ferrum_table *t);
FERRUM_API const char *ferrum_table_class_name(const ferrum_table *t, size_t k);
FERRUM_API size_t ferrum_table_class_count(const ferrum_table *t, size_t k);
/* n_rows x n_features raw values, row-major, in file order. */
FERRUM_API const float *ferrum_table_features(const ferrum_table *t);
/* Regression targets (raw, f32), or NULL for classification. */
FERRUM_API const float *ferrum_table_targets(const ferrum_table *t);
/* The class index of each row, or NULL for regression. */
FERRUM_API const uint32_t *ferrum_table_labels(const ferrum_table *t);
/* The 1-based input line of row @i (for messages). */
FERRUM_API long long ferrum_table_row_line(const ferrum_table *t, size_t i);
/* Rows left out because their target was missing (real-table rules; 0
 * under the original's). */
FERRUM_API size_t ferrum_table_n_skipped(const ferrum_table *t);

/* ------------------------------------------------------------------ */
/* Column schema: the preprocessing a model carries                    */
/* ------------------------------------------------------------------ */

/* A schema says what each source column of a table is and how it becomes
 * the network's inputs.  A table read with real-table rules has one
 * (ferrum_table_schema()); the default recipe stores it in the model as
 * the metadata member "schema" (finf(5)), and ferrum_schema_from_model()
 * reads it back, so the commands take the raw rows a model was trained
 * on.  Inputs follow the source columns in file order: a numeric or date
 * column gives one input named like the column (or, encoded, the inputs
 * "NAME~1", "NAME~2", ...: ferrum_column's edges), then "NAME=(missing)"
 * (1 for a gap, else 0) when its training rows had gaps; a categorical
 * column gives one 0/1 input per level, "NAME=LEVEL" in byte order of the
 * levels, then "NAME=(other)" when rare levels were folded, then
 * "NAME=(missing)" when its training rows had gaps.  Ignored columns and
 * the target give none. */
typedef struct ferrum_schema ferrum_schema;

enum ferrum_column_kind {
	FERRUM_COLUMN_NUMERIC = 0,
	FERRUM_COLUMN_CATEGORICAL = 1,
	FERRUM_COLUMN_DATE = 2,     /* ISO 8601, as days since 1970-01-01 UTC */
	FERRUM_COLUMN_IGNORED = 3,
	FERRUM_COLUMN_TARGET = 4
};

/* One source column. */
typedef struct ferrum_column {
	const char *name;      /* the header field, or "1", "2", ... */
	int kind;              /* enum ferrum_column_kind */
	const char *why;       /* FERRUM_COLUMN_IGNORED: why, e.g. "-x",
	                          "constant", "distinct values", "empty";
	                          otherwise NULL */
	size_t input;          /* its first network input */
	size_t n_inputs;       /* network inputs it gives (0: ignored, target) */
	/* numeric and date: */
	int indicator;         /* a "NAME=(missing)" input follows the value */
	float median;          /* a gap's value: the training rows' median */
	float min, max;        /* the training rows' range */
	/* categorical: */
	int codes;             /* the values are numbers, matched as numbers */
	size_t n_levels;
	const char *const *levels; /* n_levels, in byte order */
	const size_t *counts;  /* training rows per level */
	size_t other;          /* rows folded into "(other)" (an input when > 0) */
	size_t missing;        /* rows with a gap (categorical: a "(missing)"
	                          input when > 0) */
	/* numeric and date, encoded piecewise-linearly (finf-train --encode):
	 * n_edges >= 2 increasing edges give n_edges - 1 inputs "NAME~1",
	 * "NAME~2", ... in place of the value (the indicator follows them);
	 * input t is (x - edges[t-1]) / (edges[t] - edges[t-1]) in [0, 1],
	 * the first not clamped below, the last not above.  0 and NULL: the
	 * value itself. */
	size_t n_edges;
	const float *edges;    /* n_edges, strictly increasing, finite */
} ferrum_column;

/* The schema of a table read with real-table rules, or NULL (strict_ferrum).
 * Ownership: owned by @t. */
FERRUM_API const ferrum_schema *ferrum_table_schema(const ferrum_table *t);

/**
 * ferrum_schema_from_model - read the "schema" member of @m's metadata:
 * FERRUM_OK with *@out NULL when there is none (the model takes its
 * inputs as plain numbers, as before), FERRUM_OK with *@out set, or
 * FERRUM_EFORMAT when the member is malformed or does not match the
 * model's features.
 * Ownership: free *@out with ferrum_schema_free(); @m is borrowed.
 */
FERRUM_API int ferrum_schema_from_model(const ferrum_model *m, ferrum_schema **out,
                                        ferrum_error *err);

/* Release a schema.  NULL is a no-op. */
FERRUM_API void ferrum_schema_free(ferrum_schema *s);

/* The source columns, the target's index among them, whether the
 * training data had a header, and the network inputs. */
FERRUM_API size_t ferrum_schema_n_columns(const ferrum_schema *s);
FERRUM_API size_t ferrum_schema_target(const ferrum_schema *s);
FERRUM_API int ferrum_schema_header(const ferrum_schema *s);
FERRUM_API size_t ferrum_schema_n_inputs(const ferrum_schema *s);

/* Column @j (0-based, file order), or NULL out of range.
 * Ownership: owned by @s, strings included. */
FERRUM_API const ferrum_column *ferrum_schema_column(const ferrum_schema *s, size_t j);

/* The name of a column kind: "numeric", "categorical", "date", "ignored",
 * "target"; NULL for another number.  Ownership: static storage. */
FERRUM_API const char *ferrum_column_kind_name(int kind);

/**
 * ferrum_schema_json - the schema as the compact JSON value stored in
 * the metadata member "schema" (finf(5)).
 * Ownership: release *@json with ferrum_free().
 */
FERRUM_API int ferrum_schema_json(const ferrum_schema *s, char **json, size_t *len);

/* ------------------------------------------------------------------ */
/* Column summaries (finf-stats --describe)                            */
/* ------------------------------------------------------------------ */

/* What a CSV's columns hold, before any model: a summary per column. The
 * first record is a header when it differs in kind from the rows below it
 * (text in a column that holds only numbers or missing values below, or a
 * value over nothing but missing values: the
 * real-table rule of ferrum_table_read()); without one the columns are
 * named "1", "2", ...  Every record must have the first record's field
 * count.  The cells are kept until ferrum_summary_free(). */
typedef struct ferrum_summary ferrum_summary;

/* One column.  A column is numeric when it has values and every one is a
 * finite number (ferrum_is_number(), read as a double); it is categorical
 * otherwise.  Missing values ("" and FERRUM_NA_DEFAULT's markers) count
 * apart and take no part in the rest. */
typedef struct ferrum_column_summary {
	const char *name; /* the header field, or "N" (1-based) */
	int numeric;      /* 1 numeric, 0 categorical */
	size_t count;     /* values present */
	size_t missing;   /* missing values */
	size_t distinct;  /* distinct values: numbers as numbers, other
	                     text byte for byte */
	double mean, std; /* numeric: mean and population standard
	                     deviation, summed in double in input order;
	                     NaN for a categorical column */
	double min, q1, median, q3, max; /* numeric: quartiles by linear
	                     interpolation between order statistics
	                     (R's type 7); NaN for a categorical column */
	const char *top;  /* categorical: the most frequent value, the
	                     first in byte order on a tie; NULL for a numeric
	                     column or one without values */
	size_t top_count; /* how often top occurs; 0 without top */
} ferrum_column_summary;

/**
 * ferrum_summary_read - read every remaining record of @csv and summarise
 * its columns.  Memory grows with the values kept (every value's text
 * until the end, to find the categorical columns' most frequent one).
 * Returns FERRUM_OK and sets *@out, or a negative status with @err (may be
 * NULL) telling why and, where it applies, err->line: FERRUM_EINPUT
 * "empty input" (no record at all), FERRUM_EINPUT "expected 2 fields, got
 * 1", FERRUM_ENOMEM, or the CSV reader's error (its message without the
 * "line N: " that err->line repeats).
 * Ownership: free *@out with ferrum_summary_free(); @csv stays the
 * caller's (free it after the call).
 */
FERRUM_API int ferrum_summary_read(ferrum_csv *csv, ferrum_summary **out, ferrum_error *err);

/* Release a summary.  NULL is a no-op. */
FERRUM_API void ferrum_summary_free(ferrum_summary *s);

/* The columns, and the data rows (the header not counted). */
FERRUM_API size_t ferrum_summary_n_columns(const ferrum_summary *s);
FERRUM_API size_t ferrum_summary_n_rows(const ferrum_summary *s);

/**
 * ferrum_summary_column - the summary of column @j (0-based, file order),
 * or NULL for @j out of range.
 * Ownership: owned by @s, strings included; valid until
 * ferrum_summary_free(s).
 */
FERRUM_API const ferrum_column_summary *ferrum_summary_column(const ferrum_summary *s,
                                                              size_t j);

/**
 * ferrum_summary_json - the summary as JSON Lines, the finf-stats
 * --describe --json output: one compact object per column, each ending in
 * a newline, with the keys column, kind ("numeric" or "categorical"),
 * count, missing, mean, std, min, q1, median, q3, max, distinct, top and
 * top_count.  Numbers are the shortest text that reads back as the same
 * double; NaN (a categorical column's) is null, as is a missing top.
 * Returns FERRUM_OK and sets *@len (may be NULL), or FERRUM_ENOMEM with
 * *@json NULL.
 * Ownership: release *@json with ferrum_free(); @s is borrowed.
 */
FERRUM_API int ferrum_summary_json(const ferrum_summary *s, char **json, size_t *len);

/* Flags of the text writers. */
#define FERRUM_TEXT_COLOR 1 /* ANSI bold for the names (for a terminal) */

/**
 * ferrum_summary_text - the summary as the finf-stats --describe text: a
 * line "3 columns, 150 rows", then per column a blank line, "name (kind):
 * count N, missing N, distinct N" and the mean, std and quartiles ("%.6g",
 * '.' whatever the locale) or the most frequent value.  @flags:
 * FERRUM_TEXT_COLOR or 0.  Returns as ferrum_summary_json() does.
 * Ownership: release *@text with ferrum_free(); @s is borrowed.
 */
FERRUM_API int ferrum_summary_text(const ferrum_summary *s, int flags, char **text,
                                   size_t *len);

/* ------------------------------------------------------------------ */
/* Training                                                            */
/* ------------------------------------------------------------------ */

/* How a network is trained (finf-train(1) --recipe). */
enum ferrum_recipe {
	FERRUM_RECIPE_DEFAULT = 0, /* the better default: see finf-train(1) */
	FERRUM_RECIPE_FERRUM = 1   /* the original engine's trainer, bit for bit */
};

/* The seed both recipes use unless told otherwise (the original's). */
#define FERRUM_SEED_DEFAULT 1337

/* Where a fit stands after an epoch, for ferrum_train_options.monitor. */
typedef struct ferrum_progress {
	size_t epoch, epochs;  /* epochs done (1-based), the epoch limit */
	size_t best_epoch;     /* the epoch whose weights are kept so far */
	size_t last_epoch;     /* the last epoch this run can reach now: early
	                          stopping ends it at best_epoch + patience,
	                          the limit otherwise */
	double loss;           /* mean training loss of the epoch */
	double val_loss;       /* mean validation loss of the epoch, NaN when
	                          the recipe does not validate (ferrum) */
	double best_val_loss;  /* that of best_epoch, NaN without */
} ferrum_progress;

/* The most bins finf-train --encode=ple:N takes (a column's edges: N + 1). */
#define FERRUM_ENCODE_MAX_BINS 256

typedef struct ferrum_train_options {
	int recipe;               /* enum ferrum_recipe [FERRUM_RECIPE_DEFAULT] */
	uint64_t seed;            /* [FERRUM_SEED_DEFAULT]; 0 is a valid seed */
	size_t hidden;            /* hidden width; 0: the recipe's default */
	size_t epochs;            /* epochs (the maximum with early stopping);
	                             0: the recipe's default */
	double holdout;           /* held-out fraction in (0, 1) [0.2]; for the
	                             ferrum recipe it is the original's
	                             validation fraction, taken as a float */
	unsigned cv;              /* 0: no cross-validation; K >= 2: K folds */
	const char *dataset_name; /* metadata dataset_name; NULL: "Dataset" */
	/* Called after each epoch of the final fit (not the cross-validation
	 * fits) with the mean training loss of that epoch's mini-batches; may
	 * be NULL.  @epochs is the maximum. */
	void (*progress)(void *ctx, size_t epoch, size_t epochs, double loss);
	void *progress_ctx;       /* passed to progress, borrowed */
	/* Called after each epoch of the final fit (not the cross-validation
	 * fits), after progress, with where the fit stands; may be NULL.  A
	 * non-zero return stops training there: the model keeps the best
	 * epoch's weights so far (the last epoch's when the recipe does not
	 * validate), is scored and returned as usual, its metadata epochs_run
	 * (default recipe) is the epochs actually run, and the report's
	 * stopped is 1. */
	int (*monitor)(void *ctx, const struct ferrum_progress *p);
	void *monitor_ctx;        /* passed to monitor, borrowed */
	/* Numeric encoding (real tables only): 0 none [0]; N >= 1: each
	 * numeric or date column becomes up to N piecewise-linear inputs
	 * between quantiles of the training rows (ferrum_column's edges). */
	unsigned encode_bins;
	/* The columns to encode, comma-separated names; NULL: every numeric
	 * and date column.  Borrowed. */
	const char *encode_columns;
	/* The hidden layers' widths, input side first: n_layers of them in
	 * layers (borrowed), each from 1 to 1048576; 0 layers: one layer of
	 * hidden units, as always.  One layer is the same as hidden = its
	 * width (hidden must then be 0); more than one, at most
	 * FERRUM_LAYERS_MAX, need the default recipe, whose ensemble
	 * members each take their share of every layer. */
	size_t n_layers;
	const size_t *layers;
	/* enum ferrum_effort [FERRUM_EFFORT_NORMAL].  FERRUM_EFFORT_HIGH (the
	 * default recipe, a real table): a richer and slower setting for the
	 * table's task and size (ferrum_effort_choose()) fills what the
	 * options leave at 0 (encode_bins, hidden and layers, members);
	 * where the options set all of it, it trains as
	 * FERRUM_EFFORT_NORMAL, byte for byte. */
	int effort;
	/* The default recipe's regularisation and budget (not the ferrum
	 * recipe's), each 0 for the recipe's own setting, so that options
	 * which leave them at 0 train the same model, byte for byte.
	 * weight_decay: AdamW's decoupled weight decay (0, 1] [5e-4
	 * classification, 3e-4 regression].  smoothing: label smoothing
	 * (classification only) in (0, 1) [0.1].  patience: epochs without
	 * a better out-of-fold score before early stopping [100].  members:
	 * ensemble members, one per validation fold, 2 to
	 * FERRUM_MEMBERS_MAX [5] (each takes its share of every hidden
	 * layer).  budget: rows times epochs that bound the epoch limit on
	 * large tables when epochs is 0 [1500000]. */
	double weight_decay;
	double smoothing;
	size_t patience;
	unsigned members;
	size_t budget;
	/* With encode_bins: encode only the columns with at least this many
	 * distinct values among the training rows (0: every column the
	 * encoding names), so that small counts and codes stay one input. */
	unsigned encode_min_distinct;
} ferrum_train_options;

/* The most ensemble members ferrum_train_options.members may give. */
#define FERRUM_MEMBERS_MAX 64

/* How much training time ferrum_train may spend for quality. */
enum ferrum_effort {
	FERRUM_EFFORT_NORMAL = 0, /* the recipe's own setting */
	FERRUM_EFFORT_HIGH = 1    /* slower, more accurate */
};

/* The table sizes (rows) at which FERRUM_EFFORT_HIGH changes setting. */
#define FERRUM_EFFORT_ROWS 1000
#define FERRUM_EFFORT_DEEP_ROWS 5000

/**
 * ferrum_effort_choose - what @o->effort makes of @o for the table @t:
 * fills @out with @o, and for FERRUM_EFFORT_HIGH with the default recipe
 * on a real table also sets what @o leaves at 0, by the table's task and
 * rows:
 *   classification below FERRUM_EFFORT_ROWS rows: members 10;
 *   classification below FERRUM_EFFORT_DEEP_ROWS: encode_bins 8 and the
 *     hidden layers 160 and 80;
 *   classification from FERRUM_EFFORT_DEEP_ROWS: encode_bins 8;
 *   regression below FERRUM_EFFORT_DEEP_ROWS: encode_bins 4, hidden 320,
 *     members 10;
 *   regression from FERRUM_EFFORT_DEEP_ROWS: encode_bins 16, hidden 320,
 *     members 20.
 * encode_bins (every numeric and date column) only when the table has
 * one; hidden and the layers are one axis, which hidden or n_layers set
 * in @o fix.  Returns 1 when it changed anything, else 0.
 * ferrum_train() calls it; the report says what it chose.
 * Ownership: @t and @o are borrowed; @out is the caller's (its layers
 * point to static storage or to @o's).
 */
FERRUM_API int ferrum_effort_choose(const ferrum_table *t, const ferrum_train_options *o,
                                    ferrum_train_options *out);

/* The most hidden layers ferrum_train_options.layers may give. */
#define FERRUM_LAYERS_MAX 16

/* Fill @o with the defaults listed above (no progress or monitor
 * callback, dataset name NULL).  Ownership: @o is the caller's. */
FERRUM_API void ferrum_train_options_init(ferrum_train_options *o);

/* What a model scores on a set of rows.  Metrics that do not apply to the
 * task are NaN. */
typedef struct ferrum_metrics {
	int task;         /* enum ferrum_task */
	size_t rows;      /* rows evaluated */
	double accuracy;  /* fraction in [0, 1] of rows whose argmax is right */
	double macro_f1;  /* unweighted mean of per-class F1 over the classes
	                     that occur in the truth or the predictions of these
	                     rows (a class never predicted scores 0) */
	double log_loss;  /* mean of -ln(max(p_true, 1e-15)) */
	double rmse;      /* root mean squared error, raw target units */
	double mae;       /* mean absolute error, raw target units */
	double r2;        /* 1 - SS_res / SS_tot (NaN when the rows' targets are
	                     all equal) */
	double brier;     /* mean over rows of sum over classes (p_c - y_c)^2,
	                     y the one-hot truth: 0 is perfect, 2 the worst */
	double ece;       /* expected calibration error: the rows binned by
	                     their top probability (FERRUM_CALIBRATION_BINS
	                     equal-width bins), the sum over bins of
	                     |accuracy - mean top probability| * bin rows / rows */
} ferrum_metrics;

/* The bins of ferrum_metrics.ece and of a reliability table
 * (ferrum_eval_bin()): bin b holds the rows whose top probability is in
 * [b / 15, (b + 1) / 15), the last one including 1. */
#define FERRUM_CALIBRATION_BINS 15

typedef struct ferrum_train_report {
	int task;              /* enum ferrum_task */
	int recipe;            /* enum ferrum_recipe */
	uint64_t seed;
	size_t rows;           /* rows of the table */
	size_t features;       /* input features */
	size_t n_classes;      /* 0 for regression */
	size_t hidden;         /* hidden width used */
	size_t epochs;         /* the epoch limit used */
	size_t epochs_run;     /* epochs actually trained (early stopping) */
	size_t best_epoch;     /* 1-based epoch whose weights the model keeps */
	size_t train_rows;     /* rows the model was fitted on */
	size_t holdout_rows;   /* rows held out of the fit */
	double holdout_frac;   /* the held-out fraction asked for */
	double seconds;        /* wall-clock time of the whole call, or NaN */
	ferrum_metrics holdout;/* on the held-out rows, through the saved model */
	ferrum_metrics train;  /* on the training rows, through the saved model */
	size_t *confusion;     /* n_classes * n_classes counts on the held-out
	                          rows, [true][predicted]; NULL for regression */
	unsigned cv_k;         /* 0, or the K of the cross-validation */
	ferrum_metrics *cv_folds; /* cv_k entries, held-out fold metrics */
	ferrum_metrics cv_mean;   /* their unweighted means */
	/* Real tables: */
	size_t skipped;        /* rows left out of the table: target missing */
	ferrum_schema *schema; /* the model's schema (medians, min and max of
	                          the final fit's training rows), or NULL
	                          without one; owned by the report */
	int stopped;           /* 1: the monitor stopped the fit early */
	size_t n_layers;       /* hidden layers, 1 or more */
	size_t layers[FERRUM_LAYERS_MAX]; /* their widths, input side first
	                          (layers[0] is hidden) */
	double temperature;    /* the default recipe's classifiers: the T its
	                          logits were divided by (calibration), or 0
	                          when the model is not calibrated */
	size_t calibration_rows; /* the out-of-fold rows T was fitted on */
	int effort;            /* enum ferrum_effort asked for */
	int effort_chose;      /* 1: FERRUM_EFFORT_HIGH changed the setting */
	unsigned encode_bins;  /* the numeric encoding's bins used, 0: none */
	unsigned members;      /* the default recipe's ensemble members asked
	                          for (options or effort), 0: its own (5) */
} ferrum_train_report;

/* Fewer held-out rows than this give figures too coarse to mean much
 * (one row moves the accuracy by 10 % or more): finf-train says so
 * instead of printing them, and the JSON report marks them. */
#define FERRUM_HOLDOUT_MIN 10

/**
 * ferrum_train - fit a network to @t and evaluate it.
 *
 * The rows are split once, with @o->seed, into training rows and held-out
 * rows (@o->holdout of them): for the ferrum recipe exactly the original
 * engine's shuffled 80/20 split, otherwise a stratified split for
 * classification.  The model is the one fitted on the training rows; the
 * report scores it on the held-out rows, which the fit never saw, and on
 * the training rows.  With @o->cv = K the rows are also cut into K folds
 * (stratified for classification) and K further fits, each on K-1 folds,
 * are scored on the fold left out; the returned model is still the single
 * fit above.  Same table, same options: the same model bytes.
 *
 * The ferrum recipe writes exactly the original's nine metadata keys; the
 * default recipe appends "recipe", "seed", "epochs_run" and "holdout"
 * (the held-out metrics) after them, then "schema" for a table read with
 * real-table rules.  A numeric gap in such a table takes the median of
 * the rows each fit trains on (the held-out rows and the fold left out
 * are scored with that same value, never seen by the fit).
 *
 * @model and @report may each be NULL when not wanted.  @o NULL: defaults.
 * Returns FERRUM_OK, or a negative status with @err telling why
 * (FERRUM_EINVAL for options out of range, FERRUM_EINPUT for a table that
 * cannot be trained on).
 * Ownership: *@model is the caller's (ferrum_model_free()); *@report is the
 * caller's (ferrum_train_report_free()); @t and @o are borrowed.
 */
FERRUM_API int ferrum_train(const ferrum_table *t, const ferrum_train_options *o,
                            ferrum_model **model, ferrum_train_report **report,
                            ferrum_error *err);

/* Release a report and what it owns (confusion, cv_folds).  NULL is a
 * no-op. */
FERRUM_API void ferrum_train_report_free(ferrum_train_report *r);

/**
 * ferrum_train_report_json - the report as one compact JSON object (the
 * finf-train --report=json output, without a newline): task, rows,
 * features, train_rows, holdout_rows, seed, recipe, epochs_run, seconds,
 * holdout and train (metric objects: accuracy, macro_f1, log_loss or rmse,
 * mae, r2), for a classifier confusion (the held-out rows' whole matrix,
 * an array of rows, [true][predicted], in class order, however many
 * classes), cv = {"k":K,"folds":[...],"mean":{...}} when cv_k > 0, then
 * skipped, "holdout_too_few":true when holdout_rows < FERRUM_HOLDOUT_MIN,
 * "stopped":true when the monitor stopped the fit, "hidden":[H1,H2,...]
 * with more than one hidden layer, with FERRUM_EFFORT_HIGH "effort":
 * {"level":"high","chose":true|false,"encode_bins":N},
 * and with a schema "columns": one object per source column with name,
 * kind, and why (ignored) or inputs and missing (and levels, categorical).
 * Returns FERRUM_OK and sets *@len (may be NULL), FERRUM_EINVAL for a NULL
 * @r, or FERRUM_ENOMEM; on failure *@json is NULL.
 * Ownership: *@json is malloc'd for the caller: release it with ferrum_free().
 * @r is borrowed.
 */
FERRUM_API int ferrum_train_report_json(const ferrum_train_report *r, char **json,
                                        size_t *len);

/**
 * ferrum_metrics_compute - score a model's outputs against the truth.
 * @out holds @n rows of @width network outputs: class probabilities
 * (width n_classes) for classification, or raw-unit predictions (width 1)
 * for regression.  @labels (classification) or @targets (regression, raw)
 * give the truth; the other may be NULL.  @confusion (may be NULL) receives
 * width*width counts [true][predicted] for classification.  Nothing is
 * returned: metrics that cannot be computed (no rows, no truth, memory
 * short) are left NaN.
 * Ownership: every pointer is borrowed; @m and @confusion are the
 * caller's to fill.
 */
FERRUM_API void ferrum_metrics_compute(int task, size_t n, size_t width, const float *out,
                                       const uint32_t *labels, const float *targets,
                                       ferrum_metrics *m, size_t *confusion);

/* ------------------------------------------------------------------ */
/* Evaluation (finf-predict --evaluate)                                */
/* ------------------------------------------------------------------ */

/* A streaming evaluator: a model's outputs and the true values of rows
 * as they pass, in memory that does not grow with the rows (a
 * classifier's confusion matrix, a few sums).  Its figures are those of
 * ferrum_metrics_compute() on the same rows (R^2 within rounding: its
 * sums are Welford's, one pass). */
typedef struct ferrum_eval ferrum_eval;

/**
 * ferrum_eval_new - an evaluator for the outputs of @m.
 * Returns FERRUM_OK, or FERRUM_ENOMEM.
 * Ownership: free *@out with ferrum_eval_free(); @m is borrowed and
 * must outlive the evaluator.
 */
FERRUM_API int ferrum_eval_new(const ferrum_model *m, ferrum_eval **out, ferrum_error *err);

/* Release an evaluator.  NULL is a no-op. */
FERRUM_API void ferrum_eval_free(ferrum_eval *e);

/**
 * ferrum_eval_add - score one row: @y is ferrum_model_predict()'s output
 * for it, @truth (@len bytes, need not be NUL-terminated) the row's true
 * value as text, or NULL when it is missing (the row is then counted as
 * skipped).  A classifier's truth is matched to its class names byte for
 * byte, or as a number when both are numbers ("1.0" is class "1"); a
 * label the model does not know is counted (ferrum_eval_n_unknown()) and
 * left out of the metrics.  A regressor's truth must be a finite number:
 * FERRUM_EINPUT "'abc' is not a number" otherwise (nothing counted).
 * Returns FERRUM_OK or FERRUM_EINPUT.  Allocates nothing.
 * Ownership: @y and @truth are borrowed.
 */
FERRUM_API int ferrum_eval_add(ferrum_eval *e, const float *y, const char *truth, size_t len,
                               ferrum_error *err);

/**
 * ferrum_eval_metrics - the metrics of the rows scored so far into *@m
 * (m->rows the rows scored; NaN where nothing can be said yet), and
 * for a classifier, when @confusion is not NULL, its n_classes *
 * n_classes counts [true][predicted].  The evaluator keeps a confusion
 * matrix for up to FERRUM_EVAL_MAX_CONFUSION classes; for more,
 * @confusion is left untouched and the call returns FERRUM_ERANGE (the
 * metrics are filled all the same).  Otherwise FERRUM_OK.
 * Ownership: @m and @confusion are the caller's.
 */
#define FERRUM_EVAL_MAX_CONFUSION 1024
FERRUM_API int ferrum_eval_metrics(const ferrum_eval *e, ferrum_metrics *m, size_t *confusion);

/**
 * ferrum_eval_bin - one row of a classifier's reliability table: of the
 * rows scored so far, those whose top probability falls in bin @bin
 * (0 <= @bin < FERRUM_CALIBRATION_BINS; see ferrum_metrics.ece): their
 * number into *@rows, their mean top probability into *@confidence and
 * the fraction of them whose top class is right into *@accuracy (both
 * NaN for an empty bin).  Returns FERRUM_OK, or FERRUM_EINVAL for a bin
 * out of range or a regressor's evaluator (nothing written).
 * Ownership: the out-parameters are the caller's.
 */
FERRUM_API int ferrum_eval_bin(const ferrum_eval *e, size_t bin, size_t *rows,
                               double *confidence, double *accuracy);

/* Rows skipped for a missing truth, and rows whose label the model does
 * not know (with the first such label, NUL-terminated, cut to 64 bytes;
 * "" when there is none; owned by @e). */
FERRUM_API size_t ferrum_eval_n_skipped(const ferrum_eval *e);
FERRUM_API size_t ferrum_eval_n_unknown(const ferrum_eval *e);
FERRUM_API const char *ferrum_eval_first_unknown(const ferrum_eval *e);

/**
 * ferrum_eval_json - the evaluation as one compact JSON object (the
 * finf-predict --evaluate --report=json output, without a newline):
 * task, rows (scored), skipped, unknown_labels, and metrics (accuracy,
 * macro_f1, log_loss, or rmse, mae, r2, as finf-train's report writes
 * them); for a classifier also classes (the names) and confusion (an
 * array of rows, [true][predicted]; absent past
 * FERRUM_EVAL_MAX_CONFUSION classes).  NaN is null.
 * Returns FERRUM_OK, or FERRUM_ENOMEM with *@json NULL.
 * Ownership: release *@json with ferrum_free().
 */
FERRUM_API int ferrum_eval_json(const ferrum_eval *e, char **json, size_t *len);

/* ------------------------------------------------------------------ */
/* Input rows                                                          */
/* ------------------------------------------------------------------ */

/* A rowmap says where each of a model's features is found in a CSV
 * record: by header name (any order; extra columns are ignored) or by
 * position (the field count must then equal the feature count). */
typedef struct ferrum_rowmap ferrum_rowmap;

/**
 * ferrum_rowmap_new - map @n_fields columns named @names onto the
 * features of @m.  With @names NULL the mapping is positional and
 * @n_fields must equal ferrum_model_n_features().  A feature missing from
 * @names is FERRUM_EINPUT "missing feature 'petal_width'"; a name given
 * twice is FERRUM_EINPUT too.  Names are compared byte for byte.
 * Ownership: free *@out with ferrum_rowmap_free(); @m and @names are
 * borrowed for the call only (the map does not keep them).
 */
FERRUM_API int ferrum_rowmap_new(const ferrum_model *m, const char *const *names,
                                 size_t n_fields, ferrum_rowmap **out, ferrum_error *err);

/**
 * ferrum_rowmap_from_csv - a map from @csv's current record (the first of
 * the input): when every field is a number (ferrum_is_number()) the input
 * has no header and the map is positional, otherwise the record is a
 * header matched by name.  *@header receives 1 for a header (so the
 * record is not data), 0 when the record is the first data row.  Errors
 * carry the record's line.
 * Ownership: as for ferrum_rowmap_new(); @csv stays the caller's.
 */
FERRUM_API int ferrum_rowmap_from_csv(const ferrum_model *m, const ferrum_csv *csv,
                                      ferrum_rowmap **out, int *header, ferrum_error *err);

/* Release a map.  NULL is a no-op. */
FERRUM_API void ferrum_rowmap_free(ferrum_rowmap *map);

/* The number of fields every record must have (the header's or the
 * feature count). */
FERRUM_API size_t ferrum_rowmap_n_fields(const ferrum_rowmap *map);

/**
 * ferrum_rowmap_fill - convert @csv's current record into the raw feature
 * row @x (ferrum_model_n_features() floats).  Strict: the field count must
 * be the map's ("expected 4 fields, got 3"), every mapped field a number
 * by ferrum_parse_float() ("field 3: 'abc' is not a number"), not missing
 * ("field 3: missing value"), finite ("field 3: 'nan' is not a finite
 * number", "field 3: '1e39' is out of range").  Errors are FERRUM_EINPUT
 * with err->line the record's line and err->column the 1-based field;
 * messages do not repeat the line.  Allocates nothing.  Returns FERRUM_OK
 * or FERRUM_EINPUT; @x may be partly written on error.
 * Ownership: @map and @csv are borrowed; @x is the caller's.
 */
FERRUM_API int ferrum_rowmap_fill(const ferrum_rowmap *map, const ferrum_csv *csv, float *x,
                                  ferrum_error *err);

/**
 * ferrum_json_row - convert one JSON Lines record (@len bytes at @line)
 * into the raw feature row @x: an object keyed by feature name (other
 * keys ignored; "missing feature 'age'" otherwise) or an array of exactly
 * ferrum_model_n_features() numbers in feature order.  Values must be
 * JSON numbers that are finite as floats (correctly rounded from the
 * literal); null is "missing value".  Errors are FERRUM_EINPUT with
 * err->column the 1-based byte column; err->line is left -1 for the
 * caller to set.  Returns FERRUM_OK, FERRUM_EINPUT, or FERRUM_ENOMEM.
 * Ownership: @m and @line are borrowed; @x is the caller's.
 */
FERRUM_API int ferrum_json_row(const ferrum_model *m, const char *line, size_t len, float *x,
                               ferrum_error *err);

/* A row reader: the input rules of finf-predict and finf-stats in one
 * place.  It pulls bytes through a read callback and yields raw feature
 * rows, from CSV (header matched by name, or positional when the first
 * record is all numbers) or JSON Lines (one object or array per line;
 * blank lines skipped).  Memory stays bounded by the longest record. */
typedef struct ferrum_rowreader ferrum_rowreader;

enum ferrum_row_format {
	FERRUM_ROWS_AUTO = 0,  /* JSON Lines when the first byte that is not
	                          white space (after a UTF-8 BOM) is '{' or '[' */
	FERRUM_ROWS_CSV = 1,
	FERRUM_ROWS_JSONL = 2
};

/**
 * ferrum_rowreader_new - a reader of rows for @m in @format, pulling its
 * input through @read(@ctx, ...) (see ferrum_read_fn).  Nothing is read
 * until the first ferrum_rowreader_next().
 * Ownership: free *@out with ferrum_rowreader_free(); @m and @ctx are
 * borrowed and must outlive the reader.
 */
FERRUM_API int ferrum_rowreader_new(const ferrum_model *m, int format, ferrum_read_fn read,
                                    void *ctx, ferrum_rowreader **out, ferrum_error *err);

/* Release a reader and its CSV reader.  NULL is a no-op.  The model and
 * the read callback's context are the caller's and are not touched. */
FERRUM_API void ferrum_rowreader_free(ferrum_rowreader *r);

/* CSV input's delimiter, before the first ferrum_rowreader_next(): as for
 * ferrum_csv_set_delimiter() (a new reader uses ','), except that
 * FERRUM_CSV_AUTO sniffs the lines the reads so far brought once the
 * first line is complete, never waiting for more than that line.
 * Returns FERRUM_OK, or FERRUM_EINVAL for another character or too late. */
FERRUM_API int ferrum_rowreader_set_delimiter(ferrum_rowreader *r, int delim);

/**
 * ferrum_rowreader_next - read the next row into @x (n_features floats):
 * 1 for a row, 0 at the end, a negative status on error with @err set
 * (err->line is the input line).  A bad row (FERRUM_EINPUT from
 * ferrum_rowmap_fill() or ferrum_json_row()) leaves the reader after it,
 * so the next call goes on with the following row; other errors (the
 * input's syntax, a header without a feature, I/O) are fatal:
 * ferrum_rowreader_fatal() says so and later calls return the same code.
 * Ownership: @x (n_features floats) is the caller's.
 */
FERRUM_API int ferrum_rowreader_next(ferrum_rowreader *r, float *x, ferrum_error *err);

/* 1 once a fatal error has happened (ferrum_rowreader_next() will only
 * repeat it), else 0. */
FERRUM_API int ferrum_rowreader_fatal(const ferrum_rowreader *r);

/* The format in use: FERRUM_ROWS_CSV or _JSONL once the first call to
 * ferrum_rowreader_next() has decided, FERRUM_ROWS_AUTO before. */
FERRUM_API int ferrum_rowreader_format(const ferrum_rowreader *r);

/* The 1-based line where the current row starts; also for a bad row, so
 * a caller can report it. */
FERRUM_API long long ferrum_rowreader_line(const ferrum_rowreader *r);

/**
 * ferrum_rowreader_record - the current row's raw text (a CSV record
 * without its line end, or a JSON Lines line without surrounding white
 * space), also after a bad row.  Not NUL-terminated.
 * Ownership: owned by @r, valid until the next call to
 * ferrum_rowreader_next().
 */
FERRUM_API const char *ferrum_rowreader_record(const ferrum_rowreader *r, size_t *len);

/**
 * ferrum_rowreader_csv - the underlying CSV reader, positioned on the
 * current record (for its fields), or NULL for JSON Lines.
 * Ownership: owned by @r.
 */
FERRUM_API const ferrum_csv *ferrum_rowreader_csv(const ferrum_rowreader *r);

/**
 * ferrum_rowreader_header - the CSV header: the raw record text (NULL
 * when the input had no header), with ferrum_rowreader_n_columns() names
 * available from ferrum_rowreader_column() (the model's feature names
 * for positional input).
 * Ownership: owned by @r, valid until ferrum_rowreader_free().
 */
FERRUM_API const char *ferrum_rowreader_header(const ferrum_rowreader *r, size_t *len);
/* The number of input columns: the header's fields, or the feature count
 * for positional input; 0 before the first row or for JSON Lines. */
FERRUM_API size_t ferrum_rowreader_n_columns(const ferrum_rowreader *r);
/* The name of input column @i (0-based), or NULL out of range.
 * Ownership: owned by @r, valid until ferrum_rowreader_free(). */
FERRUM_API const char *ferrum_rowreader_column(const ferrum_rowreader *r, size_t i);

/**
 * ferrum_rowreader_keep_target - also look for the model's target column
 * in the input, for scoring (finf-predict --evaluate); call it before the
 * first ferrum_rowreader_next() (FERRUM_EINVAL after, else FERRUM_OK).
 * The target is the column named as the model's target (its schema's, or
 * the metadata's target_name), else in a header the one column no
 * feature takes; for a model without a schema, positional rows may then
 * hold one field more than the features, the target last, and JSON
 * arrays one value more.
 */
FERRUM_API int ferrum_rowreader_keep_target(ferrum_rowreader *r);
/* 1 when the input has the target column (CSV: known after the first
 * row; JSON Lines: some row had it), else 0. */
FERRUM_API int ferrum_rowreader_has_target(const ferrum_rowreader *r);
/* The input's name of the target column: its header name or JSON key,
 * or its 1-based position ("5") in rows without a header; NULL while
 * ferrum_rowreader_has_target() is 0.  Ownership: owned by @r. */
FERRUM_API const char *ferrum_rowreader_target_name(const ferrum_rowreader *r);
/* The current row's target as text (a JSON string's characters, a
 * number's literal), or NULL when the row has none or it is missing
 * (empty or a missing-value marker).  Not NUL-terminated.
 * Ownership: owned by @r, valid until the next ferrum_rowreader_next(). */
FERRUM_API const char *ferrum_rowreader_target(const ferrum_rowreader *r, size_t *len);

/* Raw rows.  When the model carries a schema (ferrum_schema_from_model())
 * the reader takes the rows the model was trained on: a CSV header (when
 * the training data had one and the first record holds any of the
 * schema's column names) is matched by source column name, in any order,
 * extra columns ignored, a missing needed column a fatal
 * "missing column 'Age'"; without a header the rows hold every source
 * column or every one but the target, in order ("expected 12 fields (11
 * without the target), got 5").  JSON Lines objects are keyed by source
 * column name (strings, numbers, null for a gap), arrays positional as
 * CSV.  Cells are encoded as in training: a gap takes the training
 * median or its "(missing)" input, a level becomes its one-hot input.
 * What was unlike the training data is told by these bits: */
#define FERRUM_UNFAMILIAR_LEVEL 1u /* a level never seen in training */
#define FERRUM_UNFAMILIAR_RANGE 2u /* a number far outside the training
                                      range: beyond [min - w, max + w],
                                      w = max - min */
#define FERRUM_UNFAMILIAR_GAP 4u   /* a gap where training had none */
/* The schema in use, or NULL (plain numbers).  Ownership: owned by @r. */
FERRUM_API const ferrum_schema *ferrum_rowreader_schema(const ferrum_rowreader *r);
/* The FERRUM_UNFAMILIAR_* bits of the current row (0 without a schema). */
FERRUM_API unsigned ferrum_rowreader_unfamiliar(const ferrum_rowreader *r);
/* The current row's text of source column @j (a schema column), or NULL
 * when the input lacks the column; not NUL-terminated.  Ownership: owned
 * by @r, valid until the next ferrum_rowreader_next(). */
FERRUM_API const char *ferrum_rowreader_cell(const ferrum_rowreader *r, size_t j, size_t *len);
/* 1 when that text is a gap (empty or one of the schema's markers). */
FERRUM_API int ferrum_rowreader_cell_missing(const ferrum_rowreader *r, size_t j);
/* The FERRUM_UNFAMILIAR_* bits of source column @j of the current row. */
FERRUM_API unsigned ferrum_rowreader_cell_unfamiliar(const ferrum_rowreader *r, size_t j);

/**
 * ferrum_format_float - write @f into @buf (@size bytes, 16 are always
 * enough) as the shortest "%.Ng" text, N from 6 to 9, that reads back as
 * the same float, with '.' whatever the locale: the text the JSON outputs
 * use.  NaN and infinities are "nan", "inf", "-inf".  Returns the length
 * (excluding the NUL), or 0 if @size is too small.
 * Ownership: @buf is the caller's.
 */
#define FERRUM_FLOAT_TEXT_MAX 16
FERRUM_API size_t ferrum_format_float(char *buf, size_t size, float f);

/* ------------------------------------------------------------------ */
/* Answer lines (finf-predict)                                         */
/* ------------------------------------------------------------------ */

/* What ferrum_predict_header() and ferrum_predict_line() write (or'ed). */
#define FERRUM_LINE_JSON 1  /* a JSON object per row instead of CSV */
#define FERRUM_LINE_KEEP 2  /* the input row in front of its answer */
#define FERRUM_LINE_PROBS 4 /* CSV: one p_<class> column per class */

/* Both writers fill a buffer the caller keeps from call to call, as
 * getline(3) does: *buf is NULL (with *cap 0) or malloc'd memory of *cap
 * bytes, and is grown with realloc when a line needs more, so that a
 * stream of rows allocates nothing once the longest line has been seen.
 * The text is NUL-terminated (the NUL not counted in *len).  They return
 * FERRUM_OK, FERRUM_ENOMEM (*len 0; *buf is still valid and the
 * caller's), or FERRUM_EINVAL for FERRUM_LINE_KEEP without a row reader.
 * Ownership: *buf is the caller's, to release with ferrum_free(); @m, @r,
 * @x and @y are borrowed. */

/**
 * ferrum_predict_header - the CSV header line finf-predict writes before
 * its answers, newline included: "value" for a regressor, or
 * "label,confidence" and with FERRUM_LINE_PROBS one "p_<class>" per class
 * (quoted as CSV needs it); with FERRUM_LINE_KEEP the input's header (as
 * it came, or the column names of @r for input without one) in front.
 * With FERRUM_LINE_JSON there is no header: *@len is 0.  Call it once @r
 * has read its first row (its columns are known then).
 */
FERRUM_API int ferrum_predict_header(const ferrum_model *m, const ferrum_rowreader *r,
                                     int flags, char **buf, size_t *cap, size_t *len);

/**
 * ferrum_predict_line - the line finf-predict writes for one row, newline
 * included, from the row's raw values @x and the model's outputs @y
 * (ferrum_model_predict() of @x).
 * CSV: a regressor's value, or the label (quoted as CSV needs it), its
 * probability and with FERRUM_LINE_PROBS every class's; with
 * FERRUM_LINE_KEEP the input record as it came (CSV) or @x (JSON Lines)
 * in front.  Floats as ferrum_format_float().
 * JSON (FERRUM_LINE_JSON): the object of ferrum_predict_json(); with
 * FERRUM_LINE_KEEP an "input" member first: the JSON Lines record as it
 * came, or the CSV record as an object keyed by @r's column names, fields
 * that are JSON numbers as numbers and the others as strings.
 * @r is the reader the row came from (may be NULL without
 * FERRUM_LINE_KEEP).
 */
FERRUM_API int ferrum_predict_line(const ferrum_model *m, const ferrum_rowreader *r,
                                   const float *x, const float *y, int flags, char **buf,
                                   size_t *cap, size_t *len);

/* ------------------------------------------------------------------ */
/* Statistics panels                                                   */
/* ------------------------------------------------------------------ */

/* What one raw input value means to the model (the "model statistics"
 * panel).  z uses the normaliser pair stored in the model, in float as
 * ferrum_model_normalize() does; the range is the training [min, max]. */
typedef struct ferrum_feature_stat {
	double value;     /* the raw input value */
	double mean, std; /* the feature's normaliser pair */
	double z;         /* (value - mean) / std */
	int band;         /* 0: |z| < 1, 1: 1 <= |z| <= 2, 2: |z| > 2 */
	int has_range;    /* 1 if the model stores a training range */
	double lo, hi;    /* training range (raw units), when has_range */
	double range_pos; /* (value - lo) / (hi - lo), unclamped; 0.5 when
	                     hi == lo; NaN without a range */
	int out_of_range; /* value < lo or value > hi */
	int unusual;      /* |z| > 3 */
	double z_bar;     /* z clipped to [-3, 3], divided by 3: the signed
	                     length of the centred bar, in [-1, 1]; NaN when
	                     z is NaN */
} ferrum_feature_stat;

/**
 * ferrum_stats_features - fill @out[0 .. n_features-1] for the raw row @x.
 * *@n_unfamiliar (may be NULL) receives the number of features that are
 * out of range or unusual (the "unfamiliar input" count).  Cannot fail.
 * Ownership: @x (n_features floats) is borrowed; @out (n_features
 * entries) and @n_unfamiliar are the caller's.
 */
FERRUM_API void ferrum_stats_features(const ferrum_model *m, const float *x,
                                      ferrum_feature_stat *out, size_t *n_unfamiliar);

/* Confidence badges, from the normalised entropy h = H / ln C:
 * h < 0.1 Certain, h < 0.4 Confident, h < 0.8 Uncertain, else Toss-up
 * (finf-stats(1) says why). */
enum ferrum_badge {
	FERRUM_BADGE_CERTAIN = 0,
	FERRUM_BADGE_CONFIDENT = 1,
	FERRUM_BADGE_UNCERTAIN = 2,
	FERRUM_BADGE_TOSSUP = 3
};
#define FERRUM_BADGE_CERTAIN_BELOW 0.1
#define FERRUM_BADGE_CONFIDENT_BELOW 0.4
#define FERRUM_BADGE_UNCERTAIN_BELOW 0.8

/* One class of a probability vector. */
typedef struct ferrum_class_stat {
	double p;     /* the probability (a float widened) */
	double log_p; /* ln p; -inf when p == 0 (JSON: null) */
	double odds;  /* p / (1 - p); +inf when p == 1 (JSON: null) */
} ferrum_class_stat;

/* The whole distribution (the "quantitative report" of a classifier). */
typedef struct ferrum_class_summary {
	size_t n_classes;
	size_t top;          /* ferrum_argmax(): the predicted class */
	size_t second;       /* the runner-up (== top when n_classes is 1) */
	double confidence;   /* p[top] */
	double margin;       /* p[top] - p[second]; p[top] for one class */
	double entropy;      /* H = -sum p ln p in nats, 0 ln 0 = 0, >= 0 */
	double entropy_max;  /* ln C */
	double entropy_norm; /* H / ln C, clamped to [0, 1]; 0 when C is 1 */
	int badge;           /* enum ferrum_badge */
	double certainty;    /* 1 - entropy_norm, in [0, 1] */
} ferrum_class_summary;

/**
 * ferrum_stats_classes - summarise the probabilities @p (@n >= 1 floats,
 * e.g. ferrum_model_predict()'s output).  @per (may be NULL) receives @n
 * per-class entries.  Sums are in double.  Returns FERRUM_OK, or
 * FERRUM_EINVAL when @n is 0 or a probability is NaN or outside [0, 1].
 * Ownership: @p is borrowed; @per and @out are the caller's.
 */
FERRUM_API int ferrum_stats_classes(const float *p, size_t n, ferrum_class_stat *per,
                                    ferrum_class_summary *out);

/**
 * ferrum_stats_class_order - the class indices of @p (@n floats, as for
 * ferrum_stats_classes()) sorted by probability, highest first, into
 * @order[0 .. n-1].  Equal probabilities go highest index first, the rule
 * of ferrum_argmax() and of the runner-up, so @order[0] is
 * ferrum_class_summary.top and @order[1] its .second.  Returns FERRUM_OK,
 * or FERRUM_EINVAL (and @order untouched) when ferrum_stats_classes()
 * would.
 * Ownership: @p is borrowed; @order (@n entries) is the caller's.
 */
FERRUM_API int ferrum_stats_class_order(const float *p, size_t n, size_t *order);

/* The name of a badge ("Certain", "Confident", "Uncertain", "Toss-up"),
 * or "unknown" for a number that is not an enum ferrum_badge.
 * Ownership: static storage. */
FERRUM_API const char *ferrum_badge_name(int badge);

/* A regression prediction against the training target (the
 * "quantitative report" of a regressor). */
typedef struct ferrum_regression_stats {
	double value;         /* the prediction in raw target units */
	double mean, std;     /* the target's normaliser pair */
	double z;             /* (value - mean) / std */
	double pct_from_mean; /* 100 (value - mean) / |mean|; NaN when mean is 0 */
	double sigma_lo;      /* mean - std: the +-1 sigma interval of the */
	double sigma_hi;      /*   training target, where ~68 % of it lies */
	int within_sigma;     /* sigma_lo <= value <= sigma_hi */
	int quartile;         /* 1..4 under a normal approximation: cuts at
	                         mean - 0.6745 std, mean, mean + 0.6745 std;
	                         a value on a cut belongs to the upper one */
	double lo, hi;        /* the training target range */
	double range_pos;     /* (value - lo) / (hi - lo), unclamped; 0.5 when
	                         hi == lo */
	double mean_pos;      /* the mean's position on that range */
	int out_of_range;     /* value < lo or value > hi */
	double output;        /* the network's output, before the target is
	                         de-normalised (see ferrum_stats_regression_output()) */
} ferrum_regression_stats;

/* The quartile cut in standard deviations: the normal 75th percentile. */
#define FERRUM_QUARTILE_Z 0.6744897501960817

/**
 * ferrum_stats_regression - describe the raw prediction @value of the
 * regressor @m (ferrum_model_denormalize() of its output).  Returns
 * FERRUM_OK, or FERRUM_EINVAL for a classifier.
 * Ownership: @out is the caller's.
 */
FERRUM_API int ferrum_stats_regression(const ferrum_model *m, float value,
                                       ferrum_regression_stats *out);

/**
 * ferrum_stats_regression_output - as ferrum_stats_regression(), from the network's
 * own (normalised) output @y, e.g. ferrum_model_predict()'s: the value is
 * ferrum_model_denormalize(m, y) and @out->output is @y itself.
 * ferrum_stats_regression() sets output to (value - mean) / std in float,
 * which may differ from the network's output in the last bit.
 * Ownership: @out is the caller's.
 */
FERRUM_API int ferrum_stats_regression_output(const ferrum_model *m, float y,
                                              ferrum_regression_stats *out);

/**
 * ferrum_predict_json - predict the raw row @x and describe it as one
 * compact JSON object, the line finf-predict --json prints:
 *   {"type":"classification","class_index":0,"label":"Iris-setosa",
 *    "confidence":0.981,"probabilities":[0.981,0.013,0.006]}
 *   {"type":"regression","value":247300,"value_norm":-0.331}
 * Floats as ferrum_format_float(); no trailing newline.  Uses @m's scratch
 * buffer as ferrum_model_predict() does.  Returns FERRUM_OK and sets
 * *@len (may be NULL), or a negative status (FERRUM_EINPUT for a
 * non-finite input, FERRUM_ENOMEM) with *@json NULL and @err set.
 * Ownership: release *@json with ferrum_free(); @x is borrowed.
 */
FERRUM_API int ferrum_predict_json(ferrum_model *m, const float *x, char **json, size_t *len,
                                   ferrum_error *err);

/**
 * ferrum_stats_json - both statistics panels for the raw row @x as one
 * compact JSON object, the line finf-stats --json prints; the keys are
 * documented in finf-stats(1).  Non-finite numbers are null.  Returns as
 * ferrum_predict_json() does.
 * Ownership: release *@json with ferrum_free(); @x is borrowed.
 */
FERRUM_API int ferrum_stats_json(ferrum_model *m, const float *x, char **json, size_t *len,
                                 ferrum_error *err);

/* ------------------------------------------------------------------ */
/* Files (not in the WebAssembly build)                                */
/* ------------------------------------------------------------------ */

/**
 * ferrum_model_load - read a model from @path ("-" is stdin).  Refuses
 * directories and files larger than FERRUM_MODEL_MAX bytes; reads as
 * ferrum_model_file_read() does.  Returns as
 * ferrum_model_read() does, or FERRUM_EIO (FERRUM_ERANGE for a file too
 * large) with the system error in the message.
 * Ownership: *@out as for ferrum_model_read(); @path is borrowed.
 */
#define FERRUM_MODEL_MAX ((size_t)1 << 30)
FERRUM_API int ferrum_model_load(const char *path, ferrum_model **out, ferrum_error *err);

/**
 * ferrum_model_save - write @m to @path atomically: a temporary file in the
 * same directory, fsync, then rename(2).  On failure @path is untouched.
 * Returns FERRUM_OK, or a status of ferrum_model_write() or
 * ferrum_file_write_atomic().
 * Ownership: @m and @path are borrowed.
 */
FERRUM_API int ferrum_model_save(const ferrum_model *m, const char *path, ferrum_error *err);

/**
 * ferrum_file_read - read a whole file (or stdin for "-") into memory,
 * refusing more than @max bytes.  *@buf is NUL-terminated (not counted).
 * Returns FERRUM_OK, or FERRUM_EIO, FERRUM_ERANGE (over @max) or
 * FERRUM_ENOMEM with *@buf NULL and @err set.
 * Ownership: release *@buf with ferrum_free(); @path is borrowed.
 */
FERRUM_API int ferrum_file_read(const char *path, size_t max, char **buf, size_t *len,
                                ferrum_error *err);

/**
 * ferrum_model_file_read - read a model file's bytes (or stdin for "-")
 * as ferrum_file_read() does with @max FERRUM_MODEL_MAX, except that it
 * stops as soon as the first four bytes are not "FINF": a pipe or a
 * device such as /dev/zero is not read on to the limit, and
 * ferrum_model_read() of what was read reports the bad magic.  For
 * callers that need the bytes as well as the model (their length, say).
 * Ownership: release *@buf with ferrum_free(); @path is borrowed.
 */
FERRUM_API int ferrum_model_file_read(const char *path, char **buf, size_t *len,
                                      ferrum_error *err);

/**
 * ferrum_file_write_atomic - write @len bytes to @path through a temporary
 * file and rename(2); on any failure the temporary file is removed and
 * @path is unchanged.  A new file gets mode 0666 less the umask, an
 * existing one keeps its mode (the umask is applied by the kernel, never
 * read or changed).  An existing path that is neither a regular file nor
 * a directory (a device such as /dev/null, a FIFO) is written in place,
 * without a temporary file: a rename would replace it.
 * Returns FERRUM_OK, FERRUM_EINVAL for a path ending in '/', or FERRUM_EIO.
 * Ownership: @path and @buf are borrowed.
 */
FERRUM_API int ferrum_file_write_atomic(const char *path, const void *buf, size_t len,
                                        ferrum_error *err);

#ifdef __cplusplus
}
#endif
#endif /* FERRUM_H */
