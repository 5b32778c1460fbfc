"""How django-axes sees a login: the client's address, and the page when locked out."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_ip(request):
    """The address the outermost trusted reverse proxy saw, else the socket's peer.

    Each trusted proxy appends the address it was connected from to X-Forwarded-For, so
    with N of them the client is the N-th entry from the right; anything further left was
    sent by the client and may be forged. Without proxies the header is ignored.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        hops = [hop.strip() for hop in forwarded if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (AXES_LOCKOUT_CALLABLE): why, how long, who helps."""
    context = {
        **admin.site.each_context(request),
        "is_nav_sidebar_enabled": False,  # nobody is logged in
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "admin/locked_out.html", context, status=429)
