from django.views.generic import TemplateView

from vraagbaak.core.access import verification_not_required


@verification_not_required
class ProfileView(TemplateView):
    template_name = "accounts/profile.html"
