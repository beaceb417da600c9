// zlib for gunzipping `.gz` inputs (Foundation on Linux has no gzip support).
// Nothing is wrapped: zlib's C API is callable from Swift as it is.
#ifndef DOSSIER_CZLIB_SHIM_H
#define DOSSIER_CZLIB_SHIM_H
#include <zlib.h>
#endif
