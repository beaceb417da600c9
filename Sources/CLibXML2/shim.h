// libxml2's HTML parser, for saved news pages. Only the HTML parser and the tree API are
// used; nothing is wrapped because both are callable from Swift as they are. The include
// path (/usr/include/libxml2) comes from pkg-config `libxml-2.0`.
#ifndef DOSSIER_CLIBXML2_SHIM_H
#define DOSSIER_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#endif
