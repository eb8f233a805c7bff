"""Dutch normalisation, the seed thesaurus, compound splitting and query expansion."""

from collections import Counter

import pytest

from vraagbaak.search.thesaurus import (
    ABBREVIATIONS,
    COMPOUND_PARTS,
    SEED_SYNONYMS,
    expand_query,
    merge_abbreviations,
    normalize,
    normalize_groups,
    split_compound,
)
from vraagbaak.search.types import FacetValue, Hit, SearchQuery, SearchResults

# --- normalize ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Financiële", "financiele"),
        ("financiële problemen", "financiele problemen"),
        ("Cliënt  ZWANGER", "client zwanger"),
        ("crèche", "creche"),
        ("geïsoleerd", "geisoleerd"),
        ("Ouder- en Kindteam (OKT)", "ouder en kindteam okt"),
        ("baby's", "babys"),
        ("0-1 jaar, 22 weken!", "0 1 jaar 22 weken"),
        ("   ", ""),
    ],
)
def test_normalize_lowercases_folds_accents_and_keeps_letters_and_digits(text, expected):
    assert normalize(text) == expected


def test_normalize_folds_accents_but_does_not_stem():
    assert normalize("financiële") == normalize("financiele")
    # Stemming is the backend's job, not the normaliser's.
    assert normalize("financiële") != normalize("financieel")


# --- seed thesaurus ----------------------------------------------------------------------


def test_seed_thesaurus_has_at_least_sixty_groups_of_two_or_more():
    assert len(SEED_SYNONYMS) >= 60
    assert all(len(normalize_groups([group])) == 1 for group in SEED_SYNONYMS)


def test_no_phrase_is_in_two_groups():
    counts = Counter(term for group in normalize_groups(SEED_SYNONYMS) for term in group)
    assert [term for term, count in counts.items() if count > 1] == []


@pytest.mark.parametrize(
    "pair",
    [
        ("buurtteam", "wijkteam"),
        ("buurtteam", "sociaal wijkteam"),
        ("schuldhulpverlening", "schulddienstverlening"),
        ("kraamverzorgende", "kraamhulp"),
        ("zorgmijders", "vermijden van zorg"),
        ("toeleiden", "doorverwijzen"),
        ("jgz", "consultatiebureau"),
        ("mdo", "casusoverleg"),
        ("huurachterstand", "huurschuld"),
        ("ontruiming", "huisuitzetting"),
        ("ongedocumenteerd", "zonder verblijfsvergunning"),
        ("onverzekerd", "geen zorgverzekering"),
        ("regiehouder", "spin in het web"),
    ],
)
def test_seed_thesaurus_holds_the_domain_synonyms(pair):
    left, right = (normalize(t) for t in pair)
    assert any(left in group and right in group for group in normalize_groups(SEED_SYNONYMS))


def test_baby_blues_is_not_postpartum_depression():
    groups = normalize_groups(SEED_SYNONYMS)
    assert not any("kraamtranen" in g and "postpartumdepressie" in g for g in groups)


def test_abbreviations_cover_the_common_ones():
    for short in ("lvb", "okt", "jgz", "ggz", "mdo", "vt", "hap", "poh", "mmw"):
        assert ABBREVIATIONS[short]
    assert ABBREVIATIONS["vt"] == "veilig thuis"
    assert ABBREVIATIONS["hap"] == "huisartsenpost"


def test_merge_abbreviations_joins_each_abbreviation_to_its_group():
    merged = merge_abbreviations(SEED_SYNONYMS, ABBREVIATIONS)
    jgz = next(g for g in merged if "jeugdgezondheidszorg" in g)
    assert {"jgz", "cb", "consultatiebureau"} <= jgz
    assert frozenset({"pgb", "persoonsgebonden budget"}) in merged
    counts = Counter(term for group in merged for term in group)
    assert [term for term, count in counts.items() if count > 1] == []


# --- split_compound ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("schuldhulpverlening", ["schuld", "hulp", "verlening"]),
        ("schulddienstverlening", ["schuld", "dienst", "verlening"]),
        ("huurachterstand", ["huur", "achterstand"]),
        ("zwangerschapsdiabetes", ["zwangerschap", "diabetes"]),  # linking -s-
        ("huisartsenpost", ["huis", "arts", "post"]),  # linking -en-
        ("jeugdgezondheidszorg", ["jeugd", "gezondheid", "zorg"]),
        ("Kraamverzorgende", ["kraam", "verzorgende"]),
    ],
)
def test_split_compound_with_the_default_parts(word, parts):
    assert split_compound(word, COMPOUND_PARTS) == parts


def test_split_compound_handles_linking_letters():
    vocabulary = {"rijst", "brij", "schuld", "last", "ziekte", "kosten"}
    assert split_compound("schuldenlast", vocabulary) == ["schuld", "last"]
    assert split_compound("ziektekosten", vocabulary) == ["ziekte", "kosten"]
    assert split_compound("rijstebrij", vocabulary) == ["rijst", "brij"]


def test_split_compound_prefers_fewest_parts_and_keeps_unknown_words_whole():
    vocabulary = {"huur", "achter", "stand", "achterstand"}
    assert split_compound("huurachterstand", vocabulary) == ["huur", "achterstand"]
    assert split_compound("verloskundige", vocabulary) == ["verloskundige"]
    assert split_compound("achterstand", vocabulary) == ["achterstand"]
    assert split_compound("", vocabulary) == []


def test_split_compound_never_ends_on_a_linking_letter():
    # "zorgen" is not "zorg" + linking "en": the word cannot be covered, so it stays whole.
    assert split_compound("geldzorgen", {"geld", "zorg"}) == ["geldzorgen"]


# --- expand_query ------------------------------------------------------------------------


def test_expansion_works_in_both_directions():
    assert "wijkteam" in expand_query("Buurtteam")
    assert "buurtteam" in expand_query("wijkteam")
    assert "kraamhulp" in expand_query("kraamverzorgende")
    assert "kraamverzorgende" in expand_query("kraamhulp")


def test_expansion_matches_multi_word_phrases_and_accents():
    assert "zorgmijders" in expand_query("Moeder lijkt vermijden van zorg te doen")
    assert "vermijden van zorg" in expand_query("zorgmijders")
    assert "geldzorgen" in expand_query("Financiële problemen")


def test_expansion_expands_abbreviations_and_abbreviates():
    assert "licht verstandelijke beperking" in expand_query("Moeder met LVB")
    assert "lvb" in expand_query("licht verstandelijke beperking")
    assert "ouder en kindteam" in expand_query("OKT")
    assert "okt" in expand_query("ouder- en kindteam")
    assert "veilig thuis" in expand_query("melding bij VT")
    assert "huisartsenpost" in expand_query("hap")


def test_expansion_splits_and_joins_compounds():
    assert "huur achterstand" in expand_query("huurachterstand")
    assert "huurachterstand" in expand_query("huur achterstand")
    # The joined compound is looked up in the thesaurus as well.
    assert "huurschuld" in expand_query("huur achterstand")
    assert "schuld hulp verlening" in expand_query("schuldhulpverlening")
    assert "schuldhulpverlening" in expand_query("schuldhulp")
    # A linking letter is added when that gives a thesaurus term.
    assert "zwangerschapsdiabetes" in expand_query("zwangerschap diabetes")


def test_expansion_prefers_the_longest_phrase():
    expanded = expand_query("zonder zorgverzekering")
    assert "onverzekerd" in expanded
    assert "ziektekostenverzekering" not in expanded


def test_expansion_is_normalised_deduplicated_and_leaves_out_query_terms():
    expanded = expand_query("jgz consultatiebureau jeugdgezondheidszorg")
    assert len(expanded) == len(set(expanded))
    assert all(term == normalize(term) for term in expanded)
    assert not {"jgz", "consultatiebureau", "jeugdgezondheidszorg"} & set(expanded)


def test_expansion_of_nothing_or_unknown_words_is_empty():
    assert expand_query("") == []
    assert expand_query("  ?! ") == []
    assert expand_query("fiets") == []


def test_expansion_uses_the_given_thesaurus():
    groups = [{"sinaasappel", "appelsien"}]
    assert expand_query("appelsien", groups, {}, set()) == ["sinaasappel"]
    assert expand_query("buurtteam", groups, {}, set()) == []


# --- types -------------------------------------------------------------------------------


def test_search_types_hold_what_the_views_need():
    query = SearchQuery(text="lvb", filters={"stadsdeel": ["noord"]})
    assert (query.page_size, query.offset) == (20, 0)
    results = SearchResults(
        hits=[
            Hit(
                vraag_id=1,
                score=1.5,
                title_html="<mark>LVB</mark>",
                snippet_html="",
                is_solved=True,
            )
        ],
        total=1,
        facets={"stadsdeel": [FacetValue(value="noord", label="Noord", count=1, selected=True)]},
        expanded_terms=expand_query(query.text),
    )
    assert "licht verstandelijke beperking" in results.expanded_terms
