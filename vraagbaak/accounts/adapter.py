from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Hooks allauth into our account actions."""

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        from vraagbaak.accounts.actions import verify_by_domain

        verify_by_domain(email_address.user)
        return confirmed
