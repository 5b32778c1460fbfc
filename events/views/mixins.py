from django.utils import timezone

from .. import queries


class SummitMixin:
    """Puts the current summit (loaded once per request) in the context and renders the page
    in its time zone. Programme pages need a summit; the news views extend this without."""

    summit_required = True

    def get_summit(self):
        if self.summit_required:
            return queries.current_summit_or_404(self.request)
        return queries.current_summit(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summit"] = self.get_summit()
        context["now"] = timezone.now()
        return context

    def get_time_zone(self):
        """The zone the page renders in: the current summit's, unless a view says otherwise."""
        summit = self.get_summit()
        return summit.tzinfo if summit else None

    def render_to_response(self, context, **response_kwargs):
        # Render now, inside the zone, instead of activating it for the whole thread.
        response = super().render_to_response(context, **response_kwargs)
        with timezone.override(self.get_time_zone()):
            return response.render()
