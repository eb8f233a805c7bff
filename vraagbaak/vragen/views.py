from django.views.generic import DetailView, ListView

from vraagbaak.vragen.models import Vraag


class VraagListView(ListView):
    def get_queryset(self):
        return Vraag.objects.visible_to(self.request.user).for_listing()


class VraagDetailView(DetailView):
    def get_queryset(self):
        return Vraag.objects.visible_to(self.request.user)
