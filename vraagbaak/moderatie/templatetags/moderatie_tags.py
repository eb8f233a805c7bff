"""Template helpers for the site side of moderation (the "Melden" links on a question page).

Templates of `vragen` load these, so the Python code of `vragen` never imports `moderatie`.
"""

from django import template

from vraagbaak.moderatie.permissions import can_report_content

register = template.Library()


@register.filter
def can_report(target, user) -> bool:
    """`{% if antwoord|can_report:request.user %}`: may `user` report this question or answer?"""
    return can_report_content(user, target)
