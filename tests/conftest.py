"""The fixed cast of actors (STYLE.md B7) and a client per actor."""

import os

import pytest

from tests.factories import PASSWORD, make_user

# Playwright's sync API runs an event loop in the test thread; Django's ORM must be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def professional(db):
    return make_user(email="professional@zorg.test", display_name="Fatima (verloskundige)")


@pytest.fixture
def other_professional(db):
    return make_user(email="collega@zorg.test", display_name="Joost (Buurtteam)")


@pytest.fixture
def unverified_user(db):
    return make_user(email="nieuw@zorg.test", verified=False, display_name="Nieuw")


@pytest.fixture
def moderator(db):
    return make_user(email="moderator@zorg.test", display_name="Mo (moderator)", groups=["Moderatoren"])


def _client_for(client_class, user):
    c = client_class()
    c.force_login(user)
    return c


@pytest.fixture
def professional_client(client, professional):
    client.force_login(professional)
    return client


@pytest.fixture
def other_professional_client(other_professional):
    from django.test import Client

    return _client_for(Client, other_professional)


@pytest.fixture
def unverified_client(unverified_user):
    from django.test import Client

    return _client_for(Client, unverified_user)


@pytest.fixture
def moderator_client(moderator):
    from django.test import Client

    return _client_for(Client, moderator)
