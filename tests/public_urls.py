"""Every public address of the demo, for the tests and bench scripts that compare or load
the whole site (tests/summit/test_backup.py, bench/snapshot.py)."""


def public_urls():
    """Every public address of the demo: pages, downloads, feeds, API, sitemap."""
    from articles.models import Article, Category
    from events.models import Forum, Speaker, Summit, Talk

    summit = Summit.objects.get(is_current=True)
    forums = list(Forum.objects.filter(summit=summit).order_by("pk"))
    talks = list(Talk.objects.of_summit(summit).order_by("pk"))
    speakers = list(Speaker.objects.order_by("pk"))
    articles = list(Article.objects.order_by("pk"))
    days = sorted({forum.date for forum in forums})
    picked = ",".join(talk.slug for talk in talks[:5])
    urls = ["/", "/schedule/", "/speakers/", "/news/", "/news/?page=2",
            "/schedule.ics", "/schedule.xml", "/schedule.json", "/schedule/changes/",
            "/schedule/changes/atom/", "/news/feed/", "/news/atom/", "/sitemap.xml",
            "/robots.txt", f"/agenda/?talks={picked}", f"/agenda.ics?talks={picked}",
            "/agenda/", "/schedule/?day=2099-01-01", "/schedule/?forum=nope",
            "/talks/no-such-talk/", "/favicon.ico"]
    urls += [f"/schedule/?day={day}" for day in days]
    for forum in forums:
        urls += [f"/schedule/?forum={forum.slug}", forum.get_absolute_url(),
                 f"/forums/{forum.slug}.ics",
                 f"/summits/{summit.slug}/forums/{forum.slug}/"]
    for talk in talks:
        urls += [talk.get_absolute_url(), f"/talks/{talk.slug}.ics"]
    for speaker in speakers:
        urls += [speaker.get_absolute_url(), f"/speakers/{speaker.slug}.ics"]
    urls += [f"/news/{article.slug}/" for article in articles]
    urls += [f"/news/category/{category.slug}/" for category in Category.objects.all()]
    urls += ["/api/", "/api/openapi.json", "/api/summits/", "/api/forums/",
             "/api/talks/", "/api/talks/?page=2&page_size=10", f"/api/talks/?day={days[0]}",
             f"/api/talks/?forum={forums[0].slug}", "/api/talks/?day=bad",
             "/api/talks/?page=0", "/api/speakers/", "/api/articles/"]
    return urls
