/* Times as people and feeds write them: ISO 8601, RFC 2822, "YYYYMMDD",
 * and the command line's "24h before now" shorthand. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's method). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int month_from_name(const char *s)
{
    static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (cx_ascii_lower((unsigned char)s[0]) == names[i][0] &&
            cx_ascii_lower((unsigned char)s[1]) == names[i][1] &&
            cx_ascii_lower((unsigned char)s[2]) == names[i][2])
            return i + 1;
    return 0;
}

int64_t cx_parse_time(const char *s)
{
    if (!s) return INT64_MIN;
    while (*s == ' ' || *s == '\t') s++;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, used = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) == 3 ||
        (sscanf(s, "%4d%2d%2d%n", &y, &mo, &d, &used) == 3 && used == 8)) {
        const char *p = s + used;
        if (*p == 'T' || *p == ' ') {
            int u2 = 0;
            if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &u2) >= 2) {
                p += 1 + u2;
                if (*p == ':') {
                    int u3 = 0;
                    if (sscanf(p + 1, "%2d%n", &se, &u3) == 1) p += 1 + u3;
                }
                while (*p == '.' || (*p >= '0' && *p <= '9')) p++;
            }
        }
        int64_t off = 0;
        if (*p == '+' || *p == '-') {
            int oh = 0, om = 0;
            if (sscanf(p + 1, "%2d:%2d", &oh, &om) >= 1 || sscanf(p + 1, "%2d%2d", &oh, &om) >= 1)
                off = (int64_t)(oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
        }
        if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 ||
            se > 60)
            return INT64_MIN;
        return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se - off;
    }
    /* RFC 2822: "Mon, 06 Jan 2020 10:00:00 GMT" or "06 Jan 2020" */
    const char *p = strchr(s, ',');
    p = p ? p + 1 : s;
    char mon[4] = {0};
    /* widths bound every field: an unbounded %d overflows on digit runs */
    if (sscanf(p, "%2d %3s %4d %2d:%2d:%2d", &d, mon, &y, &h, &mi, &se) >= 3) {
        mo = month_from_name(mon);
        if (!mo || d < 1 || d > 31 || y < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
            return INT64_MIN;
        return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
    }
    return INT64_MIN;
}

int64_t chorus_parse_time_spec(const char *s, int64_t now)
{
    if (!s || !*s) return INT64_MIN;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end != s && v >= 0 && end[0] && !end[1]) {
        int64_t unit = 0;
        switch (end[0]) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        case 'w': unit = 7 * 86400; break;
        }
        if (unit && v <= INT64_MAX / unit / 2) return now - v * unit;
    }
    return cx_parse_time(s);
}
