/* The eval kinds: one line each, {name, function, summary}. Each function
 * lives in its own cli/eval_*.c file. */
#ifndef CHORUS_EVAL_CMDS_H
#define CHORUS_EVAL_CMDS_H

int eval_clusters(int argc, char **argv);
int eval_disagreements(int argc, char **argv);
int eval_extract(int argc, char **argv);
int eval_quotes(int argc, char **argv);
int eval_rouge(int argc, char **argv);
#define EVAL_COMMANDS {NULL, NULL, NULL}, \
    {"clusters", eval_clusters, "story clusters: B-cubed and pairwise P/R/F1 against gold"}, \
    {"disagreements", eval_disagreements, "disagreements between reports: found per kind, false alarms (hand labels)"}, \
    {"extract", eval_extract, "article extraction: snippet precision/recall/F, MB/s"}, \
    {"quotes", eval_quotes, "quotations and speakers: P/R/F1 on PolNeAR (brat standoff)"}, \
    {"rouge", eval_rouge, "summaries: ROUGE-1/2/SU4/L as ROUGE-1.5.5 (DUC layout or JSONL)"},

#endif
