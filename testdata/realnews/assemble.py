#!/usr/bin/env python3
"""Rebuild texts/<file> of the development set from a retrieved page excerpt.

Usage: python3 testdata/realnews/assemble.py RAWDIR [FILE...]

RAWDIR/<file> holds, for a file of manifest.tsv, the excerpt the stored-pages
search returns for the file's url when searched with the file's query,
JSON-decoded and otherwise verbatim (a leading " date YYYY-MM-DD " may stay).
The text was built as: "url: U", "published: D" when the gold gives a date, a
blank line, the excerpt cut after its last complete sentence, a newline. The
script tries every cut point and writes the text whose sha256 is the
manifest's, so a copy that differs by one character is refused, not kept.
"""
import glob, hashlib, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv):
    if not argv:
        sys.exit(__doc__)
    rawdir, files = argv[0], argv[1:]
    man = {}
    with open(os.path.join(HERE, 'manifest.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            name, _event, _split, url, _query, sha = line.rstrip('\n').split('\t')
            man[name] = (url, sha)
    pub = {}
    for g in glob.glob(os.path.join(HERE, 'gold', '*.json')):
        with open(g, encoding='utf-8') as f:
            for name, a in json.load(f)['articles'].items():
                pub[name] = a.get('published')
    os.makedirs(os.path.join(HERE, 'texts'), exist_ok=True)
    files = files or sorted(n for n in os.listdir(rawdir) if n in man)
    bad = 0
    for name in files:
        if name not in man:
            print(f'{name}: not in manifest.tsv', file=sys.stderr)
            bad += 1
            continue
        url, sha = man[name]
        with open(os.path.join(rawdir, name), encoding='utf-8') as f:
            raw = f.read()
        m = re.match(r'\s*date (\d{4}-\d\d-\d\d) ', raw)
        if m:
            raw = raw[m.end():]
        headers = [f'url: {url}\n\n']
        if pub.get(name):
            headers.insert(0, f'url: {url}\npublished: {pub[name]}\n\n')
        text = find(raw, headers, sha)
        if text is None:
            print(f'{name}: no cut of the excerpt has the manifest sha256', file=sys.stderr)
            bad += 1
            continue
        with open(os.path.join(HERE, 'texts', name), 'w', encoding='utf-8') as f:
            f.write(text)
        print(f'{name}: ok')
    print(f'{len(files) - bad} written, {bad} refused', file=sys.stderr)
    return 1 if bad else 0


def find(raw, headers, sha):
    for body in (raw, raw.lstrip()):
        for header in headers:
            for end in range(len(body), max(0, len(body) - 2500), -1):
                text = header + body[:end].rstrip() + '\n'
                if hashlib.sha256(text.encode('utf-8')).hexdigest() == sha:
                    return text
    return None


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
