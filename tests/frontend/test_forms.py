"""Forms render with Amsterdam Design System markup and accessible errors."""

import re

from django import forms
from django.template import Context, Template


class SampleForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=20, help_text="Kort en zonder namen.")
    body = forms.CharField(label="Beschrijving", widget=forms.Textarea)
    fase = forms.ChoiceField(
        label="Fase", choices=[("", "Kies"), ("zwanger", "Zwanger")], required=False
    )
    soort = forms.ChoiceField(
        label="Soort vraag", choices=[("a", "Aanbod"), ("b", "Contact")], widget=forms.RadioSelect
    )
    factoren = forms.MultipleChoiceField(
        label="Risicofactoren",
        choices=[("geld", "Geld"), ("huis", "Wonen")],
        widget=forms.CheckboxSelectMultiple,
    )
    akkoord = forms.BooleanField(label="Ik heb de huisregels gelezen")

    def clean(self):
        raise forms.ValidationError("Er ging iets mis met het hele formulier.")


def _render(form) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


def _tag(html: str, element: str, name: str) -> str:
    """The opening tag of the form control called `name`."""
    match = re.search(rf'<{element}\b[^>]*\bname="{name}"[^>]*>', html)
    assert match, f"no <{element} name={name}>"
    return match.group(0)


def test_form_fields_get_ads_classes():
    html = _render(SampleForm())

    assert 'class="ams-text-input"' in _tag(html, "input", "title")
    assert 'class="ams-text-area"' in _tag(html, "textarea", "body")
    assert 'class="ams-select"' in _tag(html, "select", "fase")
    assert 'class="ams-label" for="id_title"' in html
    assert "(niet verplicht)" in html  # fase is optional
    assert 'id="id_title_helptext"' in html
    assert 'aria-describedby="id_title_helptext"' in html
    assert "ams-invalid-form-alert" not in html


def test_multiple_choice_renders_fieldset_with_legend_and_ads_checkboxes():
    html = _render(SampleForm())

    fieldset = re.search(r'<fieldset class="ams-field-set".*?</fieldset>', html, re.S)
    assert fieldset
    groups = re.findall(r'<fieldset class="ams-field-set".*?</fieldset>', html, re.S)
    checkbox_group = next(g for g in groups if "Risicofactoren" in g)
    assert '<legend class="ams-field-set__legend">Risicofactoren' in checkbox_group
    assert checkbox_group.count('class="ams-checkbox__input"') == 2
    assert 'class="ams-checkbox__label" for="id_factoren_0"' in checkbox_group
    radio_group = next(g for g in groups if "Soort vraag" in g)
    assert radio_group.count('class="ams-radio__input"') == 2


def test_single_checkbox_uses_ads_checkbox():
    html = _render(SampleForm())

    assert 'class="ams-checkbox__input"' in _tag(html, "input", "akkoord")
    assert 'class="ams-checkbox__label" for="id_akkoord"' in html


def test_form_with_errors_shows_summary_and_marks_fields_invalid():
    form = SampleForm(data={"title": "x" * 30, "body": "", "soort": "", "factoren": []})
    assert not form.is_valid()

    html = _render(form)

    assert "ams-invalid-form-alert" in html
    assert "Verbeter de fouten voordat je verder gaat" in html
    summary = html.split("</section>")[0]
    assert 'href="#id_title"' in summary
    assert 'href="#id_body"' in summary
    assert 'href="#id_factoren_0"' in summary  # a group links to its first option
    assert "Er ging iets mis met het hele formulier." in summary
    assert 'aria-invalid="true"' in _tag(html, "input", "title")
    assert 'aria-invalid="true"' in _tag(html, "textarea", "body")
    assert "aria-invalid" not in _tag(html, "select", "fase")
    assert re.search(r'aria-describedby="id_title_helptext id_title_error"', html)
    assert 'id="id_title_error"' in html
    assert "ams-field--invalid" in html
    assert "ams-field-set--invalid" in html
    assert re.search(r'<fieldset[^>]*aria-describedby="id_factoren_error"', html)
    assert re.search(r'class="ams-checkbox__input"[^>]*aria-invalid="true"', html)


def test_form_keeps_what_the_user_typed():
    form = SampleForm(data={"title": "Mijn titel die veel te lang is", "body": "Tekst <b>vet</b>"})
    form.is_valid()

    html = _render(form)

    assert 'value="Mijn titel die veel te lang is"' in html
    assert "Tekst &lt;b&gt;vet&lt;/b&gt;" in html


def test_signup_with_bad_input_shows_error_summary(client, db):
    response = client.post(
        "/accounts/signup/", {"email": "geen-adres", "password1": "kort", "password2": "anders"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "ams-invalid-form-alert" in html
    assert 'href="#id_email"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="geen-adres"' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_login_page_reads_dutch(client, db):
    response = client.get("/accounts/login/")

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<h1 class="ams-heading ams-heading--1">\s*Inloggen', html)
    assert 'class="ams-label" for="id_login"' in html
    assert "novalidate" in html
    assert "Wachtwoord vergeten?" in html


def test_email_verification_code_page_reads_dutch(client, db):
    client.post(
        "/accounts/signup/",
        {
            "email": "nieuw-fe@zorg.test",
            "password1": "Lang-genoeg-2026!",
            "password2": "Lang-genoeg-2026!",
        },
    )

    response = client.get("/accounts/confirm-email/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bevestig je e-mailadres" in html
    assert "ams-text-input" in html


def test_mfa_pages_render_in_site_layout(professional_client):
    for url in (
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/2fa/recovery-codes/generate/",
    ):
        response = professional_client.get(url, follow=True)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert 'class="ams-skip-link' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
