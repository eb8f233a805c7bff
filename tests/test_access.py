"""Every URL pattern is closed unless it is deliberately open.

The test walks the whole URL configuration, so a new view that forgets to be
closed fails here: visitors must be sent to the login page, unverified accounts
must get a 403 with an explanation.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Opened on purpose to visitors (namespace:name, or a name without namespace).
PUBLIC = {
    "wagtail_serve",  # pages decide themselves (see pages/wagtail_hooks.py)
    # Calendar clients fetch the personal feed without signing in: the secret token in the
    # URL is the key; unknown or renewed tokens are 404 (tests/zorgoverleg/test_calendar_views.py).
    "zorgoverleg:feed",
}
# Opened on purpose to signed-in accounts that are not verified yet.
UNVERIFIED_ALLOWED = {
    "accounts:profile",
    "accounts:profile_edit",
    "accounts:export",
    "accounts:delete",
}
# Guard themselves: allauth (sign-in, sign-up, e-mail, MFA) and the Wagtail admin.
SELF_GUARDED_PREFIXES = ("accounts/", "beheer/")

SAMPLE_ARGS = {
    "int": "999999",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name}" if p.name else None


def _sample_value(converter_name: str) -> str:
    """A value the converter accepts: a number (no such object) where it takes one."""
    if converter_name in SAMPLE_ARGS:
        return SAMPLE_ARGS[converter_name]
    from django.urls.converters import get_converters

    regex = get_converters()[converter_name].regex
    return "999999" if re.fullmatch(regex, "999999") else "x"


def _sample_url(route: str) -> str | None:
    """Turn a route (path converters or simple regexes) into a concrete URL."""
    url = re.sub(r"<(?:(\w+):)?\w+>", lambda m: _sample_value(m.group(1) or "str"), route)
    url = url.replace("^", "").replace("$", "").replace("\\Z", "")
    url = re.sub(r"\((?:\?P<\w+>)?\\d\+\)", "999999", url)
    url = re.sub(r"\((?:\?P<\w+>)?[^)]*\)", "x", url)
    if re.search(r"[()\[\]*+?\\]", url):
        return None
    return "/" + url


def own_routes():
    seen = set()
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(SELF_GUARDED_PREFIXES) or name in PUBLIC:
            continue
        url = _sample_url(route)
        if url and url not in seen:
            seen.add(url)
            yield pytest.param(url, name, id=name or url)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "name"), list(own_routes()))
def test_every_url_sends_visitors_to_login(client, url, name):
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, f"{name} ({url}) is open to visitors"
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "name"), [p for p in own_routes() if p.values[1] not in UNVERIFIED_ALLOWED]
)
def test_every_url_is_closed_to_unverified_accounts(unverified_client, url, name):
    for method in (unverified_client.get, unverified_client.post):
        response = method(url)
        assert response.status_code == 403, f"{name} ({url}) is open to unverified accounts"
        assert "nog niet geverifieerd" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(UNVERIFIED_ALLOWED))
def test_own_profile_pages_are_open_to_unverified_accounts(unverified_client, name):
    from django.urls import reverse

    response = unverified_client.get(reverse(name))
    assert response.status_code == 200, f"{name} should be open to unverified accounts"
    assert "accounts/unverified.html" not in [t.name for t in response.templates]


@pytest.mark.django_db
def test_admin_is_closed_to_visitors_and_unverified_accounts(client, unverified_client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = unverified_client.get("/beheer/")
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith("/beheer/")


def test_the_walk_finds_our_own_views():
    names = {name for _, name in own_routes_names()}
    assert {"vragen:list", "vragen:detail", "accounts:profile"} <= names


def own_routes_names():
    return [(route, name) for route, name in _walk(get_resolver().url_patterns)]
