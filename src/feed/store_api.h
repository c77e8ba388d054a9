/* The public store handle (chorus_store in chorus.h) around the internal
 * one, for library modules of later stages that render or search a store. */
#ifndef CHORUS_STORE_API_H
#define CHORUS_STORE_API_H

#include "chorus.h"
#include "store.h"

cx_store *cx_store_of(chorus_store *s);

#endif
