/* SPDX-License-Identifier: ISC
 * Erasure of one participant. Lookup is by keyed code hash or panel id; the
 * deletion itself is one database function so it cannot be half done. The
 * clear code is wiped as soon as it is hashed.
 */
#include <stdbool.h>
#include <string.h>

#include <sodium.h>

#include "db_manage.h"
#include "erase.h"
#include "study.h"

bool
panel_id_ok(const char *s)
{
	size_t i = 0, j;

	if (s == NULL || strnlen(s, 17) > 16)
		return false;
	while (i < 3 && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (i == 0 || s[i] != '-')
		return false;
	for (j = i + 1; s[j] != '\0'; j++)
		if (!((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')))
			return false;
	j -= i + 1;
	return j >= 4 && j <= 12;
}

uf_err
erase_find(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const char *code, const char *study, const char *panel_id,
    long long *participant, struct manage_error *err)
{
	char norm[CODE_LEN + 1];
	unsigned char h[CODE_HASH_LEN];
	char hb[2 + 2 * CODE_HASH_LEN + 1];
	long long sid;
	uf_err e;

	*participant = 0;
	manage_error_clear(err);
	if (code != NULL) {
		if (code_normalize(code, norm) != UF_OK) {
			manage_fail(err, "code", "Koden är inte giltig. Kontrollera den: det "
			                         "sista tecknet är ett kontrolltecken som avslöjar skrivfel.");
			e = UF_EINVAL;
			goto out;
		}
		code_hash(key, norm, h);
		code_hash_bytea(h, hb);
		if ((e = db_m_participant_by_code(db, hb, participant)) != UF_OK)
			goto out;
	} else {
		if (!panel_id_ok(panel_id)) {
			manage_fail(err, "panel_id", "Ett deltagar-id ser ut så här: B-7KQ4XM.");
			e = UF_EINVAL;
			goto out;
		}
		if ((e = study_resolve(db, study, &sid, err)) != UF_OK ||
		    (e = db_m_participant_by_panel(db, sid, panel_id,
		         participant)) != UF_OK)
			goto out;
	}
	if (*participant == 0) {
		manage_fail(err, code != NULL ? "code" : "panel_id", "Ingen deltagare har "
		                                                     "den koden eller det id:t (redan raderad?).");
		e = UF_ENOTFOUND;
	}
out:
	sodium_memzero(norm, sizeof(norm));
	sodium_memzero(h, sizeof(h));
	sodium_memzero(hb, sizeof(hb));
	return e;
}

uf_err
erase_participant(struct db *db, long long participant, const char *actor,
    struct manage_error *err)
{
	bool open = false;
	uf_err e = UF_EINVAL;

	if (actor == NULL || actor[0] == '\0' || strnlen(actor, 101) > 100) {
		manage_fail(err, "actor", "Den som raderar måste anges (1–100 byte).");
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_erase(db, participant, actor)) != UF_OK) {
		if (e == UF_ENOTFOUND)
			manage_fail(err, "participant", "Deltagaren finns inte (redan "
			                                "raderad?).");
		else if (e == UF_EINVAL)
			manage_fail(err, "", "Raderingen avbröts: en tabell hänvisar "
			                     "fortfarande till deltagaren. Inget raderades.");
		goto out;
	}
out:
	if (open)
		e = db_end(db, e);
	return e;
}
