"""Calendar views: an .ics per session, the personal feed and the page to manage it.

The feed is the one deliberately public URL of the zorgoverleg: calendar clients (Outlook,
Google, Apple) fetch it without a session, so the secret token in the URL is the key. An
unknown or renewed token is a plain 404, the same as any missing page.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from vraagbaak.core.access import public
from vraagbaak.vragen.forms import MAX_PK
from vraagbaak.vragen.tasks import absolute_url
from vraagbaak.zorgoverleg import feeds
from vraagbaak.zorgoverleg.models import CalendarFeed, Session

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _get_session(request, pk: int) -> Session:
    """The session if the user may see it (see SessionQuerySet.visible_to), else 404."""
    if pk > MAX_PK:
        raise Http404
    return get_object_or_404(Session.objects.visible_to(request.user).select_related("room"), pk=pk)


def _ics_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class SessionIcsView(View):
    """GET: the .ics of one session, for a verified professional who may see it."""

    def get(self, request, pk: int):
        session = _get_session(request, pk)
        return _ics_response(
            feeds.session_ics(session), f"zorgoverleg-{session.pk}.ics", attachment=True
        )


@public
def feed_view(request, token: str):
    """GET: the personal calendar feed behind a secret token; 404 when unknown or renewed."""
    if request.method not in ("GET", "HEAD"):
        raise Http404
    feed = feeds.feed_for_token(token)
    if feed is None:
        raise Http404
    return _ics_response(feeds.feed_ics(feed), "zorgoverleg.ics", attachment=False)


class FeedManageView(View):
    """The page to create, show, renew or stop one's calendar feed."""

    template_name = "zorgoverleg/feed_manage.html"

    def get(self, request):
        feeds.check_have_feed(request.user)
        feed = CalendarFeed.objects.filter(user=request.user).first()
        url = absolute_url(feed.get_absolute_url()) if feed else ""
        webcal = "webcal://" + url.split("://", 1)[1] if url else ""
        return render(
            request, self.template_name, {"feed": feed, "feed_url": url, "webcal": webcal}
        )

    def post(self, request):
        feeds.check_have_feed(request.user)
        if request.POST.get("action") == "stop":
            if feeds.delete_calendar_feed(by=request.user):
                messages.success(
                    request, _("Je agenda-link is gestopt. De oude link werkt niet meer.")
                )
            return redirect("zorgoverleg:feed_manage")
        had_feed = CalendarFeed.objects.filter(user=request.user).exists()
        feeds.renew_calendar_feed(by=request.user)
        if had_feed:
            messages.success(
                request,
                _(
                    "Je hebt een nieuwe agenda-link. De oude link werkt niet meer. Zet de nieuwe "
                    "link in je agenda."
                ),
            )
        else:
            messages.success(request, _("Je agenda-link is klaar. Zet hem nu in je agenda."))
        return redirect(reverse("zorgoverleg:feed_manage") + "#agenda-link")
