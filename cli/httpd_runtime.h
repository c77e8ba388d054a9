/* libmicrohttpd, loaded when `chorus serve` starts instead of by every run
 * of chorus: the library and the TLS stack it links (gnutls, nettle, gmp,
 * p11-kit...) cost about a third of the start-up of a short command such as
 * a one-article digest, which never serves. cmd_serve.c calls the MHD_
 * functions it uses as usual; this header routes them through pointers
 * filled by cli_httpd_load. */
#ifndef CHORUS_CLI_HTTPD_RUNTIME_H
#define CHORUS_CLI_HTTPD_RUNTIME_H

#include <stddef.h>
#include <microhttpd.h>

typedef struct cli_httpd_api {
    __typeof__(&MHD_start_daemon) start_daemon;
    __typeof__(&MHD_stop_daemon) stop_daemon;
    __typeof__(&MHD_create_response_from_buffer) create_response_from_buffer;
    __typeof__(&MHD_destroy_response) destroy_response;
    __typeof__(&MHD_add_response_header) add_response_header;
    __typeof__(&MHD_queue_response) queue_response;
    __typeof__(&MHD_lookup_connection_value) lookup_connection_value;
    __typeof__(&MHD_get_connection_values) get_connection_values;
} cli_httpd_api;

extern cli_httpd_api cli_httpd;

/* Load the library (once); 0, or -1 with a message in err naming what is
 * missing. */
int cli_httpd_load(char *err, size_t cap);

#ifndef CLI_HTTPD_RUNTIME_IMPL
#define MHD_start_daemon (*cli_httpd.start_daemon)
#define MHD_stop_daemon (*cli_httpd.stop_daemon)
#define MHD_create_response_from_buffer (*cli_httpd.create_response_from_buffer)
#define MHD_destroy_response (*cli_httpd.destroy_response)
#define MHD_add_response_header (*cli_httpd.add_response_header)
#define MHD_queue_response (*cli_httpd.queue_response)
#define MHD_lookup_connection_value (*cli_httpd.lookup_connection_value)
#define MHD_get_connection_values (*cli_httpd.get_connection_values)
#endif

#endif
