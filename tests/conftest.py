"""The fixed cast of actors (STYLE.md B7) and a client per actor."""

import os

import pytest

from tests.factories import PASSWORD, make_user

# Playwright's sync API runs an event loop in the test thread; Django's ORM must be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized migration data reachable for `serialized_rollback` tests.

    Playwright's sync API keeps an event loop running in the test thread; from then
    on Django hands out a context-local connection wrapper that lacks the
    `_test_serialized_contents` attribute, and transactional tests would lose the
    data from migrations (groups, taxonomies, pages) after the first flush.
    """
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents


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
    return make_user(
        email="moderator@zorg.test", display_name="Mo (moderator)", groups=["Moderatoren"]
    )


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


# --- Browser tests: Playwright driving Debian's Chromium (no browser download), plus axe-core.
import shutil  # noqa: E402

from axe_playwright_python.sync_playwright import Axe  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"No Chromium at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def check_a11y(axe):
    """Run axe-core on the page; fail on serious or critical WCAG 2.2 AA violations."""

    def check(page, label=""):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        bad = [v for v in results.response["violations"] if v.get("impact") in FAILING_IMPACTS]
        details = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in bad
        )
        assert not bad, f"Accessibility violations on {label or page.url}:\n{details}"

    return check
