"""Author profiles from a file in the format of Material's `.authors.yml`, plus `aliases`: the bylines that
are one person (`记者 张三` and `张三`). Without the file, every byline is an author of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mkdocs_newsarchive.engine import fast_yaml
from mkdocs_newsarchive.engine.problems import Problem

PROFILE_FIELDS = ("name", "description", "avatar", "url")
# Schemes a link or picture of a profile may not use: the page would run what the file says.
UNSAFE_SCHEMES = ("javascript:", "vbscript:")


def warning(path: str, message: str, line: int | None = None) -> Problem:
    """A warning about the authors file: not a post, so no post counts as repaired for it."""
    return Problem(path, message, line, of_a_post=False)


@dataclass(frozen=True)
class AuthorProfile:
    key: str  # the id in the file (Material's), which also gives the author page its slug
    name: str
    description: str = ""
    avatar: str = ""
    url: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuthorBook:
    """Every profile of the file, in its order."""

    profiles: tuple[AuthorProfile, ...] = ()

    def by_byline(self) -> dict[str, AuthorProfile]:
        """The profile each byline stands for: its key, its name or one of its aliases. A byline two
        profiles claim is the first one's (keys before names before aliases)."""
        found: dict[str, AuthorProfile] = {}
        for names in (lambda p: (p.key,), lambda p: (p.name,), lambda p: p.aliases):
            for profile in self.profiles:
                for byline in names(profile):
                    found.setdefault(byline.strip(), profile)
        return found


def read_authors(path: Path | None, required: bool) -> tuple[AuthorBook, list[Problem]]:
    """The profiles of the file at `path`; a missing file is a warning only when `required` (named in the
    options). A file that is not valid is a warning naming it (and its line), and the build goes on with
    bylines alone; an entry that is not valid is left out with a warning."""
    if path is None:
        return AuthorBook(), []
    shown = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return AuthorBook(), [warning(shown, "authors file not found: author pages come from bylines")] \
            if required else []
    except (OSError, UnicodeDecodeError) as exc:
        return AuthorBook(), [warning(shown, f"authors file unreadable ({exc}): author pages come from bylines")]
    return parse_authors(text, shown)


def parse_authors(text: str, shown: str) -> tuple[AuthorBook, list[Problem]]:
    """The profiles of an authors file's text; `shown` names the file in warnings."""
    try:
        data = yaml.load(text, Loader=fast_yaml.LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return AuthorBook(), [warning(shown, f"authors file is not valid YAML ({reason}): ignored", line)]
    if data is None:
        return AuthorBook(), []
    entries = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return AuthorBook(), [warning(shown, "authors file has no `authors:` mapping: ignored")]
    profiles, problems = [], []
    for key, entry in entries.items():
        profile, problem = _profile(str(key), entry)
        if profile is None:
            problems.append(warning(shown, f"author {str(key)!r} left out: {problem}", _line_of(text, str(key))))
        else:
            profiles.append(profile)
    return AuthorBook(tuple(profiles)), problems


def _profile(key: str, entry: Any) -> tuple[AuthorProfile | None, str]:
    """One entry as a profile, or None and why not."""
    if not key.strip():
        return None, "an empty key"
    if entry is None:
        entry = {}
    if not isinstance(entry, dict):
        return None, "not a mapping of name, description, avatar, url, aliases"
    fields: dict[str, str] = {}
    for name in PROFILE_FIELDS:
        value = entry.get(name, "")
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return None, f"`{name}` is not text"
        fields[name] = str(value).strip()
    for name in ("avatar", "url"):
        if fields[name].lower().replace(" ", "").startswith(UNSAFE_SCHEMES):
            return None, f"`{name}` is a script link"
    aliases = entry.get("aliases", [])
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(alias, (str, int)) for alias in aliases):
        return None, "`aliases` is not a list of bylines"
    fields["name"] = fields["name"] or key.strip()
    return AuthorProfile(key.strip(), aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
                         **fields), ""


def _line_of(text: str, key: str) -> int | None:
    """The line where an entry's key is written, for its warning."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith((f"{key}:", f"'{key}':", f'"{key}":')):
            return number
    return None
