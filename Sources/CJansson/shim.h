#ifndef CONFORM_CJANSSON_SHIM_H
#define CONFORM_CJANSSON_SHIM_H
/* jansson's type tests and precision flags are function-like macros, which Swift does not import. */
#include <jansson.h>

static inline json_type cjansson_typeof(const json_t *j) { return json_typeof(j); }
static inline void cjansson_decref(json_t *j) { json_decref(j); }
static inline int cjansson_error_code(const json_error_t *e) { return (int)json_error_code(e); }

#endif
