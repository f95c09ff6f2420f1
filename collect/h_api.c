/* SPDX-License-Identifier: ISC
 * The JSON API: the instrument definition, and a whole response submitted
 * at once with the access code and a client-generated submission id (UUID)
 * that makes retries safe: a retry of a stored submission gets the stored
 * result (even while the address is rate limited), the same id with other
 * answers gets 409. The body is validated against the instrument before
 * anything touches the respondent's data; errors name the field.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "collect.h"
#include "collect_cache.h"
#include "collect_form.h"
#include "collect_instr.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "http.h"
#include "lang.h"
#include "log.h"
#include "num.h"
#include "req.h"

#define API_CODE_MAX         64
#define API_ANSWERS_JSON_MAX (2u * 1024 * 1024)

uf_err
h_api_health(struct web_ctx *c)
{
	reply_json(c->reply);
	return buf_adds(&c->reply->body, "{\"status\":\"ok\"}\n");
}

static bool
id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > FORM_ID_MAX || s[0] < 'a' || s[0] > 'z')
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

uf_err
h_api_instrument(struct web_ctx *c)
{
	const char *id = c->req->path_arg;
	const char *vs = req_arg(c->req, "version");
	long v = 0;
	int got = 0;
	const char *def = NULL;
	uf_err e;

	if (!id_ok(id))
		return web_fail(c, UF_ENOTFOUND, "id", "Det finns inget sådant frågeformulär.");
	if (vs) {
		if (!num_long_canonical(vs, 1, 999999, &v))
			return web_fail(c, UF_EINVAL, "version", "Versionen ska vara ett heltal ≥ 1.");
	}
	e = db_collect_instrument(c->db, c->arena, id, (int)v, &got, &def);
	if (e == UF_ENOTFOUND)
		return web_fail(c, e, "id", "Det finns inget sådant frågeformulär.");
	if (e != UF_OK)
		return e;
	reply_json(c->reply);
	e = buf_adds(&c->reply->body, def);
	if (e == UF_OK)
		e = buf_adds(&c->reply->body, "\n");
	return e;
}

/* What the validator hands the handler. */
struct api_submit {
	const char *submission_id;
	const char *code;
	const char *instrument;
	int version;
	int months;
	bool consent;
	const char *answers_json;
	const char *lang; /* optional: the language answered in; NULL: sv */
};

static bool
uuid_ok(const char *s)
{
	static const char pat[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	if (strlen(s) != sizeof(pat) - 1)
		return false;
	for (size_t i = 0; pat[i]; i++) {
		char ch = s[i];
		if (pat[i] == '-') {
			if (ch != '-')
				return false;
		} else if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
		               (ch >= 'A' && ch <= 'F'))) {
			return false;
		}
	}
	return true;
}

static bool
json_int(const cJSON *j, long lo, long hi, int *out)
{
	double d;
	if (!cJSON_IsNumber(j))
		return false;
	d = j->valuedouble;
	if (!isfinite(d) || d != floor(d) || d < (double)lo || d > (double)hi)
		return false;
	*out = (int)d;
	return true;
}

uf_err
v_api_response(struct web_ctx *c)
{
	static const char *const keys[] = { "submission_id", "code", "instrument",
		"version", "wave", "consent", "answers", "lang", NULL };
	const cJSON *root = c->req->json, *el, *j;
	struct api_submit *sub;
	const struct form *f = NULL;
	struct form_answer *ans;
	struct form_error ferr;
	struct buf json;
	bool wave_ok = false;
	uf_err e;

	if (!cJSON_IsObject(root))
		return web_fail(c, UF_EINVAL, NULL, "Innehållet ska vara ett JSON-objekt.");
	cJSON_ArrayForEach(el, root)
	{
		bool known = false;
		for (size_t k = 0; keys[k]; k++)
			if (strcmp(keys[k], el->string) == 0)
				known = true;
		if (!known)
			return web_fail(c, UF_EINVAL, arena_strdup(c->arena, el->string),
			    "Okänt fält.");
	}
	sub = arena_alloc(c->arena, sizeof(*sub));
	if (!sub)
		return UF_ENOMEM;

	j = cJSON_GetObjectItemCaseSensitive(root, "submission_id");
	if (!cJSON_IsString(j) || !uuid_ok(j->valuestring))
		return web_fail(c, UF_EINVAL, "submission_id",
		    "submission_id ska vara ett UUID, till exempel "
		    "123e4567-e89b-42d3-a456-426614174000.");
	sub->submission_id = j->valuestring;
	j = cJSON_GetObjectItemCaseSensitive(root, "code");
	if (!cJSON_IsString(j) || strlen(j->valuestring) < 1 ||
	    strlen(j->valuestring) > API_CODE_MAX)
		return web_fail(c, UF_EINVAL, "code", "Koden saknas eller är för lång.");
	sub->code = j->valuestring;
	j = cJSON_GetObjectItemCaseSensitive(root, "instrument");
	if (!cJSON_IsString(j) || !id_ok(j->valuestring))
		return web_fail(c, UF_EINVAL, "instrument", "Ogiltigt frågeformulär (instrument).");
	sub->instrument = j->valuestring;
	if (!json_int(cJSON_GetObjectItemCaseSensitive(root, "version"), 1, 1000000,
	        &sub->version))
		return web_fail(c, UF_EINVAL, "version", "version ska vara ett heltal ≥ 1.");
	if (!json_int(cJSON_GetObjectItemCaseSensitive(root, "wave"), 1, 120, &sub->months))
		return web_fail(c, UF_EINVAL, "wave",
		    "wave ska vara antal månader (1–120), till exempel 24.");
	j = cJSON_GetObjectItemCaseSensitive(root, "consent");
	if (j && !cJSON_IsBool(j))
		return web_fail(c, UF_EINVAL, "consent", "consent ska vara true eller false.");
	sub->consent = cJSON_IsTrue(j);
	/* Optional, so older clients keep working; a language the program
	 * offers (forms/ui), never any tag. */
	j = cJSON_GetObjectItemCaseSensitive(root, "lang");
	if (j && (!cJSON_IsString(j) || !lang_get(j->valuestring)))
		return web_fail(c, UF_EINVAL, "lang", "lang ska vara ett språk som enkäten "
		                                      "erbjuder, till exempel \"sv\" eller \"en\".");
	sub->lang = j ? j->valuestring : NULL;
	j = cJSON_GetObjectItemCaseSensitive(root, "answers");
	if (!cJSON_IsObject(j))
		return web_fail(c, UF_EINVAL, "answers", "answers ska vara ett JSON-objekt.");

	e = instr_get(c->db, c->arena, sub->instrument, sub->version, &f);
	if (e == UF_ENOTFOUND)
		return web_fail(c, UF_EINVAL, "instrument",
		    "Det finns inget sådant frågeformulär i den versionen.");
	if (e != UF_OK)
		return e;
	for (size_t k = 0; k < f->nwaves; k++)
		if (f->waves[k] == sub->months)
			wave_ok = true;
	if (!wave_ok)
		return web_fail(c, UF_EINVAL, "wave", "Frågeformuläret används inte i den omgången.");

	ans = answers_new(c->arena, f);
	if (!ans)
		return UF_ENOMEM;
	memset(&ferr, 0, sizeof(ferr));
	e = answers_from_api(c->arena, f, j, ans, &ferr);
	if (e == UF_OK)
		e = form_check_answers(f, sub->months, ans, true, &ferr);
	if (e == UF_EINVAL || e == UF_ELIMIT)
		return web_fail(c, UF_EINVAL, arena_strdup(c->arena, ferr.field),
		    arena_strdup(c->arena, ferr.msg));
	if (e != UF_OK)
		return e;
	buf_init(&json, API_ANSWERS_JSON_MAX);
	e = answers_to_db(&json, f, ans);
	if (e == UF_OK) {
		sub->answers_json = arena_strdup(c->arena, buf_str(&json));
		if (!sub->answers_json)
			e = UF_ENOMEM;
	}
	buf_free(&json);
	if (e != UF_OK)
		return e;
	c->data = sub;
	return UF_OK;
}

uf_err
h_api_response(struct web_ctx *c)
{
	const struct api_submit *sub = c->data;
	char norm[CODE_LEN + 1];
	char code_hash[2 + 2 * CODE_HASH_LEN + 1], addr_hash[sizeof(code_hash)];
	const char *addr_key, *code_key, *at = NULL;
	struct rate_limits rl = { collect_cfg->rate_addr_max, collect_cfg->rate_code_max,
		collect_cfg->rate_window_minutes };
	enum submit_status st;
	long long code_id = -1;
	struct buf *b = &c->reply->body;
	uf_err e;

	code_key = code_normalize(sub->code, norm) == UF_OK ? norm : sub->code;
	addr_key = arena_printf(c->arena, "addr:%s", c->req->remote_addr);
	if (!addr_key)
		return UF_ENOMEM;
	collect_hash_bytea(code_key, code_hash);
	collect_hash_bytea(addr_key, addr_hash);
	e = db_collect_submit_code(c->db, c->arena, code_hash, addr_hash, sub->submission_id,
	    sub->instrument, sub->version, sub->months, sub->consent,
	    collect_cfg->info_version, sub->answers_json, sub->lang, &rl, &st, &at, &code_id);
	if (e == UF_OK && code_id >= 0)
		session_cache_forget(NULL, code_id); /* the code's web sessions ended */
	if (e == UF_ECONFLICT)
		return web_fail(c, e, "submission_id", "Det id:t eller den koden hör till ett "
		                                       "annat svar eller frågeformulär.");
	if (e == UF_EPERM)
		return web_fail(c, e, "consent", "Samtycke saknas: skicka \"consent\": true "
		                                 "om personen har samtyckt.");
	if (e == UF_ERATE)
		log_warn("req=%s route=api_response msg=\"code attempts rate limited\"",
		    c->req->request_id);
	if (e != UF_OK)
		return e;
	switch (st) {
	case SUBMIT_STORED:
	case SUBMIT_REPLAY:
		break;
	case SUBMIT_CHANGED:
		log_warn("req=%s route=api_response msg=\"submission id resent with "
		         "another body\"",
		    c->req->request_id);
		return web_fail(c, UF_ECONFLICT, "submission_id", "Ett svar med det här "
		                                                  "submission_id är redan inskickat, med andra svar än de här. De först "
		                                                  "inskickade svaren gäller; inget har ändrats.");
	case SUBMIT_BAD_CODE:
		log_warn("req=%s route=api_response msg=\"code not accepted\"", c->req->request_id);
		return web_fail(c, UF_EAUTH, "code", NULL);
	case SUBMIT__MAX:
		return UF_EINTERNAL;
	}
	reply_json(c->reply);
	reply_created(c->reply);
	e = buf_adds(b, "{\"submission_id\":");
	if (e == UF_OK)
		e = buf_add_json_str(b, sub->submission_id);
	if (e == UF_OK)
		e = buf_adds(b, ",\"status\":\"submitted\",\"submitted_at\":");
	if (e == UF_OK)
		e = buf_add_json_str(b, at ? at : "");
	if (e == UF_OK)
		e = buf_adds(b, "}\n");
	return e;
}
