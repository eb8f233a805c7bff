"""vraagbaak/core/markdown.py: Markdown in, sanitised HTML out."""

from html.parser import HTMLParser

import pytest

from vraagbaak.core.markdown import ALLOWED_TAGS, render_markdown


class _Elements(HTMLParser):
    """Collects the real elements, attributes and comments in a piece of HTML."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attrs, self.comments = set(), set(), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)

    def handle_comment(self, data):
        self.comments.append(data)


def test_renders_basic_markdown():
    html = render_markdown("**vet** en *schuin*\n\n- een\n- twee")
    assert "<strong>vet</strong>" in html
    assert "<em>schuin</em>" in html
    assert "<ul>\n<li>een</li>" in html


def test_empty_input_gives_empty_output():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


@pytest.mark.parametrize(
    "url",
    ["https://www.ggd.amsterdam.nl/", "http://example.org/pad?x=1", "mailto:info@example.org"],
)
def test_allowed_links_survive_with_rel(url):
    html = render_markdown(f"[link]({url})")
    assert f'href="{url.replace("&", "&amp;")}"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "ftp://example.org/file",
        "file:///etc/passwd",
    ],
)
def test_other_link_schemes_are_dropped(url):
    html = render_markdown(f"[klik]({url}) <{url}>")
    assert "<a" not in html or "href" not in html
    assert f'href="{url}' not in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="https://x.test" onclick="alert(1)">x</a>',
        "<iframe src=https://evil.test></iframe>",
        "<style>body{display:none}</style>",
        '<div style="position:fixed">x</div>',
        "<!-- verborgen commentaar -->",
        "<svg onload=alert(1)>",
    ],
)
def test_no_raw_html_survives(hostile):
    elements = _Elements(render_markdown(f"Tekst\n\n{hostile}\n\nmeer tekst"))
    assert elements.tags <= ALLOWED_TAGS
    assert elements.tags <= {"p", "a"}
    assert elements.attrs <= {"href", "rel"}
    assert elements.comments == []


def test_sanitiser_strips_html_even_if_markdown_let_it_through():
    # Defence in depth: a Markdown quirk must not be enough to get HTML through.
    html = render_markdown("`code` <b onclick=x>vet</b>")
    assert _Elements(html).attrs == set()


def test_image_markdown_does_not_embed_images():
    html = render_markdown("![foto](https://example.org/foto.jpg)")
    assert "<img" not in html


def test_headings_start_below_the_page_headings():
    html = render_markdown("# Kop\n\n## Tussenkop")
    assert "<h1>" not in html and "<h2>" not in html
    assert "<h3>Kop</h3>" in html


def test_bare_urls_are_not_turned_into_links():
    assert "<a" not in render_markdown("zie https://example.org")
