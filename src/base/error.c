#include "chorus.h"

const char *chorus_strerror(int code)
{
    switch (code) {
    case CHORUS_OK: return "success";
    case CHORUS_ENOMEM: return "out of memory";
    case CHORUS_EIO: return "input/output error";
    case CHORUS_EFORMAT: return "malformed input";
    case CHORUS_EUTF8: return "invalid UTF-8";
    case CHORUS_EEMPTY: return "no article text";
    case CHORUS_EINVAL: return "invalid argument";
    case CHORUS_EDB: return "store error";
    case CHORUS_ESOLVER: return "solver error";
    case CHORUS_ETOOBIG: return "input too large";
    case CHORUS_ENOTFOUND: return "not found";
    default: return "unknown error";
    }
}
