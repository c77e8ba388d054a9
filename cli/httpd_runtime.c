/* Loading libmicrohttpd on demand (httpd_runtime.h). */
#define CLI_HTTPD_RUNTIME_IMPL
#include "httpd_runtime.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* The soname of Debian 12's libmicrohttpd12 (the unversioned name is only
 * in the -dev package). */
#define HTTPD_SONAME "libmicrohttpd.so.12"

cli_httpd_api cli_httpd;

int cli_httpd_load(char *err, size_t cap)
{
    if (cli_httpd.start_daemon) return 0;
    void *h = dlopen(HTTPD_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libmicrohttpd.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, cap, "cannot load %s (package libmicrohttpd12): %s", HTTPD_SONAME, why ? why : "not found");
        return -1;
    }
    cli_httpd_api api;
    static const char *const names[] = {"MHD_start_daemon",        "MHD_stop_daemon",
                                        "MHD_create_response_from_buffer", "MHD_destroy_response",
                                        "MHD_add_response_header", "MHD_queue_response",
                                        "MHD_lookup_connection_value",     "MHD_get_connection_values"};
    void *found[sizeof names / sizeof *names];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!(found[i] = dlsym(h, names[i]))) {
            snprintf(err, cap, "%s has no %s", HTTPD_SONAME, names[i]);
            dlclose(h);
            return -1;
        }
    /* object pointers to function pointers: POSIX guarantees dlsym's */
    memcpy(&api.start_daemon, &found[0], sizeof api.start_daemon);
    memcpy(&api.stop_daemon, &found[1], sizeof api.stop_daemon);
    memcpy(&api.create_response_from_buffer, &found[2], sizeof api.create_response_from_buffer);
    memcpy(&api.destroy_response, &found[3], sizeof api.destroy_response);
    memcpy(&api.add_response_header, &found[4], sizeof api.add_response_header);
    memcpy(&api.queue_response, &found[5], sizeof api.queue_response);
    memcpy(&api.lookup_connection_value, &found[6], sizeof api.lookup_connection_value);
    memcpy(&api.get_connection_values, &found[7], sizeof api.get_connection_values);
    cli_httpd = api;
    return 0;
}
