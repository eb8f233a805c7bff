"""The controlled vocabularies as data (seed digest §2.1, §2.4-2.6, §2.12, §3.1, §3.3).

Idempotent: every term is written with update_or_create by its stable slug, so running
`load_terms` again (load_demo_data does) restores names, order and flags without
creating duplicates. Terms added later in the admin are left alone.
"""

from django.db import migrations

RISICOFACTOREN = [
    # (slug, name, is_urgent, description)
    (
        "financiele-problemen",
        "Financiële problemen",
        False,
        "Schulden, geldzorgen of een laag inkomen. Bijvoorbeeld een huurachterstand "
        "of geen geld voor babyspullen.",
    ),
    (
        "vermijden-van-zorg",
        "Vermijden van zorg",
        False,
        "Ouders komen niet of laat in zorg, of zeggen afspraken af. Vaak uit angst, "
        "schaamte of wantrouwen.",
    ),
    (
        "nadelige-leefstijl",
        "Nadelige leefstijl",
        False,
        "Ongezonde voeding, weinig bewegen, roken of alcohol. In de zwangerschap of daarna.",
    ),
    (
        "onvoldoende-opvoedvaardigheden",
        "Onvoldoende opvoedvaardigheden",
        False,
        "Ouders weten nog niet goed hoe ze hun kind verzorgen en opvoeden. Ze hebben "
        "daar steun bij nodig.",
    ),
    (
        "psychosociale-problematiek",
        "(Psycho)sociale problematiek",
        False,
        "Psychische klachten, veel stress, relatieproblemen of een klein netwerk.",
    ),
    (
        "fysieke-medische-problematiek",
        "Fysieke en/of medische problematiek",
        False,
        "Een ziekte, beperking of medisch probleem bij ouder of kind dat extra zorg vraagt.",
    ),
    (
        "licht-verstandelijke-beperking",
        "Licht verstandelijke beperking",
        False,
        "Een ouder heeft moeite met leren, lezen of overzicht houden. Uitleg en hulp "
        "moeten daarbij passen.",
    ),
    (
        "huiselijk-geweld",
        "Huiselijk geweld",
        True,
        "Geweld, dreiging of dwang in het gezin of de relatie. Volg de meldcode. "
        "Veilig Thuis (0800-2000) geeft advies.",
    ),
    (
        "verslavingsproblematiek",
        "Verslavingsproblematiek",
        True,
        "Problemen met alcohol, drugs, medicijnen of gokken die de zorg voor het kind "
        "in gevaar brengen.",
    ),
    (
        "dak-of-thuisloos",
        "Dak- of thuisloos",
        True,
        "Geen vaste woonplek. Bijvoorbeeld slapen bij anderen, in de opvang of op straat.",
    ),
    (
        "acute-psychiatrische-problematiek",
        "Acute psychiatrische problematiek",
        True,
        "Een psychische crisis, zoals verwardheid, psychose of gedachten aan zelfdoding. "
        "Zoek direct hulp: huisarts, huisartsenpost of 112.",
    ),
    (
        "ongedocumenteerde-ouders",
        "Ongedocumenteerde ouders",
        False,
        "Ouders zonder verblijfsvergunning. Vaak ook zonder zorgverzekering en bang "
        "voor instanties.",
    ),
]

FASES = [
    ("kinderwens-en-preconceptie", "Kinderwens en preconceptie"),
    ("zwangerschap", "Zwangerschap"),
    ("kraamperiode", "Rondom bevalling en kraamperiode"),
    ("0-1-jaar", "0-1 jaar"),
    ("1-2-jaar", "1-2 jaar"),
    ("interconceptie", "Interconceptie"),
]

STADSDELEN = [
    ("centrum", "Centrum"),
    ("nieuw-west", "Nieuw-West"),
    ("noord", "Noord"),
    ("oost", "Oost"),
    ("west", "West"),
    ("zuid", "Zuid"),
    ("zuidoost", "Zuidoost"),
    ("weesp", "Weesp"),
    ("stadsbreed", "Stadsbreed"),
    ("buiten-amsterdam", "Buiten Amsterdam"),
]

VRAAGTYPES = [
    (
        "aanbod-vinden",
        "Aanbod vinden",
        "Formele of informele hulp, voorzieningen of materialen zoeken.",
    ),
    (
        "contactpersoon-vinden",
        "Contactpersoon vinden",
        "Een vaste persoon binnen een organisatie zoeken.",
    ),
    (
        "meedenken-bij-een-casus",
        "Meedenken bij een casus",
        "Collega's uit andere vakgebieden laten meedenken over een complexe casus.",
    ),
]

# Discipline.Group values (see taxonomie.models.Discipline.Group).
DISCIPLINES = [
    # (slug, name, group)
    ("verloskundige", "Verloskundige", "geboortezorg"),
    ("gynaecoloog", "Gynaecoloog", "geboortezorg"),
    ("kraamverzorgende", "Kraamverzorgende", "geboortezorg"),
    ("kraamzorgcoordinator", "Kraamzorgcoördinator", "geboortezorg"),
    ("jgz-verpleegkundige", "JGZ-verpleegkundige", "jgz"),
    ("jeugdarts", "Jeugdarts", "jgz"),
    ("huisarts", "Huisarts", "huisarts"),
    ("poh", "Praktijkondersteuner huisarts (POH)", "huisarts"),
    ("medisch-maatschappelijk-werker", "Medisch maatschappelijk werker", "ziekenhuis"),
    ("pop-poli-verpleegkundige", "POP-poli verpleegkundige", "ziekenhuis"),
    ("kinderarts", "Kinderarts", "ziekenhuis"),
    ("dietist", "Diëtist", "ziekenhuis"),
    ("buurtteam-medewerker", "Buurtteam-medewerker", "sociaal"),
    ("schuldhulpverlener", "Schuldhulpverlener", "sociaal"),
    ("maatschappelijk-werker", "Maatschappelijk werker", "sociaal"),
    ("begeleid-wonen", "Begeleid wonen", "sociaal"),
    ("jeugdhulpverlener", "Jeugdhulpverlener", "sociaal"),
    ("welzijnswerker", "Welzijnswerker", "sociaal"),
    ("clientondersteuner", "Onafhankelijk cliëntondersteuner", "sociaal"),
    ("veilig-thuis-medewerker", "Medewerker Veilig Thuis", "sociaal"),
    ("ggz-behandelaar", "GGZ-behandelaar", "ggz"),
    ("verslavingszorg", "Verslavingszorg", "ggz"),
    ("lvb-zorg", "LVB-zorg", "ggz"),
    ("orthopedagoog", "Orthopedagoog", "ggz"),
    ("pedagogisch-medewerker", "Pedagogisch medewerker", "kinderopvang"),
    ("ervaringsdeskundige", "Ervaringsdeskundige", "informeel"),
    ("vrijwilliger", "Vrijwilliger", "informeel"),
    ("sleutelpersoon", "Sleutelpersoon", "informeel"),
    ("beleidsmedewerker", "Beleidsmedewerker / programmateam", "beleid"),
]


def load_terms(apps, schema_editor=None):
    """Write every term by slug. Safe to run again; also called by load_demo_data."""
    Risicofactor = apps.get_model("taxonomie", "Risicofactor")
    Fase = apps.get_model("taxonomie", "Fase")
    Stadsdeel = apps.get_model("taxonomie", "Stadsdeel")
    Vraagtype = apps.get_model("taxonomie", "Vraagtype")
    Discipline = apps.get_model("taxonomie", "Discipline")

    for order, (slug, name, is_urgent, description) in enumerate(RISICOFACTOREN, start=1):
        Risicofactor.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "is_urgent": is_urgent,
                "description": description,
                "sort_order": order * 10,
            },
        )
    for model, rows in ((Fase, FASES), (Stadsdeel, STADSDELEN)):
        for order, (slug, name) in enumerate(rows, start=1):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "sort_order": order * 10}
            )
    for order, (slug, name, description) in enumerate(VRAAGTYPES, start=1):
        Vraagtype.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order * 10}
        )
    for order, (slug, name, group) in enumerate(DISCIPLINES, start=1):
        Discipline.objects.update_or_create(
            slug=slug, defaults={"name": name, "group": group, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomie", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_terms, migrations.RunPython.noop),
    ]
