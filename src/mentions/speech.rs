//! Verbs of saying and of passing on what was said: the one vocabulary by which every stage tells
//! a statement from the event it reports. A count stops at them ("three witnesses said the man
//! died"), an actor before them is a source, not a party ("the army said"), and a date beside them
//! may be the statement's, not the event's.

/// Verbs whose object is what someone said, in the forms news prose uses them.
pub const SAYING: &[&str] = &[
    "said",
    "say",
    "says",
    "told",
    "reported",
    "stated",
    "added",
    "declared",
    "confirmed",
    "announced",
    "condemned",
    "vowed",
    "promised",
    "pledged",
    "urged",
    "called",
    "denied",
    "estimated",
    "blamed",
    "accused",
    "explained",
    "noted",
    "indicated",
    "asserted",
    "charged",
    "denounced",
    "reiterated",
    "revealed",
    "disclosed",
    "stressed",
    "emphasized",
    "emphasised",
    "warned",
    "insisted",
    "affirmed",
    "deplored",
    "repudiated",
    "lamented",
    "regretted",
    "decried",
    "criticized",
    "criticised",
    "commented",
    "replied",
];

/// Verbs of passing on what another said: "quoted by", "broadcast by".
pub const RELAYED: &[&str] =
    &["quoted", "cited", "broadcast", "published", "released", "issued", "monitored", "carried"];

/// Verbs that put a deed down to someone: "police attribute the attacks to X", "ascribed to X".
pub const ATTRIBUTING: &[&str] = &["attributed", "attribute", "attributes", "attributing", "ascribed", "ascribe"];

/// Words of a claim or of blame: a sentence with them and a named group says who did it.
pub const CLAIMS: &[&str] = &["claimed", "claims", "claim", "responsibility", "blamed", "blame"];

pub fn is_saying(word: &str) -> bool {
    SAYING.contains(&word)
}

/// A word that makes its clause a statement about an event — said, relayed or claimed — rather
/// than the event: "JNIM claimed the attack on October 27" dates the claim.
pub fn is_statement(word: &str) -> bool {
    is_saying(word) || RELAYED.contains(&word) || CLAIMS.contains(&word)
}
