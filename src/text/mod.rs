//! Stage 2 — `text`: an [`Article`](crate::read::Article) becomes a [`Document`]: tokens,
//! sentences and a folded copy of the text, every span a byte range into the article's `text`.
mod fold;
mod sentences;
mod span;
mod tokens;

pub use fold::{fold, fold_char, FoldedText};
pub use sentences::Sentence;
pub use span::Span;
pub use tokens::{Token, TokenShape, Tokenizer};

/// How a text uses capitals. Wire archives and converted corpora come all upper case or all
/// lower case; the finders that read capitals as a sign of names then read words instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    Mixed,
    Upper,
    Lower,
}

impl Casing {
    pub fn of(text: &str) -> Casing {
        let (mut upper, mut letters) = (0usize, 0usize);
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper += c.is_uppercase() as usize;
        }
        if letters < 20 {
            Casing::Mixed
        } else if upper * 100 > letters * 85 {
            Casing::Upper
        } else if upper * 1000 < letters * 5 {
            Casing::Lower
        } else {
            Casing::Mixed
        }
    }

    /// Whether capitals carry no information in this text.
    pub fn is_degraded(self) -> bool {
        self != Casing::Mixed
    }
}

use chrono::NaiveDate;

/// An article ready for mention finding.
///
/// Invariants: tokens are sorted and disjoint; every token lies in exactly one sentence;
/// sentences are sorted and cover all tokens.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub published: Option<NaiveDate>,
    pub folded: FoldedText,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// A wire dateline opening the body ("BAMAKO, Feb 14 (Reuters) - "): where and when the
    /// report was filed, not where or when anything happened.
    pub dateline: Option<Span>,
    /// Countries the reader expects the article to be about (a feed's region), consulted only
    /// when the text itself names too little to place an ambiguous or unknown name.
    pub country_prior: Vec<String>,
    pub casing: Casing,
}

impl<'a> Document<'a> {
    pub fn new(article: &'a crate::read::Article, tokenizer: &Tokenizer) -> Self {
        let text = article.text.as_str();
        let tokens = tokenizer.tokenize(text);
        let casing = Casing::of(text);
        let sentences = sentences::split(text, &tokens, casing);
        let dateline = find_dateline(text, &sentences);
        Document {
            id: &article.id,
            text,
            published: article.published_date(),
            folded: FoldedText::new(text),
            tokens,
            sentences,
            dateline,
            country_prior: Vec::new(),
            casing,
        }
    }

    /// Index of the sentence holding byte `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    pub fn tokens_of(&self, sentence: usize) -> &[Token] {
        &self.tokens[self.sentences[sentence].tokens.clone()]
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// Whether one of the `within` words after `span` is among `words` (lower case).
    pub fn followed_by(&self, span: Span, words: &[&str], within: usize) -> bool {
        let i = self.tokens.partition_point(|t| t.span.start < span.end);
        self.tokens[i..(i + within).min(self.tokens.len())]
            .iter()
            .any(|t| words.contains(&t.span.of(self.text).to_lowercase().as_str()))
    }

    /// Whether one of the `within` words before `span` is among `words` (lower case).
    pub fn preceded_by(&self, span: Span, words: &[&str], within: usize) -> bool {
        let i = self.tokens.partition_point(|t| t.span.start < span.start);
        self.tokens[i.saturating_sub(within)..i]
            .iter()
            .any(|t| words.contains(&t.span.of(self.text).to_lowercase().as_str()))
    }
}

static DATELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^\p{Lu}[\p{Lu}'’.\-]{2,}(?: \p{Lu}[\p{Lu}'’.\-]+)*(?: \(\p{Lu}[\p{L}'’.\- ]+\))?(?:, [A-Z][A-Za-z'’.\-]+(?: (?:[A-Z][A-Za-z'’.\-]+|of|the|de|du|da|del|al|el))*)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|, \d{1,2} [A-Z][A-Za-z]{2,8}\.? \d{2,4})?(?: \([A-Za-z0-9 .&/]+(?:-[A-Za-z0-9 .&/]+)*\))?\s*(?:--|[-–—:])\s+",
    )
    .expect("dateline pattern compiles")
});

/// The dateline at the start of the first or second paragraph, if any.
fn find_dateline(text: &str, sentences: &[Sentence]) -> Option<Span> {
    let mut seen = 0;
    let mut last_paragraph = usize::MAX;
    for s in sentences {
        if s.paragraph == last_paragraph {
            continue;
        }
        last_paragraph = s.paragraph;
        seen += 1;
        if seen > 2 {
            break;
        }
        if let Some(m) = DATELINE.find(&text[s.span.start..s.span.end]) {
            return Some(Span::new(s.span.start, s.span.start + m.end()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_found_at_the_start_of_the_body() {
        let t = Tokenizer::new();
        for (text, dateline) in [
            ("BAMAKO, Feb 14 - Twelve soldiers were killed.", "BAMAKO, Feb 14 - "),
            ("Title line\n\nMOGADISHU (Reuters) – A car bomb exploded.", "MOGADISHU (Reuters) – "),
            ("KANO, Nigeria, Aug 7 (AFP) - Gunmen struck.", "KANO, Nigeria, Aug 7 (AFP) - "),
            ("BENI, Democratic Republic of Congo, Sept 11 - Rebels", "BENI, Democratic Republic of Congo, Sept 11 - "),
            ("SÉGOU, March 3 — Gunmen struck.", "SÉGOU, March 3 — "),
            ("SAN SALVADOR, 3 JAN 90 -- GUNMEN STRUCK.", "SAN SALVADOR, 3 JAN 90 -- "),
            // A source may name two agencies or a numbered channel.
            ("LIMA, 3 JAN 90 (ACAN-EFE) -- GUNMEN STRUCK.", "LIMA, 3 JAN 90 (ACAN-EFE) -- "),
            ("LIMA, 3 JAN 90 (ACAN - EFE) -- GUNMEN STRUCK.", "LIMA, 3 JAN 90 (ACAN - EFE) -- "),
            ("QUITO, 3 JAN 90 (CHANNEL 4) -- GUNMEN STRUCK.", "QUITO, 3 JAN 90 (CHANNEL 4) -- "),
            // A wire may put the country in brackets after the city, or have no date to give.
            ("PANAMA CITY (PANAMA), 3 JAN 90 (EFE) -- GUNMEN", "PANAMA CITY (PANAMA), 3 JAN 90 (EFE) -- "),
            ("LIMA, NO DATE (EFE) -- GUNMEN STRUCK.", "LIMA, NO DATE (EFE) -- "),
        ] {
            let a = crate::read::Article::from_text(text);
            let d = Document::new(&a, &t);
            assert_eq!(d.dateline.map(|s| s.of(text)), Some(dateline), "{text}");
        }
        let a = crate::read::Article::from_text("JNIM militants attacked a base - officials said.");
        assert_eq!(Document::new(&a, &t).dateline, None);
    }
}
