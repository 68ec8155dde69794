/* recipe.c: placeholder until the module lands. */
#include "ferrum-internal.h"
