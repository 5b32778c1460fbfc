from .queries import current_summit as summit_of_request


def current_summit(request):
    """The current summit for every page's header and footer (one query, kept on the request)."""
    return {"current_summit": summit_of_request(request)}
