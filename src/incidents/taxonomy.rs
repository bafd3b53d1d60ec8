//! event_type → ACLED event/sub-event type and GTD attack type, from `models/event_types.tsv`.

use crate::mentions::lexicon::rows;
use crate::mentions::{ActorKind, EventType};
use crate::models::Models;
use anyhow::{Context, Result};

#[derive(Debug, Clone)]
struct Row {
    event_type: EventType,
    condition: String,
    acled_event: String,
    acled_sub: String,
    gtd: Option<String>,
}

pub struct Taxonomy {
    rows: Vec<Row>,
}

pub struct Coded<'t> {
    pub acled_event: &'t str,
    pub acled_sub: &'t str,
    pub gtd: Option<&'t str>,
}

impl Taxonomy {
    pub fn from_models(models: &Models) -> Result<Self> {
        let text = models.text("event_types.tsv")?;
        let mut out = Vec::new();
        for (line, c) in rows("event_types.tsv", &text, 4)? {
            out.push(Row {
                event_type: c[0]
                    .parse()
                    .map_err(anyhow::Error::msg)
                    .with_context(|| format!("models/event_types.tsv:{line}"))?,
                condition: c[1].to_string(),
                acled_event: c[2].to_string(),
                acled_sub: c[3].to_string(),
                gtd: c.get(4).filter(|s| !s.is_empty()).map(|s| s.to_string()),
            });
        }
        for t in EventType::ALL {
            if !out.iter().any(|r| r.event_type == *t && r.condition.is_empty()) {
                anyhow::bail!("models/event_types.tsv: no unconditional row for {t}");
            }
        }
        Ok(Taxonomy { rows: out })
    }

    /// The coding a trigger names itself ("Disrupted weapons use"), if the table has it.
    pub fn code_sub(&self, sub: &str) -> Option<Coded<'_>> {
        self.rows.iter().find(|r| r.condition == "sub" && r.acled_sub == sub).map(|row| Coded {
            acled_event: &row.acled_event,
            acled_sub: &row.acled_sub,
            gtd: row.gtd.as_deref(),
        })
    }

    /// The coding of an event type, given who it hit and who did it.
    pub fn code(&self, event_type: EventType, victims: &[ActorKind], perpetrators: &[ActorKind]) -> Coded<'_> {
        let civilian_only = !victims.is_empty() && victims.iter().all(|k| *k == ActorKind::Civilian);
        // Officials are civilians to the codebook: an armed force was hit only if it carries arms.
        let carries_arms = |k: &ActorKind| k.is_state_side() && *k != ActorKind::Government;
        let state_target = victims.iter().any(carries_arms);
        let armed_target =
            victims.iter().any(|k| carries_arms(k) || matches!(k, ActorKind::ArmedGroup | ActorKind::Militia));
        let state_perpetrator = !perpetrators.is_empty() && perpetrators.iter().all(|k| k.is_state_side());
        let holds = |cond: &str| match cond {
            "" => true,
            "target=civilian" => civilian_only,
            "target=state" => state_target,
            "target=armed" => armed_target,
            "perpetrator=state" => state_perpetrator,
            _ => false,
        };
        let row = self
            .rows
            .iter()
            .filter(|r| r.event_type == event_type && !r.condition.is_empty() && holds(&r.condition))
            .chain(self.rows.iter().filter(|r| r.event_type == event_type && r.condition.is_empty()))
            .next()
            .expect("every event type has an unconditional row");
        Coded { acled_event: &row.acled_event, acled_sub: &row.acled_sub, gtd: row.gtd.as_deref() }
    }
}
