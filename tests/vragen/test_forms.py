import pytest
from django.conf import settings

from tests.factories import FaseFactory, RisicofactorFactory, VraagFactory
from vraagbaak.core.markdown import render_markdown
from vraagbaak.vragen.forms import AntwoordForm, OplossingForm, VraagFilterForm, VraagForm

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "title": "Zoek schuldhulp voor zwangere cliënte",
        "body": "Cliënte is 30 weken zwanger en heeft schulden.",
        "risicofactoren": [RisicofactorFactory().pk],
    }
    return {**data, **overrides}


def test_vraag_form_accepts_valid_input():
    fase = FaseFactory()
    form = VraagForm(_data(fase=fase.pk, tags=" schulden ,Huur,, schulden , jong  moederschap"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["fase"] == fase
    assert form.cleaned_data["tags"] == ["schulden", "Huur", "jong moederschap"]


def test_vraag_form_empty_gives_dutch_errors():
    form = VraagForm({})
    assert not form.is_valid()
    assert form.errors["title"] == ["Vul een titel in."]
    assert form.errors["body"] == ["Beschrijf de casus."]
    assert form.errors["risicofactoren"] == ["Kies minstens één risicofactor."]


def test_vraag_form_whitespace_only_counts_as_empty():
    form = VraagForm(_data(title="   ", body="\n\t "))
    assert not form.is_valid()
    assert set(form.errors) == {"title", "body"}


def test_vraag_form_too_long():
    form = VraagForm(
        _data(
            title="x" * (settings.VRAAGBAAK_QUESTION_TITLE_MAX + 1),
            body="x" * (settings.VRAAGBAAK_QUESTION_BODY_MAX + 1),
        )
    )
    assert not form.is_valid()
    assert "De titel is te lang" in form.errors["title"][0]
    assert "De beschrijving is te lang" in form.errors["body"][0]


def test_vraag_form_limits_tags():
    too_many = VraagForm(_data(tags=",".join(f"woord{i}" for i in range(11))))
    assert not too_many.is_valid()
    assert too_many.errors["tags"] == ["Gebruik maximaal 10 trefwoorden."]
    too_long = VraagForm(_data(tags="a" * 51))
    assert not too_long.is_valid()
    assert too_long.errors["tags"] == ["Een trefwoord mag maximaal 50 tekens hebben."]


def test_vraag_form_cleans_hostile_tags():
    form = VraagForm(_data(tags='<script>alert(1)</script>, "onder"<b>wijs</b>, <>'))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tags"] == ["alert(1)", "onderwijs"]


def test_vraag_form_keeps_hostile_body_as_text_and_rendering_defuses_it():
    hostile = (
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        '[klik](javascript:alert(3)) <a href="javascript:alert(4)">a</a>'
    )
    form = VraagForm(_data(title="<b onmouseover=alert(5)>Titel</b>", body=hostile))
    assert form.is_valid(), form.errors
    html = render_markdown(form.cleaned_data["body"])
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert '<a href="javascript' not in html  # only as escaped, inert text


@pytest.mark.parametrize(
    "field,value",
    [
        ("risicofactoren", ["abc"]),
        ("risicofactoren", ["999999"]),
        ("risicofactoren", ["99999999999999999999999"]),
        ("risicofactoren", ["1.5"]),
        ("fase", "abc"),
        ("fase", "999999"),
        ("fase", "99999999999999999999999"),
        ("vraagtypes", ["<script>"]),
        ("stadsdeel", ["1", "2"]),
    ],
)
def test_vraag_form_wrong_types_give_form_errors(field, value):
    form = VraagForm(_data(**{field: value}))
    assert not form.is_valid()
    assert field in form.errors


def test_vraag_form_rejects_null_characters():
    form = VraagForm(_data(title="Titel\x00"))
    assert not form.is_valid()
    assert "title" in form.errors


def test_vraag_form_offers_only_active_risicofactoren():
    retired = RisicofactorFactory(is_active=False)
    form = VraagForm(_data(risicofactoren=[retired.pk]))
    assert not form.is_valid()
    assert form.errors["risicofactoren"] == ["Deze keuze bestaat niet (meer). Kies een andere."]


def test_vraag_form_for_edit_keeps_a_retired_risicofactor_of_the_question():
    retired = RisicofactorFactory(is_active=False)
    vraag = VraagFactory(risicofactoren=[retired])
    form = VraagForm(vraag=vraag)
    assert form["risicofactoren"].value() == [retired.pk]
    assert VraagForm(_data(risicofactoren=[retired.pk]), vraag=vraag).is_valid()


def test_vraag_form_mentions_markdown():
    assert "Markdown" in str(VraagForm().fields["body"].help_text)
    assert "Markdown" in str(AntwoordForm().fields["body"].help_text)


def test_antwoord_form_empty_and_too_long():
    assert AntwoordForm({"body": ""}).errors["body"] == ["Schrijf eerst je antwoord."]
    form = AntwoordForm({"body": "x" * (settings.VRAAGBAAK_ANSWER_BODY_MAX + 1)})
    assert "Je antwoord is te lang" in form.errors["body"][0]
    assert AntwoordForm({"body": ["lijst", "in", "plaats", "van", "tekst"]}).is_valid() in (
        True,
        False,
    )


def test_oplossing_form_requires_text():
    assert OplossingForm({"oplossing": ""}).errors["oplossing"] == ["Beschrijf de oplossing."]


def test_filter_form_ignores_invalid_values():
    RisicofactorFactory(slug="schulden")
    form = VraagFilterForm(
        {"risicofactor": "schulden", "fase": "bestaat-niet", "status": "in_review", "vraagtype": ""}
    )
    assert form.filters() == {"risicofactor": "schulden"}
