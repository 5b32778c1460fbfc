"""Rebuild the vector files of this folder from the sanitizers' own repositories.

    python tests/summit/vectors/extract.py GITDIR_BLEACH GITDIR_HTML5LIB GITDIR_DOMPURIFY \
        GITDIR_AMMONIA GITDIR_CHEATSHEETS

Each argument is a git directory of (in this order) mozilla/bleach,
html5lib/html5lib-python, cure53/DOMPurify, rust-ammonia/ammonia and
OWASP/CheatSheetSeries; the files are read at their HEAD. Node runs DOMPurify's fixture
module. Every string is kept as it is: the test feeds each one to the sanitiser.
"""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def git(gitdir, *args):
    command = ["git", "-C", gitdir, *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603, S607


def show(gitdir, path):
    return git(gitdir, "show", f"HEAD:{path}")


def python_strings(source):
    """Every string literal of a Python test module that holds markup or an address."""
    found = []
    for node in ast.walk(ast.parse(source)):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and ("<" in text or ":" in text):
            found.append(text)
    return found


def bleach(gitdir):
    files = sorted(
        name for name in git(gitdir, "ls-tree", "-r", "--name-only", "HEAD", "tests/data").split()
        if name.endswith(".test")
    )
    vectors = [show(gitdir, name).split("\n--\n")[0] for name in files]
    vectors += python_strings(show(gitdir, "tests/test_clean.py"))
    return [*files, "tests/test_clean.py"], vectors


def html5lib(gitdir):
    data = "html5lib/tests/sanitizer-testdata/tests1.dat"
    module = show(gitdir, "html5lib/tests/test_sanitizer.py")
    vectors = [test["input"] for test in json.loads(show(gitdir, data))]
    vectors += [text for text in python_strings(module) if "%s" not in text]
    # The generated cases (one per element, attribute and protocol html5lib allows).
    namespace = {}
    exec(compile(module, "test_sanitizer.py", "exec"), namespace)  # noqa: S102
    for _, expected, given in namespace["param_sanitizer"]():
        vectors += [given, expected]
    return [data, "html5lib/tests/test_sanitizer.py"], vectors


def dompurify(gitdir):
    fixtures = "test/fixtures/expect.mjs"
    script = (
        "let s='';process.stdin.on('data',d=>s+=d).on('end',async()=>{"
        "const m=await import('data:text/javascript,'+encodeURIComponent(s));"
        "console.log(JSON.stringify(m.default.map(t=>t.payload)))})"
    )
    out = subprocess.run(  # noqa: S603
        ["node", "-e", script],  # noqa: S607 input=show(gitdir, fixtures), check=True,
        capture_output=True, text=True,
    ).stdout
    return [fixtures], json.loads(out)


RUST_STRING = re.compile(r'r(#*)"(.*?)"\1|"((?:[^"\\]|\\.)*)"', re.DOTALL)
RUST_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|\n\s*|.)")


def rust_unescape(body):
    def replace(match):
        code = match.group(1)
        if code.startswith("u{"):
            return chr(int(code[2:-1], 16))
        if code.startswith("x"):
            return chr(int(code[1:], 16))
        if code.startswith("\n"):
            return ""  # a line continuation
        return {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(code, code)

    return RUST_ESCAPE.sub(replace, body)


def ammonia(gitdir):
    source = show(gitdir, "src/lib.rs")
    tests = source[source.index("mod test {"):]
    vectors = []
    for match in RUST_STRING.finditer(tests):
        text = match.group(2) if match.group(2) is not None else rust_unescape(match.group(3))
        if "<" in text or ":" in text:
            vectors.append(text)
    return ["src/lib.rs (mod test)"], vectors


FENCE = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`([^`\n]*<[^`\n]*)`")


def owasp(gitdir):
    sheet = "cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.md"
    text = show(gitdir, sheet)
    vectors = [block.rstrip("\n") for block in FENCE.findall(text)]
    # Markdown escapes in the sheet ("\<a") are there for its renderer, not the payload.
    vectors += [vector.replace("\\<", "<").replace("\\>", ">") for vector in list(vectors)]
    vectors += INLINE_CODE.findall(FENCE.sub("", text))
    return [sheet], vectors


SOURCES = {
    "bleach": ("mozilla/bleach", bleach),
    "html5lib": ("html5lib/html5lib-python", html5lib),
    "dompurify": ("cure53/DOMPurify", dompurify),
    "ammonia": ("rust-ammonia/ammonia", ammonia),
    "owasp": ("OWASP/CheatSheetSeries", owasp),
}


def main(gitdirs):
    for (name, (repo, extract)), gitdir in zip(SOURCES.items(), gitdirs, strict=True):
        files, vectors = extract(gitdir)
        record = {
            "repository": repo,
            "commit": git(gitdir, "rev-parse", "HEAD").strip(),
            "files": files,
            "vectors": list(dict.fromkeys(vectors)),
        }
        path = HERE / f"{name}.json"
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        print(f"{path.name}: {len(record['vectors'])} vectors")


if __name__ == "__main__":
    main(sys.argv[1:])
