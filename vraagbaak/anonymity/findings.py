"""The Finding type, the labels with their Dutch explanations, and merging."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.utils.translation import gettext, gettext_lazy

# Stable label values (English, like enum values elsewhere). The order is the priority
# when two findings overlap: the more specific and more dangerous label wins.
LABELS = (
    "bsn",
    "iban",
    "phone",
    "email",
    "licence_plate",
    "address",
    "postcode",
    "date",
    "age",
    "name",
    "institution",
    "social_handle",
    "url",
    "location",
    "id",
)
_PRIORITY = {label: rank for rank, label in enumerate(LABELS)}

LABEL_NAMES = {
    "bsn": gettext_lazy("BSN"),
    "iban": gettext_lazy("rekeningnummer"),
    "phone": gettext_lazy("telefoonnummer"),
    "email": gettext_lazy("e-mailadres"),
    "licence_plate": gettext_lazy("kenteken"),
    "address": gettext_lazy("adres"),
    "postcode": gettext_lazy("postcode"),
    "date": gettext_lazy("datum"),
    "age": gettext_lazy("leeftijd"),
    "name": gettext_lazy("naam"),
    "institution": gettext_lazy("instelling"),
    "social_handle": gettext_lazy("naam op sociale media"),
    "url": gettext_lazy("link"),
    "location": gettext_lazy("plaats"),
    "id": gettext_lazy("nummer"),
}

EXPLANATIONS = {
    "bsn": gettext_lazy(
        "Dit lijkt een burgerservicenummer (BSN). Met een BSN is iemand direct te vinden."
    ),
    "iban": gettext_lazy(
        "Dit lijkt een bankrekeningnummer. Een rekeningnummer hoort bij één persoon."
    ),
    "phone": gettext_lazy("Dit lijkt een telefoonnummer. Daarmee is iemand te vinden."),
    "email": gettext_lazy("Dit lijkt een e-mailadres. Daarmee is iemand te vinden."),
    "licence_plate": gettext_lazy(
        "Dit lijkt een kenteken. Een kenteken hoort bij één persoon of gezin."
    ),
    "address": gettext_lazy("Dit lijkt een adres. Met een adres is een gezin te vinden."),
    "postcode": gettext_lazy(
        "Een postcode wijst naar een paar straten. Zo kan iemand het gezin herkennen."
    ),
    "date": gettext_lazy(
        "Een precieze datum, zoals een geboortedatum of uitgerekende datum, kan een gezin "
        "herkenbaar maken. Noem liever een periode, zoals 'begin juni' of 'rond 30 weken'."
    ),
    "age": gettext_lazy(
        "Een precieze leeftijd kan iemand herkenbaar maken. "
        "Schrijf liever 'ongeveer 30' of 'begin twintig'."
    ),
    "name": gettext_lazy(
        "Dit lijkt een naam. Gebruik geen namen, ook geen voornaam. "
        "Schrijf liever 'moeder', 'vader' of 'de baby'."
    ),
    "institution": gettext_lazy(
        "Een specifieke instelling kan een gezin herkenbaar maken. "
        "Schrijf liever 'het ziekenhuis' of 'de instelling'."
    ),
    "social_handle": gettext_lazy(
        "Dit lijkt een naam op sociale media. Daarmee is iemand te vinden."
    ),
    "url": gettext_lazy(
        "Een link kan naar een persoon of gezin leiden. Deel alleen links naar openbare informatie."
    ),
    "location": gettext_lazy(
        "Dit lijkt een plaats of straat. Samen met andere details kan iemand het gezin herkennen."
    ),
    "id": gettext_lazy("Dit lijkt een nummer dat bij één persoon hoort, zoals een dossiernummer."),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A piece of text that may identify a person or family.

    ``start``/``end`` are character offsets into the checked text (``text[start:end] ==
    finding.text``); ``label`` is one of ``LABELS``; ``explanation`` is Dutch (B1) for the author.
    """

    start: int
    end: int
    label: str
    text: str
    explanation: str

    @classmethod
    def make(cls, source: str, start: int, end: int, label: str) -> Finding:
        return cls(start, end, label, source[start:end], gettext(EXPLANATIONS[label]))

    @property
    def label_name(self) -> str:
        return str(LABEL_NAMES[self.label])

    def as_dict(self) -> dict:
        """The public JSON shape: start, end, label, text (no explanation)."""
        data = asdict(self)
        del data["explanation"]
        return data


def merge_findings(source: str, findings: Iterable[Finding]) -> list[Finding]:
    """Sort findings and merge the ones that overlap into one span (union).

    The merged finding keeps the label with the highest priority (``LABELS`` order),
    so "Kinkerstraat 12" found as address (own rule) and location (deduce) stays an address.
    """
    merged: list[tuple[int, int, str]] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and f.start < merged[-1][1]:
            start, end, label = merged[-1]
            if _PRIORITY[f.label] < _PRIORITY[label]:
                label = f.label
            merged[-1] = (start, max(end, f.end), label)
        else:
            merged.append((f.start, f.end, f.label))
    return [Finding.make(source, start, end, label) for start, end, label in merged]
