"""Model instances made straight from database rows, for the reads of a whole programme.

``Model.from_db`` runs the model's ``__init__`` for every row: a setattr per field through
each field's descriptor, and ``pre_init``/``post_init`` signals (modeltranslation's only
receiver removes a flag its own ``__init__`` set). At 2000 talks with their speakers that
is most of the time a schedule takes to load. ``instances`` reads the same columns with
Django's own converters (``values_list``) and fills each instance's ``__dict__`` as
``__init__`` would have: the result is an ordinary saved instance (methods, descriptors,
deferred loading of the columns left out all work), built for a fraction of the cost.

Only for read-only lists; a model with its own ``__init__`` or ``from_db`` must not use it.
"""

from django.db.models.base import ModelState


def columns(model, *, skip=()):
    """The attribute names of ``model``'s stored columns, less ``skip``.

    A translated field's own column (``title``) is kept as ``__init__`` keeps it, although
    modeltranslation's descriptor reads ``title_en`` or ``title_zh_hans`` instead.
    """
    return [field.attname for field in model._meta.concrete_fields if field.attname not in skip]


def instances(queryset, names):
    """``queryset``'s rows as instances of its model holding the columns ``names``."""
    if hasattr(queryset, "rewrite"):  # modeltranslation's: raw columns, not its fallbacks
        queryset = queryset.rewrite(False)
    model, db = queryset.model, queryset.db
    return [instance(model, names, row, db) for row in queryset.values_list(*names)]


def instance(model, names, row, db):
    """A ``model`` instance loaded from ``db`` whose columns ``names`` hold ``row``."""
    made = model.__new__(model)
    made.__dict__.update(zip(names, row, strict=True))
    loaded = made._state = ModelState()
    loaded.adding = False
    loaded.db = db
    return made


def set_prefetched(obj, name, related):
    """``obj.<name>.all()`` answers ``related`` without a query, as after
    ``prefetch_related(name)``; a filter or order chained on it still queries ``obj``'s
    relation only (the queryset is the relation's own, as Django's prefetch leaves it)."""
    found = getattr(obj, name).all()  # lazy: no query
    found._result_cache = related
    found._prefetch_done = True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[name] = found
