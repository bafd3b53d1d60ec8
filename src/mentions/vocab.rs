//! SCHEMA.md's closed vocabularies, as types.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),*
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }
        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(format!("{:?} is not a {} (expected one of: {})", s, stringify!($name),
                        [$($text),*].join(", "))),
                }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// SCHEMA.md `event_type`.
    EventType {
        ArmedAssault = "armed_assault", ArmedClash = "armed_clash", Bombing = "bombing",
        SuicideBombing = "suicide_bombing", Shelling = "shelling", AirDroneStrike = "air_drone_strike",
        Kidnapping = "kidnapping", HostageTaking = "hostage_taking", MassKilling = "mass_killing",
        Assassination = "assassination", SeizureOfTerritory = "seizure_of_territory",
        LootingDestruction = "looting_destruction", Arson = "arson", Arrest = "arrest", Curfew = "curfew",
        Protest = "protest", Riot = "riot", Other = "other",
    }
);

impl EventType {
    /// Violence against people or property, as opposed to arrests, curfews and protests.
    pub fn is_violent(self) -> bool {
        !matches!(self, EventType::Arrest | EventType::Curfew | EventType::Protest | EventType::Other)
    }
}

vocabulary!(
    /// SCHEMA.md actor `kind` / `victim_kind`.
    ActorKind {
        ArmedGroup = "armed_group", StateMilitary = "state_military", Police = "police", Militia = "militia",
        PrivateMilitary = "private_military", Peacekeepers = "peacekeepers", ForeignMilitary = "foreign_military",
        Government = "government", Civilian = "civilian", Mixed = "mixed", Unknown = "unknown",
    }
);

impl ActorKind {
    /// Forces of a state or acting for one (targets of insurgents, perpetrators of state violence).
    pub fn is_state_side(self) -> bool {
        matches!(
            self,
            ActorKind::StateMilitary
                | ActorKind::Police
                | ActorKind::Peacekeepers
                | ActorKind::ForeignMilitary
                | ActorKind::PrivateMilitary
                | ActorKind::Government
        )
    }
}

vocabulary!(
    /// SCHEMA.md `tactics`.
    Tactic {
        ComplexAttack = "complex_attack", Ambush = "ambush", Svbied = "svbied", Vbied = "vbied", Ied = "ied",
        SuicideBombing = "suicide_bombing", Landmine = "landmine", Grenade = "grenade", Mortar = "mortar",
        Artillery = "artillery", Rocket = "rocket", Drone = "drone", Airstrike = "airstrike", SmallArms = "small_arms",
        Arson = "arson", Disguise = "disguise", Infiltration = "infiltration", Kidnapping = "kidnapping",
        SeizureOfTown = "seizure_of_town", Looting = "looting", Siege = "siege", HumanShield = "human_shield",
    }
);
