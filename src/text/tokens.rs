//! Tokenization with the `tokenizers` pre-tokenizer, keeping byte offsets into the article.

use super::Span;
use tokenizers::pre_tokenizers::split::{Split, SplitPattern};
use tokenizers::{OffsetReferential, OffsetType, PreTokenizedString, PreTokenizer, SplitDelimiterBehavior};

/// What a token is made of; the sentence splitter and the quantity finder read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenShape {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub shape: TokenShape,
}

/// Words (with inner apostrophes and hyphens: "Jama’a", "vehicle-borne"), numbers with
/// separators ("1,000", "2.5"), possessive "'s" on its own, and single punctuation marks.
const TOKEN_PATTERN: &str = r"['’][sS]\b|\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:(?:['’](?![sS]\b)|[-‐])[\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]";

pub struct Tokenizer {
    splitter: Split,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Tokenizer {
    pub fn new() -> Self {
        let splitter = Split::new(SplitPattern::Regex(TOKEN_PATTERN.into()), SplitDelimiterBehavior::Removed, true)
            .expect("token pattern compiles");
        Tokenizer { splitter }
    }

    /// Tokens of `text`, in order, each a byte span of `text`.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut pre = PreTokenizedString::from(text);
        if self.splitter.pre_tokenize(&mut pre).is_err() {
            return Vec::new();
        }
        pre.get_splits(OffsetReferential::Original, OffsetType::Byte)
            .into_iter()
            .map(|(piece, (start, end), _)| Token { span: Span::new(start, end), shape: shape_of(piece) })
            .collect()
    }
}

fn shape_of(piece: &str) -> TokenShape {
    let first = piece.chars().next().unwrap_or(' ');
    if first.is_numeric() {
        TokenShape::Number
    } else if first.is_alphanumeric() || (piece.len() > 1 && first != '.') {
        TokenShape::Word
    } else {
        TokenShape::Punct
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        Tokenizer::new().tokenize(text).iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn keeps_words_numbers_and_possessives_apart() {
        assert_eq!(
            pieces("JNIM’s 1,000 fighters – Jama’a (FAMa) vehicle-borne."),
            ["JNIM", "’s", "1,000", "fighters", "–", "Jama’a", "(", "FAMa", ")", "vehicle-borne", "."]
        );
    }

    #[test]
    fn offsets_are_bytes_into_the_original() {
        let text = "Ségou: 60 killed";
        let toks = Tokenizer::new().tokenize(text);
        assert_eq!(toks[0].span, Span::new(0, 6));
        assert_eq!(toks[2].shape, TokenShape::Number);
        assert_eq!(toks[3].span.of(text), "killed");
    }
}
