"""`manage.py load_demo_data`: demo accounts, the 23 example questions and their answers.

Idempotent: accounts are updated in place, questions are imported by id (see
vragen.importing), and answers are only added to questions this run created. Only for
demo and development databases: the demo password is public.
"""

import contextlib
import dataclasses
import importlib
import io
import logging
from pathlib import Path

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vraagbaak.accounts.models import AllowedDomain, Profile, User
from vraagbaak.taxonomie.models import Discipline, Risicofactor, Stadsdeel
from vraagbaak.vragen.actions import create_antwoord, record_oplossing
from vraagbaak.vragen.importing import ImportRecord, import_vragen, load_files
from vraagbaak.vragen.models import VraagStatus

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "voorbeeldvragen.json"
DEMO_DOMAIN = ("vraagbaak.test", "Demo-organisatie")

# key, e-mail, display name, discipline slug, organisation (fictional), stadsdelen,
# expertise (risk factor slugs), languages, groups. The first is the default author.
DEMO_ACCOUNTS = [
    {
        "key": "professional",
        "email": "professional@vraagbaak.test",
        "display_name": "Anouk Verhoeven",
        "discipline": "verloskundige",
        "organisation": "Verloskundigenpraktijk De Bijlmerhof (fictief)",
        "stadsdelen": ["zuidoost"],
        "expertise": ["financiele-problemen", "vermijden-van-zorg", "ongedocumenteerde-ouders"],
        "languages": "Nederlands, Engels",
        "groups": ["Professionals"],
    },
    {
        "key": "kraamverzorgende",
        "email": "kraamzorg@vraagbaak.test",
        "display_name": "Samira El Idrissi",
        "discipline": "kraamverzorgende",
        "organisation": "Kraamzorg Amstelbloei (fictief)",
        "stadsdelen": ["nieuw-west", "west"],
        "expertise": ["nadelige-leefstijl", "onvoldoende-opvoedvaardigheden"],
        "languages": "Nederlands, Arabisch, Tarifit",
        "groups": ["Professionals"],
    },
    {
        "key": "jgz",
        "email": "jgz@vraagbaak.test",
        "display_name": "Linda Bos",
        "discipline": "jgz-verpleegkundige",
        "organisation": "Ouder- en Kindteam Noord (fictief)",
        "stadsdelen": ["noord", "oost"],
        "expertise": [
            "onvoldoende-opvoedvaardigheden",
            "licht-verstandelijke-beperking",
            "psychosociale-problematiek",
        ],
        "languages": "Nederlands",
        "groups": ["Professionals"],
    },
    {
        "key": "buurtteam",
        "email": "buurtteam@vraagbaak.test",
        "display_name": "Joost van Dam",
        "discipline": "buurtteam-medewerker",
        "organisation": "Buurtteam Gaasperdam (fictief)",
        "stadsdelen": ["zuidoost", "west"],
        "expertise": ["financiele-problemen", "dak-of-thuisloos", "psychosociale-problematiek"],
        "languages": "Nederlands, Papiaments",
        "groups": ["Professionals"],
    },
    {
        "key": "schuldhulp",
        "email": "schuldhulp@vraagbaak.test",
        "display_name": "Fatma Yılmaz",
        "discipline": "schuldhulpverlener",
        "organisation": "Schuldhulp Amstelstad (fictief)",
        "stadsdelen": ["stadsbreed"],
        "expertise": ["financiele-problemen", "ongedocumenteerde-ouders"],
        "languages": "Nederlands, Turks",
        "groups": ["Professionals"],
    },
    {
        "key": "huisarts",
        "email": "huisarts@vraagbaak.test",
        "display_name": "Pieter Hendriks",
        "discipline": "huisarts",
        "organisation": "Huisartsenpraktijk De Waterkant (fictief)",
        "stadsdelen": ["oost", "centrum"],
        "expertise": [
            "fysieke-medische-problematiek",
            "verslavingsproblematiek",
            "nadelige-leefstijl",
        ],
        "languages": "Nederlands, Engels",
        "groups": ["Professionals"],
    },
    {
        "key": "ggz",
        "email": "ggz@vraagbaak.test",
        "display_name": "Kwame Mensah",
        "discipline": "ggz-behandelaar",
        "organisation": "GGZ-team Ouder en Kind (fictief)",
        "stadsdelen": ["stadsbreed"],
        "expertise": [
            "psychosociale-problematiek",
            "acute-psychiatrische-problematiek",
            "verslavingsproblematiek",
            "huiselijk-geweld",
        ],
        "languages": "Nederlands, Engels, Twi",
        "groups": ["Professionals"],
    },
    {
        "key": "mmw",
        "email": "mmw@vraagbaak.test",
        "display_name": "Eva Smit",
        "discipline": "medisch-maatschappelijk-werker",
        "organisation": "Ziekenhuis Amstelzicht (fictief)",
        "stadsdelen": ["nieuw-west", "zuid"],
        "expertise": ["ongedocumenteerde-ouders", "huiselijk-geweld", "vermijden-van-zorg"],
        "languages": "Nederlands, Pools",
        "groups": ["Professionals"],
    },
    {
        "key": "moderator",
        "email": "moderator@vraagbaak.test",
        "display_name": "Marieke Jansen (moderator)",
        "discipline": "beleidsmedewerker",
        "organisation": "Programmateam GKS (demo)",
        "stadsdelen": ["stadsbreed"],
        "expertise": [],
        "languages": "Nederlands",
        "groups": ["Moderatoren"],
    },
    {
        "key": "redacteur",
        "email": "redacteur@vraagbaak.test",
        "display_name": "Ruben de Wit (redactie)",
        "discipline": "beleidsmedewerker",
        "organisation": "Programmateam GKS (demo)",
        "stadsdelen": ["stadsbreed"],
        "expertise": [],
        "languages": "Nederlands",
        "groups": ["Redacteuren"],
    },
]

ROLE_LABELS = {
    "professional": "Professional (verloskundige)",
    "moderator": "Moderator",
    "redacteur": "Redacteur",
}

# Askers whose discipline has no demo account of its own: discipline slug -> account key.
STAND_IN_AUTHORS = {
    "kraamzorgcoordinator": "kraamverzorgende",
    "begeleid-wonen": "buurtteam",
    "dietist": "mmw",
    "pop-poli-verpleegkundige": "mmw",
    "poh": "huisarts",
}

# Who gives the answer that became the solution: import id -> account key.
SOLVED_BY = {
    "V01": "professional",
    "V02": "buurtteam",
    "V03": "huisarts",
    "V04": "mmw",
    "V07": "buurtteam",
    "V09": "kraamverzorgende",
    "V12": "jgz",
    "V13": "buurtteam",
    "V14": "mmw",
    "V22": "jgz",
    "V23": "buurtteam",
}

# Demo answers on open questions: import id -> [(account key, text)]. Plausible demo
# content, not validated advice; organisations are generic or marked fictional.
OPEN_ANSWERS = {
    "V05": [
        (
            "ggz",
            "Veel zwangeren willen wel minderen, maar niet 'naar de verslavingszorg'. Vraag of "
            "de verloskundige en de huisarts samen een eerste gesprek willen doen, met iemand "
            "van de verslavingszorg erbij als consulent. Dan hoeft ze nergens heen. Ik kan "
            "meedenken over de aanpak: stuur me een bericht via mijn profiel.",
        ),
    ],
    "V06": [
        (
            "buurtteam",
            "Een briefadres regel je via de gemeente; het Buurtteam in West kan daarbij helpen "
            "en meteen naar de toeslagen kijken. Voor gezinsopvang is een aanmelding via de "
            "gemeente nodig. Bel gerust het Buurtteam in haar stadsdeel, dan plannen we samen "
            "een eerste gesprek.",
        ),
    ],
    "V08": [
        (
            "jgz",
            "Wij werken soms met een sleutelpersoon uit de Eritrese gemeenschap. Via het "
            "Ouder- en Kindteam kan ik vragen wie er nu beschikbaar is. Voor borstvoeding: "
            "vraag bij de lactatiekundige naar filmpjes zonder veel tekst, die werken vaak "
            "beter dan een telefonische tolk.",
        ),
    ],
    "V18": [
        (
            "buurtteam",
            "Home-Start is een goed idee: daar komt een getrainde vrijwilliger wekelijks langs. "
            "Aanmelden kan de moeder zelf of jij met haar toestemming. Voor ontmoeting: vraag "
            "in het buurthuis naar een inloop voor moeders met baby's.",
        ),
        (
            "kraamverzorgende",
            "Sommige moeders vinden het fijn als de eerste keer iemand meegaat naar zo'n groep. "
            "Misschien kan de vrijwilliger dat doen?",
        ),
    ],
}


@contextlib.contextmanager
def _quietly():
    """Answers to demo questions notify the demo askers. In development that would flood
    the console with e-mails and task logs, so both are kept out of the output here."""
    logging.disable(logging.INFO)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        logging.disable(logging.NOTSET)


def _load_terms() -> None:
    """Run the taxonomy data migration's loader again (idempotent, by slug)."""
    migration = importlib.import_module("vraagbaak.taxonomie.migrations.0002_initial_terms")
    migration.load_terms(apps)


class Command(BaseCommand):
    help = "Laad demo-accounts en de voorbeeldvragen met antwoorden (mag vaker draaien)."

    def handle(self, *args, **options):
        missing = {g for spec in DEMO_ACCOUNTS for g in spec["groups"]} - set(
            Group.objects.values_list("name", flat=True)
        )
        if missing:
            raise CommandError(
                _("De groepen %(groepen)s bestaan niet. Draai eerst: python manage.py migrate")
                % {"groepen": ", ".join(sorted(missing))}
            )
        _load_terms()
        records = load_files([DEMO_FILE])

        with _quietly(), transaction.atomic():
            AllowedDomain.objects.get_or_create(
                domain=DEMO_DOMAIN[0], defaults={"organisation": DEMO_DOMAIN[1]}
            )
            accounts = {spec["key"]: self._account(spec) for spec in DEMO_ACCOUNTS}
            created, answers = self._questions(records, accounts)

        self.stdout.write(
            _("Demodata geladen: %(vragen)d nieuwe vragen, %(antwoorden)d nieuwe antwoorden.")
            % {"vragen": created, "antwoorden": answers}
        )
        self._print_logins(accounts)
        self.stdout.write(_load_zorgoverleg(accounts["moderator"]))

    def _password_hash(self) -> str:
        """Hashing is slow on purpose; the demo accounts share one hash of the public password."""
        if not hasattr(self, "_hash"):
            self._hash = make_password(settings.VRAAGBAAK_DEMO_PASSWORD)
        return self._hash

    def _account(self, spec: dict) -> User:
        user, created = User.objects.get_or_create(email=spec["email"])
        if created or not user.has_usable_password():
            user.password = self._password_hash()
        user.is_active = True
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=spec["email"], defaults={"verified": True, "primary": True}
        )
        profile, _created = Profile.objects.get_or_create(user=user)
        profile.display_name = spec["display_name"]
        profile.discipline = Discipline.objects.get(slug=spec["discipline"])
        profile.organisation = spec["organisation"]
        profile.languages = spec["languages"]
        if not profile.is_verified:
            profile.verification = Profile.Verification.VERIFIED
            profile.verified_via = Profile.VerifiedVia.DOMAIN
            profile.verified_at = timezone.now()
        profile.save()
        profile.stadsdelen.set(Stadsdeel.objects.filter(slug__in=spec["stadsdelen"]))
        profile.expertise.set(Risicofactor.objects.filter(slug__in=spec["expertise"]))
        user.groups.add(*Group.objects.filter(name__in=spec["groups"]))
        return user

    def _questions(self, records: list[ImportRecord], accounts: dict[str, User]) -> tuple[int, int]:
        """Import the questions; solved ones go through an answer and record_oplossing."""
        professionals = [
            (spec, accounts[spec["key"]])
            for spec in DEMO_ACCOUNTS
            if "Professionals" in spec["groups"]
        ]
        by_discipline = {spec["discipline"]: user for spec, user in professionals}
        by_discipline |= {slug: accounts[key] for slug, key in STAND_IN_AUTHORS.items()}

        def author_for(record: ImportRecord) -> User | None:
            return by_discipline.get(record.discipline.slug) if record.discipline else None

        def answerer_for(record: ImportRecord, author: User) -> User:
            chosen = accounts.get(SOLVED_BY.get(record.import_id, ""))
            if chosen is not None and chosen != author:
                return chosen
            wanted = {r.slug for r in record.risicofactoren}
            others = [(spec, user) for spec, user in professionals if user != author]
            for spec, user in others:
                if wanted & set(spec["expertise"]):
                    return user
            return others[sum(map(ord, record.import_id)) % len(others)][1]

        # Solved questions are imported open, answered, then solved by their asker: the
        # same path a real thread takes, and the answer holds the solution.
        to_import = [
            dataclasses.replace(r, status=VraagStatus.OPEN, oplossing="")
            if r.status == VraagStatus.SOLVED
            else r
            for r in records
        ]
        result = import_vragen(
            to_import, attributed_to=accounts["professional"], author_for=author_for
        )
        new = {vraag.import_id: vraag for vraag in result.created}
        answers = 0
        for record in records:
            vraag = new.get(record.import_id)
            if vraag is None:
                continue
            for key, text in OPEN_ANSWERS.get(record.import_id, []):
                if accounts[key] != vraag.author:
                    create_antwoord(vraag, by=accounts[key], body=text)
                    answers += 1
            if record.status == VraagStatus.SOLVED:
                create_antwoord(vraag, by=answerer_for(record, vraag.author), body=record.oplossing)
                answers += 1
                record_oplossing(vraag, by=vraag.author, oplossing=record.oplossing)
        return len(result.created), answers

    def _print_logins(self, accounts: dict[str, User]) -> None:
        password = settings.VRAAGBAAK_DEMO_PASSWORD
        self.stdout.write("")
        self.stdout.write(
            _("Demo-logins (wachtwoord voor alle accounts: %(pw)s)") % {"pw": password}
        )
        for spec in DEMO_ACCOUNTS:
            label = ROLE_LABELS.get(spec["key"])
            if label is None:
                discipline = accounts[spec["key"]].profile.discipline
                label = _("Professional (%(discipline)s)") % {"discipline": discipline.name.lower()}
            self.stdout.write(f"  {label:<40} {spec['email']:<32} {password}")
        self.stdout.write(
            _(
                "Moderator en redacteur stellen bij de eerste keer in de moderatie of /beheer/ "
                "een tweede stap in (authenticator-app of passkey)."
            )
        )


# --- Zorgoverleg (issue 5): demo rooms and their upcoming sessions -------------------------

# name, slug, risk factor slugs, meeting URL suffix, description
DEMO_ROOMS = [
    (
        "Financiële problemen",
        "financiele-problemen",
        ["financiele-problemen"],
        "financien",
        "Schulden, geldzorgen, toeslagen en regelingen rond zwangerschap en de eerste jaren.",
    ),
    (
        "Psychische en psychiatrische problematiek",
        "psychische-problematiek",
        ["psychosociale-problematiek", "acute-psychiatrische-problematiek"],
        "psyche",
        "Somberheid, angst, psychiatrische klachten en hoe je samen de juiste zorg vindt.",
    ),
    (
        "Ongedocumenteerde ouders",
        "ongedocumenteerde-ouders",
        ["ongedocumenteerde-ouders"],
        "ongedocumenteerd",
        "Zorg, verzekering en veiligheid voor ouders zonder verblijfsvergunning.",
    ),
    (
        "Huiselijk geweld",
        "huiselijk-geweld",
        ["huiselijk-geweld"],
        "huiselijk-geweld",
        "Signalen, de meldcode en samenwerken met Veilig Thuis.",
    ),
]


def _load_zorgoverleg(moderator: User) -> str:
    """Create or update the demo rooms, with `moderator` as their moderator, and plan their
    sessions (as the scheduled job does). Re-runnable. Returns a line for the output."""
    from vraagbaak.zorgoverleg.actions import plan_sessions
    from vraagbaak.zorgoverleg.models import Room

    for order, (name, slug, factor_slugs, suffix, description) in enumerate(DEMO_ROOMS):
        room, _created = Room.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "meeting_url": f"https://vergaderen.example.org/zorgoverleg-{suffix}",
                "sort_order": order * 10,
            },
        )
        room.risicofactoren.set(Risicofactor.objects.filter(slug__in=factor_slugs))
        room.moderators.add(moderator)
    summary = plan_sessions()
    return _("Zorgoverleg: %(rooms)d kamers, %(created)d nieuwe bijeenkomsten gepland.") % {
        "rooms": len(DEMO_ROOMS),
        "created": summary["created"],
    }
