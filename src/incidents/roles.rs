//! Who did it and who suffered it: roles of the actors named in an incident's sentences.

use crate::mentions::{ActorKind, ActorMention, Mentions, RoleHint, TriggerMention};
use crate::text::{Document, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Perpetrator,
    Target,
}

const PASSIVE: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];
const ADVERBS: &[&str] = &["reportedly", "allegedly", "also", "confirmed", "later", "all", "then", "first", "repeatedly", "brutally", "summarily"];

/// The role of `actor` in its sentence, read from its position relative to the nearest trigger.
pub fn role_of(doc: &Document, actor: &ActorMention, triggers: &[&TriggerMention], victim_spans: &[Span]) -> Role {
    let toks = &doc.tokens;
    let i = toks.partition_point(|t| t.span.start < actor.span.start);
    if i > 0 && toks[i - 1].span.of(doc.text).eq_ignore_ascii_case("by") {
        return Role::Perpetrator;
    }
    if victim_spans.iter().any(|v| v.overlaps(actor.span)) {
        return Role::Target;
    }
    let nearest = triggers.iter().min_by_key(|t| {
        if t.span.start >= actor.span.end { t.span.start - actor.span.end } else { actor.span.start.saturating_sub(t.span.end) }
    });
    match nearest {
        Some(t) if t.span.start >= actor.span.end && t.span.of(doc.text).to_lowercase().starts_with("came under") => Role::Target,
        Some(t) if t.span.start >= actor.span.end => {
            // Actor before the trigger: the subject, unless the verb is passive.
            let j = toks.partition_point(|x| x.span.start < t.span.start);
            let mut k = j;
            while k > 0 && ADVERBS.contains(&toks[k - 1].span.of(doc.text).to_lowercase().as_str()) {
                k -= 1;
            }
            let passive = k > 0 && PASSIVE.contains(&toks[k - 1].span.of(doc.text).to_lowercase().as_str());
            if passive { Role::Target } else { Role::Perpetrator }
        }
        Some(_) => {
            if actor.kind == ActorKind::ArmedGroup && actor.hint == RoleHint::Perpetrator && actor.named {
                // "an attack on a base claimed by JNIM" is caught by "by"; a named group after its own
                // noun trigger ("the assault of JNIM") is rarer than a target, but an armed group is
                // seldom anyone's target in insurgent reporting unless the sentence says so.
                Role::Perpetrator
            } else {
                Role::Target
            }
        }
        None => match actor.hint {
            RoleHint::Perpetrator => Role::Perpetrator,
            RoleHint::Victim => Role::Target,
            RoleHint::Either => {
                if actor.kind == ActorKind::ArmedGroup {
                    Role::Perpetrator
                } else {
                    Role::Target
                }
            }
        },
    }
}

/// Actors that take no part: disguises ("wearing FAMa uniforms", "disguised as peacekeepers").
pub fn is_disguise(mentions: &Mentions, actor: &ActorMention, doc: &Document) -> bool {
    mentions.tactics.iter().filter(|t| t.tactic == crate::mentions::Tactic::Disguise).any(|t| {
        t.span.overlaps(actor.span) || (actor.span.start >= t.span.end && doc.text[t.span.end..actor.span.start].trim().is_empty())
    })
}
