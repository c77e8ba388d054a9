/* The identity of the code that is running: the linker's build id of the
 * program or library that holds chorus (see build_id.c). */
#ifndef CHORUS_BUILD_ID_H
#define CHORUS_BUILD_ID_H

#include <stddef.h>

/* The build id's bytes (valid for the life of the process), or NULL when the
 * object was linked without one: results derived by this code may then not
 * be kept between runs. */
const unsigned char *cx_build_id(size_t *len);

#endif
