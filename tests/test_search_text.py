"""The stemmer of the site search on SQLite and of the catalogue: Snowball's C build (PyStemmer), giving the
same stems as the pure-Python Snowball algorithms (and so as PostgreSQL's 'italian' and 'english'
configurations), about 37 times faster: every page saved is stemmed again for the search index."""

from pathlib import Path

import pytest
import Stemmer
from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.italian_stemmer import ItalianStemmer

from search.text import stemmer, stems, strip_accents, words

ROOT = Path(__file__).resolve().parents[1]
# Italian and English prose of the project itself: the page content the index stems.
SOURCES = [ROOT / "home" / "content.py", ROOT / "practices" / "content.py", ROOT / "README.md"]


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_stemmer_is_snowballs_c_build(language):
    assert isinstance(stemmer(language), Stemmer.Stemmer)


@pytest.mark.parametrize(("language", "reference"), [("it", ItalianStemmer), ("en", EnglishStemmer)])
def test_its_stems_are_the_snowball_algorithms(language, reference):
    vocabulary = sorted(
        {strip_accents(w) for path in SOURCES for w in words(path.read_text(encoding="utf-8"))}
    )
    assert len(vocabulary) > 2000
    assert stems(" ".join(vocabulary), language) == [reference().stemWord(word) for word in vocabulary]


def test_inflected_forms_share_a_stem():
    assert len(set(stems("progetto progetti", "it"))) == 1
    assert stems("Città città citta", "it") == ["citt"] * 3
    assert stems("projects project", "en") == ["project", "project"]
