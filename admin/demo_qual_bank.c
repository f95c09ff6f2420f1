/* SPDX-License-Identifier: ISC
 * The demo's qualitative material as data: the code tree (kategori >
 * subkategori > kod, shaped like the delrapport's Tabell 1 and Resultat
 * headings), interview passages with their condensation and kod, the
 * interviewers' questions per theme and the synthetic interviewees' small
 * talk. Written for this project; no real person. Some passages say han/
 * hon and name the unit ({enhet}) so that the reports' de-gendering and
 * masking have something to do. demo_qual.c assembles documents from it.
 */
#include "demo_qual.h"

#define C (1u << GROUP_CHEF)
#define P (1u << GROUP_PERSONAL)
#define S (1u << GROUP_PEER)
#define B (1u << GROUP_PATIENT)

/* Parents come before their children; kategorier have parent -1. */
const struct dq_code dq_codes[] = {
	/* 0 */ { "Påverkansfaktorer för deltagande", -1 },
	/* 1 */ { "Behov i verksamheten", 0 },
	/* 2 */ { "Glapp mellan patient/brukare och personal", 1 },
	/* 3 */ { "En fortsättning på återhämtningsarbetet", 1 },
	/* 4 */ { "Chefens roll och engagemang", 0 },
	/* 5 */ { "Chefen driver frågan", 4 },
	/* 6 */ { "Beslutet togs högre upp", 4 },
	/* 7 */ { "Finansiering", 0 },
	/* 8 */ { "Extern finansiering avgörande", 7 },
	/* 9 */ { "Oro inför tiden efter projektet", 7 },
	/* 10 */ { "Förberedelser inför uppstart", -1 },
	/* 11 */ { "Information och delaktighet", 10 },
	/* 12 */ { "Information på APT", 11 },
	/* 13 */ { "Oklart vem som beslutade", 11 },
	/* 14 */ { "Utbildning", 10 },
	/* 15 */ { "Utbildningen uppskattad", 14 },
	/* 16 */ { "Behov av fortsatt utbildning", 14 },
	/* 17 */ { "Rollen peer support", -1 },
	/* 18 */ { "Rollen växer fram", 17 },
	/* 19 */ { "Otydlig roll i början", 18 },
	/* 20 */ { "Höga förväntningar på sig själv", 18 },
	/* 21 */ { "Riskfaktor med rollen", 17 },
	/* 22 */ { "Oro för säkerheten", 21 },
	/* 23 */ { "Svårt att sätta gränser", 21 },
	/* 24 */ { "Stöd och introduktion", -1 },
	/* 25 */ { "Kontaktperson", 24 },
	/* 26 */ { "Kontaktpersonen saknades", 25 },
	/* 27 */ { "Tid med kontaktpersonen", 25 },
	/* 28 */ { "Handledning", 24 },
	/* 29 */ { "Extern handledning värdefull", 28 },
	/* 30 */ { "Effekter för patienter/brukare", -1 },
	/* 31 */ { "Positiva erfarenheter", 30 },
	/* 32 */ { "Förmedlar hopp", 31 },
	/* 33 */ { "Lättare att prata", 31 },
	/* 34 */ { "Negativa erfarenheter", 30 },
	/* 35 */ { "Tiden räcker inte till alla", 34 },
	/* 36 */ { "Påverkan på arbetsplatsens atmosfär", -1 },
	/* 37 */ { "Hur personal pratar om patienter/brukare", 36 },
	/* 38 */ { "Tänker efter innan man pratar", 37 },
};
const size_t dq_ncodes = sizeof dq_codes / sizeof dq_codes[0];

/* Each kategori's place among the themes of the interview guides, and the
 * one kategori kept rare so that its counts fall under --min-cell. */
const struct dq_category dq_categories[] = {
	{ 0, DQ_PLAN, 1, false },
	{ 10, DQ_PLAN, 1, false },
	{ 17, DQ_IMPL, 1, false },
	{ 24, DQ_IMPL, 1, false },
	{ 30, DQ_ERF, 2, false },
	{ 36, DQ_ERF, 1, true },
};
const size_t dq_ncategories = sizeof dq_categories / sizeof dq_categories[0];

const struct dq_passage dq_passages[] = {
	{ 2, C | P, "Det har saknats något som fyller ut glappet mellan patienterna och oss i "
	            "personalen, och där passar peer supportern in.",
	    "Peer supportern fyller glappet mellan patient/brukare och personal." },
	{ 2, P | S, "Patienterna ser oss som personal, och det finns alltid en beroendeställning. "
	            "Hon står på ett annat sätt bredvid dem.",
	    "Peer supportern står bredvid patienterna, utan beroendeställning." },
	{ 2, B, "Med personalen blir det mest om medicinerna, med peer supportern kan jag prata "
	        "om annat.",
	    "Pratar om annat med peer supportern än med personalen." },
	{ 3, C, "Vi har jobbat återhämtningsinriktat i flera år, så att anställa en peer supporter "
	        "kändes som nästa självklara steg.",
	    "Peer support som en fortsättning på återhämtningsarbetet." },
	{ 3, P | S, "Det passade in i hur vi redan försöker arbeta på {enhet}, med delaktighet "
	            "och brukarinflytande.",
	    "Passar arbetsplatsens arbetssätt med delaktighet och brukarinflytande." },
	{ 5, P, "Chefen har verkligen brunnit för det här och drivit på hela vägen, annars hade "
	        "vi nog inte varit med.",
	    "Chefens engagemang avgörande för deltagandet." },
	{ 5, C, "Jag har förankrat det i nämnden och i samverkan med facket, så att det ska "
	        "finnas kvar över tid.",
	    "Chefen förankrade projektet för att det ska bestå." },
	{ 6, C | P, "Ärligt talat blev vi tillfrågade uppifrån, det var inte vi som drev frågan "
	            "från början.",
	    "Beslutet om deltagande fattades på högre nivå." },
	{ 8, C, "Utan de statliga medlen hade vi inte kunnat ta in en tjänst till, det ska "
	        "sägas rakt ut.",
	    "Extern finansiering nödvändig för tjänsten." },
	{ 8, P, "Vi visste att det var projektpengar, men inte riktigt varifrån de kom eller hur "
	        "länge de räcker.",
	    "Osäkerhet om finansieringens ursprung och längd." },
	{ 9, C | P, "Det finns ju inga extrapengar, så skulle tjänsten ligga i budgeten blir det "
	            "en skötare mindre.",
	    "Oro att tjänsten tar resurser från annan personal." },
	{ 9, S, "Jag vet inte om jag har kvar jobbet efter projekttiden, och halvtid räcker inte "
	        "att leva på.",
	    "Oro för anställningen och för låg tjänstgöringsgrad." },
	{ 12, C | P, "Vi fick informationen på APT, och sedan pratade vi mycket om det i "
	             "arbetsgruppen.",
	    "Information på APT och samtal i arbetsgruppen." },
	{ 12, C, "Vid varje steg har vi informerat om vad som händer nu, så att ingen ska bli "
	         "överraskad.",
	    "Löpande information vid varje steg." },
	{ 13, P, "Det är fortfarande lite oklart för mig vem som egentligen bestämde att vi "
	         "skulle vara med.",
	    "Oklart vem som beslutade om deltagandet." },
	{ 13, S, "När jag kom hade inte alla i personalen hört att jag skulle börja, det blev "
	         "nästan en chock.",
	    "Personalen var inte informerad om starten." },
	{ 15, C | P, "Utbildningen var jättebra, den borde vara obligatorisk för alla som "
	             "börjar här.",
	    "Utbildningen uppskattad, bör vara obligatorisk." },
	{ 15, S, "Vi blev ett sammansvetsat gäng på utbildningen och fick arbeta med vår egen "
	         "berättelse.",
	    "Utbildningen gav gemenskap och arbete med den egna berättelsen." },
	{ 16, P | S, "Frågorna dök upp först när det väl började, så vi hade behövt en "
	             "uppföljning efter ett tag.",
	    "Behov av utbildning även efter starten." },
	{ 16, S, "Jag hade velat lära mig mer samtalsmetodik, till exempel motiverande "
	         "samtal.",
	    "Önskan om mer utbildning i samtalsmetodik." },
	{ 19, P, "Hen ska ju veta vad hen ska göra, men det har varit lite här och lite där.",
	    "Peer supporterns uppgifter upplevs spretiga." },
	{ 19, C, "I början var det svårt att veta hur mycket jag skulle styra och hur mycket "
	         "ansvar han kunde ta.",
	    "Osäkerhet om styrning och ansvar i början." },
	{ 19, S, "Jag trodde att det skulle gå fortare att hitta min roll, det tog nästan ett "
	         "halvår.",
	    "Rollen tog längre tid att hitta än väntat." },
	{ 20, S, "Jag hade höga förväntningar på mig själv att fixa något, och kände att jag "
	         "borde göra mer.",
	    "Höga förväntningar på den egna insatsen." },
	{ 20, C, "Hon ville så mycket från första dagen att vi fick hjälpa henne att dra i "
	         "bromsen lite.",
	    "Chefen bromsade peer supporterns höga ambitioner." },
	{ 22, P, "Hen försvinner på kvällarna in till någon patient, och då vet vi inte var hen "
	         "är. Det är ett riskmoment.",
	    "Oro när peer supporterns var man befinner sig är okänt." },
	{ 22, C | P, "Vad händer om peer supportern öppnar dörren åt fel person på avdelningen?",
	    "Oro för rutiner och säkerhet på avdelningen." },
	{ 23, C, "Det har hänt att han lovat en patient att få gå ut, och det kan han ju inte "
	         "bestämma.",
	    "Peer supportern har lovat saker utanför sitt mandat." },
	{ 23, S, "Det är svårt att sitta på händerna när jag ser att det finns saker att göra "
	         "som egentligen är personalens.",
	    "Svårt att låta bli personalens arbetsuppgifter." },
	{ 26, S, "Min kontaktperson var inte på plats när jag började, så första dagen visste "
	         "jag inte vad jag skulle göra.",
	    "Kontaktpersonen saknades vid starten." },
	{ 26, P, "Kontaktpersonen hade inte gått utbildningen, så hon kunde inte svara på så "
	         "mycket.",
	    "Kontaktpersonen saknade utbildning." },
	{ 27, S, "Tiden med kontaktpersonen rann ut i sanden, det fanns aldrig någon avsatt "
	         "tid.",
	    "Ingen avsatt tid med kontaktpersonen." },
	{ 27, C | P, "Vi har satt av en stund varje vecka där kontaktpersonen och peer "
	             "supportern går igenom hur det går.",
	    "Fast veckotid med kontaktpersonen." },
	{ 29, S, "Handledningen med de andra peer supportrarna är guld värd, där kan jag ta upp "
	         "allt.",
	    "Handledning i grupp med andra peer supportrar värdefull." },
	{ 29, C, "Den externa handledningen har fungerat bra, men jag hade velat få mer "
	         "återkoppling som chef.",
	    "Extern handledning fungerar; chefen saknar återkoppling." },
	{ 32, P | C, "Han inger hopp till dem som är i samma situation som han själv har "
	             "varit i.",
	    "Peer supportern inger hopp genom egen erfarenhet." },
	{ 32, S, "Plötsligt tändes blicken och vi kunde prata om drömmar, och hon blev nästan "
	         "chockad själv.",
	    "Samtal om drömmar väckte hopp hos patienten/brukaren." },
	{ 32, B, "När jag hör hur det gick för henne tror jag att det kan bli bättre för mig "
	         "också.",
	    "Peer supporterns berättelse ger hopp." },
	{ 33, B, "Det är lättare att prata med någon som har varit med om samma sak, man "
	         "behöver inte förklara allt.",
	    "Lättare att prata med någon med egen erfarenhet." },
	{ 33, P | C, "Många frågar efter hen när hen inte är här, det säger en hel del.",
	    "Patienter/brukare efterfrågar peer supportern." },
	{ 33, B, "Hon dömer inte, och det gör att jag vågar säga hur det egentligen är.",
	    "Peer supportern dömer inte, det ger mod att berätta." },
	{ 35, S, "Ibland har jag dåligt samvete när jag går hem, någon fick mycket tid och "
	         "någon annan fick backa.",
	    "Otillräcklighet när tiden inte räcker till alla." },
	{ 35, P, "Vissa patienter tar mycket tid, och då är det andra som inte får någon tid "
	         "alls.",
	    "Tiden fördelas ojämnt mellan patienter/brukare." },
	{ 35, B, "Jag skulle vilja träffa peer supportern oftare, men det är så många som vill "
	         "prata.",
	    "Önskar träffa peer supportern oftare." },
	{ 38, P | C, "Vi tänker nog efter mer innan vi pratar om patienterna nu, vi är inte lika "
	             "vidlyftiga i snacket.",
	    "Personalen tänker efter hur de pratar om patienter/brukare." },
	{ 38, P, "Det blev en påminnelse för oss alla om hur vi uttrycker oss i personalrummet "
	         "på {enhet}.",
	    "Påminnelse om hur personalen uttrycker sig." },
};
const size_t dq_npassages = sizeof dq_passages / sizeof dq_passages[0];

/* What the interviewer asks, per theme; staff and patients differ. */
const char *const dq_questions[DQ_THEME__MAX][2] = {
	[DQ_PLAN] = { "Kan du berätta om hur det gick till när ni bestämde er för att ta emot "
	              "en peer supporter?",
	    "Hur fick du veta att det finns en peer supporter här?" },
	[DQ_IMPL] = { "Hur har arbetet med peer supportern organiserats på arbetsplatsen, och "
	              "vilket stöd har funnits?",
	    "Hur brukar ni träffas, du och peer supportern?" },
	[DQ_ERF] = { "Vilka erfarenheter har du av peer support hittills, vad har fungerat och "
	             "vad har varit svårt?",
	    "Vad har träffarna med peer supportern betytt för dig?" },
};

/* Uncoded talk between the passages. */
const char *const dq_fillers[] = {
	"Ja, alltså, det är en bra fråga.",
	"Hm, låt mig tänka.",
	"Det är väl så jag ser på det i alla fall.",
	"Jag vet inte om det svarar på frågan.",
	"Ja.",
	"Det har vi pratat om en del.",
	"Så är det nog för de flesta här.",
};
const size_t dq_nfillers = sizeof dq_fillers / sizeof dq_fillers[0];
