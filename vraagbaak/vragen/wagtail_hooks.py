"""Audit-log actions for questions and answers (labels only, never case text)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_vragen_log_actions(actions):
    actions.register_action("vraagbaak.vraag.create", _("Vraag stellen"), _("Vraag gesteld"))
    actions.register_action("vraagbaak.vraag.edit", _("Vraag aanpassen"), _("Vraag aangepast"))
    actions.register_action(
        "vraagbaak.vraag.solve", _("Oplossing vastleggen"), _("Oplossing vastgelegd")
    )
    actions.register_action(
        "vraagbaak.vraag.import", _("Vraag importeren"), _("Vraag geïmporteerd")
    )
    actions.register_action("vraagbaak.antwoord.create", _("Antwoord geven"), _("Antwoord gegeven"))
    actions.register_action(
        "vraagbaak.antwoord.edit", _("Antwoord aanpassen"), _("Antwoord aangepast")
    )
    # Moderation (issue 3). Data holds field names, reasons and ids only, never text.
    actions.register_action(
        "vraagbaak.vraag.approve", _("Vraag goedkeuren"), _("Vraag goedgekeurd")
    )
    actions.register_action("vraagbaak.vraag.reject", _("Vraag afwijzen"), _("Vraag afgewezen"))
    actions.register_action(
        "vraagbaak.vraag.redact", _("Vraag redigeren"), _("Vraag geredigeerd door moderator")
    )
    actions.register_action("vraagbaak.vraag.close", _("Vraag sluiten"), _("Vraag gesloten"))
    actions.register_action("vraagbaak.vraag.reopen", _("Vraag heropenen"), _("Vraag heropend"))
    actions.register_action(
        "vraagbaak.vraag.hold",
        _("Vraag terug naar moderatie"),
        _("Vraag teruggezet naar moderatie"),
    )
    actions.register_action(
        "vraagbaak.antwoord.approve", _("Antwoord goedkeuren"), _("Antwoord goedgekeurd")
    )
    actions.register_action(
        "vraagbaak.antwoord.redact",
        _("Antwoord redigeren"),
        _("Antwoord geredigeerd door moderator"),
    )
    actions.register_action(
        "vraagbaak.antwoord.hide", _("Antwoord verbergen"), _("Antwoord verborgen")
    )
    actions.register_action(
        "vraagbaak.antwoord.restore", _("Antwoord terugzetten"), _("Antwoord teruggezet")
    )
    actions.register_action(
        "vraagbaak.antwoord.hold",
        _("Antwoord vasthouden voor moderatie"),
        _("Antwoord vastgehouden voor moderatie"),
    )
