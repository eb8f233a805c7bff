"""Own detectors of the anonymity check (no deduce): each one positive and negative."""

import pytest

from vraagbaak.anonymity import Finding, check_text
from vraagbaak.anonymity.detectors import (
    is_valid_bsn,
    is_valid_iban,
    normalise_phone,
)
from vraagbaak.anonymity.findings import merge_findings


def found(text: str) -> list[tuple[str, str]]:
    return [(f.label, f.text) for f in check_text(text, use_deduce=False)]


def assert_found(text: str, label: str, span: str) -> None:
    findings = check_text(text, use_deduce=False)
    assert (label, span) in [(f.label, f.text) for f in findings], findings
    for f in findings:
        assert text[f.start : f.end] == f.text


# --- validation helpers ---


@pytest.mark.parametrize("value", ["111222333", "111.222.333", "1234.56.782", "12345678 2"])
def test_is_valid_bsn_accepts_eleven_proof_numbers(value):
    assert is_valid_bsn(value)


@pytest.mark.parametrize("value", ["123456789", "111222334", "000000000", "12345", "1234567890"])
def test_is_valid_bsn_rejects_numbers_failing_the_eleven_proof(value):
    assert not is_valid_bsn(value)


def test_is_valid_bsn_pads_eight_digit_numbers():
    assert is_valid_bsn("11222333") == is_valid_bsn("011222333")


@pytest.mark.parametrize(
    "value", ["NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", "nl02abna0123456789"]
)
def test_is_valid_iban_accepts_mod97_valid_numbers(value):
    assert is_valid_iban(value)


@pytest.mark.parametrize("value", ["NL92ABNA0417164300", "NL91ABNA041716430", "XX00"])
def test_is_valid_iban_rejects_wrong_check_digits_and_length(value):
    assert not is_valid_iban(value)


@pytest.mark.parametrize(
    ("value", "national"),
    [
        ("+31 6 12345678", "0612345678"),
        ("0031 20 123 4567", "0201234567"),
        ("+31 (0)20 123 4567", "0201234567"),
        ("(020) 123 45 67", "0201234567"),
        ("0800-2000", None),
    ],
)
def test_normalise_phone(value, national):
    assert normalise_phone(value) == national


# --- BSN ---


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Haar BSN is 111222333.", "111222333"),
        ("Dossier 111.222.333 is bekend.", "111.222.333"),  # STACK.md §5: dotted BSN missed
        ("Nummer 111 222 333 staat op de brief.", "111 222 333"),
        ("Het nummer 1234.56.782 klopt.", "1234.56.782"),
        ("Nummer 111-22-2333 staat erop.", "111-22-2333"),
        ("BSN: 123456789 (klopt niet)", "123456789"),  # keyword: invalid number still found
        ("bsn-nummer 12345678 hebben we niet", "12345678"),
    ],
)
def test_bsn_found_in_any_formatting(text, span):
    assert_found(text, "bsn", span)


@pytest.mark.parametrize(
    "text",
    [
        "Het dossiernummer is 123456789.",  # fails the 11-proef, no keyword
        "Een bedrag van € 111.222.333 is absurd.",
        "Bel 0612345678 terug.",  # a phone number, not a BSN
    ],
)
def test_bsn_not_found_without_valid_number_or_keyword(text):
    assert "bsn" not in [label for label, _ in found(text)]


# --- Phone numbers ---


@pytest.mark.parametrize(
    "span",
    [
        "06-12345678",
        "06 12 34 56 78",
        "0612345678",
        "06 12345678",
        "+31 6 12345678",  # STACK.md §5: deduce leaves "+31 6" in the text
        "+31612345678",
        "0031 6 12345678",
        "0031612345678",
        "020-1234567",
        "020 123 4567",
        "(020) 123 45 67",
        "+31 (0)20 123 4567",
        "0299-123456",
    ],
)
def test_phone_found_in_all_dutch_formats(span):
    assert_found(f"Moeder is bereikbaar op {span}, na vijf uur.", "phone", span)


@pytest.mark.parametrize(
    "text",
    [
        "Bel Veilig Thuis op 0800-2000.",
        "Bel Veilig Thuis op 0800 2000.",
        "113 Zelfmoordpreventie: 0800-0113 of 113.",
        "Bij acuut gevaar bel je 112.",
        "Infolijn 0900-1234567 (betaald).",
        "Gratis 0800 1234567 bellen.",
        "De gemeente is bereikbaar via 14 020.",
    ],
)
def test_phone_public_service_numbers_are_allowed(text):
    assert found(text) == []


# --- Postcode ---


@pytest.mark.parametrize("span", ["1053 DZ", "1053DZ", "1103 AB"])
def test_postcode_found(span):
    assert_found(f"Het adres ligt in {span} Amsterdam.", "postcode", span)


def test_postcode_found_after_keyword_without_letters():
    assert_found("Ingeschreven op postcode 1103, Zuidoost.", "postcode", "1103")


@pytest.mark.parametrize(
    "text",
    [
        "Zwangere is AD 36+2 en gezond.",
        "Ze neemt 1000 IE vitamine D.",
        "Het jaar 2024 was zwaar.",
        "Een boete van € 1250 EU-breed.",
    ],
)
def test_postcode_false_hits_avoided(text):
    assert "postcode" not in [label for label, _ in found(text)]


# --- IBAN ---


@pytest.mark.parametrize("span", ["NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"])
def test_iban_found(span):
    assert_found(f"Maak het over naar {span} graag.", "iban", span)


def test_iban_with_wrong_check_digits_only_found_after_keyword():
    assert found("Code NL92ABNA0417164300 gezien.") == []
    assert_found("IBAN: NL92 ABNA 0417 1643 00", "iban", "NL92 ABNA 0417 1643 00")


# --- Licence plates ---


@pytest.mark.parametrize("span", ["12-BDF-3", "GH-123-K", "XB-12-ZZ", "1-KBB-12", "99-XX-99"])
def test_licence_plate_found(span):
    assert_found(f"De auto met kenteken {span} staat voor de deur.", "licence_plate", span)


@pytest.mark.parametrize("text", ["Het gaat om 12-03-24.", "Score 3-2 voor ons.", "AD-36-2"])
def test_licence_plate_not_found_in_dates_and_scores(text):
    assert "licence_plate" not in [label for label, _ in found(text)]


# --- E-mail, URL, social handle ---


def test_email_found():
    assert_found("Mail naar j.bakker@ziggo.nl graag.", "email", "j.bakker@ziggo.nl")


@pytest.mark.parametrize(
    "span",
    ["https://www.facebook.com/sanne.devries", "www.instagram.com/mama.amira", "tiktok.com/@amira"],
)
def test_url_found(span):
    assert ("url", span) in found(f"Zie {span}. Daar staat alles.")


def test_url_to_public_information_is_allowed():
    assert found("Lees www.thuisarts.nl of https://www.rijksoverheid.nl/onderwerpen.") == []


def test_social_handle_found_but_not_inside_email():
    assert_found("Op Instagram heet ze @mama_amira_020.", "social_handle", "@mama_amira_020")
    assert found("Mail info@voorbeeld.nl") == [("email", "info@voorbeeld.nl")]


# --- Dates ---


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Opgenomen op 12-03-2024 in de nacht.", "12-03-2024"),
        ("Opgenomen op 12/03/2024 in de nacht.", "12/03/2024"),
        ("Opgenomen op 2024-03-12 in de nacht.", "2024-03-12"),
        ("Opgenomen op 12 maart 2024 in de nacht.", "12 maart 2024"),
        ("Ze is geboren op 3 februari en woont nu hier.", "3 februari"),
        ("Ze is uitgerekend op 14 juni, het eerste kind.", "14 juni"),
        ("Zwanger, à terme 14-6, geen kraamzorg.", "14-6"),
        ("Zwanger, a terme 14/6, geen kraamzorg.", "14/6"),
        ("De baby is jarig op 5 mei.", "5 mei"),
        ("Op 7 december is ze bevallen.", "7 december"),
        ("Moeder is geboren in 1999.", "1999"),
    ],
)
def test_exact_dates_found(text, span):
    assert_found(text, "date", span)


@pytest.mark.parametrize(
    "text",
    [
        # A meeting date without a year says nothing about the family.
        "We hebben maandag 7 december een MDO.",
        "De bijeenkomst is op dinsdag 14 maart om 15.00 uur.",
        "Zwangere is AD 36+2.",
        "Baby van 0-1 jaar, groep 3-4.",
        "De regeling verandert op 1 januari.",
        "Volgens de richtlijn uit 2023.",
        "In week 12 is er een echo.",
    ],
)
def test_non_identifying_dates_not_found(text):
    assert "date" not in [label for label, _ in found(text)]


# --- Street + number ---


@pytest.mark.parametrize(
    "span",
    [
        "Kinkerstraat 12",
        "Burg. de Vlugtlaan 8-II",
        "Jan van Galenstraat 3hs",
        "Van Woustraat 101-3",
        "Prinsengracht 263",
        "Waterlandplein 38",
        "Sloterkade 4 A",
        "Oostelijke Handelskade 1",
    ],
)
def test_street_and_number_found(span):
    assert_found(f"Het gezin woont aan de {span}, al jaren.", "address", span)


def test_street_at_sentence_start_excludes_the_verb():
    assert_found("Woont Kinkerstraat 12.", "address", "Kinkerstraat 12")


@pytest.mark.parametrize(
    "text", ["De Kinkerstraat is druk.", "Stap 2 van de meldcode.", "Groep 8 van de school."]
)
def test_street_without_number_not_found(text):
    assert "address" not in [label for label, _ in found(text)]


# --- Ages ---


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("mevr. Yilmaz (45) heeft klachten.", "45"),  # STACK.md §5: "(45)" missed by deduce
        ("Een vrouw van 45 met een baby.", "45"),  # STACK.md §5
        ("Een moeder van 19 met een baby.", "19"),
        ("Moeder van 19 jaar zoekt hulp.", "19 jaar"),
        ("Leeftijd: 45", "45"),  # STACK.md §5
        ("De 17-jarige moeder woont thuis.", "17-jarige"),
        ("Ze is 41 jaar oud.", "41 jaar oud"),
        ("Vader (38 jaar) zit vast.", "38 jaar"),
    ],
)
def test_exact_ages_found(text, span):
    assert_found(text, "age", span)


@pytest.mark.parametrize(
    "text",
    [
        "Moeder is ongeveer 30.",
        "Moeder (ongeveer 19) zoekt hulp.",
        "Ze is 30 weken zwanger.",
        "Zwangere is AD 36+2.",
        "Kinderen van 0-1 jaar.",
        "Het 3e kind.",
        "Een GGZ-wachtlijst van 14 weken.",
        "Een baby van 6 weken.",
        "Een zwangere vrouw van ongeveer 24 weken.",
        "Een kind van 2 jaar.",
        "Moeder is tussen de 25 en 30 jaar.",
        "Ze is de jongste van 8 kinderen.",
        "Het is 20 jaar geleden.",
        "Stap (3) van de meldcode.",
    ],
)
def test_non_ages_not_found(text):
    assert "age" not in [label for label, _ in found(text)]


# --- Names ---


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Gesprek met mevrouw Jansen vandaag.", "mevrouw Jansen"),
        ("Gesprek met mevr. Yilmaz vandaag.", "mevr. Yilmaz"),
        ("Gesprek met mw. Kaya vandaag.", "mw. Kaya"),
        ("Gesprek met dhr. P. de Vries vandaag.", "dhr. P. de Vries"),
        ("Gesprek met de heer Bakker vandaag.", "de heer Bakker"),
        ("Gesprek met meneer El Amrani vandaag.", "meneer El Amrani"),
        ("Gesprek met mevrouw De Jong-Pinas vandaag.", "mevrouw De Jong-Pinas"),
        ("Cliënte Fatima is 24 weken zwanger.", "Fatima"),
        ("Ze heet Amira Benali en komt morgen.", "Amira Benali"),
        ("Het oudste kind, Noah, zit op school.", "Noah"),
    ],
)
def test_names_after_titles_and_roles_found(text, span):
    assert_found(text, "name", span)


def test_name_found_once_is_found_everywhere_in_the_text():
    text = "Sanne, de dochter van cliënte, is zwanger. Moeder wil iets anders dan Sanne."
    assert [f.text for f in check_text(text, use_deduce=False)] == ["Sanne", "Sanne"]


@pytest.mark.parametrize(
    "text",
    [
        "Mevrouw is 30 weken zwanger.",
        "Moeder Eritrese, vader Somalisch.",
        "Een moeder in Zuidoost heeft hulp nodig.",
        "Cliënte Amsterdam-breed bekend.",
    ],
)
def test_non_names_not_found(text):
    assert "name" not in [label for label, _ in found(text)]


# --- Institutions ---


@pytest.mark.parametrize(
    "span",
    [
        "OLVG",  # STACK.md §5: missed by deduce
        "Radboudumc",  # STACK.md §5: missed by deduce
        "OLVG Oost",
        "AMC",
        "VUmc",
        "Amsterdam UMC",
        "BovenIJ",
        "Flevoziekenhuis",
        "Erasmus MC",
        "Onze Lieve Vrouwe Gasthuis",
        "Ziekenhuis Amstelland",
        "Spaarne Gasthuis",
    ],
)
def test_specific_institutions_found(span):
    findings = check_text(f"Ze ligt in het {span} op de afdeling.", use_deduce=False)
    assert [(f.label, f.text) for f in findings] == [("institution", span)]
    assert findings[0].explanation == (
        "Een specifieke instelling kan een gezin herkenbaar maken. "
        "Schrijf liever 'het ziekenhuis' of 'de instelling'."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Het Buurtteam Zuid en het OKT zijn betrokken.",
        "De JGZ en de GGD weten ervan.",
        "Bel Veilig Thuis voor advies.",
        "Het ziekenhuis belde terug. Het Ziekenhuis is groot.",
        "De huisartsenpost was dicht.",
    ],
)
def test_generic_services_not_found(text):
    assert found(text) == []


# --- check_text itself ---


def test_check_text_returns_sorted_findings_with_correct_offsets():
    text = "Bel mevrouw Jansen (34) op 06-12345678, Kinkerstraat 12, 1053 DZ. BSN 111.222.333."
    findings = check_text(text, use_deduce=False)
    assert [f.label for f in findings] == ["name", "age", "phone", "address", "postcode", "bsn"]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.explanation


def test_check_text_empty_text_has_no_findings():
    assert check_text("", use_deduce=False) == []


def test_merge_findings_joins_overlaps_and_keeps_the_strongest_label():
    text = "Kinkerstraat 12 Amsterdam"
    merged = merge_findings(
        text,
        [
            Finding.make(text, 0, 15, "location"),
            Finding.make(text, 0, 12, "address"),
            Finding.make(text, 16, 25, "location"),
        ],
    )
    assert [(f.start, f.end, f.label) for f in merged] == [(0, 15, "address"), (16, 25, "location")]


def test_check_text_follows_the_deduce_setting(settings):
    settings.VRAAGBAAK_ANONYMITY_DEDUCE = False
    # Would take seconds and ~1 GB if deduce were loaded; the own detectors still work.
    assert [f.label for f in check_text("Bel 06-12345678.")] == ["phone"]
    from vraagbaak.anonymity import deduce_backend

    assert not deduce_backend.is_enabled()
