"""deduce (UMC Utrecht's Dutch de-identifier) behind a lazy, once-per-process singleton.

Loading costs about 5 s and ~1 GB RSS once the lookup cache exists; building that cache
(~80 MB pickle) takes about 2 minutes the first time. The cache lives in
``settings.VRAAGBAAK_DEDUCE_CACHE_DIR`` (default ``BASE_DIR/.deduce-cache``), never in
site-packages, so a read-only image can ship it pre-built (see the package docstring).
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
from pathlib import Path

from django.conf import settings

from .detectors import is_identifying_age, is_name_word, is_public_url
from .findings import Finding

_lock = threading.Lock()
_instance = None

# deduce tag -> our label. Names of people come as persoon/patient; streets as straat.
TAG_LABELS = {
    "persoon": "name",
    "patient": "name",
    "locatie": "location",
    "straat": "location",
    "ziekenhuis": "institution",
    "zorginstelling": "institution",
    "datum": "date",
    "leeftijd": "age",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "url": "url",
    "bsn": "bsn",
    "id": "id",
}

# Places and services every Amsterdam family shares: never a finding, whatever deduce says.
# (Stadsdeel is a form field of its own; "Buurtteam Zuid" names a service, not a family.)
# fmt: off
GENERIC_TERMS = {
    "amsterdam", "nederland", "noord", "zuid", "oost", "west", "nieuw-west", "nieuw west",
    "zuidoost", "centrum", "weesp", "amsterdam-noord", "amsterdam-zuid", "amsterdam-oost",
    "amsterdam-west", "amsterdam-zuidoost", "amsterdam-centrum", "amsterdam nieuw-west",
    "amsterdam-nieuw-west", "buurtteam", "okt", "jgz", "ggd", "veilig thuis", "huisartsenpost",
    "wijkteam", "sociaal wijkteam", "ggz", "poh-ggz", "mdo", "wijk-mdo", "ouder- en kindteam",
    "stadsdeel", "stadsloket",
}
_GENERIC_WORDS = {word for term in GENERIC_TERMS for word in term.split()} | {
    "team", "het", "de", "van", "bij", "in", "zorg",
}
# fmt: on
_PUBLIC_NUMBER = re.compile(r"^(?:0800|0900|0906|0909|112$|113$|14\s?020$)")


def is_available() -> bool:
    return importlib.util.find_spec("deduce") is not None


def is_enabled() -> bool:
    """``VRAAGBAAK_ANONYMITY_DEDUCE`` (default: on when deduce is installed)."""
    setting = getattr(settings, "VRAAGBAAK_ANONYMITY_DEDUCE", None)
    if setting is None:
        return is_available()
    return bool(setting) and is_available()


def cache_dir() -> Path:
    return Path(
        getattr(settings, "VRAAGBAAK_DEDUCE_CACHE_DIR", None) or settings.BASE_DIR / ".deduce-cache"
    )


def is_loaded() -> bool:
    return _instance is not None


def get_deduce():
    """The process-wide Deduce instance; the first call loads it (and may build the cache)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = _load()
    return _instance


def _load():
    root = logging.getLogger()
    # deduce calls logging.basicConfig(stream=sys.stdout, level=DEBUG) at import time, which
    # would send every DEBUG record of the process to stdout (and break JSON output).
    # basicConfig does nothing when the root logger already has a handler.
    guard = logging.NullHandler()
    root.addHandler(guard)
    try:
        from deduce import Deduce
    finally:
        root.removeHandler(guard)
    path = cache_dir()
    path.mkdir(parents=True, exist_ok=True)
    return Deduce(cache_path=path)


def _is_generic(text: str) -> bool:
    words = re.findall(r"[\w-]+", text.lower())
    return bool(words) and all(w in _GENERIC_WORDS for w in words)


def deduce_findings(text: str) -> list[Finding]:
    """deduce's annotations as Findings, filtered by the same policy as our own detectors:
    no public numbers, public websites, generic service/place names, children's ages (the
    platform is about the first 1000 days) or approximate ages and age ranges."""
    doc = get_deduce().deidentify(text)
    findings = []
    for annotation in doc.annotations:
        label = TAG_LABELS.get(annotation.tag, "id")
        value = annotation.text
        if label in {"location", "institution", "name"} and _is_generic(value):
            continue
        if label in {"phone", "id"} and _PUBLIC_NUMBER.match(re.sub(r"[\s.-]", "", value)):
            continue
        if label == "name" and " " not in value.strip() and not is_name_word(value.strip()):
            continue
        if label == "url" and is_public_url(value):
            continue
        start, end = annotation.start_char, annotation.end_char
        if label == "age" and not is_identifying_age(text, start, end):
            continue
        findings.append(Finding.make(text, start, end, label))
    return findings
