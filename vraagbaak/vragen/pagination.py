"""Keyset pagination on (last_activity_at, id), newest first, with opaque cursors.

Offsets get slower the deeper one pages and skip or repeat rows when new activity
arrives; a keyset does neither.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet


@dataclass
class KeysetPage:
    items: list
    next_cursor: str | None
    previous_cursor: str | None


def encode_cursor(obj) -> str:
    raw = f"{obj.last_activity_at.isoformat()}|{obj.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """The (last_activity_at, id) in a cursor, or None for anything malformed."""
    if not cursor or len(cursor) > 100:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, pk = raw.split("|")
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            return None
        return moment, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def paginate_keyset(
    qs: QuerySet, *, size: int, after: str | None = None, before: str | None = None
) -> KeysetPage:
    """One page of `qs`, newest activity first; `after`/`before` are cursors from earlier pages."""
    before_key = decode_cursor(before)
    if before_key:
        moment, pk = before_key
        rows = list(
            qs.filter(
                Q(last_activity_at__gt=moment) | Q(last_activity_at=moment, pk__gt=pk)
            ).order_by("last_activity_at", "id")[: size + 1]
        )
        if rows:
            more_before = len(rows) > size
            rows = rows[:size][::-1]
            return KeysetPage(
                items=rows,
                next_cursor=encode_cursor(rows[-1]),
                previous_cursor=encode_cursor(rows[0]) if more_before else None,
            )
    after_key = None if before_key else decode_cursor(after)
    if after_key:
        moment, pk = after_key
        qs = qs.filter(Q(last_activity_at__lt=moment) | Q(last_activity_at=moment, pk__lt=pk))
    rows = list(qs.order_by("-last_activity_at", "-id")[: size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        items=rows,
        next_cursor=encode_cursor(rows[-1]) if has_next else None,
        previous_cursor=encode_cursor(rows[0]) if after_key and rows else None,
    )
