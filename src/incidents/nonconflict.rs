//! What a text reports when it reports no conflict: a disaster, an accident or crime for gain.
//! `assemble` drops such events one incident at a time; this reads the whole text, for a caller
//! that wants to know why a text yielded no record (a triage of a feed, an evaluation against
//! labels that name those kinds of news).

use crate::mentions::{ActorKind, Cue, Mentions};
use serde::{Deserialize, Serialize};

/// A kind of news that is no political violence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NonConflict {
    /// A natural disaster or an epidemic.
    Disaster,
    /// An accident or an industrial mishap.
    Accident,
    /// Crime for gain, with no political aim.
    Crime,
}

/// The kind of non-conflict news a text names, if it names one and nothing hostile (a bomb,
/// militants, an armed group). A disaster outranks an accident (floods bring crashes and
/// firefighters) and an accident outranks crime (a spill is investigated by the police).
pub fn non_conflict(m: &Mentions) -> Option<NonConflict> {
    let has = |cue: Cue| m.cues.iter().any(|c| c.cue == cue);
    if has(Cue::Hostile) || m.actors.iter().any(|a| a.kind == ActorKind::ArmedGroup) {
        return None;
    }
    [(Cue::Disaster, NonConflict::Disaster), (Cue::Accident, NonConflict::Accident), (Cue::Crime, NonConflict::Crime)]
        .into_iter()
        .find(|&(cue, _)| has(cue))
        .map(|(_, kind)| kind)
}
