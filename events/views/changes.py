"""The programme's public change log (its Atom feed is ``events.feeds``)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import history, queries


@require_safe
def schedule_changes(request):
    """The public change log, newest first, times in the summit's zone."""
    summit = queries.current_summit_or_404(request)
    context = {"summit": summit, "changes": history.programme_changes(summit)}
    return render(request, "events/changes.html", context)
