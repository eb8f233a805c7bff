"""Dutch text normalisation and query expansion for search, as pure functions.

Professionals from the medical and the social domain use different words for the same
thing ("Spreken de spelers dezelfde taal?", seed digest §2.13). This module holds:

- :func:`normalize`: lowercase, fold accents and diaeresis (``financiële`` -> ``financiele``),
  keep only letters and digits. It does **not** stem: ``financieel`` and ``financiele`` stay
  different words. Stemming is the search backend's job.
- :data:`SEED_SYNONYMS`: the seed domain thesaurus, groups of words that mean the same or
  nearly the same. Editors maintain the live thesaurus in the admin later; this is the seed
  (migration 0003). :data:`SEED_EXTENSIONS` and :data:`MORE_SYNONYMS` were added later
  (migration 0005); :data:`DOMAIN_SYNONYMS` is all of it.
  Only true or near-synonyms belong here. Related but different things stay apart, e.g.
  ``kraamtranen`` (baby blues, normal, passes) is *not* ``postpartumdepressie``, and
  ``laaggeletterd`` is *not* ``beperkte gezondheidsvaardigheden``.
- :data:`ABBREVIATIONS`: abbreviation -> its written-out form.
- :data:`COMPOUND_PARTS`: known word parts for splitting Dutch compounds
  (also the word list for Elasticsearch's ``dictionary_decompounder``).
- :func:`split_compound` and :func:`expand_query`.

Nothing here touches the database, so every function is cheap to test.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

__all__ = [
    "ABBREVIATIONS",
    "COMPOUND_PARTS",
    "DOMAIN_SYNONYMS",
    "LINKING_LETTERS",
    "MORE_SYNONYMS",
    "SEED_EXTENSIONS",
    "SEED_SYNONYMS",
    "expand_query",
    "merge_abbreviations",
    "normalize",
    "normalize_groups",
    "split_compound",
]

#: Dutch linking letters ("tussenklanken") allowed between two parts of a compound:
#: zwangerschap-s-diabetes, huisarts-en-post, ... Longest first.
LINKING_LETTERS: tuple[str, ...] = ("en", "s", "e")

_APOSTROPHES = {"'", "\u2019", "\u2018", "`", "\u00b4"}


def normalize(text: str) -> str:
    """Lowercase ``text``, fold accents and diaeresis, and keep only letters and digits.

    Every other character (hyphens, punctuation, slashes) becomes a space; apostrophes are
    dropped so ``baby's`` becomes ``babys``. Runs of whitespace collapse to one space.

    >>> normalize("Financiële  problemen")
    'financiele problemen'
    >>> normalize("Ouder- en Kindteam (OKT)")
    'ouder en kindteam okt'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Regular expressions instead of a loop over every character: indexing whole
    # questions calls this a lot. Only non-ASCII characters need a closer look.
    if not decomposed.isascii():
        decomposed = _NON_ASCII.sub(_drop_marks, decomposed)
    decomposed = _ASCII_APOSTROPHES.sub("", decomposed)
    return " ".join(_NOT_ALNUM.sub(" ", decomposed).split())


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_APOSTROPHES = re.compile(r"['`]")
# \w is exactly str.isalnum() plus the underscore; spaces are left to str.split().
_NOT_ALNUM = re.compile(r"[^\w ]+|_+")


def _drop_marks(match: re.Match) -> str:
    """Helper for normalize, do not call directly: drop accents and apostrophes."""
    char = match.group()
    return "" if unicodedata.combining(char) or char in _APOSTROPHES else char


# ---------------------------------------------------------------------------------------
# Seed thesaurus
# ---------------------------------------------------------------------------------------

#: The seed domain thesaurus: each set holds words or phrases that mean the same or nearly
#: the same for professionals around the first 1000 days. Written as people write them
#: (accents, hyphens); use :func:`normalize_groups` before comparing. No phrase occurs in
#: two groups.
#:
#: Migration 0003 seeds exactly this list on a fresh install, so leave it as it is; the
#: same holds for :data:`SEED_EXTENSIONS` and :data:`MORE_SYNONYMS`, which migration 0005
#: reads. Later additions go into a new list with a data migration of their own, which
#: brings them to fresh and existing installs alike (and joins :data:`DOMAIN_SYNONYMS`,
#: the whole thesaurus). The benchmark's word list is built from this list only.
SEED_SYNONYMS: list[set[str]] = [
    # --- Seed digest §2.13 --------------------------------------------------------------
    {
        "kwetsbare ouders",
        "ouders met verhoogde kwetsbaarheid",
        "ouders in kwetsbare omstandigheden",
        "ouders in een kwetsbare positie",
        "ouders in kwetsbare situaties",
    },
    {"toeleiden", "toeleiding", "doorverwijzen", "doorverwijzing", "verwijzen", "verwijzing"},
    {
        "regiehouder",
        "regievoerder",
        "regisseur",
        "casusregisseur",
        "vaste contactpersoon",
        "spin in het web",
        "bruggenbouwer",
    },
    {"buurtteam", "wijkteam", "sociaal wijkteam", "buurtteams", "wijkteams"},
    {"jgz", "jeugdgezondheidszorg", "consultatiebureau"},
    {"okt", "ouder- en kindteam", "ouder en kind team", "ouder-kindteam"},
    {"schuldhulpverlening", "schulddienstverlening", "schuldhulp"},
    {"geldzorgen", "financiële problemen", "geldproblemen", "financiële zorgen", "schulden"},
    {
        "zorgmijders",
        "zorgmijder",
        "zorgmijding",
        "vermijden van zorg",
        "zorg mijden",
        "zorgmijdend",
    },
    {
        "mdo",
        "multidisciplinair overleg",
        "casusoverleg",
        "casuïstiekoverleg",
        "casusbespreking",
        "casuïstiekbespreking",
        "casuïstiektafel",
    },
    {"sociale kaart", "wegwijzer", "menukaart", "gezonde en kansrijke kaart"},
    {"kraamzorg", "kraamverzorgende", "kraamverzorgster", "kraamhulp"},
    {"lvb", "licht verstandelijke beperking", "licht verstandelijk beperkt"},
    {"laaggeletterd", "laaggeletterdheid", "moeite met lezen en schrijven", "moeite met lezen"},
    {"beperkte gezondheidsvaardigheden", "lage gezondheidsvaardigheden"},
    # --- Organisations, services and roles ----------------------------------------------
    {"ggz", "geestelijke gezondheidszorg"},
    {"veilig thuis", "amhk", "advies- en meldpunt huiselijk geweld en kindermishandeling"},
    {"huisartsenpost", "hap", "huisartsenspoedpost", "spoedpost"},
    {"poh", "praktijkondersteuner", "praktijkondersteuner huisarts"},
    {"poh-ggz", "praktijkondersteuner ggz"},
    {"mmw", "medisch maatschappelijk werk", "medisch maatschappelijk werker"},
    {"amw", "algemeen maatschappelijk werk", "maatschappelijk werk", "maatschappelijk werker"},
    {"verloskundige", "vroedvrouw", "verloskundigen"},
    {"jeugdverpleegkundige", "jgz-verpleegkundige", "cb-verpleegkundige"},
    {"jeugdarts", "consultatiebureauarts", "cb-arts"},
    {"gynaecoloog", "vrouwenarts"},
    {"kinderarts", "pediater"},
    {"pop-poli", "pop-polikliniek", "psychiatrie obstetrie pediatrie"},
    {"vsv", "verloskundig samenwerkingsverband"},
    {"seh", "spoedeisende hulp", "eerste hulp"},
    {"crisisdienst", "ggz-crisisdienst", "acute psychiatrische dienst"},
    {"ggd", "gemeentelijke gezondheidsdienst"},
    {"cjg", "centrum voor jeugd en gezin"},
    {"jeugdhulp", "jeugdzorg"},
    {"raad voor de kinderbescherming", "rvdk", "kinderbescherming"},
    {"ots", "ondertoezichtstelling", "onder toezicht stelling"},
    {"uithuisplaatsing", "uit huis plaatsing", "uithuisgeplaatst"},
    {
        "cliëntondersteuner",
        "onafhankelijk cliëntondersteuner",
        "onafhankelijke cliëntondersteuning",
    },
    {"bewindvoering", "beschermingsbewind", "bewindvoerder"},
    {"woningcorporatie", "woningbouwvereniging", "wooncorporatie", "woningbouw"},
    {"ervaringsdeskundige", "ervaringswerker"},
    {"sleutelpersoon", "sleutelfiguur"},
    {"vetc", "voorlichter eigen taal en cultuur"},
    {"buddy", "maatje"},
    {"home-start", "homestart"},
    {"tolk", "tolkdienst", "tolkentelefoon"},
    {"kinderopvang", "kinderdagverblijf", "kdv", "crèche", "dagopvang"},
    {"peuteropvang", "peuterspeelzaal"},
    {"vve", "voor- en vroegschoolse educatie"},
    {"voedselbank", "voedselpakket"},
    {"nu niet zwanger", "nnz"},
    # --- Pregnancy, birth and the baby --------------------------------------------------
    {"zwangerschap", "graviditeit"},
    {"zwangere", "zwangere vrouw", "aanstaande moeder"},
    {"bevalling", "partus", "baring"},
    {
        "kraamperiode",
        "kraamweek",
        "kraamtijd",
        "kraambed",
        "postpartumperiode",
        "periode na de bevalling",
    },
    {
        "postpartumdepressie",
        "postpartum depressie",
        "postnatale depressie",
        "depressie na de bevalling",
    },
    {"kraamtranen", "babyblues", "baby blues"},
    {
        "zwangerschapsdiabetes",
        "diabetes gravidarum",
        "zwangerschapssuikerziekte",
        "diabetes in de zwangerschap",
    },
    {"vroeggeboorte", "premature geboorte", "prematuriteit", "te vroeg geboren"},
    {"prenatale zorg", "zwangerschapszorg", "zwangerschapsbegeleiding", "verloskundige zorg"},
    {"borstvoeding", "borstvoeding geven", "lactatie"},
    {"flesvoeding", "kunstvoeding", "zuigelingenvoeding"},
    {"babyspullen", "babyuitzet", "babybenodigdheden"},
    {"huilbaby", "excessief huilen", "overmatig huilen"},
    {"wiegendood", "plotselinge zuigelingensterfte"},
    {"vaccinaties", "inentingen", "vaccineren", "inenten"},
    {"rvp", "rijksvaccinatieprogramma"},
    {"onbedoelde zwangerschap", "ongeplande zwangerschap", "onverwachte zwangerschap"},
    {"tienerzwangerschap", "zwangerschap op jonge leeftijd"},
    {"anticonceptie", "voorbehoedsmiddelen", "geboortebeperking"},
    {"abortus", "zwangerschapsafbreking", "afbreking van de zwangerschap"},
    {"tienermoeder", "tienermoeders", "jonge moeder", "jonge moeders"},
    {"alleenstaande ouder", "eenoudergezin"},
    {"alleenstaande moeder", "single moeder"},
    # --- Risk factors and circumstances -------------------------------------------------
    {"huurachterstand", "huurschuld", "achterstallige huur"},
    {"ontruiming", "huisuitzetting", "uitzetting"},
    {
        "dakloos",
        "dakloosheid",
        "thuisloos",
        "dak- en thuisloos",
        "dak- of thuisloos",
        "zonder vaste woonplek",
    },
    {"briefadres", "postadres"},
    {"huisvestingsproblemen", "woonproblemen", "problemen met wonen"},
    {"urgentieverklaring", "woonurgentie"},
    {
        "ongedocumenteerd",
        "ongedocumenteerde",
        "ongedocumenteerden",
        "zonder verblijfsvergunning",
        "zonder verblijfsstatus",
        "zonder papieren",
        "illegaal",
    },
    {"onverzekerd", "geen zorgverzekering", "niet verzekerd", "zonder zorgverzekering"},
    {"zorgverzekering", "ziektekostenverzekering", "basisverzekering"},
    {"bsn", "burgerservicenummer"},
    {"ind", "immigratie- en naturalisatiedienst"},
    {"statushouder", "statushouders", "vergunninghouder"},
    {"asielzoeker", "asielzoekers", "asielaanvrager"},
    {"azc", "asielzoekerscentrum"},
    {"coa", "centraal orgaan opvang asielzoekers"},
    {"arbeidsmigrant", "arbeidsmigranten", "eu-migrant", "eu-arbeidsmigrant"},
    {"taalbarrière", "anderstalig", "spreekt geen nederlands", "nederlands beperkt machtig"},
    {"bijstand", "bijstandsuitkering"},
    {"huiselijk geweld", "geweld in het gezin", "geweld achter de voordeur"},
    {"kindermishandeling", "mishandeling van kinderen"},
    {"huwelijksdwang", "gedwongen huwelijk"},
    {"verslaving", "verslavingsproblematiek", "middelenmisbruik", "verslaafd"},
    {"verslavingszorg", "verslavingshulp", "verslavingsbehandeling"},
    {"psychische problemen", "psychische klachten", "psychische problematiek", "mentale problemen"},
    {"acute psychiatrische problematiek", "acute psychiatrie", "psychiatrische crisis"},
    {
        "multiprobleemgezin",
        "multi-problematiek",
        "meervoudige problematiek",
        "stapeling van problemen",
    },
    {"isolement", "sociaal isolement", "geïsoleerd", "eenzaamheid"},
    {"sociaal netwerk", "steunnetwerk", "informeel netwerk"},
    {"nadelige leefstijl", "ongezonde leefstijl"},
    {"roken", "rookgedrag", "tabaksgebruik"},
    {"stoppen met roken", "rookstop"},
    {"alcoholgebruik", "drankgebruik"},
    {"opvoedvaardigheden", "opvoedingsvaardigheden"},
    {"opvoedondersteuning", "opvoedingsondersteuning", "opvoedhulp", "opvoedingshulp"},
    {"ouder-kindinteractie", "ouder-kindrelatie", "interactie tussen ouder en kind"},
    # --- Ways of working ----------------------------------------------------------------
    {"warme overdracht", "warme doorverwijzing"},
    {"huisbezoek", "thuisbezoek"},
    {"wachtlijst", "wachttijd"},
]

#: Words added to seed groups by migration 0005, keyed by a phrase of the seed group.
#: Mostly the inflected forms people type, which the thesaurus looks up as typed while
#: the stemmer does not join them (``dakloze``/``dakloos``, ``eenzame``/``eenzaamheid``),
#: and the registration term ``zonder vaste woon- of verblijfplaats``. The migration only
#: extends a group that is still exactly as 0003 seeded it: an editor's group is theirs.
SEED_EXTENSIONS: dict[str, set[str]] = {
    "dakloos": {
        "dakloze",
        "daklozen",
        "zonder vast adres",
        "zonder vaste woon- of verblijfplaats",
    },
    "isolement": {"eenzaam", "eenzame", "geïsoleerde"},
    "zorgmijders": {"zorgmijdende"},
}

#: New groups, added by migration 0005 where no active group has any of their words yet.
#: Each is a true or near-synonym set in the medical or the social domain. Deliberately
#: left out: ``middelengebruik`` is not ``verslaving`` (use is not addiction), ``vader``
#: is not grouped with ``papa`` (it would put "papa" under every query with "vader"), and
#: ``hechting`` is not grouped with ``gehechtheid`` (after a birth, "hechtingen" are
#: stitches).
MORE_SYNONYMS: list[set[str]] = [
    # --- Pregnancy, birth and the first 1000 days ---------------------------------------
    {
        "kraampsychose",
        "postpartumpsychose",
        "postpartum psychose",
        "postnatale psychose",
        "puerperale psychose",
        "kraambedpsychose",
    },
    {"kraamvrouw", "kraamvrouwen", "kraammoeder", "kraammoeders"},
    {"kinderwens", "zwangerschapswens", "wens om zwanger te worden"},
    {
        "preconceptiezorg",
        "preconceptionele zorg",
        "preconceptieconsult",
        "preconceptioneel consult",
    },
    {"preconceptiefase", "preconceptieperiode", "preconceptionele periode"},
    {"interconceptiezorg", "interconceptionele zorg"},
    {"interconceptiefase", "interconceptieperiode", "interconceptionele periode"},
    {"eerste 1000 dagen", "eerste duizend dagen", "1000 dagen"},
    {"diabetes", "suikerziekte", "diabetes mellitus"},
    {"somberheid", "somber", "neerslachtig", "neerslachtigheid", "sombere stemming"},
    {
        "hechtingsproblemen",
        "hechtingsproblematiek",
        "gehechtheidsproblemen",
        "gehechtheidsproblematiek",
    },
    # --- Parents ------------------------------------------------------------------------
    {"vadergroep", "vadergroepen", "papagroep", "papagroepen"},
    {
        "vaderbetrokkenheid",
        "betrokken vaderschap",
        "betrokkenheid van vaders",
        "betrokkenheid van de vader",
    },
    {"tienerouder", "tienerouders", "jonge ouder", "jonge ouders"},
    {"tienervader", "tienervaders", "jonge vader", "jonge vaders"},
    # --- Risk factors and circumstances -------------------------------------------------
    {
        "middelengebruik",
        "gebruik van middelen",
        "alcohol- en drugsgebruik",
        "drugs- en alcoholgebruik",
        "genotmiddelengebruik",
    },
    {
        "cannabisgebruik",
        "blowen",
        "cannabis roken",
        "wietgebruik",
        "wiet roken",
        "softdrugsgebruik",
    },
    {"relatieproblemen", "relatieproblematiek", "relationele problemen", "problemen in de relatie"},
    {"dwingende controle", "coercive control"},
    {"financieel misbruik", "financiële uitbuiting", "economisch geweld", "financieel geweld"},
    {"werkloosheid", "werkeloosheid", "werkloos", "werkeloos"},
    {"minima", "minimuminkomen", "minima-inkomen", "sociaal minimum"},
    {"klein netwerk", "weinig netwerk", "beperkt netwerk", "klein sociaal netwerk"},
    # --- Ways of working ----------------------------------------------------------------
    {"vroegsignalering", "vroegtijdige signalering", "vroeg signaleren", "vroegtijdig signaleren"},
    {"borger", "netwerkversteviger"},
    {"seksuele voorlichting", "seksuele vorming", "seksuele educatie"},
    {"beeldbellen", "videobellen", "videogesprek", "videoconsult"},
    {
        "eenvoudige taal",
        "makkelijke taal",
        "begrijpelijke taal",
        "b1-niveau",
        "taalniveau b1",
        "jip-en-janneketaal",
    },
]


def _extended(groups: Iterable[set[str]], extensions: Mapping[str, set[str]]) -> list[set[str]]:
    """Helper for DOMAIN_SYNONYMS, do not call directly: groups with their extensions."""
    result = [set(group) for group in groups]
    for anchor, terms in extensions.items():
        home = next(g for g in result if anchor in g)
        home.update(terms)
    return result


#: The whole domain thesaurus: the seed with its extensions, and the groups added later.
#: What a fresh install holds after all migrations (with the abbreviations merged in).
DOMAIN_SYNONYMS: list[set[str]] = [
    *_extended(SEED_SYNONYMS, SEED_EXTENSIONS),
    *(set(group) for group in MORE_SYNONYMS),
]

#: Abbreviations professionals use, mapped to the written-out form (lowercase, as typed).
ABBREVIATIONS: dict[str, str] = {
    "aagg": "amsterdamse aanpak gezond gewicht",
    "amhk": "advies- en meldpunt huiselijk geweld en kindermishandeling",
    "amw": "algemeen maatschappelijk werk",
    "azc": "asielzoekerscentrum",
    "bsn": "burgerservicenummer",
    "cb": "consultatiebureau",
    "cjg": "centrum voor jeugd en gezin",
    "coa": "centraal orgaan opvang asielzoekers",
    "ggd": "gemeentelijke gezondheidsdienst",
    "ggz": "geestelijke gezondheidszorg",
    "gks": "gezonde en kansrijke start",
    "hap": "huisartsenpost",
    "ind": "immigratie- en naturalisatiedienst",
    "iza": "integraal zorgakkoord",
    "jgz": "jeugdgezondheidszorg",
    "kdv": "kinderdagverblijf",
    "lvb": "licht verstandelijke beperking",
    "mdo": "multidisciplinair overleg",
    "mmw": "medisch maatschappelijk werk",
    "nnz": "nu niet zwanger",
    "okt": "ouder- en kindteam",
    "ots": "ondertoezichtstelling",
    "pgb": "persoonsgebonden budget",
    "poh": "praktijkondersteuner huisarts",
    "ptss": "posttraumatische stressstoornis",
    "rvdk": "raad voor de kinderbescherming",
    "rvp": "rijksvaccinatieprogramma",
    "seh": "spoedeisende hulp",
    "soa": "seksueel overdraagbare aandoening",
    "vetc": "voorlichter eigen taal en cultuur",
    "vsv": "verloskundig samenwerkingsverband",
    "vt": "veilig thuis",
    "vve": "voor- en vroegschoolse educatie",
    "wmo": "wet maatschappelijke ondersteuning",
    "wsnp": "wet schuldsanering natuurlijke personen",
}

#: Known word parts for splitting Dutch compounds (normalised). Deliberately no tiny
#: function words ("ver", "be", "over") so that ordinary words are not split by accident,
#: and no two-part words whose parts are listed too, so splits come out finest-grained
#: (schuldhulpverlening -> schuld hulp verlening).
_COMPOUND_PARTS_TEXT = """
    # money, housing
    schuld hulp verlening dienst huur achterstand geld zorgen problemen woning corporatie
    bouw vereniging huis uitzetting toeslag uitkering bijstand budget beheer sanering
    voedsel bank pakket adres brief post wonen woon urgentie
    # care and services
    zorg kraam verzorgende verzorgster arts praktijk ondersteuner ondersteuning jeugd
    gezondheid consultatie bureau verpleegkundige wijk buurt team ouder kind kinder opvang
    dag verblijf crisis spoed ziekte kosten verzekering verzekeraar basis verslaving
    behandeling overleg bespreking casus regie houder voerder melding meld punt code tolk
    taal coach maatje vrijwilliger wacht lijst tijd bezoek thuis programma vaccinatie
    bescherming plaatsing
    # pregnancy, birth, baby
    zwangerschap diabetes suiker bevalling periode week depressie tranen baby spullen uitzet
    borst fles kunst voeding zuigeling moeder vader tiener geboorte huil wieg dood afbreking
    begeleiding
    # people, circumstances, ways of working
    gezin netwerk kaart geweld partner kennis vaardigheden opvoeding opvoed interactie
    relatie asiel zoeker centrum status vergunning arbeid migrant barriere stad deel alarm
    leef stijl rook gedrag alcohol gebruik problematiek
"""
COMPOUND_PARTS: frozenset[str] = frozenset(
    word
    for line in _COMPOUND_PARTS_TEXT.splitlines()
    if not line.strip().startswith("#")
    for word in line.split()
)


# ---------------------------------------------------------------------------------------
# Helpers on groups
# ---------------------------------------------------------------------------------------


def normalize_groups(groups: Iterable[Iterable[str]]) -> list[frozenset[str]]:
    """Normalise every phrase of every group; drop empty phrases and groups of fewer than two."""
    result: list[frozenset[str]] = []
    for group in groups:
        terms = frozenset(t for t in (normalize(p) for p in group) if t)
        if len(terms) > 1:
            result.append(terms)
    return result


def merge_abbreviations(
    groups: Iterable[Iterable[str]], abbreviations: Mapping[str, str]
) -> list[frozenset[str]]:
    """Normalised groups with each abbreviation joined to the group of its written-out form.

    An abbreviation whose written-out form is in no group gets a group of its own
    (``{"pgb", "persoonsgebonden budget"}``). Handy to feed one synonym list to a backend.
    """
    merged = [set(g) for g in normalize_groups(groups)]
    for short, long in abbreviations.items():
        short_n, long_n = normalize(short), normalize(long)
        if not short_n or not long_n or short_n == long_n:
            continue
        home = next((g for g in merged if long_n in g or short_n in g), None)
        if home is None:
            merged.append({short_n, long_n})
        else:
            home.update({short_n, long_n})
    return [frozenset(g) for g in merged]


# ---------------------------------------------------------------------------------------
# Compounds
# ---------------------------------------------------------------------------------------


def split_compound(
    word: str, vocabulary: Collection[str], *, min_part_length: int = 3
) -> list[str]:
    """Split a Dutch compound into known parts, allowing the linking letters -s-, -e-, -en-.

    Uses dynamic programming over the word: the split with the **fewest** parts wins; ties go
    to fewer linking letters, then to the longest last part (Dutch compounds are
    right-headed). Linking letters are dropped from the result. A word that is itself in
    the vocabulary, or cannot be covered completely by known parts, comes back as
    ``[word]`` (normalised).

    >>> split_compound("huurachterstand", {"huur", "achterstand"})
    ['huur', 'achterstand']
    >>> split_compound("zwangerschapsdiabetes", {"zwangerschap", "diabetes"})
    ['zwangerschap', 'diabetes']
    """
    normalized = normalize(word)
    if not normalized or " " in normalized:
        return [normalized] if normalized else []
    vocab = _vocabulary(vocabulary)
    if normalized in vocab:
        return [normalized]
    parts = _best_split(normalized, vocab, min_part_length)
    return list(parts) if parts else [normalized]


def _vocabulary(vocabulary: Collection[str]) -> frozenset[str]:
    """Helper for split_compound, do not call directly: the vocabulary, normalised once."""
    if isinstance(vocabulary, frozenset):
        return _normalized_vocabulary(vocabulary)
    return frozenset(normalize(v) for v in vocabulary)


@lru_cache(maxsize=32)
def _normalized_vocabulary(vocabulary: frozenset[str]) -> frozenset[str]:
    """Helper for split_compound, do not call directly: cached normalisation of a frozenset."""
    return frozenset(normalize(v) for v in vocabulary)


def _best_split(word: str, vocab: frozenset[str], min_part_length: int) -> tuple[str, ...] | None:
    """Helper for split_compound, do not call directly.

    ``best[i]`` holds the best way to cover ``word[:i]`` as (score, parts), where a lower
    score is better: (number of parts, number of linking letters, -length of last part).
    A position can be reached after a part, or after a part plus linking letters; only the
    final position must end on a part.
    """
    n = len(word)
    best: list[tuple[tuple[int, int, int], tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0), ())
    for start in range(n):
        entry = best[start]
        if entry is None:
            continue
        (count, links, _), parts = entry
        for end in range(start + min_part_length, n + 1):
            part = word[start:end]
            if part not in vocab:
                continue
            new_parts = parts + (part,)
            candidates = [(end, links)]
            if end < n:
                # Linking letters sit between parts, never at the end of the word.
                candidates += [
                    (end + len(link), links + 1)
                    for link in LINKING_LETTERS
                    if word.startswith(link, end) and end + len(link) < n
                ]
            for position, link_count in candidates:
                score = (count + 1, link_count, -len(part))
                current = best[position]
                if current is None or score < current[0]:
                    best[position] = (score, new_parts)
    final = best[n]
    if final is None or len(final[1]) < 2:
        return None
    return final[1]


# ---------------------------------------------------------------------------------------
# Query expansion
# ---------------------------------------------------------------------------------------


def expand_query(
    text: str,
    groups: Iterable[Iterable[str]] = DOMAIN_SYNONYMS,
    abbreviations: Mapping[str, str] = ABBREVIATIONS,
    vocabulary: Collection[str] = COMPOUND_PARTS,
    *,
    lookup: Mapping[str, frozenset[str]] | None = None,
) -> list[str]:
    """Alternative terms and phrases for a search text, normalised and without duplicates.

    ``lookup``: the groups' phrase -> other members (:func:`_group_lookup`), when the caller
    keeps it (synonyms.Thesaurus does); building it costs ~2 ms for the seed thesaurus.

    What is added, in this order:

    1. Synonyms: for every word or phrase of the query that is in a group, the other
       members of that group (both directions: ``wijkteam`` finds ``buurtteam`` and back).
    2. Abbreviations: the written-out form of an abbreviation (``lvb`` ->
       ``licht verstandelijke beperking``) and the abbreviation of a written-out form.
    3. Compounds: a compound split into a phrase (``huurachterstand`` ->
       ``huur achterstand``) and two known parts joined into a compound
       (``huur achterstand`` -> ``huurachterstand``, also with a linking letter when the
       result is a thesaurus term).

    Forms found in steps 2 and 3 are looked up in the thesaurus once more, so
    ``huur achterstand`` also brings ``huurschuld``. Terms that already occur in the query
    are left out. Returns an empty list for an empty query.
    """
    query = normalize(text)
    if not query:
        return []
    tokens = query.split()
    if lookup is None:
        lookup = _group_lookup(groups)
    abbr = {normalize(k): normalize(v) for k, v in abbreviations.items() if normalize(k)}
    reverse_abbr = {v: k for k, v in abbr.items() if v}
    vocab = _vocabulary(vocabulary)

    found: list[str] = []

    def add_synonyms(phrase: str) -> None:
        for member in sorted(lookup.get(phrase, ())):
            found.append(member)

    def add_with_synonyms(phrase: str) -> None:
        found.append(phrase)
        add_synonyms(phrase)

    known = set(lookup) | set(abbr) | set(reverse_abbr)
    longest = _max_words(known)

    # 1 and 2. Synonyms and abbreviations of the phrases in the query, taking the longest
    # known phrase at each position ("zonder zorgverzekering", not "zorgverzekering").
    for phrase in _longest_matches(tokens, known, longest):
        add_synonyms(phrase)
        if phrase in abbr:
            add_with_synonyms(abbr[phrase])
        if phrase in reverse_abbr:
            add_with_synonyms(reverse_abbr[phrase])

    # 3. Compounds: split single words, join neighbouring parts.
    for token in tokens:
        parts = split_compound(token, vocab)
        if len(parts) > 1:
            add_with_synonyms(" ".join(parts))
    for left, right in pairwise(tokens):
        if left in vocab and right in vocab:
            add_with_synonyms(left + right)
            for link in LINKING_LETTERS:
                joined = left + link + right
                if joined in lookup:
                    add_with_synonyms(joined)

    present = set(_ngrams(tokens, len(tokens)))
    result: list[str] = []
    seen: set[str] = set()
    for term in found:
        if term and term not in present and term not in seen:
            seen.add(term)
            result.append(term)
    return result


def _group_lookup(groups: Iterable[Iterable[str]]) -> dict[str, frozenset[str]]:
    """Helper for expand_query, do not call directly: phrase -> the other members of its groups."""
    lookup: dict[str, set[str]] = {}
    for group in normalize_groups(groups):
        for phrase in group:
            lookup.setdefault(phrase, set()).update(group - {phrase})
    return {phrase: frozenset(others) for phrase, others in lookup.items()}


def _longest_matches(tokens: Sequence[str], known: Collection[str], max_words: int) -> list[str]:
    """Helper for expand_query, do not call directly: leftmost-longest known phrases in tokens."""
    matches: list[str] = []
    start = 0
    while start < len(tokens):
        for size in range(min(max_words, len(tokens) - start), 0, -1):
            phrase = " ".join(tokens[start : start + size])
            if phrase in known:
                matches.append(phrase)
                start += size
                break
        else:
            start += 1
    return matches


def _ngrams(tokens: Sequence[str], max_words: int) -> list[str]:
    """Helper for expand_query, do not call directly: all phrases of 1..max_words tokens."""
    phrases: list[str] = []
    for size in range(1, max(1, max_words) + 1):
        for start in range(len(tokens) - size + 1):
            phrases.append(" ".join(tokens[start : start + size]))
    return phrases


def _max_words(phrases: Iterable[str]) -> int:
    """Helper for expand_query, do not call directly: the most words in any phrase."""
    return max((len(p.split()) for p in phrases), default=1)
