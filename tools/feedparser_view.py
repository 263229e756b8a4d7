#!/usr/bin/python3
"""What Python's feedparser reads in each feed: the reference for the
differential test of `gazette import` (cli/src/import/differential.rs).

For tests only. It needs Debian's python3-feedparser (tools/setup.sh
installs it), so run it with /usr/bin/python3, not a pyenv or venv python.

Usage: /usr/bin/python3 tools/feedparser_view.py FEED...

Prints one JSON object mapping each path given to what feedparser read:

    {"bozo": bool, "bozo_exception": str or null,
     "entries": [{"title", "link", "id": str or null,
                  "published", "updated": "YYYY-MM-DDTHH:MM:SSZ" or null,
                  "authors": [names],
                  "images": [{"url", "width", "height", "source"}],
                  "enclosures": [{"url", "type", "length"}]}]}

Every value is what feedparser gives, untouched: `link` may be a guid that
feedparser took as the permalink, and dates are feedparser's own reading,
in UTC. Widths and heights are the declared ones (null when not declared),
so that the test can name tracking pixels. feedparser 6.0 reads no JSON
Feed: a JSON file comes back as a bozo document with no entries.
"""

import json
import sys
import time

import feedparser

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


def looks_like_image(url):
    """Whether an address names a photo by its extension (query left off)."""
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    return path.endswith(IMAGE_EXTENSIONS)


def instant(parsed):
    """feedparser's parsed date (a UTC struct_time) as an RFC 3339 instant."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def dimension(value):
    """A declared width or height as a number, or None when absent or junk."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def images(entry):
    """The photos among the entry's enclosures, media:content and
    media:thumbnail, in that order."""
    found = []

    def add(url, source, width=None, height=None):
        if url and url.strip() and not any(i["url"] == url for i in found):
            found.append({"url": url, "width": dimension(width), "height": dimension(height), "source": source})

    for enclosure in entry.get("enclosures", []):
        url = enclosure.get("href") or enclosure.get("url")
        if (enclosure.get("type") or "").startswith("image/") or (url and looks_like_image(url)):
            add(url, "enclosure")
    for content in entry.get("media_content", []):
        url = content.get("url")
        is_image = (
            (content.get("type") or "").startswith("image/")
            or content.get("medium") == "image"
            or (url and looks_like_image(url))
        )
        if is_image:
            add(url, "media:content", content.get("width"), content.get("height"))
    for thumbnail in entry.get("media_thumbnail", []):
        add(thumbnail.get("url"), "media:thumbnail", thumbnail.get("width"), thumbnail.get("height"))
    return found


def view(entry):
    return {
        "title": entry.get("title"),
        "link": entry.get("link"),
        "id": entry.get("id"),
        "published": instant(entry.get("published_parsed")),
        # As written, to tell where feedparser misread it.
        "published_written": entry.get("published"),
        # dict.get: feedparser's own get falls back from updated to published.
        "updated": instant(dict.get(entry, "updated_parsed")),
        "authors": [a["name"] for a in entry.get("authors", []) if a.get("name")],
        "images": images(entry),
        "enclosures": [
            {"url": e.get("href"), "type": e.get("type"), "length": e.get("length")}
            for e in entry.get("enclosures", [])
        ],
    }


def main(paths):
    read = {}
    for path in paths:
        with open(path, "rb") as file:
            # Bytes, not the path: feedparser would otherwise resolve
            # relative links against the file's location on this machine.
            parsed = feedparser.parse(file.read())
        exception = parsed.get("bozo_exception")
        read[path] = {
            "bozo": bool(parsed.get("bozo")),
            "bozo_exception": f"{type(exception).__name__}: {exception}" if exception else None,
            "entries": [view(entry) for entry in parsed.entries],
        }
    json.dump(read, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
