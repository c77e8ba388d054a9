/* Option parsing shared by the commands, so that every command words its
 * errors the same way and keeps only its own options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

cli_args cli_args_of(const char *cmd, void (*usage)(FILE *), int argc, char **argv)
{
    return (cli_args){.argc = argc, .argv = argv, .i = 0, .cmd = cmd, .usage = usage, .exit_code = -1};
}

int cli_apply_limit(const char *cmd, const char *assignment)
{
    chorus_limits l = *chorus_get_limits();
    chorus_error err = {0};
    if (!assignment || chorus_limits_parse(&l, assignment, &err)) {
        cli_error("%s: --max: %s", cmd, assignment ? err.message : "needs NAME=VALUE");
        return -1;
    }
    chorus_set_limits(&l);
    return 0;
}

int cli_next(cli_args *a)
{
    for (;;) {
        if (a->exit_code >= 0 || ++a->i >= a->argc) return 0;
        if (cli_is_help(a->argv[a->i])) {
            a->usage(stdout);
            a->exit_code = EXIT_OK;
            return 0;
        }
        /* --max NAME=VALUE is understood by every command (see chorus --help). */
        const char *v = NULL;
        int m = cli_opt_value(a->argc, a->argv, &a->i, "--max", &v);
        if (!m) return 1;
        if (m < 0 || cli_apply_limit(a->cmd, v)) {
            a->exit_code = EXIT_USAGE;
            return 0;
        }
    }
}

int cli_usage_error(const cli_args *a)
{
    a->usage(stderr);
    return EXIT_USAGE;
}

int cli_is_help(const char *arg) { return !strcmp(arg, "--help") || !strcmp(arg, "-h"); }

int cli_parse_real(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi)) return -1;
    *out = v;
    return 0;
}

int cli_opt_string(cli_args *a, const char *name, const char **dst)
{
    int m = cli_opt_value(a->argc, a->argv, &a->i, name, dst);
    if (m < 0) a->exit_code = EXIT_USAGE;
    return m != 0;
}

int cli_opt_size(cli_args *a, const char *name, size_t min, size_t *dst)
{
    const char *v = NULL;
    int m = cli_opt_value(a->argc, a->argv, &a->i, name, &v);
    if (!m) return 0;
    /* A missing value gets this line too, after cli_opt_value's own. */
    if (m < 0 || cli_parse_size(v, dst) || *dst < min) {
        cli_error("%s: %s needs a %snumber", a->cmd, name, min ? "positive " : "");
        a->exit_code = EXIT_USAGE;
    }
    return 1;
}

/* The number options: a number in [lo, hi], whole when asked. The message
 * says what is wanted: `wants`, or the range. */
static int opt_number(cli_args *a, const char *name, double lo, double hi, int whole, const char *wants,
                      double *dst)
{
    const char *v = NULL;
    double x;
    int m = cli_opt_value(a->argc, a->argv, &a->i, name, &v);
    if (!m) return 0;
    if (m < 0) a->exit_code = EXIT_USAGE;
    else if (cli_parse_real(v, lo, hi, &x) || (whole && x != (double)(size_t)x)) {
        if (wants) cli_error("%s: %s wants %s, not '%s'", a->cmd, name, wants, v);
        else cli_error("%s: %s wants a number in [%g, %g], not '%s'", a->cmd, name, lo, hi, v);
        a->exit_code = EXIT_USAGE;
    } else
        *dst = x;
    return 1;
}

int cli_opt_real(cli_args *a, const char *name, double lo, double hi, const char *wants, double *dst)
{
    return opt_number(a, name, lo, hi, 0, wants, dst);
}

int cli_opt_whole(cli_args *a, const char *name, double lo, double hi, const char *wants, size_t *dst)
{
    double x;
    if (!opt_number(a, name, lo, hi, 1, wants, &x)) return 0;
    if (a->exit_code < 0) *dst = (size_t)x;
    return 1;
}

int cli_opt_choice(cli_args *a, const char *name, const char *what, const cli_choice *choices, int *dst)
{
    const char *v = NULL;
    int m = cli_opt_value(a->argc, a->argv, &a->i, name, &v);
    if (!m) return 0;
    if (m < 0) {
        a->exit_code = EXIT_USAGE;
        return 1;
    }
    for (const cli_choice *c = choices; c->name; c++)
        if (!strcmp(v, c->name)) {
            *dst = c->value;
            return 1;
        }
    /* List each value once: a later name with an earlier one's value is an alias. */
    char list[256] = "";
    for (const cli_choice *c = choices; c->name; c++) {
        const cli_choice *e = choices;
        while (e < c && e->value != c->value) e++;
        if (e < c) continue;
        if (list[0]) strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, c->name, sizeof list - strlen(list) - 1);
    }
    cli_error("%s: unknown %s '%s' (%s)", a->cmd, what, v, list);
    a->exit_code = EXIT_USAGE;
    return 1;
}

int cli_opt_cluster(cli_args *a, cli_cluster_options *o)
{
    const char *arg = a->argv[a->i];
    if (o->n >= CLI_CLUSTER_OPTIONS_MAX) return 0;
    if (!strcmp(arg, "--online") || !strcmp(arg, "--consolidate")) {
        o->names[o->n] = "consolidate";
        o->values[o->n++] = arg[2] == 'c';
        return 1;
    }
    const char *const *names = chorus_cluster_option_names();
    for (size_t k = 0; names[k]; k++) {
        char opt[40];
        if (!strcmp(names[k], "consolidate")) continue;
        snprintf(opt, sizeof opt, "--%s", names[k]);
        /* the ranges are checked by cli_check_cluster, with the library's words */
        const char *wants = strstr(names[k], "-days") ? "a number of days" : "a number";
        if (cli_opt_real(a, opt, 0, 1e9, wants, &o->values[o->n])) {
            o->names[o->n++] = names[k];
            return 1;
        }
    }
    return 0;
}

int cli_check_cluster(cli_args *a, const cli_cluster_options *o)
{
    chorus_error err = {0};
    if (!chorus_cluster_options_check(o->names, o->values, o->n, &err)) return 0;
    cli_error("%s: %s", a->cmd, err.message);
    a->exit_code = EXIT_USAGE;
    return 1;
}

int cli_reject(cli_args *a, const char *what)
{
    cli_error("%s: %s '%s'", a->cmd, what, a->argv[a->i]);
    a->exit_code = EXIT_USAGE;
    return 1;
}

int cli_take_input(cli_args *a, char **inputs, int *n_inputs)
{
    const char *arg = a->argv[a->i];
    if (arg[0] == '-' && arg[1] != '\0') return cli_reject(a, "unknown option");
    inputs[(*n_inputs)++] = a->argv[a->i];
    return 1;
}
