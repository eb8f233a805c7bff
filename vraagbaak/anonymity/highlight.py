"""Mark findings of the anonymity check in a text, for the author and the moderator."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vraagbaak.anonymity.findings import LABEL_NAMES


def highlight_findings(text: str, findings: list) -> SafeString:
    """Return `text` escaped, with each finding wrapped in <mark> with its Dutch label.

    `findings` holds `Finding` objects or dicts with start/end/label (as stored on
    a Vraag or Antwoord). Overlapping or out-of-range spans are skipped.
    """
    parts, cursor = [], 0
    spans = sorted((_get(f, "start"), _get(f, "end"), _get(f, "label")) for f in findings or [])
    for start, end, label in spans:
        if start < cursor or end > len(text) or start >= end:
            continue
        title = _label_name(label)
        parts.append(escape(text[cursor:start]))
        parts.append(
            f'<mark class="vb-finding" title="{escape(title)}">{escape(text[start:end])}'
            f'<span class="ams-visually-hidden"> ({escape(title)})</span></mark>'
        )
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))


def _get(finding, key):
    return finding[key] if isinstance(finding, dict) else getattr(finding, key)


def _label_name(label: str) -> str:
    return str(LABEL_NAMES.get(label, label))
