from .queries import current_summit as get_current_summit


def current_summit(request):
    """The current summit for the header and footer of every page (one query, cached per request)."""
    if not hasattr(request, "_current_summit"):
        request._current_summit = get_current_summit()
    return {"current_summit": request._current_summit}
