/* SPDX-License-Identifier: ISC
 * The information page for the respondent's group and wave (what the
 * evaluation is, that it is voluntary, that one can stop and withdraw, that
 * no one can be identified in reports, GDPR rights, whom to contact; after
 * the study's Bilaga 4-6) and the explicit consent decision.
 */
#include "config.h"

#include <string.h>

#include "collect.h"
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

static int wave_number(int months)
{
	return months <= 12 ? 1 : months <= 24 ? 2 : 3;
}

uf_err h_info(struct web_ctx *c)
{
	const struct csession *s = c->session;
	bool patient = s->grp == GROUP_PATIENT;
	bool given = s->consent && strcmp(s->consent, "given") == 0;
	struct hw w;
	struct page p = collect_session_page(s, "Information");

	hw_init(&w, &c->reply->body);
	html_begin(&w, &p);
	hw_raw(&w, "<h1>Om utvärderingen</h1>\n<p class=\"lead\">Du tillfrågas om att svara "
	    "på en enkät i utvärderingen ”Utvärdering av peer support för personer med "
	    "psykisk funktionsnedsättning”, som hör till samverkansprojektet ”Peer support "
	    "i Jönköpings län”.</p>\n<p>");
	hw_text(&w, about[s->grp]);
	hw_fmt(&w, " Det här är uppföljning %d, %d månader efter att projektet startade.",
	    wave_number(s->months), s->months);
	hw_raw(&w, "</p>\n"
	    "<h2>Det är frivilligt</h2>\n<p>Det är helt frivilligt att delta. Du kan avbryta "
	    "när som helst utan att förklara varför.");
	if (patient)
		hw_raw(&w, " Om du svarar eller inte påverkar inte din vård eller ditt stöd.");
	hw_raw(&w, "</p>\n"
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
	hw_text(&w, collect_cfg->contact);
	hw_raw(&w, "</p>\n");

	if (given) {
		hw_raw(&w, "<p class=\"notice\" role=\"status\">Du har redan sagt ja till att "
		    "delta.</p>\n<div class=\"nav\"><a class=\"button primary\" "
		    "href=\"/fortsatt\">Fortsätt till frågorna</a></div>\n");
	} else {
		hw_raw(&w, "<form method=\"post\" action=\"/samtycke\" autocomplete=\"off\">\n");
		html_csrf(&w, s->csrf);
		hw_raw(&w, "<fieldset class=\"consent\"><legend class=\"big\">Vill du delta?</legend>\n"
		    "<p>Jag har tagit del av informationen och samtycker till att delta. Jag vet "
		    "att jag när som helst kan avbryta utan att förklara varför.</p>\n"
		    "<div class=\"consent-buttons\">\n"
		    "<button type=\"submit\" name=\"decision\" value=\"given\" class=\"primary\">"
		    "Ja, jag vill delta</button>\n"
		    "<button type=\"submit\" name=\"decision\" value=\"declined\" class=\"secondary\">"
		    "Nej, jag vill inte delta</button>\n"
		    "</div></fieldset>\n</form>\n");
	}
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
