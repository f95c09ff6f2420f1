/* SPDX-License-Identifier: ISC
 * Names for uf_err values, for logs only.
 */
#include "err.h"

#include <stddef.h>

static const char *const names[UF_ERR__MAX] = {
	[UF_OK] = "OK",
	[UF_ENOMEM] = "ENOMEM",
	[UF_EINVAL] = "EINVAL",
	[UF_ELIMIT] = "ELIMIT",
	[UF_ENOTFOUND] = "ENOTFOUND",
	[UF_ECONFLICT] = "ECONFLICT",
	[UF_EAUTH] = "EAUTH",
	[UF_EPERM] = "EPERM",
	[UF_ERATE] = "ERATE",
	[UF_EDB] = "EDB",
	[UF_EIO] = "EIO",
	[UF_EFORMAT] = "EFORMAT",
	[UF_EINTERNAL] = "EINTERNAL",
};

const char *
uf_err_name(uf_err e)
{
	if ((unsigned)e >= UF_ERR__MAX || names[e] == NULL)
		return "EUNKNOWN";
	return names[e];
}
