"""Our own detectors: regular expressions plus validation (11-proef, mod-97, allowlists).

They cover what deduce misses (STACK.md §5) and take well under a millisecond per text, so
the web tier can run them in the ask/answer form without loading deduce.
Each detector is ``(text) -> Iterable[tuple[start, end, label]]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from .institutions import CASE_INSENSITIVE, CASE_SENSITIVE

Span = tuple[int, int, str]

# Letters that occur in Dutch names (including accents), upper and lower case.
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_NAME_WORD = rf"[{_UP}][{_LOW}'’]+(?:-[{_UP}][{_LOW}'’]+)?"
_PARTICLES = r"(?:van|de|der|den|het|ten|ter|te|el|al|la|le|da|di|du|von|ben|bin|abu|'t|op|in)"
# Words written with a capital that are not personal names (places, services, nationalities).
_NOT_NAMES = frozenset(
    """
    amsterdam noord zuid oost west nieuw-west zuidoost centrum weesp nederland buurtteam veilig
    thuis jeugdzorg ouder kind moeder vader zij hij ze het de een die dat deze wij ik na via
    bij maandag dinsdag woensdag donderdag vrijdag zaterdag zondag nog niet januari februari
    maart april mei juni juli augustus september oktober november december islam ramadan kerst
    pasen suriname marokko turkije syrië eritrea somalië ghana nigeria polen engels arabisch
    nederlands frans duits spaans turks pools tigrinya tip advies leerpunt vraag antwoord
    opgelost oplossing casus je jij jullie u uw haar zijn hun
    """.split()
)
_NATIONALITY_ENDINGS = ("isch", "ische", "aans", "aanse", "ees", "eese", "ese", "andse", "iër")


def is_name_word(word: str) -> bool:
    """False for capitalised words that are places, languages, weekdays or section labels."""
    low = word.lower()
    return low not in _NOT_NAMES and not low.endswith(_NATIONALITY_ENDINGS)


# --- BSN ------------------------------------------------------------------------------------

_BSN = re.compile(r"(?<![\w.,€$-])\d(?:[ .\-]?\d){8}(?![\w]|[.,-]\d)")
_BSN_KEYWORD = re.compile(
    r"(?i:\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)(?:-?nummer)?\b)"
    r"[\s:.#-]{0,6}(?:is\s+|van\s+)?(?P<num>\d(?:[ .\-]?\d){7,8})(?![\w]|[.,-]\d)"
)


def is_valid_bsn(value: str) -> bool:
    """The 11-proef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (8 digits: pad a 0)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


_MONEY_BEFORE = re.compile(r"(?i:€|eur|euro|\$)\s?$")


def detect_bsn(text: str) -> Iterator[Span]:
    phones = [m.span() for m in _PHONE.finditer(text)]
    for m in _BSN.finditer(text):
        if not is_valid_bsn(m.group()) or _MONEY_BEFORE.search(
            text[max(0, m.start() - 5) : m.start()]
        ):
            continue
        if any(s < m.end() and m.start() < e for s, e in phones):
            continue  # part of a phone number such as +31 (0)20 123 4567
        yield m.start(), m.end(), "bsn"
    for m in _BSN_KEYWORD.finditer(text):
        yield m.start("num"), m.end("num"), "bsn"


# --- Phone numbers --------------------------------------------------------------------------

_PHONE = re.compile(
    r"(?<![\w+@/=€$])(?<!\d[.,/-])"
    r"(?:"
    r"(?:\+|00)\s?31[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){8}"  # +31 6 12345678, 0031 20 ...
    r"|\(0\d{1,3}\)[\s.-]?\d(?:[\s.-]?\d){5,7}"  # (020) 123 45 67
    r"|0\d(?:[\s.-]?\d){8}"  # 0612345678, 06-12 34 56 78, 020-1234567
    r")(?!\d|[.,-]\d)"
)
# Public service numbers are not personal: free (0800, e.g. Veilig Thuis 0800-2000) and
# paid information lines (0900/0906/0909). 112/113/14 020 never have ten digits.
_PUBLIC_PREFIXES = ("0800", "0900", "0906", "0909")


def normalise_phone(value: str) -> str | None:
    """Return the national ten-digit form ("0612345678") or None if it is not a Dutch number."""
    digits = re.sub(r"\D", "", value)
    stripped = value.lstrip()
    if stripped.startswith("+") or digits.startswith("0031"):
        digits = "0" + digits[4 if digits.startswith("0031") else 2 :]
        if digits.startswith("00"):  # +31 (0)20 ...
            digits = digits[1:]
    if len(digits) != 10 or digits[1] == "0":
        return None
    return digits


def detect_phone(text: str) -> Iterator[Span]:
    for m in _PHONE.finditer(text):
        national = normalise_phone(m.group())
        if national and not national.startswith(_PUBLIC_PREFIXES):
            yield m.start(), m.end(), "phone"


# --- Postcode -------------------------------------------------------------------------------

_POSTCODE = re.compile(r"(?<![\w€$.,+/-])[1-9]\d{3}(?P<sep> ?)(?P<letters>[A-Z]{2})(?![\w-])")
_POSTCODE_KEYWORD = re.compile(r"(?i:\bpostcode\b)[\s:]{0,3}(?P<num>[1-9]\d{3})(?![\w])")
# Letter pairs that never occur in postcodes or that are units/abbreviations after a number.
_NOT_POSTCODE_LETTERS = frozenset(
    """
    SA SD SS IE EU KG MG ML CM MM KM GB MB PK KW AD BC NL VS UK TV PC BV NV OK HR AU DM
    """.split()
)


def detect_postcode(text: str) -> Iterator[Span]:
    for m in _POSTCODE.finditer(text):
        if m.group("letters") not in _NOT_POSTCODE_LETTERS:
            yield m.start(), m.end(), "postcode"
    for m in _POSTCODE_KEYWORD.finditer(text):
        yield m.start("num"), m.end("num"), "postcode"


# --- IBAN -----------------------------------------------------------------------------------

_IBAN = re.compile(
    r"(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![\w])"
)
_IBAN_KEYWORD = re.compile(
    r"(?i:\b(?:iban|rekeningnummer|rekening)\b)[\s:.]{0,4}"
    r"(?P<num>NL\d{2} ?[A-Z]{4}(?: ?\d{4}){2} ?\d{2})(?![\w])"
)


def is_valid_iban(value: str) -> bool:
    """ISO 13616 mod-97 check (any country); Dutch IBANs must have 18 characters."""
    iban = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", iban):
        return False
    if iban.startswith("NL") and len(iban) != 18:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def detect_iban(text: str) -> Iterator[Span]:
    for m in _IBAN.finditer(text):
        if is_valid_iban(m.group()):
            yield m.start(), m.end(), "iban"
    for m in _IBAN_KEYWORD.finditer(text):
        yield m.start("num"), m.end("num"), "iban"


# --- Licence plates (Dutch sidecodes 1-14, written with dashes) ------------------------------

_L = "[BDFGHJKLMNPRSTVXZ]"
_SIDECODES = [
    rf"{_L}{{2}}-\d{{2}}-\d{{2}}",  # 1  XX-99-99
    rf"\d{{2}}-\d{{2}}-{_L}{{2}}",  # 2  99-99-XX
    rf"\d{{2}}-{_L}{{2}}-\d{{2}}",  # 3  99-XX-99
    rf"{_L}{{2}}-\d{{2}}-{_L}{{2}}",  # 4  XX-99-XX
    rf"{_L}{{2}}-{_L}{{2}}-\d{{2}}",  # 5  XX-XX-99
    rf"\d{{2}}-{_L}{{2}}-{_L}{{2}}",  # 6  99-XX-XX
    rf"\d{{2}}-{_L}{{3}}-\d",  # 7  99-XXX-9
    rf"\d-{_L}{{3}}-\d{{2}}",  # 8  9-XXX-99
    rf"{_L}{{2}}-\d{{3}}-{_L}",  # 9  XX-999-X
    rf"{_L}-\d{{3}}-{_L}{{2}}",  # 10 X-999-XX
    rf"{_L}{{3}}-\d{{2}}-{_L}",  # 11 XXX-99-X
    rf"{_L}-\d{{2}}-{_L}{{3}}",  # 12 X-99-XXX
    rf"\d-{_L}{{2}}-\d{{3}}",  # 13 9-XX-999
    rf"\d{{3}}-{_L}{{2}}-\d",  # 14 999-XX-9
]
_PLATE = re.compile(r"(?<![\w-])(?:" + "|".join(_SIDECODES) + r")(?![\w-])")


def detect_licence_plate(text: str) -> Iterator[Span]:
    for m in _PLATE.finditer(text):
        yield m.start(), m.end(), "licence_plate"


# --- E-mail, URLs, social handles -----------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])")
_URL = re.compile(
    r"(?i:(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|be|info|io|app|me|tv|social)"
    r"(?:/[^\s<>\"']*)?(?![\w@]))"
)
_TRAILING_PUNCTUATION = ".,;:!?)]'\""
# Public information sites: a link to them says nothing about a family.
PUBLIC_DOMAINS = tuple(
    """
    veiligthuis.nl thuisarts.nl rijksoverheid.nl overheid.nl government.nl amsterdam.nl
    ggd.amsterdam.nl 113.nl pharos.nl kansrijkestart.nl ncj.nl rivm.nl zwangerwijzer.nl
    opvoeden.nl loketgezondleven.nl toeslagen.nl belastingdienst.nl svb.nl uwv.nl cak.nl
    juridischloket.nl knov.nl nji.nl huisartsenpost.nl rutgers.nl nuniet.nl oudertelefoon.nl
    """.split()
)


def _host(url: str) -> str:
    host = re.sub(r"(?i)^(?:https?://)?(?:www\.)?", "", url).split("/", 1)[0].split(":", 1)[0]
    return host.lower()


def is_public_url(value: str) -> bool:
    host = _host(value.rstrip(_TRAILING_PUNCTUATION))
    return any(host == d or host.endswith("." + d) for d in PUBLIC_DOMAINS)


def detect_email(text: str) -> Iterator[Span]:
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), "email"


def detect_url(text: str) -> Iterator[Span]:
    for m in _URL.finditer(text):
        value = m.group().rstrip(_TRAILING_PUNCTUATION)
        if is_public_url(value):
            continue
        yield m.start(), m.start() + len(value), "url"


_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")


def detect_social_handle(text: str) -> Iterator[Span]:
    for m in _HANDLE.finditer(text):
        yield m.start(), m.end(), "social_handle"


# --- Dates ----------------------------------------------------------------------------------

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_MONTH_NAME = (
    r"(?i:januari|jan\.?|februari|feb\.?|maart|mrt\.?|april|apr\.?|mei|juni|jun\.?|juli|jul\.?"
    r"|augustus|aug\.?|september|sept?\.?|oktober|okt\.?|november|nov\.?|december|dec\.?)"
)
_YEAR = r"(?:19|20)\d{2}"
_FULL_DATE = re.compile(
    r"(?<![\w.,/+-])(?:"
    rf"{_DAY}(?P<s1>[-/.]){_MONTH_NUM}(?P=s1)(?:{_YEAR}|\d{{2}})"  # 12-03-2024, 12/3/24
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"  # 2024-03-12
    rf"|{_DAY}(?:e|ste|de)?\s+{_MONTH_NAME}\s+(?:{_YEAR}|'\d{{2}})"  # 12 maart 2024
    r")(?![\w]|[-/.]\d)"
)
_DAY_MONTH = re.compile(
    r"(?<![\w.,/+-])(?:"
    rf"{_DAY}(?:e|ste|de)?\s+{_MONTH_NAME}(?![\w])"  # 3 februari
    rf"|{_DAY}[-/]{_MONTH_NUM}(?![\w]|[-/.+]\d)"  # 14-6, 3/2
    r")"
)
# A day and month without a year are only identifying as a birth, due or delivery date.
# A meeting date ("maandag 7 december overleg") says nothing about the family.
_DATE_CONTEXT_BEFORE = re.compile(
    r"(?i:geboren|geb\.|geboortedatum|geboortedag|uitgerekend|uitgerekende datum|à terme"
    r"|a terme|a\. ?terme|\bAT\b|\bATD\b|due date|bevallen|bevalling|jarig|verjaardag"
    r"|overleden|sterfdatum)[^.!?\n]{0,15}$"
)
_DATE_CONTEXT_AFTER = re.compile(r"^[^.!?\n]{0,20}(?i:geboren|bevallen|jarig|uitgerekend)")
_BIRTH_YEAR = re.compile(
    rf"(?i:\b(?:geboren\s+in|geb\.\s*(?:in)?|geboortejaar:?|geboortejaar\s+is)\s+)(?P<year>{_YEAR})\b"
)


def detect_date(text: str) -> Iterator[Span]:
    full_spans = []
    for m in _FULL_DATE.finditer(text):
        full_spans.append((m.start(), m.end()))
        yield m.start(), m.end(), "date"
    for m in _DAY_MONTH.finditer(text):
        if any(s <= m.start() < e for s, e in full_spans):
            continue
        before = text[max(0, m.start() - 45) : m.start()]
        after = text[m.end() : m.end() + 30]
        if _DATE_CONTEXT_BEFORE.search(before) or _DATE_CONTEXT_AFTER.search(after):
            yield m.start(), m.end(), "date"
    for m in _BIRTH_YEAR.finditer(text):
        yield m.start("year"), m.end("year"), "date"


# --- Street + house number ------------------------------------------------------------------

_STREET_SUFFIX = (
    r"(?:straat|straatweg|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|dreef|plantsoen|park"
    r"|steeg|markt|burgwal|boulevard|kanaal|hoven|erf)"
)
_ADDRESS = re.compile(
    rf"(?<![\w])(?:(?:[{_UP}][{_LOW}]*\.?|\d{{1,2}}e)\s(?:{_PARTICLES}\s)*){{0,3}}"
    rf"[{_UP}][{_LOW}'’-]*{_STREET_SUFFIX}"
    r"\s+\d{1,4}(?:\s?(?:hs|huis|bis|hoog|bg|[a-zA-Z])(?![\w])"
    r"|-(?:[IVX]{1,4}|\d{1,3}|[A-Za-z]{1,2})(?![\w])|\s(?:I{1,3}|IV|V)(?![\w]))?(?!\d|[.,]\d)"
)
# Capitalised words at the start of a sentence that are not part of a street name.
_NOT_STREET_WORDS = re.compile(
    r"(?i:(?:woont|woonde|wonen|adres|verhuisd|verhuist|ze|zij|hij|wij|ik|op|aan|in|naar|bij"
    r"|via|vanaf|sinds|het|de|een|gezin|familie|moeder|vader|cliënte?|huis|nu|nog|toen|dan)\s+)+"
)


def detect_address(text: str) -> Iterator[Span]:
    for m in _ADDRESS.finditer(text):
        lead = _NOT_STREET_WORDS.match(m.group())
        yield m.start() + (lead.end() if lead else 0), m.end(), "address"


# --- Ages without "jaar" (and exact ages with it) -------------------------------------------

_PERSON_NOUN = (
    r"(?:vrouw|man|moeder|vader|zwangere|cliënte?|cliente?|client|meisje|jongen|partner|oma|opa"
    r"|tiener|tienermoeder|jongere|dame|heer|mevrouw|meneer|mama|papa|zus|broer|vriend|vriendin"
    r"|echtgenoot|echtgenote|kraamvrouw|patiënte?|ouder|stiefvader|stiefmoeder|tante|oom)"
)
_NOT_AGE_UNIT = (
    r"(?!\s*(?:weken|week|wk|maanden|maand|mnd|dagen|dag|uur|minuten|kilo|kg|gram|cm|liter|euro"
    r"|%|procent|jaar geleden|jaar lang|keer|kinderen|kind)\b)(?![.,+/-]\d)"
)
_AGES = [
    # "vrouw van 45", "moeder van 19 jaar"
    re.compile(
        rf"(?i:\b{_PERSON_NOUN}\s+van\s+)(?P<age>\d{{2}}(?:\s+jaar(?:\s+oud)?)?)(?!\d){_NOT_AGE_UNIT}"
    ),
    # "mevr. Yilmaz (45)", "moeder (19 jaar)"
    re.compile(r"(?<=[\w.]\s)\((?P<age>\d{2}(?:\s*(?:jaar|jr\.?))?)\)"),
    # "Leeftijd: 45"
    re.compile(r"(?i:\bleeftijd\b)\s*(?:[:=]|is|van)?\s*(?P<age>\d{1,3}(?:\s+jaar)?)(?!\d)"),
    # "17-jarige", "19 jarige"
    re.compile(r"(?<![\w-])(?P<age>\d{2}[- ]?jarige?)(?![\w])"),
    # "ze is 19 jaar", "45 jaar oud"
    re.compile(
        r"(?i:\b(?:is|wordt|werd|was)\s+)(?P<age>\d{2}\s+jaar)(?!\s+(?:geleden|lang|getrouwd"
        r"|samen|in\b|bij\b|werkzaam))"
    ),
    re.compile(r"(?<![\w-])(?P<age>\d{2}\s+jaar\s+oud)(?![\w])"),
]
_APPROXIMATE = re.compile(
    r"(?i:(?:ongeveer|circa|ca\.|rond|rond de|bijna|ruim|begin|eind|midden|pakweg|zo'n)\s*$)"
)


_RANGE_BEFORE = re.compile(r"\d\s*(?:-|–|en|tot)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|en|tot|à)\s*\d")


def is_identifying_age(text: str, start: int, end: int) -> bool:
    """An exact adult age: not a child's age (< 12), not "ongeveer 30", not a range "25-30"."""
    number = re.match(r"\d+", text[start:end])
    if number is None or not 12 <= int(number.group()) <= 110:
        return False  # a child's age in the first 1000 days, or a list number
    before = text[max(0, start - 12) : start]
    if _APPROXIMATE.search(before) or _RANGE_BEFORE.search(before):
        return False
    return not _RANGE_AFTER.match(text[start + len(number.group()) : end + 6])


def detect_age(text: str) -> Iterator[Span]:
    for pattern in _AGES:
        for m in pattern.finditer(text):
            if is_identifying_age(text, m.start("age"), m.end("age")):
                yield m.start("age"), m.end("age"), "age"


# --- Names after titles, roles and "heet" ---------------------------------------------------

_SURNAME = rf"(?:[{_UP}]\.\s?){{0,4}}(?:(?i:{_PARTICLES})\s+){{0,3}}{_NAME_WORD}"
_TITLE_NAME = re.compile(
    r"(?i:\b(?:mevrouw|mevr\.?|mw\.?|meneer|mnr\.?|dhr\.?|de\s+heer|mr\.|dr\.|drs\.|ir\.|"
    r"juffrouw|dokter|zuster))[ \t]+"
    rf"(?P<name>{_SURNAME}|[{_UP}]\.(?:\s?[{_UP}]\.)*)"
)
_ROLE_NAME = re.compile(
    r"(?i:\b(?:moeder|vader|cliënte?|cliente?|client|zwangere|baby|zoon|zoontje|dochter"
    r"|dochtertje|partner|vriend|vriendin|echtgeno(?:ot|te)|oma|opa|zus|zusje|broer|broertje"
    r"|tante|oom|buurvrouw|buurman|kraamvrouw|mama|papa|patiënte?|kind|kindje|jongen|meisje))"
    rf"[ \t]+(?P<name>{_NAME_WORD})(?![\w])"
)
_CALLED_NAME = re.compile(
    r"(?i:\b(?:heet|heette|genaamd|naam\s+is|naam:|voornaam\s+is|noemt\s+zich))\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:(?i:{_PARTICLES})\s+){{0,3}}{_NAME_WORD})?)"
)


_ROLE_WORDS = (
    r"(?:moeder|vader|cliënte?|zwangere|baby|zoon|zoontje|dochter|dochtertje|partner|kind|kindje"
    r"|jongste|oudste|broer|broertje|zus|zusje|vriend|vriendin|ex|ex-partner|tweeling)"
)
# Appositions: "het oudste kind, Noah, zit ..." and "Sanne, de dochter van cliënte, ..."
_APPOSITION_NAME = re.compile(
    rf"(?i:\b{_ROLE_WORDS}),\s+(?P<name>{_NAME_WORD}),"
    rf"|(?<![\w])(?P<name2>{_NAME_WORD}),\s+(?i:(?:de|het|haar|zijn|hun)\s+(?:\w+\s+)?{_ROLE_WORDS})\b"
)


def detect_name(text: str) -> Iterator[Span]:
    names: list[Span] = []
    for m in _TITLE_NAME.finditer(text):
        last = m.group("name").split()[-1]
        if is_name_word(last) or "." in last:
            names.append((m.start(), m.end("name"), "name"))
    for pattern in (_ROLE_NAME, _CALLED_NAME):
        for m in pattern.finditer(text):
            if is_name_word(m.group("name").split()[0]):
                names.append((m.start("name"), m.end("name"), "name"))
    for m in _APPOSITION_NAME.finditer(text):
        group = "name" if m.group("name") else "name2"
        if is_name_word(m.group(group)):
            names.append((m.start(group), m.end(group), "name"))
    yield from names
    # A name found once is a name everywhere in the text ("Sanne wil dat ..., Sanne niet").
    words = {
        w
        for start, end, _ in names
        for w in re.findall(_NAME_WORD, text[start:end])
        if len(w) > 2 and is_name_word(w) and not _TITLE_WORD.fullmatch(w)
    }
    for word in words:
        for m in re.finditer(rf"(?<![\w]){re.escape(word)}(?![\w])", text):
            yield m.start(), m.end(), "name"


_TITLE_WORD = re.compile(r"(?i:mevrouw|mevr|meneer|heer|juffrouw|dokter|zuster|de|van)")


# --- Specific institutions ------------------------------------------------------------------


@cache
def _institution_pattern() -> re.Pattern:
    def alternatives(names, flags):
        escaped = sorted({re.escape(n) for n in names}, key=len, reverse=True)
        return f"(?{flags}:" + "|".join(escaped) + ")"

    named = alternatives(CASE_INSENSITIVE, "i") + "|" + alternatives(CASE_SENSITIVE, "")
    generic = (
        # Flevoziekenhuis, Sint Lucas Ziekenhuis, Ziekenhuis Gelderse Vallei, Medisch Centrum X
        rf"(?<!\bHet\s)(?<!\bDe\s)(?<!\bEen\s)[{_UP}][{_LOW}]+(?:ziekenhuis|gasthuis|kliniek)"
        rf"|(?:(?:Sint|St\.)\s)?[{_UP}][{_LOW}]+\s(?:Ziekenhuis|Gasthuis|Kliniek|Medisch\sCentrum|MC)"
        rf"|(?:Ziekenhuis|Medisch\sCentrum|Kliniek)\s(?:[{_UP}][{_LOW}]+\s?){{1,2}}"
    )
    return re.compile(rf"(?<![\w])(?:{named}|{generic})(?![\w+])")


_INSTITUTION_STOP = {"Het", "De", "Een", "Dit", "Dat", "Ons", "Welk", "Welke", "Elk"}


def detect_institution(text: str) -> Iterator[Span]:
    for m in _institution_pattern().finditer(text):
        value = m.group().rstrip()
        first = value.split()[0]
        if first in _INSTITUTION_STOP or value in {"Ziekenhuis", "Kliniek"}:
            continue
        yield m.start(), m.start() + len(value), "institution"


DETECTORS: tuple[Callable[[str], Iterable[Span]], ...] = (
    detect_bsn,
    detect_phone,
    detect_postcode,
    detect_iban,
    detect_licence_plate,
    detect_email,
    detect_url,
    detect_social_handle,
    detect_date,
    detect_address,
    detect_age,
    detect_name,
    detect_institution,
)


def detect_all(text: str) -> Iterator[Span]:
    for detector in DETECTORS:
        yield from detector(text)
