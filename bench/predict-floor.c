/* predict-floor.c: the floor any CSV predictor pays (read the file, strtod
 * every number, nothing else), and a meter for bench/predict: wall time and
 * peak resident memory of a command.
 *
 *   predict-floor FILE              parse FILE, print "rows N sum S"
 *   predict-floor --run OUT CMD...  run CMD with stdout to OUT, print
 *                                   "seconds S maxrss_kb K cpu C status X"
 *                                   (wall and CPU seconds, peak RSS)
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
floor_parse(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long long rows = 0;
	double sum = 0.0;

	if (fp == NULL) {
		fprintf(stderr, "predict-floor: %s: %s\n", path, strerror(errno));
		return 1;
	}
	/* The header line. */
	if (getline(&line, &cap, fp) < 0) {
		fclose(fp);
		free(line);
		return 1;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		char *p = line, *end;

		for (;;) {
			sum += strtod(p, &end);
			if (end == p || *end != ',')
				break;
			p = end + 1;
		}
		rows++;
	}
	printf("rows %lld sum %.17g\n", rows, sum);
	free(line);
	fclose(fp);
	return 0;
}

static int
run(const char *out, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status = 0, fd;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("predict-floor: fork");
		return 1;
	}
	if (pid == 0) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
			perror(out);
			_exit(127);
		}
		close(fd);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("predict-floor: wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("seconds %.6f maxrss_kb %ld cpu %.6f status %d\n",
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       ru.ru_maxrss,
	       (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	               (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "--run") == 0)
		return run(argv[2], argv + 3);
	if (argc == 2)
		return floor_parse(argv[1]);
	fprintf(stderr, "usage: predict-floor FILE | predict-floor --run OUT CMD [ARG]...\n");
	return 2;
}
