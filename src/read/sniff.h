/* Which reader an input goes to, decided from its first bytes: every path
 * (a file, standard input, a WARC payload handed on) is classified here and
 * nowhere else. */
#ifndef CHORUS_SNIFF_H
#define CHORUS_SNIFF_H

#include <stddef.h>

typedef enum { CX_INPUT_TEXT, CX_INPUT_JSONL, CX_INPUT_HTML, CX_INPUT_WARC, CX_INPUT_FEED } cx_input_format;

/* Bytes of the start an answer needs: a caller reading a file peeks this
 * many (fewer when the file is shorter). */
#define CX_SNIFF_BYTES 4096

/* The format of data[0..len) (its start suffices; a UTF-8 byte-order mark
 * is skipped). The content decides: an RSS/Atom root, a JSON object that
 * opens with a key, an HTML document, a WARC record, a gzip or zstd stream
 * (only a WARC archive is read compressed). Only content that is none of
 * these, plain text, lets the name's extension speak (".jsonl", ".html",
 * ".warc"): a JSONL file whose first line is broken is still read line by
 * line, and says where. name may be NULL. */
cx_input_format cx_sniff_format(const char *name, const char *data, size_t len);

/* The same for a file, from its first CX_SNIFF_BYTES (text when it cannot
 * be read: the reader then says why). */
cx_input_format cx_sniff_file(const char *path);

#endif
