#!/usr/bin/python3
"""Writes the PERSON gazetteer: src/pii/data/given_names.txt and surnames.txt.

Source: the person providers of Faker 0.9.3 as packaged by Debian
(python3-fake-factory; faker/providers/person/<locale>/__init__.py, MIT
licence), which hold given names and surnames for ~50 locales in their own
scripts. Run it with Debian's interpreter, which sees that package:

    /usr/bin/python3 scripts/make_name_gazetteer.py

The output is committed; the build only embeds it (src/pii/data/CMakeLists.txt)
and needs neither Faker nor a word list.

Each output line is `name` or `name<TAB>flags`. A flag marks a name that is
also something else that is written with a capital letter in ordinary text,
so the detector wants a stronger cue than capitalization for it:
  w  a common English word ("Will", "May", "Rose"); from /usr/share/dict/words
     (Debian's wamerican) when installed: its lower-case entries
  c  a month or weekday ("June", "August")
  p  a well-known place ("Austin", "Georgia", "Florence")
  t  a product, brand or technology name common in chat with AI assistants
     ("Alexa", "Claude", "Julia")
  s  an English function word or sentence opener that never stands alone as
     a name in prose ("He", "Can", "Unknown"); such entries are dropped.
"""

import importlib
import os
import sys
import unicodedata

import faker
import faker.providers.person as person_pkg

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'pii', 'data')
WORDS = '/usr/share/dict/words'

# Particles of surnames written as separate words ("van der Berg"): parts of a
# name that the detector handles itself, not names.
PARTICLES = {
    'al', 'bin', 'binti', 'bint', 'da', 'das', 'de', 'del', 'della', 'der', 'des', 'di', 'do',
    'dos', 'du', 'el', 'ibn', 'la', 'le', 'of', 'st', 'ten', 'ter', 'van', 'von', 'y', 'zu',
}

CALENDAR = {
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
    'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
    'saturday', 'sunday', 'easter', 'christmas',
}

# Places whose names are also given names or surnames: countries, US states,
# and large or well-known cities. Written from general knowledge.
PLACES = {
    'adelaide', 'africa', 'alabama', 'alaska', 'albany', 'alexandria', 'america', 'amsterdam',
    'arizona', 'arlington', 'asia', 'athens', 'atlanta', 'augusta', 'aurora', 'austin',
    'austria', 'berlin', 'bolivia', 'boston', 'brazil', 'brighton', 'bristol', 'brooklyn',
    'cairo', 'calgary', 'california', 'cambridge', 'camden', 'canada', 'carolina', 'charleston',
    'charlotte', 'chester', 'chicago', 'china', 'cleveland', 'colombia',
    'columbia', 'columbus', 'cordoba', 'cuba', 'dakota', 'dallas', 'dayton', 'delaware',
    'denver', 'derby', 'detroit', 'dover', 'dublin', 'durham', 'egypt', 'england', 'europe',
    'fairfax', 'florence', 'florida', 'france', 'frankfurt', 'fresno', 'geneva',
    'georgia', 'ghana', 'greece', 'hampton', 'harlem', 'hawaii', 'helena',
    'holland', 'houston', 'hudson', 'idaho', 'india', 'indiana', 'iowa', 'ireland', 'irvine',
    'israel', 'italia', 'italy', 'jackson', 'jamaica', 'japan', 'jersey', 'jordan',
    'kansas', 'kent', 'kenya', 'kingston', 'lafayette', 'lansing', 'laredo', 'lima', 'lincoln',
    'lisbon', 'london', 'lorraine', 'louisiana', 'lyon', 'madrid', 'maine', 'malta',
    'manchester', 'marietta', 'maryland', 'mecca', 'medina', 'memphis', 'mesa',
    'miami', 'milan', 'monaco', 'montana', 'montgomery', 'naples', 'nevada',
    'newark', 'norfolk', 'norway', 'oakland', 'olympia', 'omaha', 'oregon', 'orlando',
    'oxford', 'panama', 'paris', 'pasadena', 'peru', 'philadelphia', 'phoenix', 'plymouth',
    'portland', 'princeton', 'raleigh', 'reading', 'regina', 'richmond',
    'riverside', 'rochester', 'rome', 'russia', 'salem', 'salvador', 'santiago', 'savannah',
    'scotland', 'seattle', 'sheffield', 'sofia', 'spain', 'springfield', 'stanford',
    'stockton', 'surrey', 'sydney', 'syria', 'tampa', 'texas', 'toledo', 'toronto',
    'trenton', 'utah', 'valencia', 'vancouver', 'venice', 'vermont',
    'victoria', 'vienna', 'virginia', 'wales', 'warwick', 'washington', 'wellington',
    'windsor', 'wyoming', 'york',
}

# Names of products, companies and technologies that chat with AI assistants
# mentions often, and that the Faker lists also hold as names.
TECH = {
    'ada', 'alexa', 'amazon', 'android', 'apple', 'ariel', 'bard', 'bing', 'boeing', 'cassandra',
    'chrome', 'claude', 'cortana', 'dell', 'disney', 'django', 'elixir', 'erlang', 'ford',
    'gemini', 'gemma', 'google', 'grafana', 'haskell', 'hilton', 'honda', 'hugo', 'jasmine',
    'java', 'jenkins', 'jest', 'julia', 'jupyter', 'kafka', 'karma', 'kotlin', 'lexus',
    'linux', 'llama', 'marriott', 'maven', 'mercedes', 'mistral', 'mocha', 'nokia', 'opus',
    'oracle', 'pascal', 'perl', 'porsche', 'python', 'ruby', 'rust', 'siri', 'sonnet',
    'sphinx', 'swift', 'tesla', 'toyota', 'vue', 'wendy', 'windows', 'xavier',
}

# Entries of the lists that are not names in any text (noise in the source)
# or English words so common that a match would be wrong nearly every time.
DROP = {
    'add', 'ah', 'alas', 'among', 'anon', 'best', 'can', 'company', 'comment', 'does', 'else',
    'ever', 'good', 'he', 'hence', 'just', 'less', 'made', 'must', 'odd', 'per', 'real',
    'said', 'seven', 'she', 'such', 'the', 'true', 'unknown', 'unnamed', 'us', 'vi', 'ye',
}

# Names that the word list also holds as rare lower-case words ("john",
# "smith") but that stand for a person nearly every time they are written
# with a capital letter: no 'w' flag.
MOSTLY_NAMES = {
    'barney', 'bates', 'beck', 'bobby', 'bowman', 'brad', 'bullock', 'chandler', 'colleen',
    'cox', 'curry', 'dale', 'dean', 'derrick', 'dickie', 'dieter', 'dirk', 'don', 'drew',
    'earl', 'eddy', 'emery', 'fisher', 'foster', 'garrison', 'gibbons', 'griffin', 'grimes',
    'hank', 'harry', 'hector', 'hogan', 'homer', 'jimmy', 'john', 'johns', 'josh', 'ken',
    'khan', 'lynch', 'madden', 'maria', 'marina', 'martin', 'martins', 'mason', 'matt', 'max',
    'mickey', 'mike', 'miller', 'nick', 'noel', 'patsy', 'patty', 'peter', 'peters', 'pierce',
    'randy', 'rick', 'robin', 'roger', 'rogers', 'sally', 'sandy', 'sawyer', 'sherry', 'smith',
    'sonny', 'stein', 'sue', 'terry', 'tom', 'tony', 'tucker', 'turner', 'victor', 'waldo',
    'walker', 'warren', 'watts', 'welch', 'wheeler', 'wright',
}


def load_words():
    """Lower-case words of the English word list, or an empty set."""
    if not os.path.exists(WORDS):
        sys.stderr.write('note: %s not found (apt-get install wamerican); '
                         'common-word flags left out\n' % WORDS)
        return set()
    with open(WORDS, encoding='utf-8') as f:
        return {w.strip() for w in f if w.strip() and w.strip().islower()}


def names_of(value):
    """The names in one provider attribute (a list, tuple or weighted dict)."""
    if isinstance(value, dict):
        return list(value.keys())
    return list(value)


def tokens(name):
    """The parts of a list entry that the detector looks up on their own."""
    name = unicodedata.normalize('NFC', name.strip())
    out = []
    for part in name.replace('\u00a0', ' ').split():
        part = part.strip('.,()"')
        if not part or part.lower() in PARTICLES:
            continue
        if any(ch.isdigit() for ch in part) or len(part) < 2 and not is_han(part):
            continue
        out.append(part)
    return out


def is_han(s):
    return all('\u3400' <= ch <= '\u9fff' or '\u3040' <= ch <= '\u30ff' or
               '\uac00' <= ch <= '\ud7af' for ch in s)


def collect():
    """{name: set(locales)} for given names and for surnames."""
    base = os.path.dirname(person_pkg.__file__)
    given, surnames = {}, {}
    for locale in sorted(os.listdir(base)):
        if locale.startswith('_') or not os.path.isdir(os.path.join(base, locale)):
            continue
        provider = importlib.import_module('faker.providers.person.' + locale).Provider
        for attr in dir(provider):
            value = getattr(provider, attr)
            if attr.startswith('_') or not isinstance(value, (list, tuple, dict)):
                continue
            if 'first' in attr or 'middle' in attr:
                target = given   # middle_names: Russian patronymics
            elif 'last' in attr:
                target = surnames
            else:
                continue
            for entry in names_of(value):
                for tok in tokens(entry):
                    target.setdefault(tok, set()).add(locale)
    return given, surnames


def flags_of(name, words):
    low = name.lower()
    flags = ''
    if low in words and low not in MOSTLY_NAMES:
        flags += 'w'
    if low in CALENDAR:
        flags += 'c'
    if low in PLACES:
        flags += 'p'
    if low in TECH:
        flags += 't'
    return flags


def write(path, title, names, words):
    header = [
        '# %s for winnow\'s PERSON detector (src/pii/detectors/person_names.cc).' % title,
        '# Source: Faker %s person providers, as packaged by Debian (python3-fake-factory),' %
        faker.VERSION,
        '#   faker/providers/person/<locale>/__init__.py, %d locales.' %
        len({loc for locs in names.values() for loc in locs}),
        '# Licence of the source: MIT, Copyright (c) 2012 Daniele Faraglia (see README.md).',
        '# Generated by scripts/make_name_gazetteer.py; edit that script, not this file.',
        '# Format: name[<TAB>flags]; flags: w common English word, c month or weekday,',
        '#   p place, t product or technology (see README.md).',
    ]
    kept = 0
    lines = []
    for name in sorted(names, key=lambda n: n.encode('utf-8')):
        if name.lower() in DROP:
            continue
        flags = flags_of(name, words)
        lines.append(name + ('\t' + flags if flags else ''))
        kept += 1
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(header + lines) + '\n')
    return kept


def main():
    words = load_words()
    given, surnames = collect()
    n_given = write(os.path.join(OUT_DIR, 'given_names.txt'), 'Given names', given, words)
    n_sur = write(os.path.join(OUT_DIR, 'surnames.txt'), 'Surnames', surnames, words)
    print('given names: %d, surnames: %d' % (n_given, n_sur))


if __name__ == '__main__':
    main()
