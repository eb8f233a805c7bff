"""Markdown input rendered to safe HTML.

markdown-it-py renders (raw HTML disabled), nh3 sanitises what comes out: only a
small set of tags survives, links get `rel`, and only http/https/mailto URLs pass.
"""

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer ugc"

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})


def _shift_headings(html: str) -> str:
    """Case text sits under the page's own h1/h2, so its headings start at h3."""
    for level in (6, 5, 4, 3, 2, 1):
        target = min(level + 2, 4)
        html = html.replace(f"<h{level}>", f"<h{target}>").replace(f"</h{level}>", f"</h{target}>")
    return html


def render_markdown(text: str) -> str:
    """Return sanitised HTML for user-written Markdown."""
    html = _shift_headings(_md.render(text or ""))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
