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
}

impl<'a> Document<'a> {
    pub fn new(article: &'a crate::read::Article, tokenizer: &Tokenizer) -> Self {
        let text = article.text.as_str();
        let tokens = tokenizer.tokenize(text);
        let sentences = sentences::split(text, &tokens);
        Document { id: &article.id, text, published: article.published_date(), folded: FoldedText::new(text), tokens, sentences }
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
}
