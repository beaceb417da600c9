#include "CXapianShim.h"
#include <xapian.h>
extern "C" int cx_version_major(void) noexcept { return Xapian::major_version(); }
