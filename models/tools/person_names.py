"""Writes models/person_names.txt from CoNLL-2003 English training data.

usage: python3 models/tools/person_names.py ../shared/data/conll2003/train.txt > models/person_names.txt

Keeps capitalised words tagged as part of a person's name at least twice, in at least four
fifths of their uses, and never as a place. Only the word list leaves the data.
"""
import collections
import sys

person, place, total = collections.Counter(), collections.Counter(), collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if len(parts) < 4 or parts[0] == "-DOCSTART-":
        continue
    word, tag = parts[0], parts[3]
    if not word[:1].isupper() or not word.isalpha():
        continue
    total[word] += 1
    person[word] += tag.endswith("PER")
    place[word] += tag.endswith("LOC")

names = [w for w, n in person.most_common() if n >= 2 and place[w] == 0 and n >= 0.8 * total[w] and len(w) >= 3]
print("# Capitalised words that name people far more often than places: written at least twice")
print("# as part of a person's name and never as a place in the CoNLL-2003 English training data.")
print("# A word list derived by counting (models/tools/person_names.py), no text.")
for w in sorted(names):
    print(w)
