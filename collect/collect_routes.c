/* SPDX-License-Identifier: ISC
 * Every URL uppfolj-collect answers, with the checks the pipeline runs before
 * each handler. A path not listed here is a 404; a listed path with another
 * method is a 405.
 */
#include "config.h"

#include "collect_handlers.h"

#define S  RF_SESSION
#define SC (RF_SESSION | RF_CSRF | RF_FORM)

/* clang-format off */
const struct route collect_routes[] = {
	{ "GET",  "/",             NULL, h_start,     RF_NODB, "start" },
	{ "GET",  "/k/{}",         NULL, h_link,      0,  "link" },
	{ "POST", "/kod",          NULL, h_login,     RF_FORM, "login" },
	{ "GET",  "/fortsatt",     NULL, h_resume,    S,  "resume" },
	{ "GET",  "/information",  NULL, h_info,      S,  "info" },
	{ "POST", "/samtycke",     NULL, h_consent,   SC, "consent" },
	{ "GET",  "/sida/{}",      NULL, h_page_get,  S,  "page" },
	{ "POST", "/sida/{}",      NULL, h_page_post, SC | RF_SESSION_CACHED, "page_save" },
	{ "GET",  "/granska",      NULL, h_review,    S,  "review" },
	{ "POST", "/skicka",       NULL, h_submit,    SC, "submit" },
	{ "POST", "/avbryt",       NULL, h_cancel,    SC, "cancel" },
	{ "POST", "/sprak",        NULL, h_view,      SC, "view" },
	{ "GET",  "/tack",         NULL, h_thanks,    RF_NODB, "thanks" },
	{ "GET",  "/slut",         NULL, h_timeout,   0,  "timeout" },
	{ "POST", "/kvar",         NULL, h_extend,    SC, "extend" },
	{ "GET",  "/api/v1/health", NULL, h_api_health, RF_API, "api_health" },
	{ "GET",  "/api/v1/instruments/{}", NULL, h_api_instrument, RF_API, "api_instrument" },
	{ "POST", "/api/v1/responses", v_api_response, h_api_response, RF_API | RF_JSON,
	  "api_response" },
};
/* clang-format on */

const size_t collect_nroutes = sizeof(collect_routes) / sizeof(collect_routes[0]);
