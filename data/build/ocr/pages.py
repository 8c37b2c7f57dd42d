#!/usr/bin/python3
"""Renders sampled corpus paragraphs as degraded page images and reads them with Tesseract.

    /usr/bin/python3 data/build/ocr/pages.py --corpus ../shared/corpus --work data/build/ocr/work \
        --count 300 --seed 1

Writes, under --work: `paragraphs.jsonl` (the sampled reference paragraphs), `run.json` (seed, count, sources), `pages/NNNNN.png`
(the images, kept only with --keep-images), `ocr/SOURCE-LINE.json` (one reading per page: the page's
settings and Tesseract's text) and `pairs.jsonl` (all readings, in page order). Pages already
read are skipped, so an interrupted run resumes. Every random choice comes from the seed and the
page number, so a page renders the same whatever the count or the order.

Uses Debian's python3-pil and python3-numpy only; run it with /usr/bin/python3.
"""
import argparse
import gzip
import hashlib
import heapq
import io
import json
import math
import os
import subprocess
import sys
import unicodedata

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# The openly licensed training text of data/model.bin (see data/README.md), with the share of
# the sample each contributes. Literature and Wikipedia dominate old printed matter.
SOURCES = [
    ('viwiki-undertheseanlp.txt.gz', 0.25),
    ('viwik19-ntt123-partial.txt.gz', 0.15),
    ('pd-literature-khudocmo-a.txt.gz', 0.25),
    ('alt-vi-wikinews.txt.gz', 0.15),
    ('ntrex128-vie.txt.gz', 0.10),
    ('ud-vietnamese-vtb.txt.gz', 0.10),
]

FONT_DIR = '/usr/share/fonts/truetype'
# (file, weight): serif faces most often, as in books and newspapers.
FONTS = [
    ('liberation2/LiberationSerif-Regular.ttf', 0.20),
    ('noto/NotoSerif-Regular.ttf', 0.16),
    ('freefont/FreeSerif.ttf', 0.14),
    ('dejavu/DejaVuSerif.ttf', 0.08),
    ('liberation2/LiberationSerif-Italic.ttf', 0.03),
    ('liberation2/LiberationSerif-Bold.ttf', 0.03),
    ('noto/NotoSerif-Italic.ttf', 0.02),
    ('dejavu/DejaVuSerifCondensed.ttf', 0.03),
    ('liberation2/LiberationSans-Regular.ttf', 0.09),
    ('noto/NotoSans-Regular.ttf', 0.08),
    ('freefont/FreeSans.ttf', 0.06),
    ('dejavu/DejaVuSans.ttf', 0.05),
    ('noto/NotoSans-Bold.ttf', 0.03),
]

DPIS = [(85, 0.06), (100, 0.08), (120, 0.10), (150, 0.18), (200, 0.20), (240, 0.13), (300, 0.25)]
# Tesseract models: the Vietnamese one, and the two wrong ones people read Vietnamese with.
MODELS = [('vie', 0.70), ('Latin', 0.15), ('eng', 0.15)]

# Letters a paragraph may contain: Latin with Vietnamese marks, digits, common punctuation.
VIET_ONLY = set('ăâđêôơưĂÂĐÊÔƠƯ') | {chr(c) for c in range(0x1EA0, 0x1EFA)} | set(
    'àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ')


class Rng:
    """SplitMix64: the same numbers on every Python version (random.Random is not promised)."""

    def __init__(self, key):
        self.state = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], 'little')

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def random(self):
        return (self.next64() >> 11) / float(1 << 53)

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def randint(self, a, b):
        return a + self.next64() % (b - a + 1)

    def chance(self, p):
        return self.random() < p

    def weighted(self, items):
        r = self.random() * sum(w for _, w in items)
        for value, w in items:
            r -= w
            if r < 0:
                return value
        return items[-1][0]


def allowed_char(ch):
    if ch.isspace():
        return ch == ' '
    cp = ord(ch)
    return cp < 0x7F or 0xC0 <= cp <= 0x1B0 or 0x1EA0 <= cp <= 0x1EF9 or ch in '–—‘’“”…«»°'


def vietnamese_line(line):
    """Vietnamese running text the fonts can draw: no other scripts, enough marked letters."""
    if len(line) < 40 or not all(allowed_char(c) for c in line):
        return False
    letters = sum(1 for c in line if c.isalpha())
    marked = sum(1 for c in line if c in VIET_ONLY)
    return letters >= 30 and marked >= 0.15 * letters


def read_lines(path):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            yield unicodedata.normalize('NFC', ' '.join(line.split()))


def sample_paragraphs(corpus, count, seed):
    """`count` paragraphs: the lines of smallest seeded hash of each source, each extended with
    the lines after it to a length drawn from 250 to 700 characters."""
    paragraphs = []
    for name, share in SOURCES:
        path = os.path.join(corpus, 'text', name)
        k = max(1, round(count * share))
        heap = []  # the k smallest (−score, line number), as a max-heap
        for no, line in enumerate(read_lines(path)):
            if not vietnamese_line(line):
                continue
            score = int.from_bytes(hashlib.sha256(f'{seed}|{name}|{no}'.encode()).digest()[:8], 'big')
            if len(heap) < k:
                heapq.heappush(heap, (-score, no))
            elif -heap[0][0] > score:
                heapq.heapreplace(heap, (-score, no))
        starts = {no: -s for s, no in heap}
        open_paras = {}
        for no, line in enumerate(read_lines(path)):
            for start in list(open_paras):
                para = open_paras[start]
                if vietnamese_line(line) and len(para['text']) < para['target']:
                    para['text'] += ' ' + line
                else:
                    paragraphs.append(finish(open_paras.pop(start)))
            if no in starts:
                target = Rng(f'{seed}|{name}|{no}|len').randint(250, 700)
                open_paras[no] = {'source': name, 'line': no + 1, 'text': line, 'target': target,
                                  'score': starts[no]}
            if not open_paras and len(starts) and no > max(starts):
                break
        paragraphs.extend(finish(p) for p in open_paras.values())
    paragraphs.sort(key=lambda p: (p['source'], p['score']))
    return paragraphs


def finish(para):
    text = para['text']
    if len(text) > 800:
        cut = text.rfind(' ', 0, 800)
        text = text[:cut]
    return {'source': para['source'], 'line': para['line'], 'text': text, 'score': para['score']}


def wrap(text, font, width):
    lines, line = [], ''
    for word in text.split(' '):
        trial = word if not line else line + ' ' + word
        if line and font.getlength(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def render(text, rng, page_seed):
    """The page image (grey, at the chosen dpi) and the settings that made it."""
    font_file = rng.weighted(FONTS)
    dpi = rng.weighted(DPIS)
    points = round(rng.uniform(9, 14), 1)
    scale = 2  # drawn at twice the resolution, so ink spread and erosion stay below a pixel
    px = points / 72 * dpi * scale
    font = ImageFont.truetype(os.path.join(FONT_DIR, font_file), round(px))
    width_in = rng.uniform(4.5, 6.5)
    width = int(width_in * dpi * scale)
    margin = int(0.25 * dpi * scale)
    leading = rng.uniform(1.15, 1.5)
    lines = wrap(text, font, width)
    line_h = int(px * leading)
    ascent, descent = font.getmetrics()
    height = line_h * (len(lines) - 1) + ascent + descent + 2 * margin
    paper = rng.randint(215, 255)
    ink = rng.randint(0, 70)
    img = Image.new('L', (width + 2 * margin, height), paper)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((margin, margin + i * line_h), line, font=font, fill=ink)
    settings = {'font': os.path.basename(font_file), 'points': points, 'dpi': dpi,
                'leading': round(leading, 2)}
    ink_change = rng.weighted([('none', 0.6), ('spread', 0.2), ('erode', 0.2)])
    if ink_change == 'spread':
        img = img.filter(ImageFilter.MinFilter(3))
    elif ink_change == 'erode':
        img = img.filter(ImageFilter.MaxFilter(3))
    settings['ink'] = ink_change
    img = img.resize((img.width // scale, img.height // scale), Image.BOX)
    if rng.chance(0.5):
        angle = round(rng.uniform(-2.0, 2.0), 2)
        img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=paper)
        settings['skew'] = angle
    blur = round(rng.uniform(0, 1.2), 2) if rng.chance(0.6) else 0
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
        settings['blur'] = blur
    noise = round(rng.uniform(2, 25), 1) if rng.chance(0.6) else 0
    if noise:
        np_rng = np.random.Generator(np.random.PCG64(page_seed))
        a = np.asarray(img, dtype=np.float32) + np_rng.normal(0, noise, (img.height, img.width))
        specks = np_rng.random((img.height, img.width))
        a[specks < 0.0015] = ink
        a[specks > 0.9985] = paper
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), 'L')
        settings['noise'] = noise
    if rng.chance(0.3):
        threshold = rng.randint(100, 170)
        img = img.point(lambda v: 255 if v >= threshold else 0)
        settings['binarise'] = threshold
    if rng.chance(0.4):
        quality = rng.randint(20, 85)
        buf = io.BytesIO()
        img.save(buf, 'JPEG', quality=quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert('L')
        settings['jpeg'] = quality
    return img, settings


def tesseract(image_path, model, psm, dpi):
    env = dict(os.environ, OMP_THREAD_LIMIT='1')
    out = subprocess.run(['tesseract', image_path, '-', '-l', model, '--psm', str(psm), '--dpi', str(dpi)],
                         capture_output=True, env=env, check=True)
    return unicodedata.normalize('NFC', out.stdout.decode('utf-8'))


def ocr_path(work, para):
    stem = para['source'].split('.')[0]
    return os.path.join(work, 'ocr', f"{stem}-{para['line']}.json")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default='../shared/corpus')
    ap.add_argument('--work', default=os.path.join(os.path.dirname(__file__), 'work'))
    ap.add_argument('--count', type=int, default=300)
    ap.add_argument('--seed', default='1')
    ap.add_argument('--keep-images', action='store_true')
    args = ap.parse_args()
    os.makedirs(os.path.join(args.work, 'ocr'), exist_ok=True)
    os.makedirs(os.path.join(args.work, 'pages'), exist_ok=True)

    para_path = os.path.join(args.work, 'paragraphs.jsonl')
    paragraphs = sample_paragraphs(args.corpus, args.count, args.seed)
    with open(para_path, 'w', encoding='utf-8') as f:
        for p in paragraphs:
            f.write(json.dumps(p, ensure_ascii=False, sort_keys=True) + '\n')
    print(f'{len(paragraphs)} paragraphs sampled', file=sys.stderr)
    tesseract_version = subprocess.run(['tesseract', '--version'], capture_output=True, check=True)
    run = {'seed': args.seed, 'count': args.count,
           'tesseract': tesseract_version.stdout.decode().splitlines()[0],
           'sources': [{'file': name, 'paragraphs': sum(1 for p in paragraphs if p['source'] == name)}
                       for name, _ in SOURCES]}
    with open(os.path.join(args.work, 'run.json'), 'w', encoding='utf-8') as f:
        f.write(json.dumps(run, ensure_ascii=False, sort_keys=True, indent=1) + '\n')

    # Read in hash order, so that the pages read so far are a sample of all sources.
    for done, p in enumerate(sorted(paragraphs, key=lambda p: p['score'])):
        key = f"{args.seed}|{p['source']}|{p['line']}"
        out_path = ocr_path(args.work, p)
        if os.path.exists(out_path):
            continue
        rng = Rng(key + '|page')
        page_seed = int.from_bytes(hashlib.sha256((key + '|noise').encode()).digest()[:8], 'little')
        img, settings = render(p['text'], rng, page_seed)
        settings['model'] = rng.weighted(MODELS)
        settings['psm'] = rng.weighted([(6, 0.6), (3, 0.4)])
        img_path = os.path.join(args.work, 'pages', os.path.basename(out_path)[:-5] + '.png')
        img.save(img_path, dpi=(settings['dpi'], settings['dpi']))
        text = tesseract(img_path, settings['model'], settings['psm'], settings['dpi'])
        if not args.keep_images:
            os.remove(img_path)
        record = {'source': p['source'], 'line': p['line'], 'settings': settings,
                  'ref': p['text'], 'ocr': text}
        with open(out_path + '.tmp', 'w', encoding='utf-8') as f:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + '\n')
        os.replace(out_path + '.tmp', out_path)
        print(f"{done} {settings}", file=sys.stderr, flush=True)

    with open(os.path.join(args.work, 'pairs.jsonl'), 'w', encoding='utf-8') as f:
        for p in paragraphs:
            with open(ocr_path(args.work, p), encoding='utf-8') as r:
                f.write(r.read())


if __name__ == '__main__':
    main()
