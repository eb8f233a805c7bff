from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """Hooks allauth into our account actions."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from vraagbaak.accounts.actions import ensure_profile

            ensure_profile(user)
        return user

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            from vraagbaak.accounts.actions import verify_by_domain

            verify_by_domain(email_address.user, email_address.email)
        return confirmed

    def get_login_redirect_url(self, request):
        """Accounts that are not verified yet start on their profile, which explains why."""
        if not request.user.is_verified_professional:
            return reverse("accounts:profile")
        return super().get_login_redirect_url(request)
