from .queries import current_summit as get_current_summit


def current_summit(request):
    """The current summit for every page's header and footer (one query, kept on the request)."""
    if not hasattr(request, "_current_summit"):
        request._current_summit = get_current_summit()
    return {"current_summit": request._current_summit}
