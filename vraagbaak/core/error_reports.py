"""Exception reports without case text.

Django's error reports (500 e-mails to ADMINS, the debug page, and tools that reuse
them) include POST data and the local variables of every frame: for us that is the
text of a question or answer. This filter hides all POST values and all frame
variables whenever the filter is active (i.e. DEBUG is off), not only the ones marked
with `sensitive_post_parameters` / `sensitive_variables`.
"""

from django.views.debug import SafeExceptionReporterFilter


class CaseTextSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        if request is None or not self.is_active(request):
            return super().get_post_parameters(request)
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        if not self.is_active(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
