/* The eval kinds: one line each, {name, function, summary}. Each function
 * lives in its own cli/eval_*.c file. */
#ifndef CHORUS_EVAL_CMDS_H
#define CHORUS_EVAL_CMDS_H

int eval_extract(int argc, char **argv);
#define EVAL_COMMANDS {NULL, NULL, NULL}, \
    {"extract", eval_extract, "article extraction: snippet precision/recall/F, MB/s"},

#endif
