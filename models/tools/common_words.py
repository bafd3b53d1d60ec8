"""Writes models/common_words.txt from CoNLL-2003 English training data.

usage: python3 models/tools/common_words.py ../shared/data/conll2003/train.txt > models/common_words.txt

A word is ordinary when, outside sentence starts, it is written in lower case at least nine
times in ten (and at least three times); the 8,000 most frequent are kept. Only counts leave the
data: the output is a sorted word list.
"""
import collections
import sys

lower, capitalised = collections.Counter(), collections.Counter()
at_start = True
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if not line or line.startswith("-DOCSTART-"):
        at_start = True
        continue
    word = line.split()[0]
    if not word.isalpha():
        at_start = word in ".!?"
        continue
    if not at_start:
        if word.islower():
            lower[word] += 1
        elif word[0].isupper() and not word.isupper():
            capitalised[word.lower()] += 1
    at_start = False

words = [w for w, n in lower.most_common() if n >= 3 and n >= 9 * capitalised[w] and len(w) >= 2][:8000]
print("# Ordinary English words: those written in lower case at least nine times in ten")
print("# (outside sentence starts) in the CoNLL-2003 English training data (Reuters news),")
print("# the 8,000 most frequent. A word list derived by counting, no text; built by")
print("# models/tools/common_words.py. Used to ignore gazetteer names that are ordinary words")
print("# at sentence starts and in texts without capitals.")
for w in sorted(words):
    print(w)
