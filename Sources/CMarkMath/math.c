// A cmark-gfm inline syntax extension for TeX math, following pandoc's
// `tex_math_dollars` rules:
//
// * `$$…$$` is display math. It may span lines of one paragraph (a blank
//   line ends the paragraph, so it ends the search too). Its content must
//   not be blank.
// * `$…$` is inline math. The opening `$` must be followed by a non-space
//   character; the first unescaped `$` after it closes the span, and the
//   span is rejected (the `$` stays text) if that `$` follows whitespace or
//   is followed by a digit. So `costs $5 and $10` stays text.
// * Inside both, a backslash takes the next byte with it (`\$` does not
//   close), and `\text{…}` is skipped with its balanced braces.
// * `\$` outside math is cmark's ordinary backslash escape: a literal `$`.
//
// The matcher runs when cmark's inline parser reaches a `$`, before
// backslash escapes, entities or emphasis see the bytes that follow, so the
// content comes through verbatim. Inline code, autolinks, raw HTML and link
// destinations that start before the `$` win, as in pandoc.
//
// Source positions: the node's start is exact. Its end is only right when
// the span is on one line; cmark's inline parser also loses track of lines
// after a span that contains newlines (its line counter is private). The
// Swift layer recomputes both from the source text.
#include "CMarkMath.h"

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm/node.h>
#include <cmark-gfm/chunk.h>
#include <cmark-gfm/buffer.h>

#include <pthread.h>
#include <stdint.h>
#include <string.h>

// Math nodes are inline code nodes (CMARK_NODE_CODE, so every container that
// takes code spans takes them, GFM table cells included) whose syntax
// extension is one of these two. The first is the one attached to parsers;
// the second only marks display math.
static cmark_syntax_extension *math_extension;
static cmark_syntax_extension *display_marker;
static pthread_once_t math_once = PTHREAD_ONCE_INIT;

static int is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// At `s[i] == '\\'`: returns the index just after the escape (`\x` or `\text{…}`).
static bufsize_t skip_escape(const unsigned char *s, bufsize_t n, bufsize_t i) {
    static const char text[] = "text{";
    if (i + 6 <= n && memcmp(s + i + 1, text, 5) == 0) {
        int depth = 0;
        for (bufsize_t k = i + 5; k < n; k++) {
            if (s[k] == '\\') { k++; continue; }
            if (s[k] == '{') depth++;
            if (s[k] == '}' && --depth == 0) return k + 1;
        }
        // Unbalanced: fall back to a plain escape.
    }
    return i + 2 <= n ? i + 2 : n;
}

// Index of the `$$` that closes display math opened at `open` (the content
// starts at open + 2), or -1.
static bufsize_t find_display_close(const unsigned char *s, bufsize_t n, bufsize_t open) {
    bufsize_t i = open + 2;
    while (i + 1 < n) {
        if (s[i] == '\\') { i = skip_escape(s, n, i); continue; }
        if (s[i] == '$' && s[i + 1] == '$') return i;
        i++;
    }
    return -1;
}

// Index of the `$` that closes inline math opened at `open`, or -1.
static bufsize_t find_inline_close(const unsigned char *s, bufsize_t n, bufsize_t open) {
    if (open + 1 >= n || is_space(s[open + 1])) return -1;
    bufsize_t i = open + 1;
    while (i < n) {
        if (s[i] == '\\') { i = skip_escape(s, n, i); continue; }
        if (s[i] == '$') {
            if (is_space(s[i - 1])) return -1;
            if (i + 1 < n && is_digit(s[i + 1])) return -1;
            return i;
        }
        i++;
    }
    return -1;
}

static int blank(const unsigned char *s, bufsize_t from, bufsize_t to) {
    for (bufsize_t i = from; i < to; i++)
        if (!is_space(s[i])) return 0;
    return 1;
}

static void set_position(cmark_node *node, cmark_inline_parser *inline_parser, bufsize_t length) {
    node->start_line = node->end_line = cmark_inline_parser_get_line(inline_parser);
    node->start_column = cmark_inline_parser_get_column(inline_parser);
    node->end_column = node->start_column + length - 1;
}

static cmark_node *match(cmark_syntax_extension *self, cmark_parser *parser,
                         cmark_node *parent, unsigned char character,
                         cmark_inline_parser *inline_parser) {
    (void)parser;
    if (character != '$') return NULL;

    cmark_chunk *chunk = cmark_inline_parser_get_chunk(inline_parser);
    const unsigned char *s = chunk->data;
    bufsize_t n = chunk->len;
    bufsize_t open = cmark_inline_parser_get_offset(inline_parser);
    cmark_mem *mem = cmark_node_mem(parent);

    bufsize_t delimiter, close;
    cmark_syntax_extension *marker;
    if (open + 1 < n && s[open + 1] == '$') {
        delimiter = 2;
        marker = display_marker;
        close = find_display_close(s, n, open);
        if (close >= 0 && blank(s, open + 2, close)) close = -1;
        if (close < 0) {
            // An unclosed `$$` is text; consuming both keeps the second `$`
            // from opening inline math.
            cmark_node *text = cmark_node_new_with_mem(CMARK_NODE_TEXT, mem);
            cmark_node_set_literal(text, "$$");
            set_position(text, inline_parser, 2);
            cmark_inline_parser_set_offset(inline_parser, open + 2);
            return text;
        }
    } else {
        delimiter = 1;
        marker = self;
        close = find_inline_close(s, n, open);
        if (close < 0) return NULL; // cmark emits the `$` as text
    }

    cmark_node *node = cmark_node_new_with_mem(CMARK_NODE_CODE, mem);
    cmark_node_set_syntax_extension(node, marker);
    cmark_strbuf tex;
    cmark_strbuf_init(mem, &tex, 0);
    cmark_strbuf_put(&tex, s + open + delimiter, close - open - delimiter);
    node->as.literal = cmark_chunk_buf_detach(&tex);
    set_position(node, inline_parser, close + delimiter - open);
    cmark_inline_parser_set_offset(inline_parser, close + delimiter);
    return node;
}

static void create_extension(void) {
    cmark_syntax_extension *ext = cmark_syntax_extension_new("mcheck_math");
    cmark_syntax_extension_set_match_inline_func(ext, match);
    cmark_syntax_extension_set_emphasis(ext, 0);
    cmark_mem *mem = cmark_get_default_mem_allocator();
    cmark_llist *special = cmark_llist_append(mem, NULL, (void *)(uintptr_t)'$');
    cmark_syntax_extension_set_special_inline_chars(ext, special);
    display_marker = cmark_syntax_extension_new("mcheck_math_display");
    math_extension = ext;
}

cmark_syntax_extension *mcheck_math_extension(void) {
    pthread_once(&math_once, create_extension);
    return math_extension;
}

mcheck_ext_kind mcheck_extension_kind(cmark_node *node) {
    cmark_syntax_extension *ext = node->extension;
    if (ext == NULL) return MCHECK_EXT_NONE;
    if (ext == math_extension) return MCHECK_EXT_MATH_INLINE;
    if (ext == display_marker) return MCHECK_EXT_MATH_DISPLAY;
    const char *type = cmark_node_get_type_string(node);
    if (type == NULL) return MCHECK_EXT_OTHER;
    if (strcmp(type, "table_cell") == 0) return MCHECK_EXT_TABLE_CELL;
    if (strcmp(type, "table_row") == 0 || strcmp(type, "table_header") == 0) return MCHECK_EXT_TABLE_ROW;
    if (strcmp(type, "table") == 0) return MCHECK_EXT_TABLE;
    if (strcmp(type, "strikethrough") == 0) return MCHECK_EXT_STRIKETHROUGH;
    if (strcmp(type, "tasklist") == 0) return MCHECK_EXT_TASKLIST_ITEM;
    return MCHECK_EXT_OTHER;
}

const char *mcheck_footnote_label(cmark_node *node, size_t *length) {
    cmark_node *definition = NULL;
    if (node->type == CMARK_NODE_FOOTNOTE_DEFINITION) definition = node;
    else if (node->type == CMARK_NODE_FOOTNOTE_REFERENCE) definition = node->parent_footnote_def;
    if (definition == NULL || definition->as.literal.data == NULL) {
        *length = 0;
        return "";
    }
    *length = (size_t)definition->as.literal.len;
    return (const char *)definition->as.literal.data;
}

int mcheck_footnote_definition_column(cmark_node *node) {
    return node->start_column - node->internal_offset;
}
