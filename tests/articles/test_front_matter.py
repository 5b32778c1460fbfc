from datetime import date

import pytest

from articles.front_matter import MAX_BYTES, FrontMatterError, split_front_matter


def alias_bomb(levels=9):
    """The "billion laughs": each line repeats the one before nine times (9**9 strings)."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join([*lines, f"title: *l{levels - 1}", "date: 2022-08-01"])


def yaml_post(front):
    return f"---\n{front}\n---\nBody.\n"


@pytest.mark.parametrize(("text", "message"), [
    (yaml_post(alias_bomb()), "broken front matter: aliases (*name) are not allowed (line 2)"),
    (yaml_post("l0: &x [[a, b]]\ntitle: *x"),
     "broken front matter: aliases (*name) are not allowed (line 2)"),
    (yaml_post("title: " + "x" * MAX_BYTES), "front matter larger than 64 KB"),
    (yaml_post("title: " + "[" * 5000 + "]" * 5000), "broken front matter: nested too deeply"),
    ("+++\ntitle = " + "[" * 5000 + "]" * 5000 + "\n+++\n",
     "broken front matter: nested too deeply"),
])
def test_front_matter_bombs_are_refused(text, message):
    with pytest.raises(FrontMatterError) as error:
        split_front_matter(text)
    assert str(error.value) == message


@pytest.mark.parametrize(("front", "message"), [
    ("title: [[a, b], [c]]", "'title' in the front matter must be text, not a list"),
    ("title: yes", "'title' in the front matter must be text, not true/false"),
    ("slug: {a: 1}", "'slug' in the front matter must be text, not a table of keys"),
    ("summary: [a]", "'summary' in the front matter must be text, not a list"),
    ("tags: [[a], b]", "'tags' in the front matter must be text or a list of text, not a list"),
    ("categories: {news: 1}",
     "'categories' in the front matter must be text or a list of text, not a table of keys"),
    ("draft: [true]", "'draft' in the front matter must be true or false, not a list"),
    ("published: 0", "'published' in the front matter must be true or false, not a number"),
    ("date: [2022-08-01]", "'date' in the front matter must be a date, not a list"),
    ("author: [Ada]", "'author' in the front matter must be a name, not a list"),
    ("author: {name: {first: Ada}}",
     "'author' in the front matter must be a name, not a table of keys"),
    ("cover: [https://example.org/a.jpg]", "'cover' in the front matter must be an address, "
                                           "not a list"),
    ("image: 2022-08-01", "'image' in the front matter must be an address, not a date"),
])
def test_front_matter_values_of_the_wrong_type_are_named(front, message):
    with pytest.raises(FrontMatterError) as error:
        split_front_matter(yaml_post(front))
    assert str(error.value) == message


def test_front_matter_of_the_expected_types_is_read():
    meta, body = split_front_matter(yaml_post(
        "title: 2022\ndate: 2022-08-01\ntags: [AI, 2022]\ndraft: false\n"
        "author: {name: Press Office}\ncover: {image: 'https://example.org/c.jpg', alt: Stage}"
    ))
    assert (meta["title"], meta["date"], meta["tags"], meta["draft"], body) == (
        2022, date(2022, 8, 1), ["AI", 2022], False, "Body.\n"
    )
