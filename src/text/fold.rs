//! Offset-keeping normalisation: lowercase, accents stripped, typographic punctuation made ASCII.
//!
//! Lexicons and the gazetteer match against the folded text; every folded byte remembers the
//! original byte it came from, so a match maps back to an exact span of the article.

use super::Span;

#[derive(Debug, Clone, Default)]
pub struct FoldedText {
    pub text: String,
    /// `origin[i]` is the byte offset in the original text of the character that produced folded
    /// byte `i`; one extra entry holds the original length.
    origin: Vec<u32>,
}

impl FoldedText {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut buf = String::new();
        for (at, c) in original.char_indices() {
            buf.clear();
            fold_char(c, &mut buf);
            for _ in 0..buf.len() {
                origin.push(at as u32);
            }
            text.push_str(&buf);
        }
        origin.push(original.len() as u32);
        FoldedText { text, origin }
    }

    /// The original span of folded bytes `[start, end)`.
    pub fn original_span(&self, start: usize, end: usize) -> Span {
        let s = self.origin[start] as usize;
        // The end maps to the end of the last folded character's source character.
        let e = if end == 0 {
            s
        } else {
            let last = self.origin[end - 1] as usize;
            let mut next = end;
            while next < self.origin.len() - 1 && self.origin[next] as usize == last {
                next += 1;
            }
            self.origin[next] as usize
        };
        Span::new(s, e.max(s))
    }

    /// The original byte offset of the character that produced folded byte `at`.
    pub fn source_offset(&self, at: usize) -> usize {
        self.origin[at] as usize
    }

    /// The folded byte offset of original byte `at` (the first folded byte at or after it).
    pub fn folded_offset(&self, at: usize) -> usize {
        self.origin.partition_point(|&o| (o as usize) < at)
    }
}

/// Folds one character: ASCII lowercased, everything else transliterated and lowercased.
/// Characters with no transliteration become a space, so word boundaries survive.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{00a0}' | '\u{2000}'..='\u{200b}' | '\u{202f}' => out.push(' '),
        _ => match deunicode::deunicode_char(c) {
            Some(s) if !s.is_empty() && s.is_ascii() => {
                for b in s.chars() {
                    out.push(b.to_ascii_lowercase());
                }
            }
            _ => out.push(' '),
        },
    }
}

/// Folds a whole string (for lexicon entries and lookups).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets_back_to_the_original() {
        let original = "Jama’a in Ségou – “JNIM”";
        let f = FoldedText::new(original);
        assert_eq!(f.text, "jama'a in segou - \"jnim\"");
        let at = f.text.find("segou").unwrap();
        let span = f.original_span(at, at + 5);
        assert_eq!(span.of(original), "Ségou");
        let at = f.text.find("jama'a").unwrap();
        assert_eq!(f.original_span(at, at + 6).of(original), "Jama’a");
        assert_eq!(f.folded_offset(original.find("in").unwrap()), f.text.find("in").unwrap());
    }
}
