"""Error reports (500 e-mails to the admins) never carry case text."""

import sys

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter

# Built from parts so the source lines shown in a report do not contain it themselves.
CASE_TEXT = "".join(["Mevrouw Jansen, Kinker", "straat 12, zwanger van de tweeling"])


def _report(settings, request):
    try:
        body = CASE_TEXT  # noqa: F841 — a local variable with case text in the failing frame
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    reporter = ExceptionReporter(request, *exc_info)
    return reporter.get_traceback_text() + reporter.get_traceback_html()


def test_error_report_hides_post_data_and_frame_variables(settings):
    settings.DEBUG = False
    request = RequestFactory().post("/vragen/nieuw/", {"title": "Vraag", "body": CASE_TEXT})
    report = _report(settings, request)
    assert "Kinkerstraat" not in report
    assert "body" in report  # the parameter name stays, its value is hidden


@pytest.mark.django_db
def test_admin_error_mail_has_no_case_text(settings):
    settings.DEBUG = False
    settings.ADMINS = [("Beheer", "beheer@vraagbaak.test")]
    request = RequestFactory().post("/vragen/nieuw/", {"body": CASE_TEXT})
    try:
        body = CASE_TEXT  # noqa: F841
        raise ValueError("boom")
    except ValueError:
        record_exc = sys.exc_info()
    import logging

    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal error", (), record_exc
    )
    record.request = request
    AdminEmailHandler(include_html=True).emit(record)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    html = message.alternatives[0][0] if message.alternatives else ""
    assert "Kinkerstraat" not in message.body + html
