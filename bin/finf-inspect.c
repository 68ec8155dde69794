/* finf-inspect.c: placeholder until the command lands. */
#include "config.h"
#include "cli.h"
int
main(int argc, char **argv)
{
	(void)argc;
	finf_init(argv[0]);
	finf_error("not built yet");
	return FINF_EXIT_FAIL;
}
