/* SPDX-License-Identifier: ISC
 * The information page for the respondent's group and wave: a short summary
 * in plain words with the consent decision right under it, then the whole
 * information (voluntary, withdrawal, no one identified in reports, GDPR
 * rights, whom to contact; after the study's Bilaga 4-6) in a <details>.
 * The consent records info_version: raise it when this text changes.
 */
#include "config.h"

#include <string.h>

#include "collect.h"
#include "collect_audio.h"
#include "collect_form.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "req.h"

/* What the questions are about, per group. */
static const char *const about[GROUP__MAX] = {
	[GROUP_CHEF] = "Frågorna handlar om hur du som chef upplever att ha en peer "
	    "supporter anställd på din arbetsplats och hur det påverkar ditt eget arbete.",
	[GROUP_PERSONAL] = "Frågorna handlar om hur du upplever att ha en peer supporter "
	    "på din arbetsplats och hur det påverkar ditt arbete med patienter och brukare.",
	[GROUP_PEER] = "Frågorna handlar om hur du upplever din roll som peer supporter: "
	    "introduktionen, hur arbetet är organiserat och dina erfarenheter.",
	[GROUP_PATIENT] = "Frågorna handlar om dina erfarenheter av att träffa en peer "
	    "supporter, alltså en medarbetare som själv har erfarenhet av psykisk ohälsa.",
};

/* Why the answers are collected, in one sentence. */
static const char *const why =
	"Svaren används för att utvärdera och förbättra peer support i Region "
	"Jönköpings län och kommunerna.";

static int wave_number(int months)
{
	return months <= 12 ? 1 : months <= 24 ? 2 : 3;
}

/* The short version first, in plain words (about 80): what, why, that it is
 * voluntary, how long it takes (from the instrument) and what Ja, Nej and
 * Avbryt do. The decision follows at once, so that on a tablet it is on the
 * first screen. */
static void summary(struct hw *w, const struct csession *s)
{
	bool patient = s->grp == GROUP_PATIENT;
	size_t questions, minutes = survey_minutes(s->form, s->months, &questions);

	hw_raw(w, "<h1>Vill du svara på några frågor?</h1>\n<p class=\"lead\">");
	hw_text(w, about[s->grp]);
	hw_raw(w, " ");
	hw_text(w, why);
	hw_raw(w, "</p>\n<p>Det är frivilligt.");
	if (patient)
		hw_raw(w, " Din vård och ditt stöd påverkas inte av om du svarar.");
	hw_fmt(w, " Det är %zu frågor och tar ungefär %zu minuter. Ditt namn sparas "
	    "inte, bara en kod.</p>\n", questions, minutes);
	hw_raw(w, "<ul class=\"choices-explained\">\n"
	    "<li><strong>Ja</strong>: du börjar svara.</li>\n"
	    "<li><strong>Nej</strong>: du svarar inte. Vi sparar bara att du sa nej.</li>\n"
	    "<li><strong>Avbryt</strong> (längst ner): du slutar. Svar du redan gett "
	    "sparas och du kan fortsätta senare med samma kod.</li>\n</ul>\n");
}

/* The whole information (after the study's Bilaga 4-6), one tap away. */
static void full_text(struct hw *w, const struct csession *s)
{
	bool patient = s->grp == GROUP_PATIENT;

	hw_raw(w, "<details class=\"full-info\">\n<summary>Läs hela informationen "
	    "(om dina svar och dina rättigheter)</summary>\n"
	    "<h2>Om utvärderingen</h2>\n<p>Du tillfrågas om att svara "
	    "på en enkät i utvärderingen ”Utvärdering av peer support för personer med "
	    "psykisk funktionsnedsättning”, som hör till samverkansprojektet ”Peer support "
	    "i Jönköpings län”.</p>\n<p>");
	hw_text(w, about[s->grp]);
	hw_fmt(w, " Det här är uppföljning %d, %d månader efter att projektet startade.",
	    wave_number(s->months), s->months);
	hw_raw(w, "</p>\n"
	    "<h2>Det är frivilligt</h2>\n<p>Det är helt frivilligt att delta. Du kan avbryta "
	    "när som helst utan att förklara varför.");
	if (patient)
		hw_raw(w, " Om du svarar eller inte påverkar inte din vård eller ditt stöd.");
	hw_raw(w, "</p>\n"
	    "<h2>Dina svar</h2>\n<p>Dina svar sparas med en kod, inte med ditt namn. Svaren "
	    "förvaras så att ingen obehörig kan komma åt dem. Ingen enskild person och "
	    "ingen enskild enhet kommer att kunna identifieras i de rapporter som skrivs.</p>\n"
	    "<p>Svaren hanteras av Kommunal utveckling och Verksamhetsområde psykiatri, "
	    "rehabilitering och diagnostik i Region Jönköpings län för rapporten, och av "
	    "forskarna i utvärderingen för vetenskapliga artiklar.</p>\n"
	    "<h2>Dina rättigheter</h2>\n<p>Personuppgifterna behandlas enligt EU:s "
	    "dataskyddsförordning (GDPR), dataskyddslagen (2018:218) och annan lag som gäller. "
	    "Personuppgiftsansvarig är respektive nämnd i Region Jönköpings län, Jönköpings "
	    "kommun och Eksjö kommun.</p>\n<p>Du kan när som helst ta tillbaka ditt samtycke. "
	    "Då tas dina svar bort. Du kan också begära att få veta vilka uppgifter vi har om "
	    "dig, och begära att de rättas, att behandlingen begränsas eller att de raderas.</p>\n"
	    "<h2>Frågor och kontakt</h2>\n<p>");
	hw_text(w, collect_cfg->contact);
	hw_raw(w, "</p>\n</details>\n");
}

uf_err h_info(struct web_ctx *c)
{
	const struct csession *s = c->session;
	bool given = s->consent && strcmp(s->consent, "given") == 0;
	struct hw w;
	struct page p = collect_session_page(s, "Information");

	hw_init(&w, &c->reply->body);
	html_begin(&w, &p);
	summary(&w, s);
	audio_info(&w, s->grp, "sv", false);
	if (given) {
		hw_raw(&w, "<p class=\"notice\" role=\"status\">Du har redan sagt ja till att "
		    "delta.</p>\n<div class=\"nav\"><a class=\"button primary\" "
		    "href=\"/fortsatt\">Fortsätt till frågorna</a></div>\n");
	} else {
		hw_raw(&w, "<form method=\"post\" action=\"/samtycke\" autocomplete=\"off\">\n");
		html_csrf(&w, s->csrf);
		hw_raw(&w, "<fieldset class=\"consent\"><legend class=\"big\">Vill du delta?</legend>\n"
		    "<p>Jag har tagit del av informationen och vill delta. Jag vet att jag "
		    "när som helst kan sluta utan att förklara varför.</p>\n"
		    "<div class=\"consent-buttons\">\n"
		    "<button type=\"submit\" name=\"decision\" value=\"given\" class=\"primary\">"
		    "Ja, jag vill delta</button>\n"
		    "<button type=\"submit\" name=\"decision\" value=\"declined\" class=\"secondary\">"
		    "Nej, jag vill inte delta</button>\n"
		    "</div></fieldset>\n</form>\n");
	}
	full_text(&w, s);
	hw_raw(&w, "<form method=\"post\" action=\"/avbryt\" class=\"cancel\">\n");
	html_csrf(&w, s->csrf);
	hw_raw(&w, "<button type=\"submit\" class=\"link\">Avbryt och gå till början</button>\n"
	    "</form>\n");
	html_end(&w);
	return hw_done(&w);
}

uf_err h_consent(struct web_ctx *c)
{
	const struct csession *s = c->session;
	const char *d = req_field(c->req, "decision");
	bool given;
	uf_err e;

	if (!d || req_field_count(c->req, "decision") != 1 ||
	    (strcmp(d, "given") != 0 && strcmp(d, "declined") != 0))
		return web_fail(c, UF_EINVAL, "decision", "Välj Ja eller Nej.");
	given = strcmp(d, "given") == 0;
	e = db_collect_consent(c->db, s->token_hash, given, collect_cfg->info_version);
	collect_session_forget(s);
	if (e != UF_OK)
		return e;
	log_info("req=%s route=consent decision=%s", c->req->request_id, d);
	if (given) {
		reply_redirect(c->reply, "/fortsatt");
		return UF_OK;
	}
	e = collect_session_ended(c);
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/tack?nej=1");
	return UF_OK;
}
