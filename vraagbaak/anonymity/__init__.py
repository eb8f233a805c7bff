"""Automatic anonymity check for questions, answers (and later zorgoverleg hulpvragen).

``check_text(text)`` returns sorted, non-overlapping ``Finding``s (span, label, text, Dutch
explanation). Two sources are merged:

* **Own detectors** (``detectors.py``): regular expressions with validation for BSN (11-proef,
  any formatting), Dutch phone numbers (public numbers such as Veilig Thuis 0800-2000 allowed),
  postcodes, IBAN (mod-97), licence plates, e-mail, URLs, social handles, exact dates (birth and
  due dates without a year only in context), street + number, exact ages (also without "jaar"),
  names after titles/roles, and specific hospitals and small institutions. Pure Python, well
  under a millisecond per text, no memory cost.
* **deduce** (``deduce_backend.py``): UMC Utrecht's Dutch de-identifier, for names, places and
  institutions that regular expressions miss. About 1 GB RSS per process, ~5 s to load from
  its cache, ~2 minutes to build that cache the first time.

Where deduce runs in production
-------------------------------
Not in the web workers: each gunicorn worker would carry ~1 GB. The split is:

* **Web tier** (``VRAAGBAAK_ANONYMITY_DEDUCE=False``): the ask/answer forms call
  ``check_text`` synchronously, which then runs only the own detectors. This is what the author
  sees highlighted before submitting; it costs nothing measurable in memory or time.
* **Task worker** (one django-tasks-db worker process, ``VRAAGBAAK_ANONYMITY_DEDUCE=True``):
  after a question or answer is saved, a task re-checks it with own detectors + deduce. deduce
  is loaded once per worker process (lazy singleton, kept for the life of the process). Extra
  findings put the item in the moderators' queue (questions are pre-moderated anyway; answers
  wait). One worker process = one copy of deduce, however many web workers there are.
* **Cache**: ``VRAAGBAAK_DEDUCE_CACHE_DIR`` (default ``BASE_DIR/.deduce-cache``, git-ignored)
  must be writable on the first run. Build it at image/deploy time by running
  ``manage.py anonimiteitscheck /dev/null`` once with deduce enabled, so workers start in
  seconds. deduce rebuilds it when its version changes.

If deduce is not installed or switched off, ``check_text`` silently uses the own detectors.
"""

from __future__ import annotations

from .deduce_backend import is_enabled as deduce_enabled
from .detectors import detect_all
from .findings import EXPLANATIONS, LABEL_NAMES, LABELS, Finding, merge_findings

__all__ = [
    "EXPLANATIONS",
    "LABELS",
    "LABEL_NAMES",
    "Finding",
    "check_text",
    "deduce_enabled",
]


def check_text(text: str, *, use_deduce: bool | None = None) -> list[Finding]:
    """Find what may identify a person or family in ``text``.

    ``use_deduce=None`` follows the ``VRAAGBAAK_ANONYMITY_DEDUCE`` setting (default: on when
    deduce is installed). The first call with deduce loads it in this process (seconds, or
    minutes when its cache must be built). Returns findings sorted by position, overlaps merged.
    """
    if not text:
        return []
    findings = [Finding.make(text, start, end, label) for start, end, label in detect_all(text)]
    if use_deduce is None:
        use_deduce = deduce_enabled()
    if use_deduce:
        from .deduce_backend import deduce_findings

        findings.extend(deduce_findings(text))
    return merge_findings(text, findings)
