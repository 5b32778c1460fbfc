"""The site plus /media/ from DJANGO_MEDIA_ROOT, for bench/two_servers.py only.

With debug off Django serves no uploads (README, Production: the reverse proxy does, from
the media folder). The two-server bench has no proxy, so each gunicorn serves the one
shared folder itself through WhiteNoise, which with ``autorefresh`` looks each file up on
disk per request, as nginx's ``alias`` would: a file uploaded through one server is
served by the other without a restart. Never use this in production.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from summit.wsgi import application as site

application = WhiteNoise(site, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix="media/")
