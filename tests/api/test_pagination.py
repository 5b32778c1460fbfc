from tests.factories import build_programme


def test_talk_list_page_past_the_end_is_404(client, programme):
    response = client.get("/api/talks/?page=2")
    assert response.status_code == 404
    assert response.json() == {"error": "Page 2 does not exist: there are 1."}


def test_talk_list_pages_link_to_each_other(client, summit):
    build_programme(summit, 5, speakers_per_talk=1)
    first = client.get("/api/talks/?page_size=2&day=2022-08-08").json()
    assert (first["count"], first["num_pages"], first["previous"]) == (5, 3, None)
    assert first["next"] == "http://testserver/api/talks/?page_size=2&day=2022-08-08&page=2"
    second = client.get(first["next"]).json()
    assert second["previous"] == "http://testserver/api/talks/?page_size=2&day=2022-08-08&page=1"
    last = client.get(second["next"]).json()
    assert (last["page"], last["next"], len(last["results"])) == (3, None, 1)
    slugs = [t["slug"] for p in (first, second, last) for t in p["results"]]
    assert len(set(slugs)) == 5
