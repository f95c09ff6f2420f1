/* SPDX-License-Identifier: ISC
 * The demo evaluators' own report text: every authored section of a
 * delrapport (per wave) and of the slutrapport, and a reflection per
 * kategori, in the product's minimal markup (blank line: paragraph, "- ":
 * list item, *emphasis*, "## ": heading). Synthetic, written for this
 * project in the manner of the seed's delrapport; no real person or place.
 */
#include "demo_qual.h"

const char *const dq_section_ids[DQ_NSECTIONS] = {
	"bakgrund",
	"syfte",
	"beskrivning",
	"urval",
	"datainsamling",
	"dataanalys",
	"etik",
	"resultatdiskussion",
	"metoddiskussion",
	"referenser",
};

/* Which utvärdering a wave is (1-3), 0 for the slutrapport. */
static int
utv(int months)
{
	return months <= 0 ? 0 : months <= 12 ? 1 :
	    months <= 24                      ? 2 :
	                                        3;
}

static const char *
groups(int months)
{
	return months == 12 ? "peer supportrar, personal och chefer" :
	                      "peer supportrar, personal, chefer och patienter/brukare";
}

uf_err
dq_section_text(struct buf *b, size_t section, int months)
{
	const int u = utv(months);

	switch (section) {
	case 0: /* bakgrund */
		return buf_printf(b,
		    "Regionen och länets kommuner har under flera år arbetat för en "
		    "*återhämtningsinriktad* psykiatri. Att anställa peer supportrar, "
		    "personer med egen erfarenhet av psykisk ohälsa som utbildats för att "
		    "stödja andra, är en fortsättning på det arbetet.\n\n"
		    "Peer supportrar arbetar i dag på fyra avdelningar inom heldygnsvården "
		    "och i boendestöd, träffpunkter och stödboenden i två kommuner. "
		    "Erfarenheter från andra länder visar att rollen behöver förberedas "
		    "noga, både hos peer supportrarna och på arbetsplatserna.\n\n"
		    "%s",
		    u == 0 ? "Denna slutrapport sammanfattar de tre utvärderingarna, 12, 24 "
		             "och 36 månader efter projektstart, och beskriver hur uppfattningar och "
		             "erfarenheter har förändrats över tid." :
		             "Rapporten är en delrapport och följs av en slutrapport som redogör för "
		             "hur uppfattningar och erfarenheter förändras över tid.");
	case 1: /* syfte */
		if (u == 0)
			return buf_adds(b,
			    "Det övergripande syftet är att få kunskap om uppfattningar och "
			    "erfarenheter av rollen peer support och hur dessa utvecklas över "
			    "tid.\n\n"
			    "Slutrapporten ska särskilt beskriva:\n\n"
			    "- vilka erfarenheter som kvarstod under hela projekttiden\n"
			    "- vilka som tillkom eller försvann\n"
			    "- hur patienter/brukare beskriver insatsen");
		return buf_printf(b,
		    "Utvärdering %d: kunskap om uppfattningar och erfarenheter av rollen "
		    "peer support hos %s, %d månader efter projektstart.",
		    u, groups(months),
		    months);
	case 2: /* beskrivning */
		return buf_adds(b,
		    "Projektet startade med att ett lokalt utbildningsteam utbildades. "
		    "Därefter rekryterades och utbildades peer supportrar, och personal och "
		    "chefer på de deltagande arbetsplatserna fick en tvådagarsutbildning.\n\n"
		    "## Anställning\n\n"
		    "Peer supportrarna anställdes direkt på arbetsplatserna, på halvtid, "
		    "efter en rekryteringsträff där verksamheter och peer supportrar träffades. "
		    "Varje arbetsplats gjorde en riskanalys och utsåg en kontaktperson.");
	case 3: /* urval */
		return buf_printf(b,
		    "Cheferna som intervjuades var de som ansvarade för arbetsplatsen vid "
		    "intervjutillfället. Personal utsågs av chefen; peer supportrarna som "
		    "var anställda tillfrågades alla.%s",
		    u == 1 ? "" : " Patienter/brukare tillfrågades av personalen på "
		                  "avdelningen eller i verksamheten och deltog frivilligt.");
	case 4: /* datainsamling */
		return buf_printf(b,
		    "Intervjuerna var semistrukturerade och följde intervjuguider med tre "
		    "frågeområden: Planering inför introduktion, Implementering/Organisering "
		    "och Erfarenheter av peer support (bilaga 1-3). De spelades in och "
		    "transkriberades.%s\n\n"
		    "Därtill besvarade alla grupper enkäten i %s.",
		    u == 1 ? "" : " Samtalen med patienter/brukare var korta och dokumenterades "
		                  "som anteckningar.",
		    u == 0 ? "var och en av de tre omgångarna" : "denna omgång");
	case 5: /* dataanalys */
		return buf_adds(b,
		    "Materialet analyserades med kvalitativ innehållsanalys med induktiv "
		    "ansats (Graneheim m.fl., 2017). Texten bröts ner i meningsbärande "
		    "enheter som kondenserades och grupperades i koder, subkategorier och "
		    "kategorier.\n\n"
		    "Två intervjuer kodades av två utvärderare var för sig, och "
		    "kodningarna jämfördes för att kvalitetssäkra analysen. Överensstämmelsen "
		    "redovisas per kategori.");
	case 6: /* etik */
		return buf_adds(b,
		    "Ingen verksamhet eller person ska kunna identifieras. Därför används "
		    "begreppet *patient/brukare* för alla verksamheter och *hen* i stället "
		    "för könsbestämda pronomen, också i citat. Kategorier som färre än fem "
		    "personer "
		    "har uttryckt redovisas inte per grupp.\n\n"
		    "Intervjuarna har i möjligaste mån inte haft tidigare kontakt med "
		    "respondenterna.");
	case 7: /* resultatdiskussion */
		return buf_printf(b,
		    "%s\n\n"
		    "Rollen växer fram i samspelet mellan peer supporterns egna erfarenheter, "
		    "arbetsplatsens förväntningar och de uppgifter som ges. En tydlig "
		    "kontaktperson med avsatt tid framstår som avgörande.",
		    u == 0 ? "Över de tre utvärderingarna blev beskrivningarna av rollen "
		             "tydligare och oron för risker minskade, medan frågan om finansiering "
		             "efter projekttiden kvarstod." :
		             "Alla grupper beskriver insatsen som positiv för verksamheten, även om "
		             "det ännu är för tidigt att se effekter på återhämtning.");
	case 8: /* metoddiskussion */
		return buf_adds(b,
		    "Flera av utvärderarna kände sedan tidigare till projektet, vilket kan ha "
		    "färgat tolkningen. Den dubbla kodningen minskar den risken.\n\n"
		    "Urvalet är litet och personalen utsågs av cheferna; resultaten kan "
		    "därför inte överföras rakt av till andra verksamheter.");
	case 9: /* referenser */
		return buf_adds(b,
		    "- Graneheim, U. H., Lindgren, B.-M. & Lundman, B. (2017). Methodological "
		    "challenges in qualitative content analysis: A discussion paper. *Nurse "
		    "Education Today*, 56, 29-34.\n"
		    "- Vetenskapsrådet (2017). *God forskningssed*. Stockholm: "
		    "Vetenskapsrådet.\n"
		    "- Slade, M. (2009). *Personal recovery and mental illness*. Cambridge: "
		    "Cambridge University Press.");
	default:
		return UF_EINTERNAL;
	}
}

/* One reflection per kategori (dq_categories order). */
static const char *const reflections[] = {
	"Beslutet om att delta togs oftast inte av den närmaste chefen, men chefens "
	"engagemang avgjorde hur projektet togs emot i personalgruppen.",
	"Där en större del av personalen var med i förberedelserna var man också mer "
	"nöjd med information och delaktighet.",
	"Rollen tog tid att definiera. En otydlig roll skapade behov av tydliga gränser, "
	"och oron för risker var störst där rollen var minst beskriven.",
	"Kontaktpersonen blev för de flesta peer supportrar den som introducerade dem. "
	"Det förutsätter att kontaktpersonen har tid och ett tydligt uppdrag.",
	"Patienter/brukare beskriver framför allt att det är lättare att prata med någon "
	"som varit med om liknande saker, och att det ger hopp.",
	"Endast ett fåtal beskrev att atmosfären på arbetsplatsen påverkats; kategorin "
	"redovisas därför inte per grupp.",
};

uf_err
dq_reflection_text(struct buf *b, size_t category, int months)
{
	if (category >= sizeof reflections / sizeof reflections[0])
		return UF_EINTERNAL;
	if (months == 0)
		return buf_printf(b, "%s\n\nÖver tid: kategorin fanns med i flera av "
		                     "utvärderingarna; se tabellen över förändring mellan omgångarna.",
		    reflections[category]);
	return buf_printf(b, "%s\n\nUtvärdering %d (%d månader).", reflections[category],
	    utv(months), months);
}
