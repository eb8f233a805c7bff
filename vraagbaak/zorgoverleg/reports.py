"""Zorgoverleg attendance per room, for the programme team (BRIEF §2.8).

A Wagtail admin report (Reports › Zorgoverleg: aanwezigheid) with CSV and Excel export. Only
sessions that took place count: not cancelled and ended. Numbers only, never names or text.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from vraagbaak.vragen.permissions import is_moderator
from vraagbaak.zorgoverleg.models import HulpvraagStatus, Room, SessionStatus, SignupRole


def attendance_per_room(now=None):
    """Rooms with `sessions_held`, `signed_up` (active sign-ups for those sessions),
    `attended` (marked present) and `inbrengers` (active, hulpvraag not rejected)."""
    now = now or timezone.now()
    held = Q(sessions__status=SessionStatus.PLANNED, sessions__ends_at__lte=now)
    signups = held & Q(sessions__signups__cancelled_at__isnull=True)
    return Room.objects.annotate(
        sessions_held=Count("sessions", filter=held, distinct=True),
        signed_up=Count("sessions__signups", filter=signups, distinct=True),
        attended=Count(
            "sessions__signups", filter=signups & Q(sessions__signups__attended=True), distinct=True
        ),
        inbrengers=Count(
            "sessions__signups",
            filter=signups
            & Q(sessions__signups__role=SignupRole.INBRENGER)
            & ~Q(sessions__signups__hulpvraag_status=HulpvraagStatus.REJECTED),
            distinct=True,
        ),
    ).order_by("sort_order", "name")


class AttendanceReportView(ReportView):
    page_title = _("Zorgoverleg: aanwezigheid")
    header_icon = "date"
    index_url_name = "zorgoverleg_attendance_report"
    index_results_url_name = "zorgoverleg_attendance_report_results"
    paginate_by = 100
    columns = [
        Column("name", label=_("Overlegkamer")),
        Column("sessions_held", label=_("Bijeenkomsten gehouden")),
        Column("signed_up", label=_("Aanmeldingen")),
        Column("attended", label=_("Aanwezig")),
        Column("inbrengers", label=_("Inbrengers")),
    ]
    list_export = ["name", "sessions_held", "signed_up", "attended", "inbrengers"]
    export_headings = {
        "name": _("Overlegkamer"),
        "sessions_held": _("Bijeenkomsten gehouden"),
        "signed_up": _("Aanmeldingen"),
        "attended": _("Aanwezig"),
        "inbrengers": _("Inbrengers"),
    }
    export_filename = "zorgoverleg-aanwezigheid"

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return attendance_per_room()
