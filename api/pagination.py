"""The API's list envelope: ``page``, ``page_size``, absolute ``next``/``previous`` links."""

from django.core.paginator import Paginator

from .responses import ApiError

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _positive_int(request, name, default, maximum=None):
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(f"'{name}' must be a whole number, not {raw!r}.") from None
    if value < 1 or (maximum and value > maximum):
        limit = f"between 1 and {maximum}" if maximum else "1 or more"
        raise ApiError(f"'{name}' must be {limit}, not {value}.")
    return value


def _page_link(request, number):
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def paginated(request, items, serialize):
    """One page of ``items`` (a list or an ordered queryset) as the list envelope."""
    page_size = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    number = _positive_int(request, "page", 1)
    paginator = Paginator(items, page_size)
    if number > paginator.num_pages:
        raise ApiError(
            f"Page {number} does not exist: there are {paginator.num_pages}.", status=404
        )
    page = paginator.page(number)
    return {
        "count": paginator.count,
        "page": number,
        "page_size": page_size,
        "num_pages": paginator.num_pages,
        "next": _page_link(request, number + 1) if page.has_next() else None,
        "previous": _page_link(request, number - 1) if page.has_previous() else None,
        "results": [serialize(item) for item in page.object_list],
    }
