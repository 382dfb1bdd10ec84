// The `$…$` / `$$…$$` math syntax extension for cmark-gfm, and a classifier
// for the node types that cmark-gfm's extensions create at run time.
//
// Only the `Markdown` module uses this target. The header deliberately does
// not include cmark-gfm's headers: cmark's node and extension types are
// incomplete structs, which Swift imports as `OpaquePointer` either way.
#ifndef MCHECK_CMARK_MATH_H
#define MCHECK_CMARK_MATH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct cmark_node;
struct cmark_syntax_extension;

/// What an extension node is, as far as the Swift layer cares.
typedef enum {
    MCHECK_EXT_NONE = 0,
    MCHECK_EXT_TABLE = 1,
    MCHECK_EXT_TABLE_ROW = 2,
    MCHECK_EXT_TABLE_CELL = 3,
    MCHECK_EXT_STRIKETHROUGH = 4,
    MCHECK_EXT_MATH_INLINE = 5,
    MCHECK_EXT_MATH_DISPLAY = 6,
    MCHECK_EXT_TASKLIST_ITEM = 7,
    MCHECK_EXT_OTHER = 8,
} mcheck_ext_kind;

/// The math extension, created on first use (thread-safe) and never freed.
/// Attach it to a parser with `cmark_parser_attach_syntax_extension`.
struct cmark_syntax_extension *mcheck_math_extension(void);

/// Classifies a node created by a syntax extension (`MCHECK_EXT_NONE` for core nodes).
/// Math nodes are `CMARK_NODE_CODE` nodes (so table cells accept them) whose literal is the
/// TeX between the delimiters, byte for byte.
mcheck_ext_kind mcheck_extension_kind(struct cmark_node *node);

/// A footnote's label (`n` for `[^n]`), for a definition or a reference (cmark-gfm replaces a
/// reference's literal with its number); "" if unknown. Not NUL-terminated.
const char *mcheck_footnote_label(struct cmark_node *node, size_t *length);

/// The column of the `[` that opens a footnote definition (cmark reports where its content starts).
int mcheck_footnote_definition_column(struct cmark_node *node);

#ifdef __cplusplus
}
#endif

#endif
