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
 * ferrum_version - the library's version string, e.g. "0.1.0".
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
 * ferrum_strerror - a short lower-case description of a status code.
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
 * ferrum_error_clear - reset @err to "no error" (code 0, positions -1).
 * @err may be NULL.
 */
FERRUM_API void ferrum_error_clear(ferrum_error *err);

/**
 * ferrum_free - release memory the library handed to the caller as a plain
 * buffer (ferrum_model_write() output, JSON text).  NULL is a no-op.
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
 * ferrum_model_write - encode @m as FINF v3.
 * Ownership: *@buf is malloc'd for the caller: release it with ferrum_free().
 */
FERRUM_API int ferrum_model_write(const ferrum_model *m, unsigned char **buf, size_t *len,
                                  ferrum_error *err);

/**
 * ferrum_model_free - release a model and all it owns.  NULL is a no-op.
 */
FERRUM_API void ferrum_model_free(ferrum_model *m);

/* Metadata accessors.  Strings are NUL-terminated UTF-8.
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
/* The training range of feature @i (raw units); FERRUM_EINVAL if the file
 * has none for it. */
FERRUM_API int ferrum_model_feature_range(const ferrum_model *m, size_t i, float *lo, float *hi);
/* The normaliser pair of feature @i. */
FERRUM_API int ferrum_model_feature_norm(const ferrum_model *m, size_t i, float *mean, float *std);
FERRUM_API void ferrum_model_target_range(const ferrum_model *m, float *lo, float *hi);
/* The regression target pair; FERRUM_EINVAL for a classifier. */
FERRUM_API int ferrum_model_target_norm(const ferrum_model *m, float *mean, float *std);
/* The metadata as compact JSON (the nine standard keys, then any others).
 * Ownership: owned by @m. */
FERRUM_API const char *ferrum_model_metadata_json(const ferrum_model *m);
/* An extra metadata member by key, as compact JSON text, or NULL. */
FERRUM_API const char *ferrum_model_metadata_get(const ferrum_model *m, const char *key);

FERRUM_API size_t ferrum_model_n_layers(const ferrum_model *m);
FERRUM_API int ferrum_model_layer(const ferrum_model *m, size_t i, ferrum_layer_info *info);
FERRUM_API size_t ferrum_model_n_params(const ferrum_model *m);

/**
 * ferrum_model_normalize - z-score one raw row of ferrum_model_n_features()
 * values into @z: (x - mean) / std in float, as the format defines.
 */
FERRUM_API void ferrum_model_normalize(const ferrum_model *m, const float *x, float *z);

/**
 * ferrum_model_predict - run one raw row @x through the normaliser and the
 * network.  @out receives ferrum_model_n_outputs() floats: class
 * probabilities for a classifier, the network output in normalised target
 * units for a regressor.
 *
 * The model keeps one scratch buffer, so concurrent calls on the same model
 * need a lock (or a model each).  Returns FERRUM_EINPUT if a value of @x is
 * NaN or infinite.
 */
FERRUM_API int ferrum_model_predict(ferrum_model *m, const float *x, float *out,
                                    ferrum_error *err);

/**
 * ferrum_model_denormalize - a regressor's output in raw target units:
 * out * std_t + mean_t in float.  A classifier returns @out unchanged.
 */
FERRUM_API float ferrum_model_denormalize(const ferrum_model *m, float out);

/**
 * ferrum_argmax - index of the largest of @n values; on a tie the highest
 * index wins (the format's rule).  NaN never wins.  0 when n is 0.
 */
FERRUM_API size_t ferrum_argmax(const float *v, size_t n);

/* ------------------------------------------------------------------ */
/* Files (not in the WebAssembly build)                                */
/* ------------------------------------------------------------------ */

/**
 * ferrum_model_load - read a model from @path ("-" is stdin).  Refuses
 * directories and files larger than FERRUM_MODEL_MAX bytes.
 * Ownership: *@out as for ferrum_model_read().
 */
#define FERRUM_MODEL_MAX ((size_t)1 << 30)
FERRUM_API int ferrum_model_load(const char *path, ferrum_model **out, ferrum_error *err);

/**
 * ferrum_model_save - write @m to @path atomically: a temporary file in the
 * same directory, fsync, then rename(2).  On failure @path is untouched.
 */
FERRUM_API int ferrum_model_save(const ferrum_model *m, const char *path, ferrum_error *err);

/**
 * ferrum_file_read - read a whole file (or stdin for "-") into memory,
 * refusing more than @max bytes.  *@buf is NUL-terminated (not counted).
 * Ownership: release *@buf with ferrum_free().
 */
FERRUM_API int ferrum_file_read(const char *path, size_t max, char **buf, size_t *len,
                                ferrum_error *err);

/**
 * ferrum_file_write_atomic - write @len bytes to @path through a temporary
 * file and rename(2); on any failure the temporary file is removed and
 * @path is unchanged.
 */
FERRUM_API int ferrum_file_write_atomic(const char *path, const void *buf, size_t len,
                                        ferrum_error *err);

#ifdef __cplusplus
}
#endif
#endif /* FERRUM_H */
