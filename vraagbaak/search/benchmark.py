"""Generating realistic volume and timing searches on it (``manage.py zoek_benchmark``).

Everything that does not need a database is a pure function here and is tested on its own:
the vocabulary and the text generator, the benchmark queries and the percentiles. The
generator writes with PostgreSQL ``COPY`` (psycopg) and bypasses the search signals, so
the index is rebuilt afterwards with :func:`vraagbaak.search.index.rebuild_database_index`.

Generated accounts have e-mail addresses at ``@benchmark.invalid``; nothing else is
touched, and generating refuses to run in a database whose name does not say it is a
benchmark or test database (see :func:`check_database_name`).
"""

from __future__ import annotations

import itertools
import json
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from vraagbaak.search.thesaurus import ABBREVIATIONS, COMPOUND_PARTS, SEED_SYNONYMS
from vraagbaak.search.types import SearchQuery

BENCH_DOMAIN = "benchmark.invalid"
MEASURING_EMAIL = f"meting@{BENCH_DOMAIN}"
DEMO_FILE = Path(__file__).resolve().parents[1] / "core" / "demo" / "voorbeeldvragen.json"

#: Word frequencies of the seed documents (the four reports on the first 1000 days), as
#: "word count" pairs: realistic Dutch of the domain, stop words included. Taken once from
#: the seeds so the project never reads them at run time.
SEED_WORDS = """
de 2228 en 1629 van 1350 het 1229 een 1022 in 945 te 843 ouders 753 voor 710 is 658 om 606
met 604 op 547 professionals 508 zijn 408 die 377 dat 373 aan 357 kunnen 352 wat 333 of 323
er 311 je 276 bij 253 als 247 niet 246 deze 242 zorg 234 dit 227 kan 224 over 220 ook 218
worden 212 hebben 204 start 201 ouder 182 kansrijke 178 aanstaande 177 hulp 176 door 174
beter 173 hun 172 we 165 wordt 164 hoe 163 meer 155 kwetsbare 143 goed 137 uit 137 ze 136
nodig 133 naar 127 bereiken 127 waar 121 netwerk 120 maar 119 ik 118 zij 116 gezonde 113
eerste 106 maken 101 aanpak 97 andere 97 bijvoorbeeld 97 contact 95 tot 92 heeft 88 dan 88
dagen 86 professional 86 belangrijk 86 kind 85 al 84 ondersteuning 83 veel 83 nog 82 doen 81
vragen 81 kwetsbaarheid 81 gaat 79 zich 79 binnen 77 aanbod 77 zo 76 helpen 72 zoals 72 via
70 hen 70 betrokken 69 bieden 68 kinderen 67 elkaar 67 tussen 66 belang 65 vanuit 65 vinden
65 informatie 65 alle 64 verhoogde 64 komen 62 werken 62 samenwerking 62 mogelijk 61
zwangerschap 61 lokale 60 verschillende 60 gaan 58 sociale 58 partijen 57 geven 57 omdat 56
inzet 55 omstandigheden 55 welke 54 kennis 53 aandacht 52 moet 52 eigen 51 stellen 51
sociaal 50 gesprek 50 behoefte 50 maatwerk 50 mensen 50 mee 49 verkenning 49 vaak 49 tijd 49
domein 48 wie 48 tijdens 48 zelf 48 concrete 47 wij 46 willen 46 samen 46 rol 46 leven 46
keten 46 krijgen 45 weten 45 juiste 45 ondersteunen 45 geen 45 goede 45 zorgen 45 werkt 44
maakt 43 ervaren 43 problemen 43 hier 42 zien 42 belangrijke 41 moeders 41 wel 41 extra 41
andersson 40 elffers 40 felix 40 aanbevelingen 40 zowel 40 nu 40 mogelijkheden 39 omgeving
39 beschikbaar 39 ouderschap 39 stress 39 voldoende 39 gemeente 39 factoren 38 kwetsbaar 38
moeten 38 leren 37 basis 37 inzichten 37 informele 37 werk 36 na 36 beeld 36 versterken 36
vraag 36 programma 36 aangrijpingspunten 35 per 35 coalitie 35 rondom 35 drie 35 iets 34
verder 34 ontwikkeling 34 hierbij 33 interventies 33 alleen 33 minder 33 daarnaast 33 staat
32 inzetten 32 handvatten 32 thema 32 vraagt 32 kaart 32 praktijk 31 gericht 31 urgente 31
problematiek 31 altijd 31 moment 30 snel 30 gezin 30 gezondheid 30 situatie 30 behoeften 30
risicofactoren 30 verbinding 29 één 29 meerdere 29 drempels 29 baby 29 gezinnen 29 haar 28
communicatie 28 naast 28 nieuwe 28 onderdeel 27 amsterdam 27 onder 27 soms 27 verloskundige
27 gemeenten 27 afspraken 27 doelgroep 26 vorm 26 weinig 26 hiervoor 25 daarmee 25 stap 25
integrale 25 groot 25 kansen 25 beschermende 25 bestaande 25 begrijpen 24 zodat 24 partners
24 doel 24 groep 24 gebruik 24 zwangeren 24 was 24 komt 24 overdracht 24 gevoel 24 ons 23
kennen 23 juist 23 daarom 23 wil 23 ten 23 echt 23 wanneer 23 onze 23 fase 23 jonge 23
kraamzorg 23 doelen 23 ideeën 23 kunt 22 jouw 22 waarin 22 daar 22 spelen 22 overzicht 22
escalatie 22 grote 22 manier 22 programmateam 22 af 21 groepen 21 medisch 21 twee 21 benut
21 centering 21 toegankelijkheid 21 specifiek 21 zou 21 organisaties 21 ruimte 21 gemaakt 21
elementen 21 moeder 21 zelfscan 21 helpt 20 gesprekken 20 slag 20 waarbij 20 duidelijk 20
risico 20 benutten 20 betere 20 organisatie 20 ben 19 ervaringen 19 doet 19 spreken 19
onderzoek 19 ontwikkeld 19 bijlage 19 focus 19 brengen 19 voorkomen 19 vertrouwen 19 mijn 19
betrekken 19 gezond 19 ontwikkelen 18 waarom 18 toe 18 eerder 18 brede 18 hulpmiddelen 18
buiten 18 weg 18 gezien 18 kwaliteit 18 nemen 18 houden 18 steun 18 biedt 18 heel 18
waardoor 18 beperkt 18 aansluiten 18 formele 18 coalities 18 warme 18 zwanger 18 advies 17
ervaringsdeskundigen 17 belemmeringen 17 liggen 17 gebeurt 17 thuis 17 dus 17 iedereen 17
lokaal 17 landelijk 17 beste 17 oudertelefoon 17 initiatieven 17 bereikt 17 www 17
aandachtspunten 17 opdracht 16 concreet 16 beleidsmakers 16 specifieke 16 leveren 16 zetten
16 volgende 16 situaties 16 laten 16 hij 16 geeft 16 iemand 16 moeilijk 16 heb 16 sprake 16
terwijl 16 onvoldoende 16 ingezet 16 online 16 voorbeelden 16 medische 16 https 16 daarbij
15 zie 15 idee 15 sneller 15 ligt 15 onderliggende 15 investeren 15 regie 15 praten 15
aangrijpingspunt 15 dingen 15 sommige 15 zorgt 15 bijv 15 anderen 15 taal 15 zicht 15
capaciteit 15 vaardigheden 15 breed 15 geboortezorg 15 nijmegen 15 jullie 15 bevalling 15
zoeken 14 jou 14 makkelijker 14 instrumenten 14 oplossing 14 staan 14 vrienden 14 buurt 14
voorlichting 14 wonen 14 experts 14 delen 14 vier 14 domeinen 14 verhaal 14 huidige 14
begeleiding 14 periode 14 hoofdstuk 14 weet 14 zichzelf 14 negatieve 14 fysieke 14 media 14
vooral 14 vergroten 14 ervoor 14 hierin 14 makkelijk 14 praktische 14 hulpverleners 14
oplossingsrichtingen 14 hand 14 jgz 14 casus 14 gezamenlijk 14 positieve 14 denk 14 meriam
14 community 14 preventieve 14 zoek 13 jeugdgezondheidszorg 13 kun 13 aantal 13 gebruiken 13
direct 13 alles 13 familie 13 hiermee 13 ontwerpsprint 13 zoveel 13 punt 13 ingangen 13
pregnancy 13 anoniem 13 daardoor 13 hulpverlening 13 rotterdam 13 open 13 zonder 13 doordat
13 meerwaarde 13 betrokkenen 13 voorzorg 13 toerusting 13 bespreek 13 sluitende 13 graag 12
overleg 12 inzicht 12 bereik 12 passende 12 sleutelpersonen 12 mogelijke 12 plaats 12
hulpvraag 12 geboorte 12 sluiten 12 voorkeur 12 laagdrempelig 12 kwetsbaarheden 12 belemmert
12 klik 12 collega 12 sterk 12 invloed 12 veilige 12 regio 12 heen 12 laat 12 leidt 12
seksualiteit 12 oog 12 gebrek 12 relatie 12 vaders 12 licht 12 bijdragen 12 handvat 12
echter 12 invulling 12 wijk 12 gezamenlijke 12 versterkt 12 voorbeeld 12 jaar 12 ggd 12
professionele 12 plan 12 linda 12 bredere 12 sluitend 12 holistische 12 vws 11 kost 11 elke
11 beleid 11 perspectief 11 waarde 11 definitie 11 zwangere 11 richting 11 anders 11 vormen
11 hulpmiddel 11 analyse 11 breder 11 werd 11 signaleren 11 kracht 11 der 11
informatiekanalen 11 voorzieningen 11 netwerkkaart 11 onderdelen 11 vind 11 daarin 11 kans
11 vervolgens 11 whatsapp 11 zeker 11 emotionele 11 gezondheidsvaardigheden 11 kijken 11
weer 11 bepaalde 11 herkennen 11 optimaal 11 leiden 11 bekend 11 manieren 11 systeem 11
signalen 11 vertrouwensband 11 concept 11 werkzame 11 lijn 11 reeds 11 actief 11 niveau 11
verloskundigen 11 sleutelfiguren 11 houdt 11 mdo 11 inwoners 11 persoonlijk 11
overkoepelende 11 community-aanpak 11 samenwerken 11 aanwezig 11 bewoners 11 gks 11
daadwerkelijk 10 allemaal 10 vraagstuk 10 voelen 10 beinvloeden 10 uitgewerkt 10 gedragen 10
informeel 10 getest 10 parenting 10 mogelijkheid 10 helder 10 social 10 belangrijkste 10
interviews 10 regelmatig 10 lastig 10 gratis 10 toekomst 10 omgaan 10 erg 10 zit 10 toch 10
zeggen 10 vertellen 10 bereikbaar 10 verwijzen 10 huisbezoek 10 bewust 10 persoon 10 geboden
10 gebracht 10 prototype 10 buddy 10 beperkte 10 uitwerking 10 locatie 10 hierop 10 check 10
optimale 10 visie 10 micha 10 leo 10 palet 10 gewerkt 10 gehechtheid 10 randvoorwaarden 10
jij 9 bijdrage 9 leefwereld 9 lukt 9 betekenen 9 klankbordgroep 9 dezelfde 9 hoeverre 9
bevinden 9 ideeén 9 helemaal 9 faciliteren 9 sensitief 9 implementatie 9 geholpen 9 complexe
9 gebied 9 gesprekskaartjes 9 oplossingen 9 uitkomsten 9 hulpverlener 9 mate 9 hierdoor 9
gedrag 9 jeugd 9 mentale 9 afhankelijk 9 zegt 9 kent 9 relevante 9 ga 9 veiligheid 9 tips 9
eens 9 blijven 9 wachtlijsten 9 aansluit 9 krijgt 9 actie 9 team 9 beschikbare 9 besproken 9
betekent 9 ervaringsdeskundige 9 name 9 gemeenschap 9 hierover 9 landelijke 9 deel 9 nader 9
welk 9 rapport 9 positie 9 bespreken 9 bijeenkomst 9 gekeken 9 maat 9 vader 9 tweede 9
pharos 9 verzorgers 9 tijdig 9 huisbezoeken 9 dossier 9 vroeg 9 elkaars 9 groepsgesprekken 9
slot 9 aannames 9 meest 8 stappen 8 verbeteren 8 tool 8 onderscheid 8 betreft 8 enkele 8
gemeenschappen 8 opleiding 8 kinderopvang 8 wijkteam 8 lvb 8 terug 8 begeleiden 8 steeds 8
doelgroepsegmentatie 8 beschreven 8 waren 8 achtergrond 8 elk 8 toerusten 8 faciliteer 8
digitale 8 plek 8 aanvulling 8 brengt 8 casuistiek 8 structureel 8 realiseren 8 toelichting
8 veerkrachtig 8 lage 8 psychische 8 draagt 8 vaker 8 contacten 8 bellen 8 mij 8 want 8
schaamte 8 drempel 8 huis 8 ontstaat 8 laaggeletterdheid 8 hiervan 8 valt 8 georganiseerd 8
niveaus 8 middelen 8 casussen 8 toegankelijk 8 toegerust 8 vullen 8 starten 8 net 8 borger 8
plekken 8 relevant 8 etc 8 directe 8 stoppen 8 doorbraakteam 8 veilig 8 heldere 8 reguliere
8 gedaan 8 tno 8 zouden 8 armoede 8 beperking 8 bereid 8 passend 8 bestuurders 8 sluit 8
expertise 8 denken 8 preventie 8 invioed 8 denkraam 8 activiteiten 8 monitoring 8 werkwijze
8 centrale 8 multi-problematiek 8 kansgebieden 8 continuïteit 8 cultuurbemiddelaar 8 utrecht
7 aef 7 actieprogramma 7 verminderen 7 handelen 7 vrouwen 7 huisarts 7 bent 7 centraal 7
geweest 7 uiteindelijk 7 stimuleren 7 onderling 7 gebieden 7 maak 7 gevallen 7 verhoogd 7
levensgebieden 7 toegevoegde 7 normaal 7 personen 7 voorwaarden 7 diverse 7 man 7 langer 7
moeilijke 7 ambities 7 chronische 7 toegang 7 regels 7 mogen 7 vindt 7 neem 7 fijn 7 vanaf 7
kinderwens 7 wantrouwen 7 bang 7 verschillen 7 onderwijs 7 blijft 7 eigenlijk 7
flexibiliteit 7 wensen 7 dienstverlening 7 voeren 7 keuzes 7 motivatie 7 huiselijk 7 geweld
7 culturele 7 kleine 7 fysiek 7 functie 7 informeren 7 vrijwilligers 7 stevig 7 aanpakken 7
all 7 merken 7 prioriteiten 7 bewustzijn 7 leefstijl 7 verstandelijke 7 gesproken 7 gekomen
7 vertegenwoordiging 7 sensitieve 7 stellingen 7 gezondheidsverschillen 7 gegeven 7 probleem
7 geboren 7 tiny 7 lopen 7 uitvoering 7 termijn 7 idealiter 7 verantwoordelijkheid 7
vergroot 7 amsterdamse 7 best 7 langere 7 signalering 7 buurtteams 7 gevraagd 6 uur 6
lastiger 6 even 6 erop 6 toekomstige 6 begrip 6 proces 6 verhalen 6 erasmus 6 effectiever 6
document 6 vele 6 school 6 vertrekpunt 6 bemoeilijken 6 gesprekspartners 6 ontwikkelde 6
ergens 6 haakjes 6 waarmee 6 formeel 6 nadruk 6 bevindingen 6 verken 6 genoemd 6 gang 6
campagne 6 leer 6 rijk 6 outreachend 6 bijzonder 6 voren 6 eén 6 opgeleverd 6 bestaan 6
intergenerationele 6 nederlands 6 halen 6 ondanks 6 jezelf 6 angst 6 loket 6 moeite 6
laagdrempeliger 6 terecht 6 geld 6 aanvragen 6 oordeel 6 schulden 6 geldt 6 doorverwijzen 6
zeer 6 escaleren 6 impact 6 winst 6 betrouwbare 6 leggen 6 kanalen 6 dragen 6 vermogen 6
tafel 6 zet 6 doe 6 netwerken 6 indien 6 website 6 zitten 6 organiseren 6 opgekomen 6
ouderwijzertelefoon 6 ontstaan 6 vaste 6 week 6 stand 6 acties 6 bepalen 6 aanstaand 6
disciplines 6 meegenomen 6 lees 6 toen 6 ieder 6 kruis 6 roken 6 communiceren 6 vsv 6 wijs 6
rekening 6 casuïstiek 6 cliënt 6 financiële 6 cruciale 6 inspiratiedossier 6 schap 6 nieuw 6
verwachten 6 neemt 6 vermindert 6 inkomen 6 ver 6 ketenzorg 6 plannen 6 vroegsignalering 6
ervan 6 wijze 6 paragraaf 6 bespaart 6 regiehouder 6 avg 6 voort 5 overige 5 bestaat 5
blijkt 5 vertalen 5 wetenschap 5 waarvan 5 wetenschappelijk 5 bovendien 5 complex 5 urgentie
5 speelt 5 richten 5 kerk 5 maatschappelijk 5 vervoer 5 uitgevoerd 5 combinatie 5
kwalitatief 5 onderbouwd 5 creéren 5 prototypes 5 kader 5 testen 5 scope 5 gelegd 5
concepten 5 helpend 5 belevingswereld 5 kenmerken 5 zorgprofessionals 5 cliént 5 investeerin
5 investeer 5 gezondheidsachterstanden 5 toegankelijke 5 wijken 5 orde 5 multidisciplinair 5
snelle 5 vormgeven 5 stappenplan 5 bronnen 5 hart 5 volgen 5 voordat 5 nooit 5 voelt 5 bron
5 ontvankelijk 5 jeugdervaringen 5 duidelijke 5 generatie 5 communicatiekanalen 5 land 5
erkenning 5 doenvermogen 5 onderzoeken 5 minuten 5 ontvangen 5 diegene 5 kloppen 5
nederlandse 5 antwoord 5 vallen 5 belemmeren 5 ervaring 5 begrepen 5 blik 5 verbinden 5
cliénten 5 gebaat 5 lezen 5 lang 5 grenzen 5 verdere 5 benoemen 5 noodzakelijk 5 context 5
gebruikt 5 tools 5 hele 5 zorgverleners 5 geval 5 meeste 5 geleerd 5 gedeeld 5 hoeft 5 baat
5 getoetst 5 gebaseerd 5 laagdrempelige 5 volledig 5 hoeven 5 eerst 5 status 5 nederland 5
samenhang 5 pas 5 opgroeien 5 gewenst 5 betrokkenheid 5 gekozen 5 kindje 5 kwam 5 tegen 5
care 5 volg 5 hechting 5 herken 5 bekijk 5 voel 5 lotgenotencontact 5 cliënten 5 help 5
maatjesprojecten 5 bouwen 5 vergt 5 uitvoeren 5 individuele 5 vrouw 5 verantwoordelijkheden
5 davie 5 sociaal-economische 5 tevens 5 hadden 5 invullen 5 programmadoelen 5 cijfers 5
cultuur 5 pijler 5 opnieuw 5 sandra 5 partij 5 dagen-aanpak 5 adviezen 5 meestal 5
groepsbijeenkomsten 5 toestemming 5 kernbehoeften 5 bepaald 5 valideren 5 bijbehorende 5
betrekking 5 okt 5 overdragen 5 veld 5 consult 5 communicatieve 5 regelingen 5 totaal 4
levert 4 reflectie 4 behavioural 4 design 4 sup 4 resultaten 4 inhoud 4 ingevuld 4 toetsen 4
spraken 4 welzijn 4 ggz 4 jeugdhulp 4 reiken 4 spoor 4 uitwerken 4 onderbouwing 4
uitgangspunt 4 gesteld 4 aanvullend 4 erachter 4 logische 4 varianten 4 werden 4 conceptie 4
noties 4 lerende 4 gespreksvoering 4 voldoet 4 eenvoudig 4 enige 4 krachten 4 schakelen 4
wilt 4 opgehaald 4 verzamelde 4 meegaven 4 urgent 4 tijden 4 hieruit 4 men 4 later 4 bijvoor
4 beroep 4 sociaalemotionele 4 meegemaakt 4 hoger 4 ongezondheid 4 google 4 fora 4 aangeven
4 verleden 4 hetis 4 kindertelefoon 4 hoog 4 durf 4 begrijpt 4 niets 4 gestopt 4 stempel 4
gevonden 4 instanties 4 routes 4 vanzelfsprekend 4 betalen 4 optie 4 steunen 4 culturen 4
lagen 4 verbetering 4 boodschap 4 raakt 4 ontbreekt 4 financiéle 4 verlengde 4 aanvullende 4
volgens 4 afstemming 4 benodigde 4 escalatiemogelijkheden 4 hulpvragen 4 wens 4 normaliseren
4 erkennen 4 overheid 4 bezie 4 niet-limitatieve 4 lijst 4 achter 4 lijkt 4 houding 4
verslaving 4 uitbreiding 4 hem 4 daarvoor 4 expliciet 4 effectieve 4 voldoen 4 eventueel 4
momenten 4 chatfunctie 4 spreekt 4 zal 4 bedacht 4 beide 4 iedere 4 opleveren 4 iiii 4 data
4 langdurig 4 financiering 4 steuning 4 daarna 4 steunouder 4 vooraf 4 pak 4 geleverd 4
regionale 4 relatief 4 wees 4 besteed 4 middel 4 nadere 4 bewustwording 4 natuurlijk 4
bedoelen 4 psycho 4 gesignaleerd 4 negatief 4 komst 4 toeleiding 4 vermijden 4 voeding 4
probleemoplossend 4 aanvaarden 4 stabiel 4 afkomstig 4 eigenwijs 4 maanden 4 bernard 4
behalen 4 samenwerkingsverbanden 4 jong 4 jongeren 4 vrije 4 korte 4 foundation 4 ander 4
ken 4 persoonlijke 4 vragenlijsten 4 ontmoetingsplekken 4 training 4 kijk 4
samenwerkingsverband 4 geboortezorgprofessionals 4 samenleving 4 nadenken 4 breng 4
maatschappelijke 4 nen 4 actuele 4 levensjaren 4 pdf 4 duurzaam 4 posities 4 positief 4
input 4 dochter 4 laag 4 groter 4 gezondheids 4 terugdringen 4 steunend 4 vel 4 essentieel 4
gefaciliteerd 4 evaluatie 4 dergelijke 4 inhoudelijke 4 kwets 4 bare 4 gehouden 4 duurzame 4
doorverwezen 4 gemeenschappelijke 4 intake 4 gemeen 4 gewoon 4 initiatief 4 simone 4
succesfactoren 4 aagg 4 buurten 4 actieve 4 eenduidige 4 de-eerste 4 nazorg 4 voldaan 4
bijvangst 4 aansluitend 4 uitgangspunten 4 wenselijkheid 4 haalbaarheid 4 voornaamste 4
verlaagt 4 doorverwijzing 4 slagingskans 4 buurtteam 4 vraagbaak 4 gebleken 4 bijscholing 4
doorlopend 4 framing 4 bestaand 4 aanvraag 4 prenataal 4 dagelijks 3 vertelt 3 maart 3
betreffende 3 opties 3 hieraan 3 wereld 3 horen 3 deelname 3 opnemen 3 moeskops 3 hoogeboom
3 oogopslag 3 aanleiding 3 zelfredzaam 3 achterstand 3 diegenen 3 moeilijkst 3
handelingsperspectief 3 leefwerelden 3 benadering 3 hecht 3 luisterend 3 oor 3 collectief 3
voortgang 3 zichtbaar 3 behulpzaam 3 verstaan 3 daarbuiten 3 sport 3 openbaar 3 verschillend
3 begeleid 3 jongerenwerk 3 scherp 3 onderzoekskader 3 conclusies 3 vlakken 3 voorhanden 3
primair 3 categorieén 3 zagen 3 doelgroepen 3 uniforme 3 interconceptiefase 3 middels 3
praktijken 3 opleidingen 3 standaard 3 aanspreekpunt 3 hulplijn 3 deskundigheidsbevordering
3 maatwerkvoorzieningen 3 telefoonnummer 3 speciaal 3 bijhorende 3 definities 3 tegenover 3
des 3 keer 3 praat 3 bedoeld 3 degenen 3 hardst 3 rekenen 3 risicogroep 3 voorkeuren 3 vast
3 levenslang 3 ziek 3 gemiddeld 3 korter 3 laaggeletterd 3 slecht 3 medewerker 3 opzoeken 3
facebook 3 controle 3 dromen 3 aangaven 3 zoontje 3 opvang 3 kon 3 dathet 3 konden 3
vertrouwt 3 oplevert 3 energie 3 prettig 3 termen 3 juridisch 3 ren 3 hokje 3 kom 3 afhaken
3 onderwerpen 3 beoordeeld 3 afstand 3 oprecht 3 terughoudend 3 kwijt 3 raken 3 klein 3
erzijn 3 diversiteit 3 cpz 3 professioneel 3 versimpelen 3 loopt 3 publieke 3 participatie 3
schotten 3 vakopvatting 3 privacy 3 ondernemen 3 ziekenhuis 3 onduidelijkheid 3
kraamverzorgenden 3 toegankelijker 3 verlichten 3 knelpunten 3 waarop 3 achterhalen 3
ongemak 3 inspelen 3 verhoudt 3 tegelijkertijd 3 aspecten 3 gedacht 3 ingrijpen 3 raden 3
ding 3 normaler 3 omgang 3 openstaan 3 kant 3 foto 3 stelt 3 diens 3 model 3 algemene 3
voordoen 3 sleutelpersoon 3 peer 3 groups 3 waardering 3 ogen 3 genoeg 3 dient 3 besteden 3
aangewezen 3 onafhankelijk 3 vrijwilliger 3 erkend 3 degene 3 kansrijk 3 letterlijk 3
onderhouden 3 accurate 3 commerciéle 3 talen 3 opgedaan 3 toegelicht 3 chatten 3 dekkend 3
eind 3 gehoord 3 vastlopen 3 deur 3 gaande 3 rond 3 regionaal 3 borging 3 verergering 3
snellere 3 oudersin 3 continue 3 machtig 3 coordinatie 3 studenten 3 principe 3 vormgegeven
3 instantie 3 monitoren 3 werkagenda 3 voorrang 3 gevoeld 3 werkwijzen 3 stel 3 prioriteit 3
lossen 3 verschilt 3 schrijven 3 mei 3 gingen 3 pakken 3 onderschreven 3 behulp 3 oppakken 3
ontzettend 3 verhogen 3 huisartsen 3 overal 3 term 3 roept 3 tessa 3 roseboom 3 uitdaging 3
zelfstandig 3 gedragsverandering 3 verslavingsproblematiek 3 psychiatrische 3
opvoedvaardigheden 3 ondersteunend 3 gezinsklimaat 3 paar 3 depressie 3 vroegen 3 hebt 3
leuk 3 redenen 3 gebruikte 3 uitvoeringsniveau 3 waarden 3 lopende 3 materialen 3
gespreksinstrumenten 3 mind 3 onbedoelde 3 statushouders 3 tieners 3 type 3 opvoedstijl 3
bijeenkomsten 3 opvoeding 3 financién 3 duizend 3 misschien 3 perinatale 3 eenvoudige 3
veranderd 3 nieuwsgierig 3 veerkracht 3 terugvraagmethode 3 vervullen 3 stemmen 3 nodige 3
regievoering 3 dichtbij 3 homestart 3 buurtcentrum 3 bibliotheek 3 mamacafé 3 alert 3
woorden 3 wijzen 3 verlenen 3 laaggeletterde 3 beantwoorden 3 samenwerkingspartners 3
kindermishandeling 3 project 3 begrippen 3 verdieping 3 ongeboren 3 lange 3 zelfs 3
garanderen 3 gesteund 3 kloof 3 groeit 3 hersenen 3 breiden 3 bijzondere 3 dacht 3 balans 3
uitgebreid 3 research 3 heid 3 wetenschappelijke 3 staande 3 betekenis 3 bundelt 3
inhoudelijk 3 vertaald 3 innovatieve 3 amersfoort 3 vroegste 3 mera 3 babyspullen 3 had 3
voortbouwen 3 toxische 3 verbindingen 3 hoort 3 stad 3 dracht 3 and 3 adverse 3 childhood 3
experiences 3 zelfvertrouwen 3 namelijk 3 inspanningen 3 samenwerkingsafspraken 3 intensief
3 aanwezige 3 integraal 3 vlak 3 medewerkers 3 specialistische 3 infor 3 lijke 3 daarvan 3
draagvlak 3 kwalitatieve 3 inkopen 3 interventie 3 effect 3 wijkteams 3 zwan 3 regierol 3
buurvrouw 3 verloskundi 3 speciale 3 specialist 3 inmiddels 3 aanstaan 3 kraam 3 aangeboden
3 eenvoudiger 3 geschikt 3 peuters 3 gevoerd 3 beschermt 3 gen 3 stuk 3 overtuigd 3
voorbereiding 3 voorkomt 3 opbrengst 3 mahieu 3 zuidoost 3 west 3 vuistregels 3 gezondere 3
start-aanbod 3 verbeterd 3 achterstands 3 joop 3 recent 3 meram 3 combineren 3 bevat 3
aandachtsgebieden 3 gezond-leven 3 roadmaps 3 youth 3 duizend-dagen 3 van-het 3
kansrijke-start 3 verloopt 3 barrières 3 gepubliceerde 3 kunde 3 objectieve 3 intrinsieke 3
stijgt 3 boven 3 individuen 3 herkend 3 bestuurlijk 3 eenduidigheid 3 terminologie 3
misverstanden 3 meetbare 3 rollen 3 implementatieplan 3 eindrapport 3 figuur 3 gebruikmaken
3 resultaat 3 vinger 3 oplossen 3 creëren 3 gewaardeerd 3 aankaarten 3 voortgekomen 3
aangevuld 3 gerefereerd 3 toegelichte 3 ai-tool 3 contactpersoon 3 moderator 3 videobellen 3
uitrusting 3 kerntaak 3 werkdruk 3 belasting 3 helper 3 practices 3 functionerende 3
geboorteketen 2 ministerie 2 borduren 2 exacte 2 dag 2 alvast 2 bedankt 2 tijdstip 2 mailto
2 begint 2 grip 2 schetsen 2 samenspel 2 hanteren 2 duiden 2 managementsamenvatting 2 lat 2
eren 2 beinvloed 2 besef 2 steunsysteem 2 zelforganisaties 2 winkels 2 supermarkt 2
sigaretten 2 iza 2 gynaecoloog 2 schuldhulpverlening 2 verslavingszorg 2 frisse 2 blikken 2
sue 2 meute 2 vliegende 2 bureauonderzoek 2 handelings 2 perspectieven 2 gedragsanalyse 2
benaderen 2 documentenstudie 2 concept-rapport 2 bleven 2 bovenste 2 overstijgt 2 stond 2
secundair 2 lijns 2 inzetbaar 2 geteste 2 originele 2 onderzoeksvraag 2 doelgroepsegmenten 2
gedragsdeterminanten 2 naarin 2 uitgegaan 2 verbindt 2 fases 2 losgelaten 2 behalve 2
expliciete 2 zorgvooreen 2 terugkomen 2 versterk 2 startpunten 2 creéer 2 lanceer 2
faciliteerin 2 allen 2 prikkelt 2 keren 2 cirkel 2 leerden 2 proberen 2 handvaten 2 bijlagen
2 methodiek 2 separate 2 ter 2 teaser 2 inleiding 2 langs 2 corona 2 urgenter 2 momentum 2
kijkje 2 mun 2 leja 2 anbessa 2 let 2 naatje 2 alexander 2 vorige 2 zoon 2 verantwoor 2
adaptive 2 preferences 2 mindere 2 hinderen 2 leert 2 zetje 2 beneden 2 chaos 2 effecten 2
hersen 2 benadeeld 2 felitti 2 strekken 2 herhaling 2 realistisch 2 hulpbehoefte 2 vandaan 2
noemen 2 first 2 foravoor 2 zelfde 2 interesse 2 peers 2 instagram 2 mede-ouders 2
levensfase 2 forum 2 maand 2 blij 2 autonomie 2 strubbelingen 2 onzekerheden 2 stabiele 2
sommigen 2 recente 2 studie 2 krachtige 2 werkgroep 2 geformuleerd 2 angsten 2 verwerken 2
mag 2 gek 2 dateen 2 gaven 2 emotie 2 opgeslagen 2 winnen 2 lastigis 2 aangeeft 2 geluisterd
2 gehaast 2 weggehaald 2 benadrukt 2 zwakheden 2 stigmatisering 2 indruk 2 dom 2 uitpraten 2
werkelijkheid 2 jeugdzorg 2 pakt 2 oudste 2 weleens 2 pad 2 kinderwagen 2 ov-kaart 2
versnipperde 2 informatievoorziening 2 beantwoord 2 vol 2 bus 2 interculturele 2 workshops 2
handelingsverlegen 2 benoem 2 stigmatiseren 2 gelijkwaardige 2 preconceptiefase 2
versterkend 2 inclusief 2 gefragmenteerde 2 klachten 2 domeinoverstijgende 2 strakke 2
erisvaak 2 wetgeving 2 achten 2 gemaakte 2 werkafspraken 2 vergoedingen 2 handgeld 2
maatwerkbudget 2 verzekering 2 ditin 2 peergroups 2 vertrouwd 2 vizier 2 opleidingsniveau 2
artsen 2 oordeelsvorming 2 snelheid 2 grootst 2 ondermeer 2 meebrengen 2 verspreiden 2
directer 2 ehealth 2 beschikken 2 autonoom 2 treden 2 behoeftes 2 opgeleid 2 aangesproken 2
bovenstaande 2 presentiebenadering 2 uiteraard 2 zullen 2 genoemde 2 hangt 2 bleek 2 gewend
2 visueel 2 methode 2 reden 2 hartstikke 2 mooi 2 leefomstandigheden 2 onderstaand 2
component 2 acteren 2 verstandelijk 2 maatschappij 2 aannemen 2 domeinoverstijgend 2
migranten 2 crisiskaart 2 verward 2 systemen 2 mist 2 platform 2 goedkeuring 2 gegevens 2
toegevoegd 2 visuele 2 inte 2 verwarring 2 uitkomst 2 waardevolle 2 voorzien 2 datis 2 iii 2
sta 2 borgt 2 netwerkversteviger 2 belegd 2 mentor 2 proactieve 2 verkennen 2 jim-aanpak 2
traditionele 2 toegangswegen 2 websites 2 beheersen 2 evt 2 zogenaamde 2 verbeelding 2
reageren 2 oudergenoot 2 ongeacht 2 achterliggende 2 richt 2 doorbreken 2 qua 2 stelsel 2
leefomgeving 2 doorgaans 2 inschatten 2 veroorzaakt 2 ontwikkelingen 2 onveilige 2 melding 2
gezocht 2 spel 2 oorzaken 2 levensloopondersteuning 2 taken 2 levensloop 2 tegenaanlopen 2
principes 2 laaggeletterden 2 deels 2 naartoe 2 opvoeden 2 nietin 2 primaire 2
zelfredzaamheid 2 verjaardag 2 vangnet 2 borgen 2 varieert 2 ledereen 2 krachtig 2 opvolging
2 stopt 2 vraagstukken 2 rusten 2 checklist 2 beleidsmaker 2 vatten 2 praktisch 2 organiseer
2 interessant 2 distancing 2 verband 2 gewenste 2 vervolgstappen 2 begin 2 oproep 2
deelnemers 2 verschil 2 coordineren 2 aandachtspunt 2 opgeschaald 2 uitdragen 2 app 2
gestart 2 aanbieden 2 beschikbaarheid 2 teksten 2 kantoortijd 2 slim 2 nummer 2
miscommunicatie 2 geef 2 multiproblematiek 2 casusniveau 2 lerend 2 duidelijker 2 nare 2
weerbaar 2 omschrijving 2 vrij 2 gemerkt 2 discussie 2 vastgesteld 2 nadelige 2 beweging 2
rookgedrag 2 alcoholgebruik 2 dak 2 thuisloos 2 acute 2 september 2 overstijgend 2
verzamelen 2 beschrijving 2 getrouwd 2 eritrea 2 vriendinnen 2 taalmaatje 2 jongste 2
hoogeveen 2 moc 2 kabouterhuis 2 william 2 schrikker 2 zonmw 2 muzus 2 raedelijn 2 sprak 2
gewild 2 ging 2 voorbereid 2 dicht 2 succes 2 staven 2 gedachten 2 pre 2 dele 2 handreiking
2 geimplementeerd 2 menukaart 2 prezorg 2 wmo 2 trainen 2 trainingen 2 kwetsbaren 2
verlichting 2 babyroute 2 onafhankelijke 2 achterstandswijken 2 omgevingsfactoren 2 cjg 2
rijnmond 2 persona 2 ervaart 2 mbo 2 lagere 2 economische 2 anticonceptie 2 verzorging 2
stijl 2 stressoren 2 responsiviteit 2 video 2 game 2 directeuren 2 podcast 2 drijfveren 2
conceptenvellen 2 tilburg 2 pop-poli 2 kansrijkestart 2 écht 2 bereidheid 2 signaleer 2
gevoelig 2 relatieproblemen 2 merk 2 warm 2 zelfzorg 2 begrijpelijkheid 2 giz 2
zwangerwijzer 2 praatplaten 2 anticonceptiekoffer 2 rutgers 2 ontmoetingen 2 e-learning 2
effectief 2 gesprekstechnieken 2 checklists 2 bespreekbaar 2 telefonische 2 coaching 2
tijdsdruk 2 schakel 2 betrek 2 bedenken 2 taak 2 enzo 2 luchten 2 ouderwijzerchat 2
uitwisselen 2 bezig 2 vanzelf 2 babythuiszorg 2 raadpleeg 2 haken 2 autisme 2 beeldmateriaal
2 tolk 2 taalbarrière 2 hoge 2 andersom 2 bereikbare 2 blended 2 omzetten 2 uitbreiden 2
telefonisch 2 ondersteuningsmogelijkheden 2 waarschijnlijk 2 afleggen 2 meldcode 2
samenwerkt 2 draag 2 beïnvloeden 2 frustrerend 2 gelukkig 2 verantwoordelijk 2 daaraan 2
health 2 universiteit 2 jaren 2 days 2 groei 2 gevormd 2 erva 2 ringen 2 minister 2 tie 2
ners 2 trekker 2 achtergronden 2 huisvestingsproblemen 2 achterstandswijk 2 opgesteld 2
schermende 2 bovengenoemd 2 ingegaan 2 verloskunde 2 gynaecologie 2 healthy-pregnancy 2
vloed 2 illustreren 2 gemeentelijke 2 inspiratie 2 gevolgen 2 inclusieve 2 position 2 paper
2 vijf 2 coa 2 samenvatting 2 weken 2 consulten 2 nieuws 2 bereiden 2 voetbal 2 last 2
niemand 2 gelukt 2 vormt 2 omvang 2 teveel 2 gedrags 2 death 2 gerichte 2 kosten 2 relaties
2 seksueel 2 misbruik 2 stoppen-met 2 roken-coach 2 dringen 2 gezamenlijkheid 2 verbonden 2
koppelen 2 overgewicht 2 enorme 2 ziekenhuizen 2 samengewerkt 2 voorlopers 2 dische 2 pro 2
politiek-bestuurlijk 2 zorgpaden 2 leiders 2 zieken 2 huizen 2 ont 2 element 2 matie 2
spelers 2 formuleren 2 management 2 gezamen 2 gedefinieerd 2 uitkomstmaten 2 bijgestuurd 2
moskee 2 factor 2 bijdraagt 2 sterkt 2 pen 2 getraind 2 scholen 2 kin 2 afgestemd 2
community-based 2 gevoelige 2 verandering 2 samenhangende 2 slimme 2 levensdomeinen 2
puzzelstukjes 2 doelstellingen 2 kansrij 2 ties 2 geinvesteerd 2 groepsgerichte 2
cultuursensitief 2 abstract 2 gerschap 2 zolang 2 regisseurs 2 volwassenenzorg 2 sturen 2
bouwt 2 mary 2 henk 2 gewezen 2 wekelijks 2 gebeurd 2 beinvioeden 2 ontbreken 2 kraamperiode
2 betaald 2 verloskundig 2 schaadt 2 nagedacht 2 bod 2 preconceptiezorg 2 grootste 2 rook 2
vroege 2 aangesloten 2 benaderd 2 pact 2 telijk 2 aanspreken 2 waarbinnen 2 verdient 2
continuiteit 2 personeel 2 norm 2 vaderschap 2 geleden 2 ingrid 2 kwaliteitsfunctionaris 2
tegenaan 2 precies 2 bevallingsplan 2 samenwer 2 functioneren 2 kraamspecialisten 2 den 2
methodisch 2 daarbinnen 2 opzetten 2 leverden 2 ksv 2 deuren 2 waarderen 2 meedenken 2 apart
2 product 2 gefinancierd 2 zorgverzekeraars 2 buurthuizen 2 noord 2 zuid 2 aandeel 2 wisten
2 buurtaanpak 2 kaders 2 essentie 2 stadsdeel 2 liep 2 sinds 2 religieuze 2 kernboodschap 2
vieren 2 wél 2 empowerment 2 wilden 2 jeugdverpleegkundige 2 missen 2 enorm 2 anja 2
sterftecijfers 2 healthy 2 welzijnsorganisaties 2 risicogroepen 2 besloten 2 inderdaad 2
zwapp 2 voorlichtingsbijeenkomsten 2 werkers 2 prenatale 2 baan 2 band 2 dixie 2 gebroken 2
kritieke 2 manifest 2 nvo 2 bestanden 2 file 2 rijksoverheid 2 publicatie 2 sterke 2
aanmelding 2 coördinatie 2 geregeld 2 onderzocht 2 moest 2 leidde 2 gedeelde 2
probleemanalyse 2 artikelen 2 intentie 2 los 2 uitmaakt 2 gerealiseerd 2 bekeken 2
rapportage 2 blijvend 2 gezonde-en 2 helderheid 2 voornamelijk 2 tenminste 2 groeien 2
grotere 2 risicofactor 2 stadscoalitie 2 vastgestelde 2 versimpelde 2 brainstormsessie 2
oktober 2 sessie 2 november 2 essentiële 2 bovengenoemde 2 verzameling 2 voortkomen 2
samenwerkingsketen 2 meetbaar 2 realiteit 2 eerdere 2 gemakkelijk 2 lekker 2 gemist 2
partner 2 randvoorwaardelijk 2 dankzij 2 meteen 2 erna 2 fungeren 2 oplost 2 verdwijnen 2
antwoorden 2 handig 2 zoektocht 2 afspreken 2 weloverwogen 2 betaalde 2 vergemakkelijkt 2
aanlopen 2 opgeleide 2 soort 2 werkvloer 2 overvraagd 2 leerlijn 2 pool 2 stadsdelen 2
zorgoverleg 2 alarm 2 meeluisteren 2 gestimuleerd 2 doorgaande 2 overlap 2
hulpverlenerscarrousel 2 persoonsgegevens 2 digitaal 2 kastje 2 muur 2 contactgegevens 2
aangevraagd 2 verwachting 2 passen 2 toepassing 2 locaties 2 kennisdeling 2 ertoe 2
stimuleert 2 bekrachtigen 2 opgelost 2 overleggen 2 bekostiging 2 samenwerkingspartner 2
behandeling 2 opgenomen 2 gecommuniceerd 2 aangegeven 2 explicieter 2 voorgestelde 2
kwantitatieve 2 keuze 2
"""

#: Words people type in the search box: domain words of both the medical and the social
#: side, abbreviations and compounds. The benchmark's queries are drawn from these.
QUERY_TERMS: tuple[str, ...] = tuple(
    """
    zwangere zwanger kraamvrouw moeder vader ouders baby cliënte gezin partner tienermoeder
    schulden huurachterstand schuldhulp schuldhulpverlening geldzorgen ontruiming toeslagen
    bijstand woningcorporatie briefadres dakloos opvang huisvesting buurtteam wijkteam okt
    jgz ggz lvb mdo poh consultatiebureau verloskundige kraamzorg kraamverzorgende huisarts
    jeugdarts wachtlijst wachttijd tolk taalbarrière borstvoeding voeding babyspullen
    kinderwagen vaccinaties inentingen ongedocumenteerd verblijfsvergunning zorgverzekering
    onverzekerd arbeidsmigrant statushouder roken alcohol blowen verslaving verslavingszorg
    hechting huilen somber depressie angst psychose verward isolement eenzaam vrijwilliger
    maatje ervaringsdeskundige sleutelpersoon regie regiehouder overdracht doorverwijzen
    huisbezoek thuisbezoek meldcode geweld controle kinderwens anticonceptie
    zwangerschapsdiabetes diabetes laaggeletterd gezondheidsvaardigheden eigen bijdrage
    wmo gratis contactpersoon aanbod noord zuidoost nieuw-west oost west zuid centrum
    uithuisplaatsing pleeggezin zorgmijding afspraken beeldbellen vadergroep moedergroep
    """.split()
)

#: Demo risk factor names etc. are not needed here: facet values come from the database.


@dataclass(frozen=True)
class Vocabulary:
    """Weighted words for the text generator, real demo sentences and tag names."""

    words: tuple[str, ...]
    cum_weights: tuple[float, ...]
    sentences: tuple[str, ...]
    tags: tuple[str, ...]


def _tokens(text: str) -> list[str]:
    """Lowercased words of ``text`` (accents and inner hyphens kept)."""
    out = []
    for raw in text.lower().split():
        word = raw.strip(".,:;!?()[]'\"‘’“”/")
        if word and all(part.isalpha() for part in word.split("-")):
            out.append(word)
    return out


def _demo_texts() -> list[str]:
    """Titles, texts and solutions of the demo questions (they ship with the project)."""
    records = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    texts = []
    for record in records:
        texts += [record.get("titel") or "", record.get("tekst") or ""]
        texts.append(record.get("oplossing") or "")
    return [t for t in texts if t]


def _sentences(texts: Iterable[str]) -> list[str]:
    """Sentences of at least five words, split at . ? and !"""
    result = []
    for text in texts:
        start = 0
        for i, char in enumerate(text):
            if char in ".?!" and (i + 1 == len(text) or text[i + 1] == " "):
                sentence = text[start : i + 1].strip()
                start = i + 1
                if len(sentence.split()) >= 5:
                    result.append(sentence)
    return result


@lru_cache(maxsize=4)
def build_vocabulary(compounds: int = 4000, compound_weight: float = 0.5) -> Vocabulary:
    """The generator's vocabulary: seed word frequencies, the demo questions' words (weight
    3 per occurrence), every word of the thesaurus (2), the abbreviations (1) and
    ``compounds`` made-up compounds of known parts (a long tail, as real Dutch has)."""
    counts: Counter[str] = Counter()
    pairs = SEED_WORDS.split()
    for word, count in zip(pairs[::2], pairs[1::2], strict=True):
        counts[word] += int(count)
    demo = _demo_texts()
    for text in demo:
        for word in _tokens(text):
            counts[word] += 3
    tags: set[str] = set()
    for group in SEED_SYNONYMS:
        for phrase in group:
            for word in _tokens(phrase):
                counts[word] += 2
            if len(phrase) <= 30:
                tags.add(phrase)
    for short in ABBREVIATIONS:
        counts[short] += 1
    rng = random.Random(20261123)
    parts = sorted(COMPOUND_PARTS)
    weights: dict[str, float] = dict(counts)
    for _ in range(compounds):
        left, right = rng.sample(parts, 2)
        word = left + right
        weights[word] = weights.get(word, 0.0) + compound_weight
    words = tuple(sorted(weights))
    cum = tuple(itertools.accumulate(weights[w] for w in words))
    return Vocabulary(
        words=words,
        cum_weights=cum,
        sentences=tuple(_sentences(demo)),
        tags=tuple(sorted(tags))[:400],
    )


class TextGenerator:
    """Dutch-looking text of a given length from a :class:`Vocabulary` (deterministic per rng)."""

    def __init__(self, vocabulary: Vocabulary, rng: random.Random, *, demo_share: float = 0.15):
        self.vocabulary = vocabulary
        self.rng = rng
        self.demo_share = demo_share
        self._sentence_lengths = [len(s.split()) for s in vocabulary.sentences]

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocabulary.words, cum_weights=self.vocabulary.cum_weights, k=n)

    def text(self, n_words: int) -> str:
        """Exactly ``n_words`` words in sentences of 6-16 words; about ``demo_share`` of
        the sentences are real sentences from the demo questions."""
        rng = self.rng
        sentences = self.vocabulary.sentences
        out: list[str] = []
        count = 0
        while count < n_words:
            if sentences and rng.random() < self.demo_share:
                i = rng.randrange(len(sentences))
                if count + self._sentence_lengths[i] <= n_words:
                    out.append(sentences[i])
                    count += self._sentence_lengths[i]
                    continue
            k = min(rng.randint(6, 16), n_words - count)
            words = self.words(k)
            sentence = " ".join(words)
            end = "?" if rng.random() < 0.12 else "."
            out.append(sentence[:1].upper() + sentence[1:] + end)
            count += k
        return " ".join(out)

    def title(self, max_length: int = 160) -> str:
        """A title of 6-14 words (shortened at a word to ``max_length`` characters)."""
        words = self.words(self.rng.randint(6, 14))
        title = " ".join(words)
        while len(title) > max_length - 1 and len(words) > 6:
            words.pop()
            title = " ".join(words)
        title = title[: max_length - 1]
        return title[:1].upper() + title[1:] + ("?" if self.rng.random() < 0.5 else "")

    def length(self, low: int, high: int, mode: int) -> int:
        """A text length between ``low`` and ``high``, most often near ``mode``."""
        return round(self.rng.triangular(low, high, mode))


# --- queries ----------------------------------------------------------------------------

#: Query kinds in display order: key -> Dutch label.
QUERY_KINDS: dict[str, str] = {
    "twee_facetten": "twee woorden + 1-2 facetten",
    "twee": "twee woorden",
    "een": "één woord",
    "drie": "drie woorden",
    "typfout": "typfout / geen resultaat",
    "bladeren": "alleen facetten (bladeren)",
}

#: The target: p95 of this kind at most TARGET_P95_MS.
TARGET_KIND = "twee_facetten"
TARGET_P95_MS = 50.0

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one typing error (letter dropped, doubled, swapped or replaced)."""
    word = word.lower()
    for _attempt in range(10):
        i = rng.randrange(len(word))
        how = rng.choice(("drop", "double", "swap", "replace"))
        if how == "drop" and len(word) > 3:
            result = word[:i] + word[i + 1 :]
        elif how == "double":
            result = word[: i + 1] + word[i] + word[i + 1 :]
        elif how == "swap" and i + 1 < len(word):
            result = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            result = word[:i] + rng.choice(_LETTERS) + word[i + 1 :]
        if result != word:
            return result
    return word + rng.choice(_LETTERS)


def _facets(rng: random.Random, facet_values: dict[str, list[str]], n: int) -> dict:
    keys = [k for k, values in facet_values.items() if values]
    chosen = rng.sample(keys, min(n, len(keys)))
    filters = {}
    for key in chosen:
        values = facet_values[key]
        # Now and then two values of one facet (OR-ed).
        count = 2 if len(values) > 2 and rng.random() < 0.15 else 1
        filters[key] = rng.sample(values, count)
    return filters


def make_queries(
    kind: str, n: int, rng: random.Random, facet_values: dict[str, list[str]]
) -> list[SearchQuery]:
    """``n`` realistic queries of one kind (see :data:`QUERY_KINDS`).

    ``facet_values`` maps facet keys to the values that exist (taxonomy slugs, statuses).
    """
    if kind not in QUERY_KINDS:
        raise ValueError(f"unknown query kind {kind!r}")
    terms = list(QUERY_TERMS)
    long_terms = [t for t in terms if len(t) >= 7 and t.isalpha()]
    queries = []
    for _ in range(n):
        filters: dict[str, list[str]] = {}
        if kind == "twee_facetten":
            text = " ".join(rng.sample(terms, 2))
            filters = _facets(rng, facet_values, rng.choice((1, 1, 2)))
        elif kind == "twee":
            text = " ".join(rng.sample(terms, 2))
        elif kind == "een":
            text = rng.choice(terms)
        elif kind == "drie":
            text = " ".join(rng.sample(terms, 3))
        elif kind == "typfout":
            if rng.random() < 0.5:
                text = typo(rng.choice(long_terms), rng)
            else:
                first, second = rng.sample(long_terms, 2)
                text = f"{typo(first, rng)} {typo(second, rng)}"
        else:  # bladeren
            text = ""
            filters = _facets(rng, facet_values, rng.choice((1, 2)))
        queries.append(SearchQuery(text=text, filters=filters))
    return queries


# --- timing -----------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0-100) with linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    position = (len(ordered) - 1) * p / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Timing:
    """Latencies (ms) of one query kind, with the number of hits each query found."""

    kind: str
    label: str
    durations_ms: list[float] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    backends: set[str] = field(default_factory=set)

    @property
    def n(self) -> int:
        return len(self.durations_ms)

    def p(self, q: float) -> float:
        return percentile(self.durations_ms, q)

    @property
    def max(self) -> float:
        return max(self.durations_ms, default=0.0)

    @property
    def mean_total(self) -> float:
        return sum(self.totals) / len(self.totals) if self.totals else 0.0

    @property
    def zero_results(self) -> int:
        return sum(1 for t in self.totals if t == 0)

    def as_dict(self) -> dict:
        return {
            "soort": self.kind,
            "omschrijving": self.label,
            "n": self.n,
            "p50_ms": round(self.p(50), 2),
            "p95_ms": round(self.p(95), 2),
            "p99_ms": round(self.p(99), 2),
            "max_ms": round(self.max, 2),
            "gem_treffers": round(self.mean_total, 1),
            "zonder_treffers": self.zero_results,
            "backend": sorted(self.backends),
        }


def time_calls(
    kind: str,
    label: str,
    calls: Sequence[Callable[[], tuple[int, str]]],
    *,
    warmup: Sequence[Callable[[], tuple[int, str]]] = (),
) -> Timing:
    """Run the ``warmup`` calls untimed, then time every call of ``calls``.

    A call returns (number of hits, name of the backend that answered).
    """
    for call in warmup:
        call()
    timing = Timing(kind, label)
    for call in calls:
        start = time.perf_counter()
        total, backend = call()
        timing.durations_ms.append((time.perf_counter() - start) * 1000)
        timing.totals.append(total)
        timing.backends.add(backend)
    return timing


# --- generating (PostgreSQL) ------------------------------------------------------------


class BenchmarkError(Exception):
    """A Dutch message for the user: the benchmark cannot run as asked."""


def check_database_name(name: str) -> None:
    """Generating only goes into a database whose name says benchmark or test."""
    lowered = (name or "").lower()
    if "bench" not in lowered and "test" not in lowered:
        raise BenchmarkError(
            f"Genereren gebeurt alleen in een aparte database met ‘bench’ of ‘test’ in de "
            f"naam, niet in ‘{name}’. Maak er een, bijvoorbeeld: createdb vraagbaak_bench; "
            f"DATABASE_URL=postgres://postgres@127.0.0.1:5432/vraagbaak_bench "
            f".venv/bin/python manage.py migrate"
        )


@dataclass
class GenerationResult:
    users: int = 0
    vragen: int = 0
    antwoorden: int = 0
    koppelingen: int = 0
    seconds: float = 0.0


#: Share of the questions per status (in_review and rejected are not published).
STATUS_MIX = (
    ("solved", 0.40),
    ("open", 0.45),
    ("closed", 0.07),
    ("in_review", 0.05),
    ("rejected", 0.03),
)
CLOSE_REASONS = (("duplicate", 0.3), ("unsuitable", 0.3), ("expired", 0.4))
#: Disciplines of the generated authors, by how often they ask (others share the rest).
DISCIPLINE_WEIGHTS = {
    "verloskundige": 14,
    "jgz-verpleegkundige": 12,
    "buurtteam-medewerker": 12,
    "kraamverzorgende": 9,
    "huisarts": 6,
    "medisch-maatschappelijk-werker": 5,
    "schuldhulpverlener": 4,
    "ggz-behandelaar": 4,
}
#: Risk factors by how often they are chosen (others weigh 2).
RISK_WEIGHTS = {
    "financiele-problemen": 10,
    "psychosociale-problematiek": 8,
    "vermijden-van-zorg": 4,
    "onvoldoende-opvoedvaardigheden": 4,
    "nadelige-leefstijl": 4,
    "ongedocumenteerde-ouders": 3,
}
ORGANISATIONS = (
    "Verloskundigenpraktijk (fictief)",
    "Buurtteam (fictief)",
    "Ouder- en Kindteam (fictief)",
    "Kraamzorgorganisatie (fictief)",
    "Huisartsenpraktijk (fictief)",
    "Ziekenhuis (fictief)",
    "Welzijnsorganisatie (fictief)",
)


def _weighted(rng: random.Random, items: Sequence, weights: Sequence[float], k: int = 1) -> list:
    return rng.choices(items, weights=weights, k=k)


def _check_columns(cursor, table: str, columns: Sequence[str]) -> None:
    """Fail clearly when a table has a required column the generator does not fill."""
    cursor.execute(
        """
        SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = %s AND is_nullable = 'NO'
          AND column_default IS NULL AND is_identity = 'NO'
        """,
        [table],
    )
    missing = sorted({row[0] for row in cursor.fetchall()} - set(columns))
    if missing:
        raise BenchmarkError(
            f"De tabel {table} heeft verplichte kolommen die de generator niet vult: "
            f"{', '.join(missing)}. Pas vraagbaak/search/benchmark.py aan."
        )


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _reset_sequence(cursor, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
    )


def _copy(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """COPY ``rows`` into ``table`` (psycopg); returns the number of rows."""
    _check_columns(cursor, table, columns)
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def generate(
    *,
    vragen: int,
    antwoorden: int,
    seed: int = 1,
    progress: Callable[[str], None] = lambda message: None,
    now: datetime | None = None,
) -> GenerationResult:
    """Write ``vragen`` questions and about ``antwoorden`` answers with authors, taxonomy
    links and tags into the current PostgreSQL database (bulk COPY, one transaction).

    Does not index; call :func:`vraagbaak.search.index.rebuild_database_index` afterwards.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils.html import escape
    from django.utils.text import slugify
    from taggit.models import Tag

    from vraagbaak.taxonomie.models import Discipline, Fase, Risicofactor, Stadsdeel, Vraagtype
    from vraagbaak.vragen.models import Vraag

    if connection.vendor != "postgresql":
        raise BenchmarkError("De benchmark draait alleen op PostgreSQL.")
    started = time.perf_counter()
    rng = random.Random(seed)
    vocabulary = build_vocabulary()
    gen = TextGenerator(vocabulary, rng)
    now = now or datetime.now(UTC)
    result = GenerationResult()

    def html(text: str) -> str:
        return f"<p>{escape(text)}</p>"

    disciplines = list(Discipline.objects.values_list("id", "slug"))
    risks = list(Risicofactor.objects.values_list("id", "slug"))
    fases = list(Fase.objects.values_list("id", flat=True))
    stadsdelen = list(Stadsdeel.objects.values_list("id", flat=True))
    types = list(Vraagtype.objects.values_list("id", flat=True))
    if not (disciplines and risks and fases and stadsdelen and types):
        raise BenchmarkError(
            "De taxonomie (risicofactoren, fases, stadsdelen, vraagtypes, disciplines) is "
            "leeg. Draai eerst: python manage.py migrate"
        )
    discipline_weights = [DISCIPLINE_WEIGHTS.get(slug, 1) for _id, slug in disciplines]
    risk_ids = [i for i, _slug in risks]
    risk_weights = [RISK_WEIGHTS.get(slug, 2) for _id, slug in risks]

    tag_ids = []
    for name in vocabulary.tags[:150]:
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            slug = slugify(name)[:90] or "tag"
            if Tag.objects.filter(slug=slug).exists():
                slug = f"{slug}-{rng.randrange(10**6)}"
            tag = Tag.objects.create(name=name, slug=slug)
        tag_ids.append(tag.pk)
    vraag_type = ContentType.objects.get_for_model(Vraag)

    with transaction.atomic(), connection.cursor() as cursor:
        # --- authors -----------------------------------------------------------------
        n_users = max(20, vragen // 20)
        first_user = _next_id(cursor, "accounts_user")
        first_profile = _next_id(cursor, "accounts_profile")
        user_ids = list(range(first_user, first_user + n_users))
        user_disc = _weighted(rng, [d for d, _s in disciplines], discipline_weights, n_users)
        joined = now - timedelta(days=4 * 365)

        def users():
            for n, uid in enumerate(user_ids):
                email = MEASURING_EMAIL if n == 0 else f"collega-{uid}@{BENCH_DOMAIN}"
                yield ("!", False, "", "", False, True, joined, email, uid)

        result.users = _copy(
            cursor,
            "accounts_user",
            [
                "password",
                "is_superuser",
                "first_name",
                "last_name",
                "is_staff",
                "is_active",
                "date_joined",
                "email",
                "id",
            ],
            users(),
        )

        def profiles():
            for n, uid in enumerate(user_ids):
                yield (
                    first_profile + n,
                    uid,
                    f"Collega {uid}",
                    ORGANISATIONS[n % len(ORGANISATIONS)],
                    "Nederlands",
                    "verified",
                    "domain",
                    joined,
                    joined,
                    user_disc[n],
                )

        _copy(
            cursor,
            "accounts_profile",
            [
                "id",
                "user_id",
                "display_name",
                "organisation",
                "languages",
                "verification",
                "verified_via",
                "verified_at",
                "created_at",
                "discipline_id",
            ],
            profiles(),
        )
        progress(f"{n_users} auteurs aangemaakt")

        # --- the shape of every question, decided up front ------------------------------
        first_vraag = _next_id(cursor, "vragen_vraag")
        vraag_ids = list(range(first_vraag, first_vraag + vragen))
        statuses = _weighted(rng, [s for s, _w in STATUS_MIX], [w for _s, w in STATUS_MIX], vragen)
        # Some people ask much more than others.
        author_weights = [1 / (rank + 1) ** 0.8 for rank in range(n_users)]
        authors = _weighted(rng, user_ids, author_weights, vragen)
        published = [i for i, s in enumerate(statuses) if s not in ("in_review", "rejected")]
        answer_count = [0] * vragen
        solved = [i for i in published if statuses[i] == "solved"]
        for i in solved:
            answer_count[i] = 1
        rest = max(0, antwoorden - len(solved))
        if published and rest:
            # Negative-binomial-like spread: most threads get a few answers, some many.
            weights = [rng.gammavariate(1.5, 1.0) for _ in published]
            for i, k in Counter(rng.choices(published, weights=weights, k=rest)).items():
                answer_count[i] += k

        # --- questions and their answers ------------------------------------------------
        first_antwoord = _next_id(cursor, "vragen_antwoord")
        next_antwoord = first_antwoord
        three_years = 3 * 365 * 24 * 3600
        answer_rows: list[tuple] = []
        vraag_rows: list[tuple] = []
        risk_links: list[tuple[int, int]] = []
        type_links: list[tuple[int, int]] = []
        tag_links: list[tuple[int, int, int]] = []

        def flush_answers():
            nonlocal answer_rows
            if answer_rows:
                result.antwoorden += _copy(cursor, "vragen_antwoord", ANSWER_COLUMNS, answer_rows)
                answer_rows = []

        def flush_vragen():
            nonlocal vraag_rows
            if vraag_rows:
                result.vragen += _copy(cursor, "vragen_vraag", VRAAG_COLUMNS, vraag_rows)
                vraag_rows = []

        for i, vid in enumerate(vraag_ids):
            status = statuses[i]
            created = now - timedelta(seconds=rng.uniform(3600, three_years))
            is_published = status not in ("in_review", "rejected")
            published_at = created + timedelta(hours=rng.uniform(1, 48)) if is_published else None
            published_at = min(published_at, now) if published_at else None
            author = authors[i]
            last = published_at or created
            first_answer = None
            answerers = []
            for _k in range(answer_count[i]):
                at = min(now, (published_at or created) + timedelta(hours=rng.expovariate(1 / 72)))
                answerer = rng.choice(user_ids)
                answerers.append(answerer)
                hidden = rng.random() < 0.01
                held = not hidden and rng.random() < 0.005
                body = gen.text(gen.length(30, 150, 55))
                answer_rows.append(
                    (
                        next_antwoord,
                        vid,
                        answerer,
                        body,
                        html(body),
                        at,
                        at,
                        hidden,
                        at if hidden else None,
                        "Niet passend" if hidden else "",
                        held,
                        None if held else at,
                        "[]",
                        "",
                    )
                )
                next_antwoord += 1
                first_answer = at if first_answer is None else min(first_answer, at)
                last = max(last, at)
            solved_at = closed_at = None
            oplossing = ""
            close_reason = ""
            duplicate_of = None
            if status == "solved":
                solved_at = min(now, last + timedelta(days=rng.uniform(0.5, 14)))
                oplossing = gen.text(gen.length(30, 120, 50))
                last = solved_at
            elif status == "closed":
                closed_at = min(now, last + timedelta(days=rng.uniform(0.5, 30)))
                close_reason = _weighted(
                    rng, [c for c, _w in CLOSE_REASONS], [w for _c, w in CLOSE_REASONS]
                )[0]
                if close_reason == "duplicate" and i > 0:
                    duplicate_of = vraag_ids[rng.randrange(i)]
                last = closed_at
            title = gen.title()
            body = gen.text(gen.length(60, 200, 100))
            reviewed_at = published_at if status != "in_review" else None
            if status == "rejected":
                reviewed_at = created + timedelta(hours=rng.uniform(1, 48))
            vraag_rows.append(
                (
                    vid,
                    title,
                    body,
                    html(body),
                    status,
                    created,
                    last,
                    published_at,
                    last,
                    oplossing,
                    html(oplossing) if oplossing else "",
                    solved_at,
                    closed_at,
                    author,
                    None,
                    rng.choice(fases) if rng.random() < 0.9 else None,
                    rng.choice(stadsdelen) if rng.random() < 0.85 else None,
                    "[]",
                    close_reason,
                    duplicate_of,
                    first_answer,
                    "",
                    0,
                    reviewed_at,
                    None,
                    (answerers[-1] if answerers else None) if status == "solved" else None,
                )
            )
            n_risks = rng.choices((0, 1, 2, 3), weights=(10, 50, 30, 10))[0]
            for rid in set(_weighted(rng, risk_ids, risk_weights, n_risks)):
                risk_links.append((vid, rid))
            for tid in set(rng.choices(types, k=rng.choice((1, 1, 2)))):
                type_links.append((vid, tid))
            for tag in set(rng.choices(tag_ids, k=rng.choices((0, 1, 2, 3), (40, 30, 20, 10))[0])):
                tag_links.append((vid, vraag_type.pk, tag))
            # Questions first (the answers point to them), in chunks.
            if len(vraag_rows) >= 5000:
                flush_vragen()
                flush_answers()
                progress(f"{result.vragen} vragen, {result.antwoorden} antwoorden")
        flush_vragen()
        flush_answers()
        result.koppelingen += _copy(
            cursor, "vragen_vraag_risicofactoren", ["vraag_id", "risicofactor_id"], risk_links
        )
        result.koppelingen += _copy(
            cursor, "vragen_vraag_vraagtypes", ["vraag_id", "vraagtype_id"], type_links
        )
        result.koppelingen += _copy(
            cursor, "taggit_taggeditem", ["object_id", "content_type_id", "tag_id"], tag_links
        )
        for table in ("accounts_user", "accounts_profile", "vragen_vraag", "vragen_antwoord"):
            _reset_sequence(cursor, table)
    result.seconds = time.perf_counter() - started
    return result


VRAAG_COLUMNS = [
    "id",
    "title",
    "body",
    "body_html",
    "status",
    "created_at",
    "updated_at",
    "published_at",
    "last_activity_at",
    "oplossing",
    "oplossing_html",
    "solved_at",
    "closed_at",
    "author_id",
    "closed_by_id",
    "fase_id",
    "stadsdeel_id",
    "anonymity_findings",
    "close_reason",
    "duplicate_of_id",
    "first_answer_at",
    "moderation_note",
    "oplossing_reminders_sent",
    "reviewed_at",
    "reviewed_by_id",
    "solved_by_id",
]
ANSWER_COLUMNS = [
    "id",
    "vraag_id",
    "author_id",
    "body",
    "body_html",
    "created_at",
    "updated_at",
    "is_hidden",
    "hidden_at",
    "hide_reason",
    "is_held",
    "published_at",
    "anonymity_findings",
    "moderation_note",
]
