"""Bring the thesaurus additions of thesaurus.py to every install, fresh or existing.

- ``SEED_EXTENSIONS``: words added to a group that 0003 seeded, but only while that group
  is still exactly as seeded (active, the same words). A group an editor changed or
  switched off is left alone.
- ``MORE_SYNONYMS``: a new group is added when no active group has any of its words yet
  (an editor may have made one already; a word in two groups would join those groups),
  and no switched-off group has two of its words (an editor decided against that link).

It never deletes or changes an editor's group and can run again without effect; going
back leaves the groups in place (an editor may have changed them since).
"""

from django.db import migrations

NOTE = "Standaardgroep, toegevoegd bij een update van de Vraagbaak."


def add_synonyms(apps, schema_editor):
    from vraagbaak.search.models import split_terms
    from vraagbaak.search.thesaurus import (
        ABBREVIATIONS,
        MORE_SYNONYMS,
        SEED_EXTENSIONS,
        SEED_SYNONYMS,
        merge_abbreviations,
        normalize,
    )

    Synoniemgroep = apps.get_model("search", "Synoniemgroep")
    groups = [
        (group, {normalize(t) for t in split_terms(group.terms)} - {""})
        for group in Synoniemgroep.objects.all()
    ]
    active_terms = {t for group, terms in groups if group.is_active for t in terms}

    seeded = merge_abbreviations(SEED_SYNONYMS, ABBREVIATIONS)
    for anchor, additions in SEED_EXTENSIONS.items():
        new = {normalize(t): t for t in sorted(additions)}
        if new.keys() & active_terms:
            continue
        as_seeded = next(terms for terms in seeded if normalize(anchor) in terms)
        for group, terms in groups:
            if group.is_active and terms == as_seeded:
                group.terms = "\n".join([*split_terms(group.terms), *new.values()])
                group.save(update_fields=["terms", "updated_at"])
                terms.update(new)
                active_terms.update(new)
                break

    for additions in MORE_SYNONYMS:
        new = {normalize(t): t for t in additions}
        if new.keys() & active_terms:
            continue
        if any(not group.is_active and len(new.keys() & terms) >= 2 for group, terms in groups):
            continue
        group = Synoniemgroep.objects.create(
            terms="\n".join(new[key] for key in sorted(new)), note=NOTE
        )
        groups.append((group, set(new)))
        active_terms.update(new)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_head_vector")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
