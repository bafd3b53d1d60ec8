//! Stage 4 — `incidents`: a [`Document`](crate::text::Document) and its
//! [`Mentions`](crate::mentions::Mentions) become one [`Incident`] per real-world event.
//!
//! `assemble` walks the sentences in order keeping an incident *in focus*: a sentence that
//! reports a specific event (an anchor) opens an incident or merges into one at the same place and
//! time; a sentence that only adds detail (a toll, a tactic, seized weapons) attaches to the
//! incident it names or to the one in focus. `finish` turns each draft into the record.

mod assemble;
mod nonconflict;
mod record;
mod roles;
mod subevent;
mod taxonomy;

pub use assemble::assemble;
pub use nonconflict::{non_conflict, NonConflict};
pub use record::*;
pub use taxonomy::Taxonomy;

#[cfg(test)]
mod tests;
