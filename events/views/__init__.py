"""Public views of the programme: pages (``pages``), the personal agenda (``agenda``) and the
change log (``changes``); downloads live in ``events/exports/views.py``."""
