/* io.c: the only module that touches files: whole-file reads and atomic writes.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L /* fchmod, fsync, O_CLOEXEC under -std=c99 */

#include "ferrum-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static int
sys_error(ferrum_error *err, int e)
{
	return fe_error(err, FERRUM_EIO, "%s", strerror(e));
}

/* Read @path whole, bounded by @max; with @magic (4 bytes), stop as soon
 * as the first four bytes are known not to be it: a pipe or a device such
 * as /dev/zero is then refused at once by the caller's parser instead of
 * being read up to @max. */
static int
read_whole(const char *path, size_t max, const char *magic, char **buf, size_t *len,
           ferrum_error *err)
{
	int fd, is_stdin = strcmp(path, "-") == 0;
	struct stat st;
	char *data = NULL, *p;
	size_t n = 0, cap = 0;
	int rc = 0;

	*buf = NULL;
	*len = 0;
	ferrum_error_clear(err);
	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
	if (fd < 0)
		return sys_error(err, errno);
	if (fstat(fd, &st) != 0) {
		rc = sys_error(err, errno);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = fe_error(err, FERRUM_EIO, "is a directory");
		goto out;
	}
	/* Pipes and terminals have no size: read until EOF, bounded by @max. */
	if (S_ISREG(st.st_mode)) {
		if ((unsigned long long)st.st_size > max) {
			rc = fe_error(err, FERRUM_ERANGE, "file is larger than %zu bytes", max);
			goto out;
		}
		cap = (size_t)st.st_size + 1;
	}
	if (cap < 4096)
		cap = 4096;
	for (;;) {
		ssize_t got;

		if (data == NULL || n + 1 >= cap) {
			size_t nc = data == NULL ? cap : cap * 2;

			if (data != NULL && cap - 1 > max) {
				rc = fe_error(err, FERRUM_ERANGE, "file is larger than %zu bytes", max);
				goto out;
			}
			if (nc < cap || (p = realloc(data, nc)) == NULL) {
				rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
				goto out;
			}
			data = p;
			cap = nc;
		}
		got = read(fd, data + n, cap - n - 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			rc = sys_error(err, errno);
			goto out;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			rc = fe_error(err, FERRUM_ERANGE, "file is larger than %zu bytes", max);
			goto out;
		}
		if (magic != NULL && n >= 4 && memcmp(data, magic, 4) != 0)
			break;
	}
	data[n] = '\0';
	*buf = data;
	*len = n;
	data = NULL;
out:
	free(data);
	if (!is_stdin)
		close(fd);
	return rc;
}

int
ferrum_file_read(const char *path, size_t max, char **buf, size_t *len, ferrum_error *err)
{
	return read_whole(path, max, NULL, buf, len, err);
}

int
ferrum_model_file_read(const char *path, char **buf, size_t *len, ferrum_error *err)
{
	return read_whole(path, FERRUM_MODEL_MAX, "FINF", buf, len, err);
}

int
ferrum_model_load(const char *path, ferrum_model **out, ferrum_error *err)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	rc = ferrum_model_file_read(path, &buf, &len, err);
	if (rc != 0)
		return rc;
	rc = ferrum_model_read(buf, len, out, err);
	free(buf);
	return rc;
}

int
ferrum_model_save(const ferrum_model *m, const char *path, ferrum_error *err)
{
	unsigned char *buf;
	size_t len;
	int rc;

	rc = ferrum_model_write(m, &buf, &len, err);
	if (rc != 0)
		return rc;
	rc = ferrum_file_write_atomic(path, buf, len, err);
	free(buf);
	return rc;
}

/* Create "DIR/.NAME.XXXXXX" exclusively, with mode 0666 so that the kernel
 * applies the umask itself (reading the umask would mean setting it, which
 * is process-wide state).  Replaces the Xs in @tmp; -1 with errno set. */
static int
create_temp(char *tmp, size_t xpos)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	uint64_t x = (uint64_t)getpid() * 0x9E3779B97F4A7C15ULL ^ (uint64_t)(uintptr_t)tmp ^
	             (uint64_t)time(NULL) << 20;
	int attempt, i, fd;

	for (attempt = 0; attempt < 100; attempt++) {
		for (i = 0; i < 6; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			tmp[xpos + (size_t)i] = digits[x % (sizeof digits - 1)];
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

/* Write all of @buf to the existing non-regular file @path. */
static int
write_in_place(const char *path, const void *buf, size_t len, ferrum_error *err)
{
	const unsigned char *p = buf;
	int fd = open(path, O_WRONLY | O_CLOEXEC), e;

	if (fd < 0)
		return sys_error(err, errno);
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			close(fd);
			return sys_error(err, e);
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) != 0)
		return sys_error(err, errno);
	return 0;
}

int
ferrum_file_write_atomic(const char *path, const void *buf, size_t len, ferrum_error *err)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0, plen = strlen(path);
	const unsigned char *p = buf;
	struct stat st;
	char *tmp;
	mode_t mode = 0;
	int fd, e, keep_mode = 0;

	ferrum_error_clear(err);
	if (plen == 0)
		return fe_error(err, FERRUM_EINVAL, "not a file name");
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return fe_error(err, FERRUM_EIO, "is a directory");
		/* A device or a FIFO (/dev/null, a named pipe) is written in
		 * place: a rename would replace it with a regular file. */
		if (!S_ISREG(st.st_mode))
			return write_in_place(path, buf, len, err);
		mode = st.st_mode & 07777;
		keep_mode = 1;
	}
	if (path[plen - 1] == '/')
		return fe_error(err, FERRUM_EINVAL, "not a file name");
	/* "DIR/.NAME.XXXXXX": the same directory, so rename(2) is atomic. */
	tmp = malloc(plen + 10);
	if (tmp == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	memcpy(tmp, path, dirlen);
	tmp[dirlen] = '.';
	memcpy(tmp + dirlen + 1, path + dirlen, plen - dirlen);
	memcpy(tmp + plen + 1, ".XXXXXX", 8);
	fd = create_temp(tmp, plen + 2);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return sys_error(err, e);
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += n;
		len -= (size_t)n;
	}
	if ((keep_mode && fchmod(fd, mode) != 0) || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return sys_error(err, e);
}
