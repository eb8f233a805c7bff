"""Import questions from JSON files in the format of voorbeeldvragen.json.

Two steps, so a bad file never leaves half an import behind:

1. `load_files(paths)` reads and validates every file and returns `ImportRecord`s with
   the taxonomy terms already looked up. Any problem raises `InvalidImportFile` with a
   Dutch message per problem, naming the file and the record id.
2. `import_vragen(records, attributed_to=...)` writes them in one transaction. Records
   whose id was imported before are skipped, so importing twice changes nothing.

The format, one JSON list of objects:
    id (text, required, unique), titel (text, required), tekst (text, required),
    risicofactoren (list of names, required, may be empty), trefwoorden (list of text),
    fase (name or null), stadsdeel (name or null), vraagtype (list of names),
    discipline_vraagsteller (text or null; only used to pick a demo author),
    spoed (true/false; not stored), status ("open", "opgelost" or "gesloten"),
    oplossing (text or null; required when status is "opgelost").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vraagbaak.accounts.models import Profile, User
from vraagbaak.core.markdown import render_markdown
from vraagbaak.taxonomie.models import Discipline, Fase, Risicofactor, Stadsdeel, Vraagtype
from vraagbaak.vragen.models import Vraag, VraagStatus

IMPORT_ACCOUNT_EMAIL = "import@vraagbaak.invalid"
IMPORT_ACCOUNT_NAME = "Vraagbaak (import)"

IMPORT_ID_MAX = Vraag._meta.get_field("import_id").max_length

STATUSES = {
    "open": VraagStatus.OPEN,
    "opgelost": VraagStatus.SOLVED,
    "gesloten": VraagStatus.CLOSED,
}

# Spellings seen in prototype exports that are neither a term's name nor its slug.
ALIASES: dict[type[models.Model], dict[str, str]] = {
    Fase: {
        "kinderwens": "kinderwens-en-preconceptie",
        "preconceptie": "kinderwens-en-preconceptie",
        "bevalling": "kraamperiode",
        "rondom-bevalling": "kraamperiode",
        "kraamweek": "kraamperiode",
    },
    Stadsdeel: {"regio": "buiten-amsterdam", "buiten-amsterdam-regio": "buiten-amsterdam"},
    Vraagtype: {
        "meedenken": "meedenken-bij-een-casus",
        "meedenken-bij-complexe-casus": "meedenken-bij-een-casus",
    },
    Discipline: {
        "kraamzorg-coordinator": "kraamzorgcoordinator",
        "kraamzorg": "kraamverzorgende",
        "buurtteam": "buurtteam-medewerker",
        "jgz": "jgz-verpleegkundige",
        "jeugdverpleegkundige": "jgz-verpleegkundige",
        "mmw": "medisch-maatschappelijk-werker",
        "ggz": "ggz-behandelaar",
    },
}


class InvalidImportFile(Exception):
    """One or more problems in the files; `errors` holds a Dutch message per problem."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class ImportRecord:
    """One validated question from a file, with its taxonomy terms looked up."""

    import_id: str
    title: str
    body: str
    source: str
    risicofactoren: tuple[Risicofactor, ...] = ()
    fase: Fase | None = None
    stadsdeel: Stadsdeel | None = None
    vraagtypes: tuple[Vraagtype, ...] = ()
    tags: tuple[str, ...] = ()
    status: str = VraagStatus.OPEN
    oplossing: str = ""
    discipline: Discipline | None = None
    discipline_label: str = ""


@dataclass
class ImportResult:
    created: list[Vraag] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


class TermIndex:
    """Finds a term by name, slug or alias, ignoring case, accents and punctuation."""

    def __init__(self, model: type[models.Model]):
        self.by_key: dict[str, models.Model] = {}
        for term in model.objects.all():
            self.by_key[term.slug] = term
            self.by_key.setdefault(slugify(term.name), term)
        for alias, slug in ALIASES.get(model, {}).items():
            if slug in self.by_key:
                self.by_key.setdefault(alias, self.by_key[slug])

    def find(self, value: str):
        return self.by_key.get(slugify(value))

    def find_discipline(self, value: str):
        """Whole label first, then its parts: 'huisarts / POH' finds Huisarts."""
        found = self.find(value)
        if found is not None:
            return found
        for part in value.replace("(", "/").replace(")", "/").split("/"):
            if part.strip() and (found := self.find(part)) is not None:
                return found
        return None


class _Validator:
    """Checks raw records and turns them into ImportRecords (helper for load_files)."""

    def __init__(self):
        self.errors: list[str] = []
        self.risicofactoren = TermIndex(Risicofactor)
        self.fases = TermIndex(Fase)
        self.stadsdelen = TermIndex(Stadsdeel)
        self.vraagtypes = TermIndex(Vraagtype)
        self.disciplines = TermIndex(Discipline)

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def text(self, where, raw, name, *, required=False, max_length=None) -> str:
        value = raw.get(name)
        if value is None:
            if required:
                self.error(where, _("het veld ‘%(veld)s’ ontbreekt.") % {"veld": name})
            return ""
        if not isinstance(value, str):
            self.error(where, _("het veld ‘%(veld)s’ moet tekst zijn.") % {"veld": name})
            return ""
        value = value.strip()
        if required and not value:
            self.error(where, _("het veld ‘%(veld)s’ is leeg.") % {"veld": name})
        if max_length and len(value) > max_length:
            self.error(
                where,
                _("het veld ‘%(veld)s’ is te lang (hoogstens %(max)d tekens).")
                % {"veld": name, "max": max_length},
            )
        return value

    def text_list(self, where, raw, name, *, required=False) -> list[str]:
        if name not in raw:
            if required:
                self.error(where, _("het veld ‘%(veld)s’ ontbreekt.") % {"veld": name})
            return []
        value = raw[name]
        if value is None and not required:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(
                where, _("het veld ‘%(veld)s’ moet een lijst met teksten zijn.") % {"veld": name}
            )
            return []
        return [item.strip() for item in value if item.strip()]

    def terms(self, where, names, index: TermIndex, label: str) -> list:
        found = []
        for name in names:
            term = index.find(name)
            if term is None:
                self.error(
                    where, _("onbekende %(soort)s ‘%(naam)s’.") % {"soort": label, "naam": name}
                )
            elif term not in found:
                found.append(term)
        return found

    def record(self, source: str, number: int, raw) -> ImportRecord | None:
        where = _("%(bestand)s, vraag nr. %(nr)d") % {"bestand": source, "nr": number}
        if not isinstance(raw, dict):
            self.error(where, _("dit is geen object met velden."))
            return None
        if isinstance(raw.get("id"), str) and raw["id"].strip():
            where = _("%(bestand)s, vraag %(id)s") % {"bestand": source, "id": raw["id"].strip()}
        errors_before = len(self.errors)

        import_id = self.text(where, raw, "id", required=True, max_length=IMPORT_ID_MAX)
        title = self.text(
            where, raw, "titel", required=True, max_length=settings.VRAAGBAAK_QUESTION_TITLE_MAX
        )
        body = self.text(
            where, raw, "tekst", required=True, max_length=settings.VRAAGBAAK_QUESTION_BODY_MAX
        )
        risicofactoren = self.terms(
            where,
            self.text_list(where, raw, "risicofactoren", required=True),
            self.risicofactoren,
            _("risicofactor"),
        )
        tags = self.text_list(where, raw, "trefwoorden")
        vraagtypes = self.terms(
            where, self.text_list(where, raw, "vraagtype"), self.vraagtypes, _("vraagtype")
        )
        fase_name = self.text(where, raw, "fase")
        fase = self.terms(where, [fase_name], self.fases, _("fase")) if fase_name else []
        stadsdeel_name = self.text(where, raw, "stadsdeel")
        stadsdeel = (
            self.terms(where, [stadsdeel_name], self.stadsdelen, _("stadsdeel"))
            if stadsdeel_name
            else []
        )
        discipline_label = self.text(where, raw, "discipline_vraagsteller")
        if raw.get("spoed") is not None and not isinstance(raw.get("spoed"), bool):
            self.error(where, _("het veld ‘spoed’ moet true of false zijn."))

        status_name = self.text(where, raw, "status") or "open"
        status = STATUSES.get(status_name.lower())
        if status is None:
            self.error(
                where,
                _("onbekende status ‘%(status)s’ (kies open, opgelost of gesloten).")
                % {"status": status_name},
            )
        oplossing = self.text(
            where, raw, "oplossing", max_length=settings.VRAAGBAAK_ANSWER_BODY_MAX
        )
        if status == VraagStatus.SOLVED and not oplossing:
            self.error(where, _("de status is ‘opgelost’, maar de oplossing ontbreekt."))

        if len(self.errors) > errors_before:
            return None
        return ImportRecord(
            import_id=import_id,
            title=title,
            body=body,
            source=source,
            risicofactoren=tuple(risicofactoren),
            fase=fase[0] if fase else None,
            stadsdeel=stadsdeel[0] if stadsdeel else None,
            vraagtypes=tuple(vraagtypes),
            tags=tuple(dict.fromkeys(tags)),
            status=status,
            oplossing=oplossing if status != VraagStatus.OPEN else "",
            discipline=(
                self.disciplines.find_discipline(discipline_label) if discipline_label else None
            ),
            discipline_label=discipline_label,
        )


def read_file(path: str | Path) -> list:
    """The list of raw records in one file; InvalidImportFile if it is not one."""
    path = Path(path)
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidImportFile(
            [_("%(bestand)s: bestand niet gevonden.") % {"bestand": path}]
        ) from None
    except (OSError, UnicodeDecodeError):
        raise InvalidImportFile(
            [
                _("%(bestand)s: dit bestand kan niet gelezen worden als UTF-8-tekst.")
                % {"bestand": name}
            ]
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidImportFile(
            [
                _(
                    "%(bestand)s: dit is geen geldig JSON-bestand "
                    "(fout op regel %(regel)d, kolom %(kolom)d)."
                )
                % {"bestand": name, "regel": error.lineno, "kolom": error.colno}
            ]
        ) from None
    if not isinstance(data, list):
        raise InvalidImportFile(
            [
                _("%(bestand)s: het bestand moet een lijst met vragen zijn ([ … ]).")
                % {"bestand": name}
            ]
        )
    return data


def load_files(paths: Iterable[str | Path]) -> list[ImportRecord]:
    """Read and validate every file. Raises InvalidImportFile listing all problems found."""
    validator = _Validator()
    records: list[ImportRecord] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            raw_records = read_file(path)
        except InvalidImportFile as error:
            validator.errors.extend(error.errors)
            continue
        for number, raw in enumerate(raw_records, start=1):
            record = validator.record(Path(path).name, number, raw)
            if record is None:
                continue
            if record.import_id in seen:
                validator.error(
                    _("%(bestand)s, vraag %(id)s")
                    % {"bestand": record.source, "id": record.import_id},
                    _("deze id staat ook in %(ander)s. Elke id mag maar één keer voorkomen.")
                    % {"ander": seen[record.import_id]},
                )
                continue
            seen[record.import_id] = record.source
            records.append(record)
    if validator.errors:
        raise InvalidImportFile(validator.errors)
    return records


@transaction.atomic
def get_import_account() -> User:
    """The neutral account imported questions belong to when no account is given.

    Created on first use: verified (its questions show like any other), with an unusable
    password, and inactive so it can never sign in nor receive notification e-mails.
    """
    user, created = User.objects.get_or_create(
        email=IMPORT_ACCOUNT_EMAIL, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    profile, profile_created = Profile.objects.get_or_create(user=user)
    if profile_created or not profile.is_verified:
        profile.display_name = profile.display_name or IMPORT_ACCOUNT_NAME
        profile.verification = Profile.Verification.VERIFIED
        profile.verified_at = timezone.now()
        profile.save()
    return user


def _create_vraag(record: ImportRecord, *, author: User, now) -> Vraag:
    """Helper for import_vragen, do not call directly."""
    vraag = Vraag.objects.create(
        author=author,
        title=record.title,
        body=record.body,
        body_html=render_markdown(record.body),
        fase=record.fase,
        stadsdeel=record.stadsdeel,
        status=record.status,
        published_at=now,
        last_activity_at=now,
        oplossing=record.oplossing,
        oplossing_html=render_markdown(record.oplossing) if record.oplossing else "",
        solved_at=now if record.status == VraagStatus.SOLVED else None,
        closed_at=now if record.status == VraagStatus.CLOSED else None,
        import_id=record.import_id,
    )
    vraag.risicofactoren.set(record.risicofactoren)
    vraag.vraagtypes.set(record.vraagtypes)
    if record.tags:
        vraag.tags.set(list(record.tags))
    log(
        instance=vraag,
        action="vraagbaak.vraag.import",
        data={"import_id": record.import_id, "status": record.status},
    )
    return vraag


@transaction.atomic
def import_vragen(
    records: Sequence[ImportRecord],
    *,
    attributed_to: User,
    author_for: Callable[[ImportRecord], User | None] | None = None,
) -> ImportResult:
    """Publish validated records as questions, all or nothing (a system action).

    Each question belongs to `author_for(record)` when that gives an account, else to
    `attributed_to`. Records whose id was imported before are skipped and reported in
    `existing`; nothing already there is changed. Status, oplossing and the time stamps
    are set as the file says; one audit-log entry per new question (no case text).
    """
    already = set(
        Vraag.objects.filter(import_id__in=[r.import_id for r in records]).values_list(
            "import_id", flat=True
        )
    )
    result = ImportResult()
    now = timezone.now()
    for record in records:
        if record.import_id in already:
            result.existing.append(record.import_id)
            continue
        author = (author_for(record) if author_for else None) or attributed_to
        result.created.append(_create_vraag(record, author=author, now=now))
    return result
