"""What the demo commands share: idempotent upserts, stale-row clean-up, a summary line."""

from collections import Counter

from django.core.management.base import BaseCommand


def differs(obj, name, value):
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class DemoCommand(BaseCommand):
    """A command that brings demo rows to their values and saves only what changed."""

    history_date = None  # when set, history records of the saves carry this date

    def execute(self, *args, **options):
        self.outcomes = Counter()
        return super().execute(*args, **options)

    def upsert(self, model, lookup, values):
        """Create or update one row by its natural key, validated; save only on change."""
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        if created or any(differs(obj, name, value) for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            obj.full_clean()
            if self.history_date:
                obj._history_date = self.history_date  # read by django-simple-history
            obj.save()
            self.outcomes["created" if created else "updated"] += 1
        else:
            self.outcomes["unchanged"] += 1
        return obj

    def drop_stale(self, queryset, keep, file_fields):
        """Delete rows an older version of the demo made (not in ``keep``) with their files."""
        for obj in queryset.exclude(pk__in=[kept.pk for kept in keep]):
            for name in file_fields:
                getattr(obj, name).delete(save=False)
            obj.delete()
            self.outcomes["deleted"] += 1

    def outcome(self):
        return ", ".join(f"{n} {what}" for what, n in sorted(self.outcomes.items()))
