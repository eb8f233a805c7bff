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
