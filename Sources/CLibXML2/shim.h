// libxml2's HTML parser, for saved news pages. Only the HTML parser and the tree API are
// used; nothing is wrapped because both are callable from Swift as they are. The include
// path (/usr/include/libxml2) comes from pkg-config `libxml-2.0`.
#ifndef DOSSIER_CLIBXML2_SHIM_H
#define DOSSIER_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's ICU
// headers, which clash with the copy of ICU inside Swift's Foundation ("UErrorCode ... not
// present in definition"). Nothing here uses libxml2's ICU converters (only the
// xmlCharEncodingHandler struct's tail differs, and it is never dereferenced from Swift),
// so the macro is undone before the headers that test it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#endif
