//! Tactics from `models/tactics.tsv`: regex patterns over folded text.

use super::lexicon::rows;
use super::vocab::Tactic;
use crate::models::Models;
use crate::text::{Document, Span};
use anyhow::{Context, Result};
use regex::Regex;

#[derive(Debug, Clone, PartialEq)]
pub struct TacticMention {
    pub span: Span,
    pub tactic: Tactic,
}

pub struct TacticLexicon {
    patterns: Vec<(Regex, Vec<Tactic>)>,
}

impl TacticLexicon {
    pub fn from_models(models: &Models) -> Result<Self> {
        let text = models.text("tactics.tsv")?;
        let mut patterns = Vec::new();
        for (line, c) in rows("tactics.tsv", &text, 2)? {
            let re = Regex::new(&format!(r"\b(?:{})\b", c[0]))
                .with_context(|| format!("models/tactics.tsv:{line}: bad pattern"))?;
            let tactics = c[1]
                .split(',')
                .map(|t| t.trim().parse::<Tactic>().map_err(anyhow::Error::msg))
                .collect::<Result<Vec<_>>>()
                .with_context(|| format!("models/tactics.tsv:{line}"))?;
            patterns.push((re, tactics));
        }
        Ok(TacticLexicon { patterns })
    }

    pub fn find(&self, doc: &Document) -> Vec<TacticMention> {
        let mut out = Vec::new();
        for (re, tactics) in &self.patterns {
            for m in re.find_iter(&doc.folded.text) {
                let span = doc.folded.original_span(m.start(), m.end());
                for &tactic in tactics {
                    out.push(TacticMention { span, tactic });
                }
            }
        }
        out.sort_by_key(|m| (m.span.start, m.tactic));
        // A specific tactic hides the general one it contains ("suicide car bomb" is not also a
        // plain car bomb).
        let specific: Vec<Span> = out.iter().filter(|m| m.tactic == Tactic::Svbied).map(|m| m.span).collect();
        out.retain(|m| {
            !(matches!(m.tactic, Tactic::Vbied | Tactic::Ied) && specific.iter().any(|s| s.overlaps(m.span)))
        });
        let rockets: Vec<Span> = out.iter().filter(|m| m.tactic == Tactic::Rocket).map(|m| m.span).collect();
        out.retain(|m| !(m.tactic == Tactic::Grenade && rockets.iter().any(|s| s.overlaps(m.span))));
        out
    }
}
