/* SPDX-License-Identifier: ISC
 * The bank of free-text answers for the demo: short, realistic Swedish
 * sentences per theme, written for this project. Some use han/hon/hans/
 * hennes on purpose so the reports' de-gendering has something to show.
 */
#include <string.h>

#include "demo.h"
#include "utf8.h"

static const char *const planering[] = {
	"Vi fick information på ett APT, men det kom ganska sent.",
	"Chefen var drivande och förklarade tidigt varför vi skulle delta.",
	"Det hade behövts mer tid att prata igenom farhågor i arbetsgruppen innan starten.",
	"Utbildningen om återhämtning var bra, men alla hann inte gå den.",
	"Jag visste inte riktigt vad hon skulle göra när hon började hos oss.",
	"Hon presenterade sig själv på ett personalmöte och det var ett bra sätt att börja.",
	"Han var med på intervjun och kändes som en bra matchning för avdelningen.",
	"Planeringen gjordes mest av ledningen, vi i personalen blev informerade i efterhand.",
	"Rekryteringen tog längre tid än vi hade räknat med.",
	"Det var oklart från början hur peer supportern skulle dokumentera.",
	"Vi hade redan erfarenhet av brukarinflytande, vilket gjorde det lättare.",
	"Hans bakgrund presenterades tydligt så att vi visste vad han kunde bidra med.",
};

static const char *const implementering[] = {
	"Hon har en kontaktperson, men de hinner sällan ses på grund av hög arbetsbelastning.",
	"Schemat behöver anpassas så att peer supportern finns på plats även på kvällar.",
	"Han är med på morgonmötena och det har gjort stor skillnad.",
	"Den externa handledningen fungerar bra, men vi saknar reflektion på arbetsplatsen.",
	"Det är fortfarande oklart vem som ska stötta peer supportern när chefen är borta.",
	"Tjänsten är på halvtid, vilket känns för lite.",
	"Det tog lång tid innan hon fick tillgång till datasystemen.",
	"Hennes arbetsuppgifter har blivit tydligare under året.",
	"Vi har infört en stund i veckan där vi pratar om hur samarbetet fungerar.",
	"Finansieringen efter projekttiden är inte klar och det skapar oro.",
	"Hans schema krockar ofta med gruppverksamheten.",
	"Peer supportern deltar på APT och är en självklar del av arbetsgruppen.",
};

static const char *const erfarenheter[] = {
	"Patienterna pratar om saker med honom som de inte tar upp med oss i personalen.",
	"Hon har blivit en viktig del av gruppen och många brukare frågar efter henne.",
	"Jag har själv börjat tänka mer på hur vi pratar om patienterna.",
	"Det har varit lärorikt för hela arbetsgruppen.",
	"Hennes egen erfarenhet ger hopp, det märks i samtalen.",
	"Hans närvaro har gjort stämningen på avdelningen lugnare.",
	"I början var vi osäkra, men nu ser de flesta nyttan.",
	"Jag önskar att fler fick träffa peer supportern, tiden räcker inte till alla.",
	"Ibland blir det otydligt var gränsen går mellan peer supporterns roll och vår.",
	"Brukarna på träffpunkten uppskattar att någon har gått igenom liknande saker.",
	"Det är det bästa vi har infört på länge.",
	"Vissa kollegor är fortfarande skeptiska.",
};

static const char *const patient[] = {
	"Det är skönt att prata med någon som förstår hur det är.",
	"Hon lyssnar och dömer inte.",
	"Han har hjälpt mig att börja gå ut på promenader igen.",
	"Jag skulle vilja träffa peer supportern oftare.",
	"Hennes berättelse gav mig hopp om att det kan bli bättre.",
	"Ibland är det svårt att få tid när det är mycket på avdelningen.",
	"Det är lättare att prata med honom än med personalen.",
	"Tack för att ni finns.",
	"Jag har börjat på en kurs tack vare stödet.",
	"Hans egen erfarenhet gör att jag känner mig mindre ensam.",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *
demo_text_pick(struct rng *r, enum respondent_group g, const char *theme,
    int max_chars)
{
	const char *const *bank = erfarenheter;
	size_t n = NELEM(erfarenheter), i, start;

	if (g == GROUP_PATIENT) {
		bank = patient;
		n = NELEM(patient);
	} else if (strncmp(theme, "plan", 4) == 0) {
		bank = planering;
		n = NELEM(planering);
	} else if (strncmp(theme, "impl", 4) == 0 || strncmp(theme, "org", 3) == 0) {
		bank = implementering;
		n = NELEM(implementering);
	}
	/* The first sentence from a random start that fits the limit. */
	start = (size_t)rng_range(r, 0, (long)n - 1);
	for (i = 0; i < n; i++) {
		const char *s = bank[(start + i) % n];

		if (utf8_chars(s, strlen(s)) <= (size_t)max_chars)
			return s;
	}
	return max_chars >= 2 ? "Ok" : "-";
}
