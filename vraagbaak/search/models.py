"""What the database search backend stores, and the editors' thesaurus.

- :class:`SearchEntry`: one row per question with the analysed text (PostgreSQL:
  ``tsvector`` columns; SQLite: the FTS5 table ``search_fts`` with the same rowid, created
  in migration 0002), the normalised title for the typo fallback, the fields search
  filters and facets on (denormalised so one row answers a query), and ``es_dirty`` for
  the Elasticsearch catch-up.
- :class:`SearchDeletion`: a question that was deleted while Elasticsearch may still hold
  it; the ``search_sync`` job removes it there.
- :class:`Synoniemgroep`: one group of synonyms of the domain thesaurus, edited in the admin.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vraagbaak.search.thesaurus import normalize


class SearchEntry(models.Model):
    vraag = models.OneToOneField(
        "vragen.Vraag", primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    status = models.CharField(max_length=20)
    is_solved = models.BooleanField(default=False)
    is_duplicate = models.BooleanField(default=False)
    author_id = models.BigIntegerField(null=True)
    last_activity_at = models.DateTimeField()
    #: Space-separated ``facet:id`` pairs (taxonomy ids; ``status:<value>``), see index.py.
    facet_keys = models.TextField(blank=True)
    #: normalize(title): accents folded, lowercase; the trigram fallback searches it.
    title_normalized = models.TextField(blank=True)
    #: PostgreSQL only: everything that may match (title A, oplossing B, body and tags C,
    #: published answers D). GIN index, created in migration 0002.
    document = SearchVectorField(null=True)
    #: PostgreSQL only: the question's own text: title (A), oplossing (B), body and tags
    #: (C). GIN index; searched first (answers only when this finds too little).
    rank_vector = SearchVectorField(null=True)
    #: PostgreSQL only: title (A) and oplossing (B). Small, stays in the row: ranking
    #: reads it for every match. GIN index for similar questions.
    head_vector = SearchVectorField(null=True)
    es_dirty = models.BooleanField(default=True, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zoekindex-regel")
        verbose_name_plural = _("zoekindex")

    def __str__(self) -> str:
        return f"Zoekindex {self.pk}"


class SearchDeletion(models.Model):
    """A deleted question Elasticsearch still has to forget (see tasks.py)."""

    vraag_id = models.BigIntegerField(primary_key=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Verwijderd uit zoekindex {self.pk}"


def split_terms(text: str) -> list[str]:
    """The terms of a thesaurus group as typed: one per line or separated by commas."""
    terms = []
    for line in (text or "").replace(";", ",").splitlines():
        for part in line.split(","):
            part = " ".join(part.split())
            if part:
                terms.append(part)
    return terms


class Synoniemgroep(models.Model):
    """Words and phrases that mean the same for professionals (seed digest §2.13)."""

    terms = models.TextField(
        _("woorden"),
        help_text=_(
            "Woorden of woordgroepen met dezelfde betekenis, gescheiden door komma's of "
            "elk op een eigen regel. Bijvoorbeeld: buurtteam, wijkteam. Afkortingen mogen "
            "ook: lvb, licht verstandelijke beperking."
        ),
    )
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Uit: zoeken gebruikt deze groep niet.")
    )
    note = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Voor redacteuren: waarom deze woorden bij elkaar horen."),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("synoniemgroep")
        verbose_name_plural = _("synoniemen")
        ordering = ["terms"]

    def __str__(self) -> str:
        return ", ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        normalized = {normalize(t) for t in self.term_list} - {""}
        if len(normalized) < 2:
            raise ValidationError(
                {"terms": _("Een synoniemgroep heeft minstens twee verschillende woorden nodig.")}
            )
        # Store one term per line, as typed but tidied.
        self.terms = "\n".join(dict.fromkeys(self.term_list))
