#!/usr/bin/env python3
"""Writes the bundled sample site: public/feed.json and public/images/.

Run by hand when the sample content changes (not by `make`):

    pip install pillow==13.0.0
    pip download scikit-image==0.26.0 --no-deps -d /tmp/skimage-wheel
    unzip -o /tmp/skimage-wheel/*.whl 'skimage/data/*' -d /tmp/skimage-wheel
    python3 tools/sample/make_sample.py /tmp/skimage-wheel/skimage/data

The real photos come from scikit-image's sample data (public domain and CC0,
see CREDITS below); the posters, charts and generative pictures are drawn here.
"""

import html
import json
import math
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from stories import REPORTERS, SITE, STORIES, TOPICS

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "public" / "images"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

SKIMAGE_CREDITS = {
    "astronaut.png": ("NASA (Eileen Collins portrait), via scikit-image", "Public domain"),
    "brick.png": ("CC0Textures Bricks25, via scikit-image", "CC0 1.0"),
    "camera.png": ("Lav Varshney, via scikit-image", "CC0 1.0"),
    "chelsea.png": ("Stefan van der Walt, via scikit-image", "CC0 1.0"),
    "coffee.png": ("Rachel Michetti, via scikit-image", "CC0 1.0"),
    "coins.png": ("Walters Art Museum collection, via scikit-image", "No known copyright restrictions"),
    "color.png": ("scikit-image sample data", "BSD-3-Clause (scikit-image)"),
    "grass.png": ("CC0Textures Grass, via scikit-image", "CC0 1.0"),
    "gravel.png": ("CC0Textures Gravel04, via scikit-image", "CC0 1.0"),
    "hubble_deep_field.jpg": ("NASA / ESA Hubble Space Telescope, via scikit-image", "Public domain"),
    "ihc.png": ("Immunohistochemistry sample, via scikit-image", "No known copyright restrictions"),
    "moon.png": ("scikit-image sample data", "No known copyright restrictions"),
    "motorcycle_left.png": ("Middlebury Stereo Datasets (Scharstein et al.), via scikit-image", "Released for research and free use"),
    "page.png": ("scikit-image sample data", "No known copyright restrictions"),
    "phantom.png": ("Shepp-Logan phantom, via scikit-image", "Public domain"),
    "retina.jpg": ("Häggström, Mikael (2014), Medical gallery, via scikit-image", "CC0 1.0"),
    "rocket.jpg": ("SpaceX, via scikit-image", "Public domain (CC0)"),
    "text.png": ("scikit-image sample data", "Public domain"),
}

INK = (20, 24, 33)
ACCENT = (178, 34, 52)
PAPER = (248, 246, 241)


def font(path, size):
    return ImageFont.truetype(path, size)


# --- drawn pictures -----------------------------------------------------------------------

def gradient(size, top, bottom):
    w, h = size
    im = Image.new("RGB", size)
    px = im.load()
    for y in range(h):
        t = y / max(1, h - 1)
        c = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        for x in range(w):
            px[x, y] = c
    return im


def poster(title, subtitle, top, bottom, motif="circles", seed=1):
    size = (1440, 960)
    im = gradient(size, top, bottom)
    d = ImageDraw.Draw(im, "RGBA")
    rnd = random.Random(seed)
    if motif == "circles":
        for _ in range(26):
            r = rnd.randint(30, 220)
            x, y = rnd.randint(-100, 1540), rnd.randint(-100, 1060)
            d.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255, 60), width=rnd.randint(2, 8))
    elif motif == "lanterns":
        for _ in range(14):
            x, y = rnd.randint(60, 1380), rnd.randint(40, 520)
            s = rnd.randint(40, 90)
            d.line([x, 0, x, y - s], fill=(255, 230, 180, 120), width=2)
            d.ellipse([x - s, y - s, x + s, y + int(s * 1.2)], fill=(235, 90, 50, 200))
            d.rectangle([x - s // 3, y + int(s * 1.2) - 4, x + s // 3, y + int(s * 1.2) + 10], fill=(250, 200, 80, 230))
    elif motif == "waves":
        for k in range(9):
            pts = [(x, 640 + k * 38 + 26 * math.sin(x / 90 + k)) for x in range(0, 1441, 12)]
            d.line(pts, fill=(255, 255, 255, 70 + k * 12), width=5)
    elif motif == "globe":
        cx, cy, r = 1100, 470, 330
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(255, 255, 255, 150), width=6)
        for k in range(1, 6):
            rx = int(r * math.cos(k * math.pi / 12))
            d.ellipse([cx - rx, cy - r, cx + rx, cy + r], outline=(255, 255, 255, 90), width=3)
        for k in range(-2, 3):
            y = cy + k * r // 3
            half = int(math.sqrt(max(0, r * r - (y - cy) ** 2)))
            d.line([cx - half, y, cx + half, y], fill=(255, 255, 255, 90), width=3)
    elif motif == "medal":
        cx, cy = 1080, 430
        d.polygon([(cx - 120, 60), (cx - 40, 60), (cx + 20, 300), (cx - 60, 300)], fill=(40, 90, 170, 230))
        d.polygon([(cx + 120, 60), (cx + 40, 60), (cx - 20, 300), (cx + 60, 300)], fill=(170, 40, 60, 230))
        d.ellipse([cx - 190, cy - 130, cx + 190, cy + 250], fill=(222, 180, 70, 255), outline=(150, 110, 30, 255), width=10)
        d.ellipse([cx - 130, cy - 70, cx + 130, cy + 190], outline=(150, 110, 30, 255), width=6)
    d.rectangle([90, 600, 100, 860], fill=(255, 255, 255, 230))
    d.text((130, 600), title, font=font(FONT_SERIF_BOLD, 84), fill=(255, 255, 255))
    d.text((134, 720), subtitle, font=font(FONT, 40), fill=(255, 255, 255, 225))
    return im.filter(ImageFilter.GaussianBlur(0.4))


def chart(title, labels, series, kind="bar", unit="", colors=None):
    size = (1440, 960)
    im = Image.new("RGB", size, PAPER)
    d = ImageDraw.Draw(im)
    colors = colors or [ACCENT, (40, 90, 170), (90, 140, 70)]
    d.text((90, 60), title, font=font(FONT_BOLD, 52), fill=INK)
    left, top, right, bottom = 170, 190, 1370, 800
    top_value = max(max(values) for _, values in series)
    step = 10 ** math.floor(math.log10(top_value)) if top_value > 0 else 1
    top_value = math.ceil(top_value / step) * step
    small = font(FONT, 30)
    for k in range(6):
        v = top_value * k / 5
        y = bottom - (bottom - top) * k / 5
        d.line([left, y, right, y], fill=(210, 206, 198), width=2)
        d.text((left - 20, y), f"{v:g}{unit}", font=small, fill=(90, 90, 90), anchor="rm")
    n = len(labels)
    slot = (right - left) / n
    for i, label in enumerate(labels):
        d.text((left + slot * (i + 0.5), bottom + 24), label, font=small, fill=INK, anchor="ma")
    if kind == "bar":
        bar_w = slot * 0.7 / len(series)
        for s, (name, values) in enumerate(series):
            for i, v in enumerate(values):
                x0 = left + slot * i + slot * 0.15 + bar_w * s
                y0 = bottom - (bottom - top) * v / top_value
                d.rectangle([x0, y0, x0 + bar_w - 6, bottom], fill=colors[s])
    else:
        for s, (name, values) in enumerate(series):
            pts = [(left + slot * (i + 0.5), bottom - (bottom - top) * v / top_value) for i, v in enumerate(values)]
            d.line(pts, fill=colors[s], width=8, joint="curve")
            for x, y in pts:
                d.ellipse([x - 11, y - 11, x + 11, y + 11], fill=colors[s])
    x = left
    for s, (name, _) in enumerate(series):
        d.rectangle([x, 880, x + 36, 916], fill=colors[s])
        d.text((x + 50, 898), name, font=small, fill=INK, anchor="lm")
        x += 60 + d.textlength(name, font=small) + 40
    return im


def generative(kind, seed):
    size = (1440, 960)
    rnd = random.Random(seed)
    if kind == "waves":
        im = gradient(size, (12, 30, 60), (30, 80, 120))
        d = ImageDraw.Draw(im, "RGBA")
        for k in range(60):
            amp, freq, phase = rnd.uniform(10, 60), rnd.uniform(0.004, 0.012), rnd.uniform(0, 6)
            base = 120 + k * 13
            hue = (80 + k * 3, 160 + k, 220)
            d.line([(x, base + amp * math.sin(x * freq + phase)) for x in range(0, 1441, 8)], fill=hue + (150,), width=3)
    elif kind == "rings":
        im = Image.new("RGB", size, (245, 240, 228))
        d = ImageDraw.Draw(im, "RGBA")
        for _ in range(40):
            cx, cy, r = rnd.randint(0, 1440), rnd.randint(0, 960), rnd.randint(40, 300)
            c = rnd.choice([(178, 34, 52), (40, 90, 170), (230, 170, 40), (20, 24, 33)])
            d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=c + (170,), width=rnd.randint(4, 18))
    elif kind == "grid":
        im = Image.new("RGB", size, (20, 24, 33))
        d = ImageDraw.Draw(im)
        cell = 80
        for gx in range(0, 1440, cell):
            for gy in range(0, 960, cell):
                t = (math.sin(gx / 200) + math.cos(gy / 150)) / 2
                c = (int(120 + 100 * t), int(60 + 60 * rnd.random()), int(150 - 80 * t))
                inset = rnd.randint(4, 22)
                d.rounded_rectangle([gx + inset, gy + inset, gx + cell - inset, gy + cell - inset], radius=10, fill=c)
    else:  # dunes
        im = gradient(size, (250, 214, 160), (200, 110, 70))
        d = ImageDraw.Draw(im, "RGBA")
        for k in range(7):
            base = 380 + k * 90
            pts = [(x, base + 60 * math.sin(x / (180 + k * 30) + k)) for x in range(0, 1441, 10)]
            d.polygon(pts + [(1440, 960), (0, 960)], fill=(120 - k * 12, 60 - k * 5, 40, 90))
    return im


# --- the photo list ------------------------------------------------------------------------

def photos(data_dir):
    def real(name, box, aspect=3 / 2):
        im = Image.open(Path(data_dir) / name).convert("RGB")
        w, h = im.size
        x0, y0, x1, y1 = (int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h))
        crop = im.crop((x0, y0, x1, y1))
        cw, ch = crop.size
        if cw / ch > aspect:
            nw = int(ch * aspect)
            crop = crop.crop(((cw - nw) // 2, 0, (cw - nw) // 2 + nw, ch))
        else:
            nh = int(cw / aspect)
            crop = crop.crop((0, (ch - nh) // 2, cw, (ch - nh) // 2 + nh))
        return crop, name

    drawn = lambda im: (im, None)
    return {
        "partnerships-hall": (drawn(poster("Year of Global Partnerships", "Caldera University · 2026–27", (120, 20, 40), (40, 10, 30), "globe", 3)),
                              "The programme's banner at the front of the Granite Hall", "The Year of Global Partnerships banner: a globe drawn in white lines on deep red"),
        "partnerships-poster": (drawn(chart("Partner universities by region", ["Asia", "Europe", "Africa", "Americas", "Oceania"], [("2024", [38, 29, 6, 17, 5]), ("2026", [44, 36, 11, 21, 8])])),
                                "Partner universities by region, 2024 and 2026 (source: Office of International Affairs)", "Bar chart: partner universities rose in every region between 2024 and 2026, most in Asia and Europe"),
        "library-brick": (real("brick.png", (0, 0, 1, 1)), "The restored brick facade of the Old Library", None),
        "library-lawn": (real("grass.png", (0, 0.1, 1, 0.9)), "The new reading lawn, where the car park used to be", None),
        "openday-poster": (drawn(poster("Open Day", "Saturday 18 October · 42 labs open", (30, 60, 120), (10, 20, 50), "circles", 5)),
                           "This year's Open Day poster", "Open Day poster in blue with white circles"),
        "openday-coffee": (real("coffee.png", (0, 0, 1, 1)), "Free coffee at the visitor centre kept queues moving", None),
        "retina-full": (real("retina.jpg", (0.05, 0.18, 0.95, 0.82)), "A photograph of the retina, of the kind the model reads", "A retina photograph: orange-red background with branching blood vessels"),
        "retina-detail": (real("retina.jpg", (0.1, 0.3, 0.55, 0.6)), "The optic disc, where early changes often appear", None),
        "ihc-wide": (real("ihc.png", (0, 0, 1, 1)), "A stained tissue sample: the target protein shows in brown", None),
        "ihc-close": (real("ihc.png", (0.45, 0.45, 1, 1)), "A single gland at higher magnification", None),
        "phantom": (real("phantom.png", (0, 0.05, 1, 0.95), 4 / 3), "A scan of the test phantom: each ellipse has a known density", "A grey oval test object with darker ellipses inside, on black"),
        "phantom-chart": (drawn(chart("Smallest visible detail by dose", ["100%", "75%", "50%", "35%", "25%"], [("Detail (mm)", [0.5, 0.55, 0.6, 0.9, 1.6])], kind="line", unit="")),
                          "The smallest detail visible in the phantom at each dose setting", "Line chart: visible detail stays near 0.5 to 0.6 mm down to half dose, then worsens sharply"),
        "rocket-pad": (real("rocket.jpg", (0, 0, 1, 1)), "A rideshare rocket on the launch pad before a night launch", None),
        "rocket-night": (real("rocket.jpg", (0.3, 0.1, 0.75, 1), 3 / 4), "The launch tower lit up at night", None),
        "rocket-pad-wide": (real("rocket.jpg", (0, 0.3, 1, 1), 16 / 9), "The pad and its lightning towers", None),
        "deep-field": (real("hubble_deep_field.jpg", (0, 0, 1, 1)), "A deep-field image: almost every point of light is a galaxy", None),
        "deep-field-a": (real("hubble_deep_field.jpg", (0, 0, 0.5, 0.5)), "A spiral galaxy in the upper left of the field", None),
        "deep-field-b": (real("hubble_deep_field.jpg", (0.5, 0, 1, 0.5)), "Galaxies of many colours: the reddest are the most distant", None),
        "deep-field-c": (real("hubble_deep_field.jpg", (0.25, 0.5, 0.75, 1)), "The lower half of the field, crowded with faint galaxies", None),
        "moon-craters": (real("moon.png", (0, 0, 1, 0.7)), "Craters on the Moon's surface through the club's telescope", None),
        "moon-terminator": (real("moon.png", (0.3, 0.3, 1, 1), 1), "Shadows along the line between lunar day and night", None),
        "gravel": (real("gravel.png", (0, 0, 1, 1)), "Gravel, as the rover's camera sees it", None),
        "grass": (real("grass.png", (0, 0, 1, 1)), "Grass, the surface the rover found hardest to cross", None),
        "survey-hours": (drawn(chart("Hours a week, by activity", ["Study", "Paid work", "Clubs", "Commuting", "Exercise"], [("2021", [27, 9, 4, 5, 3]), ("2026", [31, 6, 5, 4, 4])], unit="h")),
                         "Average hours a week spent on each activity, 2021 and 2026", "Bar chart: study hours rose from 27 to 31; paid work fell from 9 to 6"),
        "survey-trend": (drawn(chart("Students working more than 20 hours a week", ["2021", "2022", "2023", "2024", "2025", "2026"], [("Share of students", [18, 17, 15, 13, 11, 9])], kind="line", unit="%")),
                         "The share of students working long hours has halved in five years", "Line chart: the share working over 20 hours fell from 18 percent in 2021 to 9 percent in 2026"),
        "letters-page": (real("page.png", (0, 0, 1, 1)), "A page from the digitised collection", None),
        "letters-chalk": (real("text.png", (0, 0, 1, 1), 2), "Chalk equations, much as the 1933 letter imagined them", None),
        "commute-chart": (drawn(chart("Minutes to campus, trips under 5 km", ["Bicycle", "Bus", "Motorcycle", "Car"], [("Median minutes", [14, 21, 11, 17])], unit="")),
                          "Median door-to-door time by mode for trips under five kilometres", "Bar chart: motorcycle 11 minutes, bicycle 14, car 17, bus 21"),
        "commute-motorcycle": (real("motorcycle_left.png", (0, 0, 1, 1)), "Motorcycles were fastest, but cost the most per trip", None),
        "coins-all": (real("coins.png", (0, 0, 1, 1)), "Twenty-four coins from the Greek and Roman world", None),
        "coins-detail": (real("coins.png", (0.55, 0.0, 1, 0.5), 4 / 3), "A ruler's portrait: propaganda small enough to carry", None),
        "camera-field": (real("camera.png", (0, 0, 1, 1), 4 / 3), "A student sets up a shot on the sports ground", None),
        "camera-cat": (real("chelsea.png", (0, 0, 1, 1)), "The library's resident cat, from one student's series", None),
        "colour-wheel": (real("color.png", (0, 0, 1, 1), 1), "A colour wheel computed pixel by pixel", None),
        "generative-waves": (drawn(generative("waves", 7)), "Waves: sixty lines, each with a random rhythm", "Blue generative artwork of many wavy lines"),
        "generative-rings": (drawn(generative("rings", 8)), "Rings: forty circles in four colours", "Generative artwork of overlapping coloured rings on cream"),
        "generative-grid": (drawn(generative("grid", 9)), "Grid: colour follows two overlapping waves", "Generative grid of rounded squares shading from purple to orange"),
        "generative-dunes": (drawn(generative("dunes", 10)), "Dunes: seven layers of sine curves", "Generative artwork of layered sand-coloured dunes"),
        "okafor-award": (drawn(poster("National Teaching Fellow", "Prof. Amara OKAFOR · 2026", (40, 60, 90), (15, 25, 40), "medal", 11)),
                         "The fellowship is awarded to twelve teachers a year", "A gold medal on blue and red ribbons"),
        "okafor-brick": (real("brick.png", (0.2, 0.2, 0.8, 0.8)), "Bricks are the first material her students break", None),
        "astronaut-portrait": (real("astronaut.png", (0, 0, 1, 1), 4 / 5), "An official astronaut portrait from NASA's archive", "A smiling astronaut in an orange flight suit with a helmet, in front of the US flag and a shuttle model"),
        "astronaut-shuttle": (real("astronaut.png", (0.55, 0, 1, 0.6), 3 / 4), "A space shuttle model, of the kind students will study", None),
        "archive-page": (real("page.png", (0, 0, 0.7, 1)), "A page from one of the 40,000 papers in the open archive", None),
        "archive-award": (drawn(poster("Open Archive", "40,000 papers · 2 million downloads", (20, 80, 70), (10, 30, 30), "circles", 12)),
                          "The open archive passed two million downloads this year", "Green poster reading Open Archive, 40,000 papers, 2 million downloads"),
        "coffee-cup": (real("coffee.png", (0.1, 0, 0.9, 0.9)), "The night shift's first coffee of the evening", None),
        "coffee-saucer": (real("coffee.png", (0.3, 0.35, 0.95, 1), 1), "A spoon, a saucer and a long night ahead", None),
        "mochi-portrait": (real("chelsea.png", (0.3, 0, 1, 1), 4 / 5), "Mochi on her favourite radiator", "A tabby cat with green eyes looking at the camera"),
        "mochi-eyes": (real("chelsea.png", (0.35, 0.05, 0.95, 0.6)), "Always watching the returns desk", None),
        "motorcycle-side": (real("motorcycle_left.png", (0, 0, 1, 1)), "The restored motorcycle in the university workshop", None),
        "motorcycle-detail": (real("motorcycle_left.png", (0.25, 0.25, 0.75, 0.75)), "The rebuilt engine, machined in the workshop", None),
        "moon-full": (real("moon.png", (0, 0, 1, 1)), "The Moon on festival night, through the astronomy club's telescope", None),
        "lantern-poster": (drawn(poster("Moon Festival", "Central Lawn · Saturday night", (40, 30, 80), (15, 10, 35), "lanterns", 13)),
                           "Lanterns made by students from eleven countries", "Red lanterns hanging against a night-purple sky"),
        "climate-chart": (drawn(chart("Summer nights above 25 °C", ["1996", "2001", "2006", "2011", "2016", "2021", "2026"], [("Nights", [6, 8, 11, 13, 18, 22, 27])], kind="line")),
                          "Nights above 25 °C each summer in the university's city", "Line chart: hot nights rose from 6 in 1996 to 27 in 2026"),
        "climate-grass": (real("grass.png", (0.2, 0.2, 1, 1)), "A green roof on campus, one of the network's field sites", None),
        "lisbon-poster": (drawn(poster("Summer School on the Sea", "Lisbon · July 2027", (10, 90, 140), (5, 30, 60), "waves", 14)),
                          "The summer school's poster", "Blue poster with white wave lines reading Summer School on the Sea"),
        "lisbon-waves": (drawn(generative("waves", 15)), "Wave energy is one of the course's field topics", "Blue lines rising and falling like waves"),
    }


# --- writing ------------------------------------------------------------------------------

def save_photo(key, im):
    """One file a photo, as a newsroom's CMS would hold it: the build
    (`gazette publish`) makes its smaller widths and its WebP variants, as it
    does for a site owner's photos."""
    w, h = im.size
    width = 1440 if w >= 1440 else 800
    height = round(h * width / w)
    resized = im.resize((width, height), Image.LANCZOS)
    resized.save(OUT / f"{key}-{width}.jpg", "JPEG", quality=74, optimize=True, progressive=True)
    return {"url": f"images/{key}-{width}.jpg", "width": width, "height": height}


INLINE = re.compile(r"\*([^*]+)\*|\[([^\]]+)\]\(([^)]+)\)")


def inline_content(text):
    out, pos = [], 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        if m.group(1):
            out.append({"type": "emphasis", "text": m.group(1)})
        else:
            out.append({"type": "link", "url": m.group(3), "text": m.group(2)})
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def inline_html(text):
    out, pos = [], 0
    for m in INLINE.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        if m.group(1):
            out.append(f"<em>{html.escape(m.group(1))}</em>")
        else:
            out.append(f'<a href="{html.escape(m.group(3))}">{html.escape(m.group(2))}</a>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def main():
    data_dir = sys.argv[1]
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.jpg"):
        old.unlink()
    photo_defs = photos(data_dir)
    images, used_sources = {}, set()
    for key, ((im, source), caption, alt) in photo_defs.items():
        largest = save_photo(key, im)
        credit = f"Photo: {SKIMAGE_CREDITS[source][0]}" if source else "Graphic: Caldera University News"
        if source:
            used_sources.add(source)
        images[key] = {
            "url": largest["url"],
            "alt": alt or caption,
            "caption": caption,
            "credit": credit,
            "width": largest["width"],
            "height": largest["height"],
        }

    items = []
    for story in STORIES:
        body, parts = [], []
        for block in story["body"]:
            if isinstance(block, str):
                body.append({"type": "paragraph", "content": inline_content(block)})
                parts.append(f"<p>{inline_html(block)}</p>")
            elif block[0] == "photo":
                image = dict(images[block[1]], type="image")
                body.append(image)
                parts.append(f'<figure><img src="{image["url"]}" alt="{html.escape(image["alt"])}" width="{image["width"]}" height="{image["height"]}">'
                             f'<figcaption>{html.escape(image["caption"])} <small>{html.escape(image["credit"])}</small></figcaption></figure>')
            elif block[0] == "h":
                body.append({"type": "heading", "level": 2, "text": block[1]})
                parts.append(f"<h2>{html.escape(block[1])}</h2>")
            elif block[0] == "q":
                body.append({"type": "quote", "text": block[1], "cite": block[2]})
                parts.append(f"<blockquote><p>{html.escape(block[1])}</p><footer>{html.escape(block[2])}</footer></blockquote>")
            elif block[0] == "ul":
                body.append({"type": "list", "ordered": False, "items": block[1]})
                parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block[1]) + "</ul>")
        gallery = [images[k] for k in story.get("gallery", [])]
        lead = next(b for b in body if b["type"] == "image")
        credits = [{"role": r, "name": n} for r, n in story["credits"]]
        parts.append("<p>" + " · ".join(f"{html.escape(c['role'])}: {html.escape(c['name'])}" for c in credits) + "</p>")
        item = {
            "id": f"https://news.caldera.example.edu/articles/{story['slug']}/",
            "url": f"https://news.caldera.example.edu/articles/{story['slug']}/",
            "title": story["title"],
            "summary": story["summary"],
            "content_html": "".join(parts),
            "image": lead["url"],
            "date_published": story["date"],
            "authors": ([REPORTERS[story["byline"]]] if "byline" in story else []) + [{"name": "Caldera University News Office"}],
            "tags": [dict((t[0], t[1]) for t in TOPICS)[story["topic"]]],
            "_gazette": {
                "slug": story["slug"],
                "topic": story["topic"],
                "views": story["views"],
                "credits": credits,
                "body": body,
            },
        }
        if gallery:
            item["_gazette"]["gallery"] = gallery
        if "modified" in story:
            item["date_modified"] = story["modified"]
        if "corrections" in story:
            item["_gazette"]["corrections"] = [{"date": d, "text": t} for d, t in story["corrections"]]
        items.append(item)
    items.sort(key=lambda i: i["date_published"], reverse=True)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": SITE["title"],
        "description": SITE["description"],
        "home_page_url": "https://news.caldera.example.edu/",
        "feed_url": "https://news.caldera.example.edu/feed.json",
        "language": SITE["language"],
        "icon": "images/icon-512.png",
        "favicon": "images/icon-64.png",
        "authors": [{"name": "Caldera University News Office"}],
        "_gazette": {
            "topics": [{"slug": s, "name": n, "description": d} for s, n, d in TOPICS],
            # The Chinese edition (public/zh/feed.json) is written by hand, not by this script.
            "editions": [{"lang": "en", "name": "English"}, {"lang": "zh-Hans", "name": "中文", "prefix": "zh/"}],
        },
        "items": items,
    }
    (ROOT / "public" / "feed.json").write_text(json.dumps(feed, ensure_ascii=False, indent=2) + "\n")
    icon = poster("", "", (178, 34, 52), (120, 20, 40), "circles", 2).crop((0, 0, 960, 960))
    d = ImageDraw.Draw(icon)
    d.text((480, 470), "C", font=font(FONT_SERIF_BOLD, 640), fill=(255, 255, 255), anchor="mm")
    icon.resize((512, 512), Image.LANCZOS).save(OUT / "icon-512.png", optimize=True)
    icon.resize((64, 64), Image.LANCZOS).save(OUT / "icon-64.png", optimize=True)

    lines = ["# Photo and graphic credits", "",
             "Photos marked *Photo:* come from scikit-image's sample data (the `scikit-image` wheel on PyPI, `skimage/data/`),",
             "cropped and resized by `tools/sample/make_sample.py`. Their licences, as scikit-image's documentation states them:", "",
             "| source file | author / origin | licence |", "|---|---|---|"]
    for name in sorted(used_sources):
        who, lic = SKIMAGE_CREDITS[name]
        lines.append(f"| `{name}` | {who} | {lic} |")
    lines += ["", "Images marked *Graphic:* (posters, charts, generative pictures) and the site icon were drawn by",
              "`tools/sample/make_sample.py` for this project and are released under CC0 1.0.",
              "The reporter's avatar (`avatar-amara-okafor.svg`) was drawn by hand for this project, CC0 1.0.", "",
              "The people, university and events in the sample stories are fictional; captions describe the",
              "pictures as used in the stories, not their original subjects."]
    (OUT / "CREDITS.md").write_text("\n".join(lines) + "\n")
    print(f"{len(items)} stories, {len(images)} photos written")


if __name__ == "__main__":
    main()
