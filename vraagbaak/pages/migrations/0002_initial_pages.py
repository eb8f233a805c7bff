"""The starting content: a HomePage at the site root, the standard pages and a theme page
per risk factor (B1 Dutch). Editors change it all in the admin afterwards.

Wagtail's default welcome page is replaced, as `wagtail start` does in its own home
migration. Pages are created with the historical models, so the tree fields (path,
depth, numchild, url_path) are set by hand. Pages that already exist (by slug) are left
alone, so the migration never overwrites an editor's text.
"""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

# Treebeard's materialised path for Page: 4 characters per level in this alphabet.
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_STEPLEN = 4

VEILIG_THUIS = "<b>Veilig Thuis: 0800-2000</b> (gratis, dag en nacht)"

HOME_INTRO = (
    "<p>De GKS Vraagbaak is een online plek waar professionals elkaar helpen. Het gaat om "
    "zorg en hulp voor (aanstaande) ouders in kwetsbare omstandigheden, in de eerste 1000 "
    "dagen van een kind.</p>"
    "<p>Heb je een vraag over een casus? Zet je vraag op de Vraagbaak. Collega's uit andere "
    "vakgebieden denken mee. Bijvoorbeeld een verloskundige, een JGZ-verpleegkundige, een "
    "Buurtteam-medewerker of een schuldhulpverlener.</p>"
    "<h2>Wat kun je vragen?</h2>"
    "<ul>"
    "<li><b>Aanbod vinden:</b> welke hulp of voorziening past bij dit gezin?</li>"
    "<li><b>Contactpersoon vinden:</b> wie kan ik bellen bij deze organisatie?</li>"
    "<li><b>Meedenken bij een casus:</b> hoe pak ik dit samen aan?</li>"
    "</ul>"
    "<h2>Besloten en anoniem</h2>"
    "<p>De Vraagbaak is besloten. Alleen geverifieerde professionals lezen de vragen en "
    "antwoorden. Je schrijft je vraag anoniem: zonder namen, adressen of andere gegevens "
    "waarmee iemand het gezin kan herkennen. Een moderator let hierop.</p>"
    "<p>De Vraagbaak is niet voor acute situaties. Is er direct gevaar? Bel 112.</p>"
)

HOME_HOW_TO_JOIN = (
    "<ol>"
    "<li>Maak een gratis account aan met het e-mailadres van je werk.</li>"
    "<li>Bevestig je e-mailadres met de code die je krijgt.</li>"
    "<li>Vul je profiel in: je naam, vakgebied, organisatie en stadsdelen.</li>"
    "<li>Werk je bij een organisatie die we kennen? Dan kun je meteen beginnen. Anders "
    "bekijkt een moderator eerst je aanmelding. Dat duurt meestal een werkdag.</li>"
    "</ol>"
    '<p>Lees voor je eerste vraag de <a href="/schrijfwijzer/">schrijfwijzer</a> en de '
    '<a href="/huisregels/">huisregels</a>.</p>'
)

STANDARD_PAGES = [
    # (slug, title, intro, body)
    (
        "over",
        "Over de Vraagbaak",
        "De GKS Vraagbaak helpt professionals om sneller de juiste hulp te vinden voor "
        "(aanstaande) ouders en hun kind.",
        "<h2>Waarom een Vraagbaak?</h2>"
        "<p>Professionals in Amsterdam zeggen: we weten elkaar niet altijd te vinden. Je "
        "zoekt lang naar het juiste aanbod of de juiste persoon. De Vraagbaak komt uit het "
        "programma Gezonde en Kansrijke Start (GKS) in Amsterdam. Professionals hebben een "
        "eerste versie getest. Ze vonden hulp vragen zo makkelijk, en ze kregen snel "
        "antwoord.</p>"
        "<h2>Voor wie?</h2>"
        "<p>Voor iedereen die werkt met (aanstaande) ouders en kinderen tot 2 jaar. "
        "Bijvoorbeeld in de geboortezorg, de jeugdgezondheidszorg, de huisartsenpraktijk, het "
        "ziekenhuis, het sociaal domein, de GGZ of de kinderopvang. Ook ervaringsdeskundigen "
        "en vrijwilligers kunnen meedoen. Een moderator keurt hun account goed.</p>"
        "<p>Als we 'ouders' schrijven, bedoelen we ook verzorgers.</p>"
        "<h2>Hoe werkt het?</h2>"
        "<ul>"
        "<li>Je stelt een vraag over een casus, zonder gegevens die het gezin herkenbaar "
        "maken.</li>"
        "<li>Collega's antwoorden. Helpt een antwoord? Klik dan op 'dit hielp'.</li>"
        "<li>Is je vraag opgelost? Schrijf kort op wat de oplossing was. Zo leren anderen "
        "ervan.</li>"
        "<li>Een moderator let op anonimiteit en sluit opgeloste vragen.</li>"
        "</ul>"
        "<h2>Wat de Vraagbaak niet is</h2>"
        "<p>De Vraagbaak is geen plek voor acute situaties, meldingen of het overdragen van "
        "gegevens van cliënten. Is er direct gevaar? Bel 112. Maak je je zorgen over de "
        f"veiligheid van ouder of kind? Bel {VEILIG_THUIS}.</p>",
    ),
    (
        "huisregels",
        "Huisregels",
        "Zo houden we de Vraagbaak veilig, nuttig en prettig voor iedereen.",
        "<ol>"
        "<li><b>Schrijf anoniem.</b> Geen namen, adressen, exacte datums of andere gegevens "
        "waarmee iemand een gezin kan herkennen. Lees de "
        '<a href="/schrijfwijzer/">schrijfwijzer</a>.</li>'
        "<li><b>Eén casus per vraag.</b> Kijk eerst of er al een vraag is die erop lijkt.</li>"
        "<li><b>Wees respectvol.</b> Over ouders en over collega's. Schrijf over de hulpvraag, "
        "niet over 'het type ouder'.</li>"
        "<li><b>Deel wat je weet.</b> Noem aanbod, routes en contactpersonen bij organisaties. "
        "Deel geen privégegevens van collega's zonder hun toestemming.</li>"
        "<li><b>Vertel wat de oplossing was.</b> Is je vraag opgelost? Schrijf kort op wat "
        "werkte.</li>"
        "<li><b>Geen acute situaties.</b> Bij direct gevaar: bel 112. Bij zorgen over "
        f"veiligheid: {VEILIG_THUIS}.</li>"
        "<li><b>Geen reclame.</b> Noem aanbod alleen als het past bij de vraag.</li>"
        "</ol>"
        "<h2>Wat doet de moderator?</h2>"
        "<p>De moderator haalt herkenbare gegevens uit vragen en antwoorden. De moderator kan "
        "berichten verbergen die niet passen bij deze regels. En de moderator vraagt naar de "
        "oplossing. Zie je iets dat niet klopt? Laat het de moderator weten.</p>",
    ),
    (
        "privacy",
        "Privacyverklaring",
        "Hoe de Vraagbaak omgaat met jouw gegevens en met informatie over cliënten.",
        "<h2>Welke gegevens bewaren we?</h2>"
        "<ul>"
        "<li><b>Je account:</b> je e-mailadres en je wachtwoord. Het wachtwoord slaan we "
        "versleuteld op.</li>"
        "<li><b>Je profiel:</b> naam, vakgebied, organisatie, stadsdelen, expertise en talen. "
        "Andere professionals zien dit bij je vragen en antwoorden.</li>"
        "<li><b>Wat je schrijft:</b> vragen, antwoorden en oplossingen. Ook bij welke "
        "antwoorden je 'dit hielp' klikte en welke vragen je volgt.</li>"
        "<li><b>Technische gegevens</b> om de site veilig te houden, zoals wanneer je inlogt. "
        "We gebruiken alleen cookies die nodig zijn om in te loggen.</li>"
        "</ul>"
        "<h2>Geen gegevens van cliënten</h2>"
        "<p>Zet geen persoonsgegevens van cliënten op de Vraagbaak. Schrijf je vraag anoniem. "
        'Hoe dat moet, lees je in de <a href="/schrijfwijzer/">schrijfwijzer</a>. Staat er '
        "toch iets herkenbaars in? Dan haalt de moderator het weg. We bewaren geen oude "
        "versies van een tekst.</p>"
        "<h2>Waarvoor gebruiken we je gegevens?</h2>"
        "<ul>"
        "<li>Om je account te beheren en te controleren dat je professional bent.</li>"
        "<li>Om je een e-mail te sturen als er een antwoord is op je vraag, of op een vraag "
        "die je volgt. In die e-mail staat alleen een link, geen tekst over de casus.</li>"
        "</ul>"
        "<p>We delen je gegevens niet met anderen. We gebruiken ze niet voor reclame.</p>"
        "<h2>Jouw rechten (AVG)</h2>"
        "<ul>"
        '<li>Je kunt je gegevens altijd bekijken en aanpassen op je <a href="/profiel/">'
        "profiel</a>.</li>"
        '<li>Je kunt al je gegevens downloaden via <a href="/profiel/mijn-gegevens/">Mijn '
        "gegevens</a>.</li>"
        '<li>Je kunt je account verwijderen via <a href="/profiel/verwijderen/">Account '
        "verwijderen</a>. Je profiel is dan weg. Je vragen en antwoorden blijven staan, maar "
        "zonder je naam. Zo kunnen collega's er nog van leren.</li>"
        "</ul>"
        "<p>Heb je een vraag of een klacht over privacy? Neem contact op met de beheerder van "
        "de Vraagbaak. Je kunt ook een klacht indienen bij de Autoriteit "
        "Persoonsgegevens.</p>",
    ),
    (
        "schrijfwijzer",
        "Schrijfwijzer: zo stel je een anonieme vraag",
        "Zo schrijf je een goede vraag die anoniem is. Dan kunnen collega's je snel helpen.",
        "<h2>Wat betekent anoniem?</h2>"
        "<p>Niemand mag het gezin kunnen herkennen. Ook niet iemand uit dezelfde buurt of "
        "organisatie. Laat daarom weg:</p>"
        "<ul>"
        "<li>namen, ook voornamen en voorletters</li>"
        "<li>geboortedatums en exacte leeftijden. Schrijf 'ongeveer 30 jaar'.</li>"
        "<li>de exacte uitgerekende datum. Schrijf '± 36 weken'.</li>"
        "<li>adressen, straatnamen en postcodes</li>"
        "<li>telefoonnummers en e-mailadressen</li>"
        "<li>BSN, IBAN en andere nummers</li>"
        "<li>namen van kleine organisaties of locaties die iedereen in de buurt kent</li>"
        "<li>nationaliteit of afkomst, behalve als dat nodig is voor je vraag. Bijvoorbeeld "
        "omdat je een tolk zoekt.</li>"
        "</ul>"
        "<h2>Voorbeeld</h2>"
        "<p><b>Niet zo:</b><br/>'Mevr. [achternaam] (31), [straat + huisnummer] in de Indische "
        "Buurt, uitgerekend op [exacte datum], Syrische, 3e kind bij OKT [locatienaam]…'</p>"
        "<p><b>Wel zo:</b><br/>'Zwangere (ongeveer 30-35 jaar, ± 36 weken, 3e kind) in "
        "Oost…'</p>"
        "<p>De naam, het adres, de exacte datum en de locatie zijn weg. De nationaliteit ook, "
        "want die is niet nodig voor deze vraag.</p>"
        "<h2>Zo schrijf je een goede vraag</h2>"
        "<ul>"
        "<li><b>Titel:</b> vat je vraag samen in één zin. Bijvoorbeeld: 'Hoogzwangere met "
        "huurachterstand: ontruiming dreigt'.</li>"
        "<li><b>Situatie:</b> schrijf kort wat er speelt. Alleen wat nodig is voor je vraag."
        "</li>"
        "<li><b>Vraag:</b> schrijf op wat je zoekt: aanbod, een contactpersoon of iemand die "
        "meedenkt.</li>"
        "<li><b>Al geprobeerd:</b> schrijf op wat je al hebt gedaan. Dan krijg je geen "
        "dubbele tips.</li>"
        "<li><b>Labels:</b> kies de risicofactor, de fase en het stadsdeel. Zo vinden de "
        "juiste collega's je vraag.</li>"
        "</ul>"
        "<h2>Toestemming en overdracht</h2>"
        "<p>In een anonieme vraag deel je geen persoonsgegevens. Wil je daarna gegevens delen "
        "of iemand doorverwijzen? Vraag dan eerst toestemming aan de ouders. Regel de "
        "overdracht buiten de Vraagbaak, het liefst met een warme overdracht. Twijfel je? "
        "Vraag het de privacy-functionaris van je organisatie.</p>"
        "<h2>Bij acute zorgen</h2>"
        "<p>De Vraagbaak is niet voor acute situaties. Bij direct gevaar: bel 112. Bij "
        "medische zorgen: bel de huisarts of de huisartsenpost. Zorgen over de veiligheid van "
        f"ouder of kind? Volg de meldcode en bel {VEILIG_THUIS}.</p>"
        "<h2>Na je vraag</h2>"
        "<p>Helpt een antwoord? Klik op 'dit hielp'. Is je vraag opgelost? Schrijf kort op wat "
        "werkte. Zo leert iedereen ervan.</p>",
    ),
]

THEMAS = (
    "themas",
    "Thema's",
    "Per risicofactor vind je hier uitleg, tips en wat je doet bij acute zorgen. De "
    "themapagina's zijn alleen voor geverifieerde professionals.",
    "<p>De risicofactoren komen uit de definitie van kwetsbaarheid van het Erasmus MC. "
    "Vier risicofactoren zijn urgent: dan is snel handelen nodig. Ongedocumenteerde ouders "
    "is een extra thema dat in Amsterdam vaak speelt.</p>",
)

_ACUTE = (
    "<p><b>Direct gevaar? Bel 112.</b></p>"
    "<p>Medische zorgen: bel de huisarts of, buiten kantoortijd, de huisartsenpost.</p>"
    "<p>Zorgen over de veiligheid van ouder of kind? Volg de meldcode en bel "
    f"{VEILIG_THUIS} voor advies of een melding.</p>"
    "<p>Stel bij een acute situatie geen vraag op de Vraagbaak. Je kunt de casus later, "
    "anoniem, nabespreken.</p>"
)

# slug of the risk factor -> (body, escalation)
THEME_CONTENT = {
    "financiele-problemen": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Vraag door over geldzorgen. Veel ouders vertellen er niet vanzelf over, omdat "
        "ze zich schamen.</li>"
        "<li>Kijk verder dan de eerste vraag. Geen geld voor babyspullen kan wijzen op "
        "schulden.</li>"
        "<li>Meld een huurachterstand zo vroeg mogelijk. Wacht niet tot er een brief van de "
        "rechter is.</li></ul>"
        "<h2>Wie kan helpen?</h2><ul>"
        "<li>Het Buurtteam in het stadsdeel: hulp bij geld, schulden en aanvragen.</li>"
        "<li>Schuldhulpverlening van de gemeente.</li>"
        "<li>Regelingen voor een laag inkomen, zoals de Stadspas. Aanvragen is soms "
        "ingewikkeld. Help ouders daarbij of vraag wie dat kan doen.</li></ul>",
        "",
    ),
    "vermijden-van-zorg": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Ouders die afspraken missen, zijn vaak bang. Bijvoorbeeld voor een oordeel, "
        "voor de kosten of dat hun kind wordt weggehaald.</li>"
        "<li>Bouw vertrouwen op. Leg uit wat je doet en waarom. Vertel dat zorgverleners een "
        "beroepsgeheim hebben.</li></ul>"
        "<h2>Wat helpt?</h2><ul>"
        "<li>Maak het makkelijk: een huisbezoek, een afspraak samen met iemand die de ouder "
        "vertrouwt, of een herinnering per sms.</li>"
        "<li>Verwijs warm door: ga samen naar de nieuwe hulpverlener, of bel samen.</li>"
        "<li>Vraag collega's of er een sleutelpersoon uit de gemeenschap kan helpen.</li>"
        "</ul>",
        "",
    ),
    "nadelige-leefstijl": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Begin bij wat de ouder zelf wil, bijvoorbeeld een gezonde baby.</li>"
        "<li>Stoppen met roken: vraag ook naar de partner. Er is hulp bij stoppen, soms ook "
        "in andere talen.</li>"
        "<li>Alcohol en drugs in de zwangerschap: geef duidelijke informatie zonder oordeel. "
        "Bij verslaving: zie het thema Verslavingsproblematiek.</li>"
        "<li>Voeding: een diëtist kan helpen. Vraag naar materialen in eenvoudige taal of met "
        "plaatjes.</li></ul>",
        "",
    ),
    "onvoldoende-opvoedvaardigheden": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Kijk naar wat goed gaat en bouw daarop verder.</li>"
        "<li>Jonge of onzekere ouders hebben vaak meer steun nodig in de eerste weken.</li>"
        "</ul>"
        "<h2>Wie kan helpen?</h2><ul>"
        "<li>De JGZ (het consultatiebureau) kan meekijken en extra huisbezoeken doen.</li>"
        "<li>Er is aanbod voor ouder-kindinteractie en hechting. Vraag collega's wat in het "
        "stadsdeel past.</li>"
        "<li>Een vrijwilliger of maatje kan thuis steunen, bijvoorbeeld via Home-Start.</li>"
        "</ul>",
        "",
    ),
    "psychosociale-problematiek": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Somberheid en angst komen vaak voor in de zwangerschap en na de bevalling. Vraag "
        "ernaar.</li>"
        "<li>Stress door geld, wonen of de relatie hangt vaak samen met psychische klachten."
        "</li></ul>"
        "<h2>Wie kan helpen?</h2><ul>"
        "<li>De huisarts of de praktijkondersteuner GGZ is vaak de eerste stap.</li>"
        "<li>Is er een wachtlijst? Vraag collega's wat helpt in de tussentijd, zoals steun "
        "thuis of een groep met andere ouders.</li>"
        "<li>Een klein netwerk? Denk aan een vrijwilliger, een moedergroep of een "
        "sleutelpersoon.</li></ul>",
        "<p>Is er een crisis of denkt iemand aan zelfdoding? Bel direct de huisarts of de "
        "huisartsenpost. Bij direct gevaar: bel 112.</p>",
    ),
    "fysieke-medische-problematiek": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Medische uitleg is soms moeilijk te begrijpen. Check of de ouder je uitleg "
        "begrijpt. Vraag het in eigen woorden te vertellen.</li>"
        "<li>Let op of de ouder de zorg kan betalen en de afspraken kan halen.</li></ul>"
        "<h2>Wie kan helpen?</h2><ul>"
        "<li>Werk samen: verloskundige, gynaecoloog, kinderarts, huisarts en JGZ.</li>"
        "<li>De medisch maatschappelijk werker in het ziekenhuis kan meedenken over de "
        "sociale kant.</li></ul>",
        "",
    ),
    "licht-verstandelijke-beperking": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Signalen: moeite met lezen, afspraken vergeten, 'ja' zeggen maar het niet "
        "begrijpen.</li>"
        "<li>Praat over wat je ziet, niet over een label. Schrijf je observaties concreet op."
        "</li></ul>"
        "<h2>Wat helpt?</h2><ul>"
        "<li>Gebruik korte zinnen en plaatjes, en herhaal. Vraag de ouder om het in eigen "
        "woorden te vertellen.</li>"
        "<li>Vraag LVB-zorg of een orthopedagoog om advies. Kijk samen met de ouder welke "
        "steun past.</li></ul>",
        "",
    ),
    "huiselijk-geweld": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Signalen: angst, een partner die alles controleert, verwondingen, afgezegde "
        "afspraken.</li>"
        "<li>Probeer de zwangere of ouder alleen te spreken.</li></ul>"
        "<h2>Wat doe je?</h2><ul>"
        "<li>Volg de stappen van de meldcode van je organisatie.</li>"
        "<li>Vraag advies aan Veilig Thuis. Dat kan zonder de naam van de cliënt te "
        "noemen.</li>"
        "<li>Leg vast wat je ziet en hoort, en wat je hebt afgesproken.</li></ul>",
        _ACUTE,
    ),
    "verslavingsproblematiek": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Vraag zonder oordeel naar alcohol, drugs en medicijnen.</li>"
        "<li>Veel ouders willen minderen voor hun kind. Sluit daarbij aan.</li></ul>"
        "<h2>Wat doe je?</h2><ul>"
        "<li>Werk samen met de verslavingszorg en met de verloskundige of huisarts.</li>"
        "<li>Is de veiligheid van het kind in gevaar? Volg de meldcode.</li></ul>",
        _ACUTE,
    ),
    "dak-of-thuisloos": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Zonder vast adres lopen toeslagen, verzekering en zorg vaak vast. Een "
        "briefadres helpt.</li>"
        "<li>Spreek samen af hoe je contact houdt, zodat de ouder bereikbaar blijft.</li>"
        "</ul>"
        "<h2>Wie kan helpen?</h2><ul>"
        "<li>Het Buurtteam en de gemeente helpen bij een briefadres en bij opvang voor het "
        "gezin.</li></ul>",
        "<p><b>Geen veilige slaapplek voor ouder en kind?</b> Zoek dezelfde dag hulp via het "
        "Buurtteam of de gemeente.</p>" + _ACUTE,
    ),
    "acute-psychiatrische-problematiek": (
        "<h2>Waar let je op?</h2><ul>"
        "<li>Verwardheid, niet slapen en vreemde gedachten na de bevalling kunnen wijzen op "
        "een kraambedpsychose. Dat is een spoedsituatie.</li>"
        "<li>Laat de ouder niet alleen met de baby als je je zorgen maakt.</li></ul>"
        "<h2>Wat doe je?</h2><ul>"
        "<li>Schakel direct de huisarts of de huisartsenpost in. Die kan de crisisdienst "
        "inschakelen.</li>"
        "<li>Volg het spoedprotocol van je organisatie.</li></ul>",
        "<p><b>Acute psychische crisis: bel direct de huisarts of de huisartsenpost.</b></p>"
        + _ACUTE,
    ),
    "ongedocumenteerde-ouders": (
        "<h2>Wat moet je weten?</h2><ul>"
        "<li>Ook zonder verblijfsvergunning hebben zwangeren recht op medisch noodzakelijke "
        "zorg, zoals verloskundige zorg, de bevalling en kraamzorg.</li>"
        "<li>Zorgverleners kunnen de kosten voor mensen die zich niet kunnen verzekeren "
        "declareren bij het CAK.</li>"
        "<li>Ook de baby kan naar het consultatiebureau voor controles en vaccinaties.</li>"
        "</ul>"
        "<h2>Wat helpt?</h2><ul>"
        "<li>Ouders zijn vaak bang dat hun gegevens worden doorgegeven. Leg uit dat "
        "zorgverleners een beroepsgeheim hebben.</li>"
        "<li>Voor vragen over rechten hebben organisaties voor ongedocumenteerden "
        "spreekuren.</li>"
        "<li>Schrijf in je vraag geen nationaliteit of buurt als dat niet nodig is. Zo blijft "
        "het gezin onherkenbaar.</li></ul>",
        "",
    ),
}


def _encode(number):
    result = ""
    while number:
        number, rest = divmod(number, len(_ALPHABET))
        result = _ALPHABET[rest] + result
    return result.rjust(_STEPLEN, "0")


class _Tree:
    """Adds pages under a parent with the historical models (helper for create_pages)."""

    def __init__(self, apps):
        self.apps = apps
        self.Page = apps.get_model("wagtailcore", "Page")
        self.ContentType = apps.get_model("contenttypes", "ContentType")
        self.now = timezone.now()

    def child(self, parent, slug):
        return self.Page.objects.filter(
            path__startswith=parent.path, depth=parent.depth + 1, slug=slug
        ).first()

    def add_child(self, parent, model_name, *, slug, title, **fields):
        model = self.apps.get_model("pages", model_name)
        content_type, _ = self.ContentType.objects.get_or_create(
            app_label="pages", model=model_name.lower()
        )
        siblings = self.Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        last = siblings.order_by("-path").values_list("path", flat=True).first()
        number = int(last[-_STEPLEN:], len(_ALPHABET)) + 1 if last else 1
        page = model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=parent.path + _encode(number),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            locale_id=parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=self.now,
            last_published_at=self.now,
            **fields,
        )
        self.Page.objects.filter(pk=parent.pk).update(numchild=siblings.count())
        return page


def create_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("pages", "HomePage")
    ThemePage = apps.get_model("pages", "ThemePage")
    Risicofactor = apps.get_model("taxonomie", "Risicofactor")
    ContentType = apps.get_model("contenttypes", "ContentType")
    tree = _Tree(apps)

    root = Page.objects.get(depth=1)
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's welcome page (a plain Page); deleting it also deletes its Site.
        plain_page = ContentType.objects.get(app_label="wagtailcore", model="page")
        Page.objects.filter(content_type=plain_page, depth=2, slug="home").delete()
        root = Page.objects.get(pk=root.pk)
        home = tree.add_child(
            root,
            "HomePage",
            slug="home",
            title="GKS Vraagbaak",
            intro=HOME_INTRO,
            how_to_join=HOME_HOW_TO_JOIN,
        )
    home = Page.objects.get(pk=home.pk)

    if not Site.objects.filter(root_page=home).exists():
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
        Site.objects.filter(Q(hostname="localhost", port=80)).delete()
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="GKS Vraagbaak",
        )

    for slug, title, intro, body in STANDARD_PAGES:
        if tree.child(home, slug) is None:
            tree.add_child(
                Page.objects.get(pk=home.pk),
                "StandardPage",
                slug=slug,
                title=title,
                intro=intro,
                body=body,
                public=True,
                show_in_menus=True,
            )

    slug, title, intro, body = THEMAS
    themas = tree.child(home, slug)
    if themas is None:
        themas = tree.add_child(
            Page.objects.get(pk=home.pk),
            "StandardPage",
            slug=slug,
            title=title,
            intro=intro,
            body=body,
            public=True,
            show_in_menus=True,
        )
    for risicofactor in Risicofactor.objects.order_by("sort_order", "name"):
        if risicofactor.slug not in THEME_CONTENT:
            continue
        if ThemePage.objects.filter(risicofactor=risicofactor).exists():
            continue
        if tree.child(themas, risicofactor.slug) is not None:
            continue
        body, escalation = THEME_CONTENT[risicofactor.slug]
        tree.add_child(
            Page.objects.get(pk=themas.pk),
            "ThemePage",
            slug=risicofactor.slug,
            title=risicofactor.name,
            risicofactor=risicofactor,
            intro=risicofactor.description,
            body=body,
            escalation=escalation,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("taxonomie", "0002_initial_terms"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_pages, migrations.RunPython.noop),
    ]
