/* SPDX-License-Identifier: ISC
 * Every URL uppfolj-adminweb answers (all under /admin/, where nginx sends
 * them), the checks the pipeline runs before each handler, and the roles
 * that may use it. One table, indexed by enum aw_route, so the menu, the
 * role check and the router cannot disagree.
 */
#include "config.h"

#include "aw.h"

#define S   RF_SESSION
#define SC  (RF_SESSION | RF_CSRF | RF_FORM)

const struct route aw_routes[R__MAX] = {
	[R_CSS]          = { "GET",  "/admin/admin.css", NULL, h_css, RF_NODB, "css" },
	[R_LOGIN_FORM]   = { "GET",  "/admin/login", NULL, h_login_form, RF_NODB, "login_form" },
	[R_LOGIN]        = { "POST", "/admin/login", NULL, h_login, RF_FORM | RF_CSRF, "login" },
	[R_LOGOUT]       = { "POST", "/admin/logout", NULL, h_logout, SC, "logout" },
	[R_HOME]         = { "GET",  "/admin/", NULL, h_home, S, "home" },
	[R_RATES]        = { "GET",  "/admin/svarsfrekvens", NULL, h_rates, S, "rates" },
	[R_CODES_FORM]   = { "GET",  "/admin/koder", NULL, h_codes_form, S, "codes_form" },
	[R_CODES_PDF]    = { "POST", "/admin/koder/{}", NULL, h_codes_pdf, SC, "codes_pdf" },
	[R_UNITS]        = { "GET",  "/admin/enheter", NULL, h_units, S, "units" },
	[R_UNIT_ADD]     = { "POST", "/admin/enheter", NULL, h_unit_add, SC | RF_TX, "unit_add" },
	[R_UNIT]         = { "GET",  "/admin/enheter/{}", NULL, h_unit, S, "unit" },
	[R_WAVES]        = { "GET",  "/admin/omgangar", NULL, h_waves, S, "waves" },
	[R_WAVE_ADD]     = { "POST", "/admin/omgangar/ny", NULL, h_wave_add, SC, "wave_add" },
	[R_WAVE_DATES]   = { "POST", "/admin/omgangar/datum", NULL, h_wave_dates, SC | RF_TX,
	    "wave_dates" },
	[R_WAVE_CLOSE]   = { "POST", "/admin/omgangar/stang", NULL, h_wave_close, SC, "wave_close" },
	[R_DRAFTS_PURGE] = { "POST", "/admin/omgangar/rensa", NULL, h_drafts_purge, SC,
	    "drafts_purge" },
	[R_USERS]        = { "GET",  "/admin/anvandare", NULL, h_users, S, "users" },
	[R_USER_ADD]     = { "POST", "/admin/anvandare", NULL, h_user_add, SC, "user_add" },
	[R_USER_UNLOCK]  = { "POST", "/admin/anvandare/lasupp", NULL, h_user_unlock, SC | RF_TX,
	    "user_unlock" },
	[R_ADDR_UNBLOCK] = { "POST", "/admin/anvandare/adresser", NULL, h_addr_unblock,
	    SC | RF_TX, "addr_unblock" },
	[R_ERASE_FORM]   = { "GET",  "/admin/radera", NULL, h_erase_form, S, "erase_form" },
	[R_ERASE_CHECK]  = { "POST", "/admin/radera", NULL, h_erase_check, SC, "erase_check" },
	[R_ERASE_DO]     = { "POST", "/admin/radera/bekrafta", NULL, h_erase_do, SC, "erase" },
	[R_EXPORT_FORM]  = { "GET",  "/admin/export", NULL, h_export_form, S, "export_form" },
	[R_EXPORT_CSV]   = { "POST", "/admin/export/{}", NULL, h_export_csv, SC, "export" },
	[R_ACCESS]  = { "POST", "/admin/begaran/{}", NULL, h_access, SC, "access" },
	[R_MASKS]        = { "GET",  "/admin/maskering", NULL, h_masks, S, "masks" },
	[R_MASK_ADD]     = { "POST", "/admin/maskering", NULL, h_mask_add, SC, "mask_add" },
	[R_MASK_REMOVE]  = { "POST", "/admin/maskering/ta-bort", NULL, h_mask_remove, SC,
	    "mask_remove" },
};

const unsigned aw_route_roles[R__MAX] = {
	[R_CSS] = 0, [R_LOGIN_FORM] = 0, [R_LOGIN] = 0,
	[R_LOGOUT] = AW_ALL,
	[R_HOME] = AW_ALL,
	[R_RATES] = AW_ALL,
	[R_CODES_FORM] = AW_ADMIN | AW_CONTACT,
	[R_CODES_PDF] = AW_ADMIN | AW_CONTACT,
	[R_UNITS] = AW_ADMIN | AW_EVAL,
	[R_UNIT_ADD] = AW_ADMIN,
	[R_UNIT] = AW_ADMIN | AW_EVAL,
	[R_MASKS] = AW_ADMIN | AW_EVAL,
	[R_MASK_ADD] = AW_ADMIN,
	[R_MASK_REMOVE] = AW_ADMIN,
	[R_WAVES] = AW_ADMIN | AW_EVAL,
	[R_WAVE_ADD] = AW_ADMIN,
	[R_WAVE_DATES] = AW_ADMIN,
	[R_WAVE_CLOSE] = AW_ADMIN,
	[R_DRAFTS_PURGE] = AW_ADMIN,
	[R_USERS] = AW_ADMIN,
	[R_USER_ADD] = AW_ADMIN,
	[R_USER_UNLOCK] = AW_ADMIN,
	[R_ADDR_UNBLOCK] = AW_ADMIN,
	[R_ERASE_FORM] = AW_ADMIN | AW_EVAL,
	[R_ERASE_CHECK] = AW_ADMIN | AW_EVAL,
	[R_ERASE_DO] = AW_ADMIN | AW_EVAL,
	[R_EXPORT_FORM] = AW_ADMIN | AW_EVAL,
	[R_EXPORT_CSV] = AW_ADMIN | AW_EVAL,
	[R_ACCESS] = AW_ADMIN | AW_EVAL,
};
