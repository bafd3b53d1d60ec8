//! Incident assembly on short reports written for these tests.

use crate::incidents::Incident;
use crate::mentions::{ActorKind, EventType, Qualifier, Tactic};
use crate::read::Article;
use crate::Pipeline;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::builder().build().expect("models load"));

fn run(text: &str) -> Vec<Incident> {
    let a = Article { id: "t".into(), text: text.into(), published: Some("2025-03-14".into()), ..Default::default() };
    PIPELINE.process(&a)
}

/// The names of perpetrators or targets, in order.
fn names(actors: &[crate::incidents::Actor]) -> Vec<String> {
    actors.iter().map(|a| a.name.clone()).collect()
}

#[test]
fn a_report_and_its_details_make_one_incident() {
    let got = run("GAO, March 14 - Suspected jihadists ambushed a Malian army convoy near Ansongo on Tuesday, \
         killing 9 soldiers. The attackers used roadside bombs and rocket-propelled grenades. \
         The army said 4 others were wounded. JNIM claimed responsibility.");
    assert_eq!(got.len(), 1, "{got:#?}");
    let i = &got[0];
    assert_eq!(i.event_type, EventType::ArmedAssault);
    assert_eq!(i.date.as_ref().unwrap().start.as_deref(), Some("2025-03-11"));
    assert_eq!(i.location.as_ref().unwrap().name, "Ansongo");
    assert_eq!(i.casualties.killed.as_ref().unwrap().low, Some(9));
    assert_eq!(i.casualties.wounded.as_ref().unwrap().low, Some(4));
    assert_eq!(i.casualties.victim_kind, Some(ActorKind::StateMilitary));
    assert_eq!(i.perpetrators[0].canonical.as_deref(), Some("Jama'a Nusrat ul-Islam wa al-Muslimin"));
    for t in [Tactic::Ambush, Tactic::Ied, Tactic::Rocket] {
        assert!(i.tactics.contains(&t), "{t} missing from {:?}", i.tactics);
    }
    assert_eq!(&"GAO, March 14 - Suspected jihadists ambushed"[i.trigger.start..i.trigger.end], "ambushed");
}

#[test]
fn another_place_and_day_is_another_incident() {
    let got = run("Gunmen killed 6 villagers in Bankass, central Mali, on Monday. \
         On Tuesday, militants attacked a police post in Koro, killing 2 policemen.");
    let places: Vec<&str> = got.iter().map(|i| i.location.as_ref().unwrap().name.as_str()).collect();
    assert_eq!(places, ["Bankass", "Koro"]);
    assert_eq!(got[0].acled.sub_event_type, "Attack");
    assert_eq!(got[1].casualties.victim_kind, Some(ActorKind::Police));
}

#[test]
fn speculation_is_never_a_record() {
    let got = run("Analysts warned that militants could attack Mopti and the toll could surpass 1,000 next year.");
    assert!(got.is_empty(), "{got:#?}");
}

#[test]
fn tallies_are_aggregates_and_background_is_historical() {
    let got = run("More than 300 soldiers have been killed in Mali since January. \
         In 2019, a suicide car bomb killed 40 soldiers in Boulkessi.");
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].aggregate && !got[0].historical);
    assert!(got[1].historical && !got[1].aggregate);
    assert_eq!(got[1].event_type, EventType::SuicideBombing);
    assert!(got[1].tactics.contains(&Tactic::Svbied));
}

#[test]
fn a_date_relative_to_a_named_event_is_resolved_from_it() {
    let got = run("On March 2, JNIM militants stormed a base in Douentza, killing 15 soldiers. \
         The day after the Douentza attack, authorities imposed a curfew in Mopti.");
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(got[1].event_type, EventType::Curfew);
    assert_eq!(got[1].date.as_ref().unwrap().start.as_deref(), Some("2025-03-03"));
    assert_eq!(got[1].location.as_ref().unwrap().name, "Mopti");
    assert!(got[1].casualties.killed.is_none());
}

#[test]
fn qualifiers_and_breakdowns_add_up() {
    let got = run("On Sunday, gunmen attacked the town of Diapaga. At least 20 civilians and 8 soldiers were killed.");
    let k = got[0].casualties.killed.as_ref().unwrap();
    assert_eq!((k.low, k.qualifier), (Some(28), Qualifier::AtLeast));
    assert_eq!(got[0].casualties.victim_kind, Some(ActorKind::Mixed));
    assert_eq!(got[0].casualties.breakdown.len(), 2);
}

#[test]
fn protests_name_their_protesters_and_undated_news_takes_the_report_date() {
    let got = run("Hundreds of people marched through Bamako, Mali, to protest against fuel prices.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Protest);
    assert!(
        got[0].perpetrators.iter().any(|a| a.canonical.as_deref() == Some("Protesters (Mali)")),
        "{:?}",
        got[0].perpetrators
    );
    let date = got[0].date.as_ref().unwrap();
    assert_eq!((date.start.as_deref(), date.precision), (Some("2025-03-14"), crate::mentions::DatePrecision::Unknown));
}

#[test]
fn a_claim_names_the_perpetrator_but_not_the_date() {
    let got =
        run("Militants ambushed an army patrol near Koro, killing 3 soldiers. JNIM claimed the attack on March 20.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators[0].name, "JNIM");
    assert_eq!(got[0].date.as_ref().unwrap().precision, crate::mentions::DatePrecision::Unknown);
}

#[test]
fn a_named_person_shot_dead_is_a_target_and_an_unknown_group_the_perpetrator() {
    let got = run("Fighters of the Tillia Liberation Front shot dead Moussa Diallo, a teacher, in Gao on Tuesday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    let i = &got[0];
    assert_eq!(i.perpetrators[0].name, "Tillia Liberation Front");
    assert_eq!(i.perpetrators[0].kind, ActorKind::ArmedGroup);
    assert!(i.targets.iter().any(|t| t.name == "Moussa Diallo" && t.kind == ActorKind::Unknown), "{:?}", i.targets);
}

#[test]
fn the_agent_of_a_passive_is_the_perpetrator_past_a_compound_adjective() {
    let got = run("Moussa Diallo was killed by motorcycle-riding gunmen in Gao on Tuesday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["gunmen"]);
    assert!(got[0].targets.iter().all(|t| t.name != "gunmen"), "{:?}", got[0].targets);
}

#[test]
fn an_undated_text_speaks_from_the_latest_day_it_names() {
    let undated = |text: &str| {
        let a = Article { id: "t".into(), text: text.into(), published: None, ..Default::default() };
        PIPELINE.process(&a)
    };
    let got = undated("On 12 May 1989, gunmen killed 4 traders in Gao. In 1984, a bomb killed 9 soldiers in Kidal.");
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(!got[0].historical && got[1].historical, "{got:#?}");
    // One year named alone is no background to anything.
    let got = undated("In 1984, a bomb killed 9 soldiers in Kidal.");
    assert!(got.iter().all(|i| !i.historical), "{got:#?}");
}

#[test]
fn where_the_wounded_were_taken_is_no_target() {
    let got =
        run("A bomb exploded at the market in Gao on Tuesday. Four people were wounded and taken to the hospital.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].targets.iter().any(|t| t.name == "market"), "{:?}", got[0].targets);
    assert!(got[0].targets.iter().all(|t| !t.name.contains("hospital")), "{:?}", got[0].targets);
}

#[test]
fn who_owns_up_to_an_event_or_is_blamed_for_it_did_it() {
    let got = run("The army accepted responsibility for the death of two herders who were shot near Gao on Monday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["army"]);
    assert!(got[0].targets.iter().all(|t| t.name != "army"), "{:?}", got[0].targets);
    let got = run("The mayor blamed the militia for the massacre of 12 herders near Gao on Monday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["militia"]);
}

#[test]
fn helicopters_that_strafe_and_a_battalion_that_shells_are_state_forces() {
    let got = run("On Monday, helicopters strafed a camp of displaced people near Gao.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::AirDroneStrike);
    assert_eq!(got[0].perpetrators.iter().map(|a| a.kind).collect::<Vec<_>>(), [ActorKind::StateMilitary]);
    let got = run("On Monday, a battalion shelled the village of Tessit, killing 3 civilians.");
    assert_eq!(got[0].perpetrators.iter().map(|a| a.kind).collect::<Vec<_>>(), [ActorKind::StateMilitary]);
}

#[test]
fn a_person_violently_murdered_is_the_target_of_the_murder() {
    let got = run("Moussa Diallo was violently murdered in the streets of Gao on Monday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].perpetrators.is_empty(), "{:?}", got[0].perpetrators);
    assert_eq!(got[0].targets.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Moussa Diallo"]);
}

#[test]
fn hostages_held_now_or_taken_as_such_make_a_record_and_who_repudiates_a_murder_did_not_do_it() {
    let got = run("Ten civilians are being held hostage by guerrillas in Gao.");
    assert_eq!(got.iter().map(|i| i.event_type).collect::<Vec<_>>(), [EventType::HostageTaking], "{got:#?}");
    let got = run("The ambassador Moussa Diallo and two officials are being held hostage by gunmen in Gao.");
    assert!(got[0].targets.iter().any(|a| a.name.contains("Moussa Diallo")), "{:?}", got[0].targets);
    assert_eq!(got[0].perpetrators.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["gunmen"]);
    let got = run("The gunmen have taken several traders as hostages in Gao.");
    assert_eq!(got.iter().map(|i| i.event_type).collect::<Vec<_>>(), [EventType::Kidnapping], "{got:#?}");
    let got = run("Students have repudiated the brutal assassination of two priests in Gao.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].perpetrators.is_empty(), "{:?}", got[0].perpetrators);
}

#[test]
fn the_object_of_one_verb_is_not_the_subject_of_the_next() {
    let got = run("Gunmen stopped a trader near Gao on Monday and shot him dead.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Gunmen"]);
    assert_eq!(got[0].targets.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["trader"]);
    // "him" is the one the report named before, not another dead.
    let got = run("A trader was killed in Gao on Monday. Gunmen shot him dead near the market.");
    assert_eq!(got[0].casualties.killed.as_ref().and_then(|k| k.low), Some(1));
    // A participle that describes the attackers opens no object.
    let got = run("On Monday, presumed militants attacked the village of Tessit.");
    assert_eq!(got[0].perpetrators.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["militants"]);
}

#[test]
fn unidentified_men_who_set_off_bombs_are_the_bombers() {
    let got = run("On Monday, unidentified men set off bombs at the university in Gao.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Bombing);
    assert_eq!(got[0].perpetrators.iter().map(|a| a.kind).collect::<Vec<_>>(), [ActorKind::ArmedGroup]);
    assert_eq!(got[0].location.as_ref().map(|l| l.name.as_str()), Some("Gao"));
}

#[test]
fn booths_poles_and_palaces_are_things_hit_whoever_owns_them() {
    let got =
        run("On Monday, a bomb destroyed a telephone booth and an electric pole near the government palace in Gao.");
    assert_eq!(got.len(), 1, "{got:#?}");
    let hit: Vec<(&str, ActorKind)> = got[0].targets.iter().map(|a| (a.name.as_str(), a.kind)).collect();
    assert!(hit.contains(&("telephone booth", ActorKind::Unknown)), "{hit:?}");
    assert!(hit.contains(&("electric pole", ActorKind::Unknown)), "{hit:?}");
    assert!(hit.iter().all(|(n, k)| !n.contains("palace") || *k == ActorKind::Unknown), "{hit:?}");
}

#[test]
fn a_participle_set_off_after_a_person_tells_what_befell_them() {
    let got =
        run("The ministry called for the release of the trader Moussa Diallo, kidnapped on Monday near Gao by gunmen.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Kidnapping);
    assert!(got[0].targets.iter().any(|a| a.name.contains("Moussa Diallo")), "{:?}", got[0].targets);
}

#[test]
fn a_word_that_qualifies_the_deeds_is_no_one_they_hit() {
    let got = run("Four people were killed in the terrorist action in Gao on Monday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].targets.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["people"]);
}

#[test]
fn attackers_no_one_has_identified_are_an_unidentified_armed_group() {
    let canon = |text: &str| run(text)[0].perpetrators.iter().map(|a| a.canonical.clone()).collect::<Vec<_>>();
    let unidentified = vec![Some("Unidentified Armed Group (Mali)".to_string())];
    assert_eq!(canon("On Monday, two individuals shot dead a trader in Gao."), unidentified);
    assert_eq!(canon("On Monday, unidentified militants killed a trader in Gao."), unidentified);
    // A label before a colon takes no object: the militants are who looted.
    let got = run("Looting: On Monday, unidentified militants seized 178 cows near Gao.");
    assert_eq!(got[0].perpetrators.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["unidentified militants"]);
    assert!(got[0].targets.is_empty(), "{:?}", got[0].targets);
}

#[test]
fn the_group_a_force_clashed_with_is_the_other_side() {
    let got = run("Dozo hunters clashed with JNIM militants near Djenne on Monday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::ArmedClash);
    assert_eq!(got[0].targets.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["JNIM"]);
    assert!(got[0].perpetrators.iter().all(|a| a.name != "JNIM"), "{:?}", got[0].perpetrators);
}

fn sub_event(text: &str) -> String {
    let got = run(text);
    got.first().map(|i| i.acled.sub_event_type.clone()).unwrap_or_else(|| "no record".into())
}

#[test]
fn a_protest_is_coded_by_how_it_went() {
    assert_eq!(sub_event("Thousands of people marched peacefully through Bamako on Monday."), "Peaceful protest");
    assert_eq!(
        sub_event("Police fired tear gas to disperse hundreds of demonstrators in Bamako on Monday."),
        "Protest with intervention"
    );
    assert_eq!(
        sub_event("Security forces opened fire on protesters in Bamako on Monday, killing 4 people."),
        "Excessive force against protesters"
    );
    // Protesters who throw stones make a riot, whatever the police answer with.
    assert_eq!(
        sub_event("Protesters threw stones at police in Bamako on Monday, and police fired tear gas."),
        "Violent demonstration"
    );
    // Grievances are not interventions: a protest against an arrest is still peaceful.
    assert_eq!(
        sub_event("Youths protested in Kidal on Monday against the arrest of a local leader."),
        "Peaceful protest"
    );
}

#[test]
fn an_official_killed_is_a_civilian_victim_and_a_soldier_killed_makes_a_clash() {
    assert_eq!(sub_event("The mayor of Tillia was killed by unidentified gunmen on Monday."), "Attack");
    assert_eq!(sub_event("A soldier was killed by unidentified gunmen in Tillia on Monday."), "Armed clash");
    // An armed man singled out is still a fighter hit: a battle to the codebook.
    assert_eq!(sub_event("On Monday, gunmen assassinated a Dozo militiaman in Tillia."), "Armed clash");
    assert_eq!(sub_event("On Monday, gunmen assassinated a trader in Tillia."), "Attack");
}

#[test]
fn the_attackers_named_again_are_not_their_own_target() {
    let text =
        "On Monday, unknown gunmen wounded a merchant in Tillia who left behind a phone which the gunmen seized.";
    assert_eq!(sub_event(text), "Attack");
}

#[test]
fn the_subject_of_a_roundup_is_the_perpetrator_of_what_befell_those_rounded_up() {
    let got = run("On Monday, the Malian army rounded up twelve villagers in Tillia, who were later executed.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].perpetrators.iter().any(|a| a.kind == ActorKind::StateMilitary), "{:?}", got[0].perpetrators);
    assert!(got[0].targets.iter().all(|a| a.kind != ActorKind::StateMilitary), "{:?}", got[0].targets);
    assert_eq!(got[0].acled.sub_event_type, "Attack");
}

#[test]
fn gunfire_is_one_sided_and_an_exchange_of_it_a_clash() {
    let one_sided = "A truck of an aid agency was hit by gunfire near Tillia on Monday. The driver was wounded.";
    assert_eq!(sub_event(one_sided), "Attack");
    let exchange = "Soldiers and gunmen traded an exchange of gunfire near Tillia on Monday, wounding a soldier.";
    assert_eq!(sub_event(exchange), "Armed clash");
}

#[test]
fn civilians_property_burned_is_property_destruction() {
    assert_eq!(
        sub_event("On Monday, militiamen burned 20 motorbikes belonging to civilians in Tillia."),
        "Looting/property destruction"
    );
}

#[test]
fn a_group_whose_convoy_was_attacked_is_the_target_not_the_attacker() {
    let got = run("A Platform convoy was attacked on the Tillia-Ayorou axis at Abala: one dead, several wounded.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].perpetrators.iter().all(|a| a.name != "Platform"), "{:?}", got[0].perpetrators);
    assert!(got[0].targets.iter().any(|a| a.name == "Platform"), "{:?}", got[0].targets);
    assert_eq!(got[0].acled.sub_event_type, "Armed clash");
}

#[test]
fn a_complex_ambush_opened_by_a_bomb_is_a_battle() {
    let text = "On Monday, JNIM militants carried out a complex ambush initiated by an IED detonation against \
                an army convoy near Tillia, two soldiers were killed.";
    assert_eq!(sub_event(text), "Armed clash");
}

#[test]
fn a_claim_of_responsibility_is_kept_with_its_words_and_a_denied_one_is_none() {
    let claim = |text: &str| run(text).first().and_then(|i| i.claim.clone()).map(|c| c.text);
    let claimed = "On Monday, gunmen killed 4 soldiers in Tillia. JNIM claimed responsibility for the attack.";
    assert_eq!(claim(claimed).as_deref(), Some("claimed"));
    assert_eq!(
        claim("JNIM took credit for the bombing in Tillia on Monday that killed 4 soldiers.").as_deref(),
        Some("took credit")
    );
    assert_eq!(claim("A bomb killed 4 soldiers in Tillia on Monday. No group has yet claimed responsibility."), None);
    assert_eq!(claim("A bomb killed 4 soldiers in Tillia on Monday, in a war that has claimed 2,000 lives."), None);
    assert_eq!(
        claim("Gunmen killed 4 soldiers in Tillia on Monday. Police claimed to have arrested two suspects."),
        None
    );
}

#[test]
fn a_claim_dates_the_claim_not_the_attack_it_goes_on_with() {
    let got = run("FAMa patrol ambushed near Tillia, 5 wounded soldiers. Claimed by JNIM on March 16: 8 killed, 2 vehicles destroyed.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].date.as_ref().is_none_or(|d| d.start.as_deref() != Some("2024-03-16")), "{:?}", got[0].date);
}

/// The single incident of `text` as "perpetrators -> targets", names comma-separated.
fn sides(text: &str) -> String {
    let got = run(text);
    assert_eq!(got.len(), 1, "{text}: {got:?}");
    format!("{} -> {}", names(&got[0].perpetrators).join(", "), names(&got[0].targets).join(", "))
}

#[test]
fn a_civilian_before_a_bare_participle_suffered_it() {
    assert_eq!(sides("Elderly man abducted by gunmen near Tillia on Monday."), "gunmen -> man");
    // Civilians who protested did so themselves.
    assert_eq!(sides("Youths protested near Tillia on Monday."), "Youths -> ");
}

#[test]
fn a_hedged_agent_after_by_did_it_and_whoever_it_hit_or_whose_things_it_hit_suffered_it() {
    let text = "The village chief was assassinated by presumed gunmen near Tillia on Monday.";
    assert_eq!(sides(text), "gunmen -> village chief");
    assert_eq!(sides("Militiamen attacked near Tillia by gunmen on Monday, two wounded."), "gunmen -> Militiamen");
    // What was hit was the actor's: "positions of", "a convoy of".
    let text = "Positions of the militiamen were attacked by gunmen near Tillia on Monday.";
    assert_eq!(sides(text), "gunmen -> militiamen");
    assert_eq!(sides("Convoy of the militiamen ambushed by gunmen near Tillia on Monday."), "gunmen -> militiamen");
}

#[test]
fn a_group_an_attack_was_on_is_its_target_and_so_is_the_group_in_brackets_after_it() {
    let text = "Two were killed in an attack on MNLA fighters (members of the CMA) by gunmen near Tillia on Monday.";
    assert_eq!(sides(text), "gunmen -> MNLA, CMA");
}

#[test]
fn a_force_naming_an_airstrike_carried_it_out() {
    let text = "A Barkhane airstrike hit a vehicle near Tillia on Monday, killing three militants.";
    assert!(sides(text).starts_with("Barkhane -> "), "{}", sides(text));
}

#[test]
fn a_patrol_is_a_force() {
    let got = run("A Malian patrol was ambushed by gunmen near Tillia on Monday.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].targets.iter().map(|a| a.kind).collect::<Vec<_>>(), [ActorKind::StateMilitary]);
    let got = run("A police patrol was ambushed by gunmen near Tillia on Monday.");
    assert_eq!(got[0].targets.iter().map(|a| a.kind).collect::<Vec<_>>(), [ActorKind::Police], "{got:?}");
}

#[test]
fn a_force_subjected_to_an_attack_is_its_target_and_peacekeepers_are_the_mission_deployed_there() {
    let got = run("On Monday, a GATIA convoy was subjected to a complex attack near Gao, one militiaman was killed.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].targets.iter().any(|a| a.name == "GATIA"), "{:?}", got[0].targets);
    let got = run("Three peacekeepers were killed by an IED near Gao, Mali, on Monday.");
    assert_eq!(got.len(), 1, "{got:?}");
    let canonical: Vec<Option<&str>> = got[0].targets.iter().map(|a| a.canonical.as_deref()).collect();
    assert_eq!(canonical, [Some("United Nations Multidimensional Integrated Stabilization Mission in Mali")]);
}

#[test]
fn a_vehicle_that_hit_a_mine_and_a_force_an_attack_was_aimed_at_are_targets() {
    let targets = |text: &str| -> Vec<String> {
        run(text).iter().flat_map(|i| i.targets.iter().map(|a| a.name.clone())).collect()
    };
    assert!(targets("On Monday, a MINUSMA vehicle hit an IED near Gao.").iter().any(|t| t.starts_with("MINUSMA")));
    assert!(targets("On Monday, an attack against MINUSMA forces near Gao was repelled.")
        .iter()
        .any(|t| t.starts_with("MINUSMA")));
}

#[test]
fn a_report_opening_with_another_attack_tells_of_a_new_one() {
    assert_eq!(
        sub_event("Another attack targeted army checkpoints overnight at the entrance of Tillia."),
        "Armed clash"
    );
    assert_eq!(
        sub_event("Gunmen carried out a triple-attack against the police in Tillia, no casualties."),
        "Armed clash"
    );
    // Inside a sentence, "another attack" is one feared or foretold, not reported.
    assert_eq!(sub_event("Residents of Tillia fear another attack on the army checkpoints."), "no record");
}

#[test]
fn who_takes_a_place_and_how_decides_the_territorial_sub_event() {
    assert_eq!(
        sub_event("Government troops recaptured the town of Menaka from Islamic State militants on Sunday."),
        "Government regains territory"
    );
    assert_eq!(sub_event("JNIM militants captured the town of Boni on Sunday."), "Non-state actor overtakes territory");
    assert_eq!(
        sub_event("Rebels entered the town of Boni on Sunday without resistance after the army withdrew."),
        "Non-violent transfer of territory"
    );
}

#[test]
fn weapons_and_reporting_verbs_decide_the_sub_event() {
    assert_eq!(
        sub_event("Suspected militants hurled a grenade at a police patrol in Gao on Friday, wounding 3 officers."),
        "Grenade"
    );
    assert_eq!(sub_event("Soldiers arrested 12 suspected militants during raids in Gao on Friday."), "Arrests");
    assert_eq!(
        sub_event("The two sides agreed to a ceasefire in Gao on Friday after two days of fighting."),
        "Agreement"
    );
}

#[test]
fn deaths_a_protest_is_about_are_its_grievance() {
    assert_eq!(
        sub_event("Hundreds of students marched in Bamako on Monday over the killing of 3 traders last week."),
        "Peaceful protest"
    );
    assert_eq!(
        sub_event("Police beat protesters with batons and fired tear gas to disperse a rally in Bamako on Monday."),
        "Protest with intervention"
    );
}

#[test]
fn an_abduction_in_raids_is_an_abduction_and_an_occupied_city_is_no_seizure() {
    assert_eq!(
        sub_event("Soldiers abducted 12 men during raids in the occupied city of Gao on Friday."),
        "Abduction/forced disappearance"
    );
    assert_eq!(sub_event("A mob beat up two suspected thieves in Gao on Friday."), "Mob violence");
}

#[test]
fn a_crowd_burning_or_wrecking_riots() {
    assert_eq!(sub_event("Youths torched the gendarmerie post in Tillia on Monday."), "Violent demonstration");
    assert_eq!(sub_event("Four men set fire to two trucks in Tillia on Monday."), "Looting/property destruction");
}

#[test]
fn an_event_dated_by_a_year_before_its_noun_is_only_referred_to() {
    assert_eq!(
        sub_event(
            "Government forces captured the town of Kidal on Friday, the scene of a deadly 2017 chemical attack."
        ),
        "Government regains territory"
    );
}

#[test]
fn missiles_fired_are_shelling_and_a_truce_agreed_after_weeks_of_fighting_is_an_agreement() {
    assert_eq!(
        sub_event("The army fired 6 missiles at a rebel base near Gao on Friday."),
        "Shelling/artillery/missile attack"
    );
    assert_eq!(
        sub_event(
            "Government forces and rebels agreed a fragile ceasefire in Gao on Friday after two weeks of fighting."
        ),
        "Agreement"
    );
    // Shells said to carry poison gas make a chemical attack.
    assert_eq!(
        sub_event("Rebels fired shells into Gao on Friday, and residents said the shells contained poisonous gas."),
        "Chemical weapon"
    );
}

#[test]
fn a_weapons_find_after_an_earlier_blast_is_a_disruption() {
    assert_eq!(
        sub_event("An explosive device was found near the airport in Gao on Friday and defused, after explosions killed 20 people."),
        "Disrupted weapons use"
    );
}

#[test]
fn an_attack_takes_the_weapon_its_report_goes_on_to_name() {
    assert_eq!(
        sub_event("Two civilians were wounded in an attack in Gao on Friday. A grenade attack hit the market of Gao."),
        "Grenade"
    );
}

#[test]
fn disasters_accidents_and_crime_for_gain_are_no_incidents() {
    assert!(run("A boiler exploded at a chemical plant in Gao on Friday, killing 3 workers.").is_empty());
    assert!(run("An earthquake killed 8 people in Gao on Friday and damaged 300 buildings.").is_empty());
    assert!(run("Police arrested 4 drug smugglers in Gao on Friday.").is_empty());
    // A bomb at a plant is an attack, whatever the plant makes.
    assert_eq!(
        sub_event("Militants detonated a bomb at a chemical plant in Gao on Friday, killing 3 workers."),
        "Remote explosive/landmine/IED"
    );
}

#[test]
fn driving_an_enemy_from_a_village_is_taking_the_village() {
    assert_eq!(
        sub_event("Army units drove back the militants from a key village near Gao on Friday."),
        "Government regains territory"
    );
}

#[test]
fn dozo_hunters_are_the_communal_militia_of_the_incident_country() {
    let got = run("Dozos attacked a Fulani hamlet near Djenne, central Mali, on Monday, killing 3 civilians.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators[0].canonical.as_deref(), Some("Dozo Communal Militia (Mali)"));
    assert_eq!(got[0].location.as_ref().unwrap().country_code.as_deref(), Some("ML"));
}

#[test]
fn a_demonstration_with_no_place_is_coded_in_the_capital_of_its_country() {
    let got = run("Mali: on Saturday, hundreds of teachers marched to demand the payment of their bonuses.");
    assert_eq!(got.len(), 1, "{got:#?}");
    let loc = got[0].location.as_ref().expect("a location");
    assert_eq!((loc.name.as_str(), loc.precision.as_str()), ("Bamako", "country"));
    let attack = run("Mali's government has condemned the violence. Unknown gunmen shot dead a policeman on Monday.");
    assert_eq!(attack[0].location.as_ref().expect("a location").name, "Mali");
}

#[test]
fn a_note_that_shares_the_deaths_among_records_gives_this_one_its_share() {
    let killed = |text: &str| run(text)[0].casualties.killed.as_ref().and_then(|k| k.low);
    let told = "On Monday, gunmen attacked the villages of Wendoro and Kassoum, killing 9 civilians.";
    assert_eq!(killed(told), Some(9));
    assert_eq!(killed(&format!("{told} Fatalities split between two locations.")), Some(5));
    assert_eq!(
        killed(&format!("{told} Coded as three events, with fatalities spread across the three events.")),
        Some(3)
    );
}

#[test]
fn the_force_whose_vehicle_a_weapon_hit_is_the_target() {
    let got = run("On Monday, a FAMa pick-up was hit by an IED near Wendoro.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].targets.iter().any(|a| a.canonical.as_deref() == Some("Military Forces of Mali")),
        "{:#?}",
        got[0].targets
    );
    let threats =
        run("The president said he would not bow to terrorist threats exemplified by Monday's bomb explosion.");
    assert!(threats.iter().all(|r| r.targets.iter().all(|a| a.name != "terrorist")), "{threats:#?}");
}

#[test]
fn an_event_noun_dated_long_before_the_report_lends_neither_date_nor_place_to_the_verb_before_it() {
    let got =
        run("Police arrested the organiser of the Wendoro (Niger) attack which left 12 people dead in May 2023. \
                   The arrest was made in the town of Gao on Monday.");
    let arrest = got.iter().find(|r| r.event_type == EventType::Arrest).expect("an arrest");
    assert_eq!(arrest.location.as_ref().map(|l| l.name.as_str()), Some("Gao"), "{got:#?}");
    assert_ne!(arrest.date.as_ref().and_then(|d| d.start.as_deref()), Some("2023-05-01"), "{got:#?}");
}

#[test]
fn an_abduction_that_ended_in_murder_is_coded_as_an_attack_and_stays_a_kidnapping() {
    let got = run("On Monday, gunmen abducted a trader in Gao. He was later found dead.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!((got[0].event_type, got[0].acled.sub_event_type.as_str()), (EventType::Kidnapping, "Attack"));
    assert_eq!(got[0].gtd_attack_type.as_deref(), Some("Hostage Taking (Kidnapping)"));
    let released = run("On Monday, gunmen abducted a trader in Gao. He was released on Friday.");
    assert_eq!(released[0].acled.sub_event_type, "Abduction/forced disappearance");
    let fled = run("On Monday, gunmen abducted 30 passengers near Gao. Two who tried to flee were shot dead.");
    assert_eq!(fled[0].acled.sub_event_type, "Abduction/forced disappearance", "{fled:#?}");
}

#[test]
fn a_robbery_in_which_people_were_hurt_is_an_attack() {
    let got = run("On Monday, gunmen robbed two buses near Gao. One passenger who resisted was wounded.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!((got[0].event_type, got[0].acled.sub_event_type.as_str()), (EventType::ArmedAssault, "Attack"));
    let robbed = run("On Monday, gunmen robbed two buses near Gao and made off with the passengers' phones.");
    assert_eq!(robbed[0].acled.sub_event_type, "Looting/property destruction", "{robbed:#?}");
}

#[test]
fn an_attack_its_targets_retaliated_against_is_a_clash() {
    let text = "On Monday, gunmen attacked a camp near Gao, killing one man";
    let got = run(&format!("{text}, and the local self-defence group retaliated."));
    assert_eq!(got[0].acled.sub_event_type, "Armed clash", "{got:#?}");
    assert_eq!(run(&format!("{text}."))[0].acled.sub_event_type, "Attack");
}

#[test]
fn a_group_that_claims_damaging_a_vehicle_reports_an_event() {
    let got = run("JNIM claimed damaging a MINUSMA vehicle east of Gao.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators[0].name, "JNIM");
}

#[test]
fn people_who_did_something_protesting_a_grievance_held_a_protest() {
    let got = run("Some weeks ago, several nurses in Gao left their wards protesting the delay in salary payment.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Protest);
    // A march that a measure stands in front of still names its purpose.
    let got = run("Farmers held a 5km march to protest against land seizures in Gao on Saturday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Protest);
}

#[test]
fn an_incident_with_no_place_lies_in_the_country_the_story_is_about() {
    let got = run("Mali's government has condemned the violence. Unknown gunmen shot dead a policeman on Monday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    let loc = got[0].location.as_ref().expect("a location");
    assert_eq!((loc.country_code.as_deref(), loc.precision.as_str()), (Some("ML"), "country"));
    assert_eq!(got[0].perpetrators[0].canonical.as_deref(), Some("Unidentified Armed Group (Mali)"));
}

#[test]
fn deaths_among_the_wounded_add_to_the_toll() {
    let got = run("An ambush near Tonka by gunmen on Monday left 5 soldiers injured and 1 killed. 2 later died of their injuries.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].casualties.killed.as_ref().unwrap().low, Some(3));
    // A toll restated is not added: the larger figure stands.
    let got = run("Gunmen killed 4 soldiers near Tonka on Monday. The army said 4 soldiers were killed.");
    assert_eq!(got[0].casualties.killed.as_ref().unwrap().low, Some(4));
}

#[test]
fn bombs_and_dynamite_are_explosive_devices() {
    let got = run("Terrorists set off dynamite at a power station in Gao on Tuesday, killing 2 guards.");
    assert!(got.iter().any(|i| i.tactics.contains(&Tactic::Ied)), "{got:#?}");
    let got = run("Gunmen threw a bomb at the police post in Gao on Tuesday, wounding 3 policemen.");
    assert!(got.iter().any(|i| i.tactics.contains(&Tactic::Ied)), "{got:#?}");
}

#[test]
fn priests_peasants_and_power_towers_are_what_was_hit() {
    for (text, hit) in [
        ("Gunmen killed three priests in Gao on Tuesday.", "priests"),
        ("Gunmen kidnapped two peasants near Gao on Tuesday.", "peasants"),
    ] {
        let got = run(text);
        let names: Vec<&str> = got.iter().flat_map(|i| i.targets.iter().map(|a| a.name.as_str())).collect();
        assert!(names.iter().any(|n| n.contains(hit)), "{got:#?}");
    }
    let got = run("Rebels bombed two power towers near Gao on Tuesday.");
    let names: Vec<&str> = got.iter().flat_map(|i| i.targets.iter().map(|a| a.name.as_str())).collect();
    assert!(names.iter().any(|n| n.contains("power towers")), "{got:#?}");
}

#[test]
fn salvadoran_factions_and_hired_killers_are_named_perpetrators() {
    let a = Article {
        id: "t".into(),
        text: "SAN SALVADOR, 3 MAR 90 -- ERP guerrillas attacked a police post in San Miguel on Tuesday, killing 2 policemen."
            .into(),
        published: Some("1990-03-03".into()),
        ..Default::default()
    };
    let got = PIPELINE.process(&a);
    let canon: Vec<&str> =
        got.iter().flat_map(|i| i.perpetrators.iter().filter_map(|p| p.canonical.as_deref())).collect();
    assert!(canon.contains(&"People's Revolutionary Army (El Salvador)"), "{got:#?}");
    let got = run("Paid assassins killed a judge in Gao on Tuesday.");
    let names: Vec<&str> = got.iter().flat_map(|i| i.perpetrators.iter().map(|p| p.name.as_str())).collect();
    assert!(names.iter().any(|n| n.contains("assassins")), "{got:#?}");
}

#[test]
fn different_civilians_hit_are_each_kept() {
    let got = run("Gunmen killed three priests and two peasants in Gao on Tuesday.");
    let names: Vec<&str> = got.iter().flat_map(|i| i.targets.iter().map(|a| a.name.as_str())).collect();
    assert!(names.iter().any(|n| n.contains("priests")) && names.iter().any(|n| n.contains("peasants")), "{got:#?}");
}

fn place_of(text: &str) -> (String, String) {
    let got = run(text);
    let l = got[0].location.as_ref().expect("a location");
    (l.name.clone(), l.precision.clone())
}

#[test]
fn a_place_located_by_a_landmark_lies_near_it() {
    // No town of that name near Timbuktu: the landmark says where it is.
    assert_eq!(
        place_of("Gunmen abducted a teacher in Salem, north of Timbuktu, on Monday."),
        ("Timbuktu".into(), "city".into())
    );
    // A village no gazetteer knows, measured from a town.
    assert_eq!(
        place_of("Gunmen killed two traders in Tinzana, 12 km from Gao, on Monday."),
        ("Gao".into(), "city".into())
    );
    // A distance from a town places the event, unlike a journey from it.
    assert_eq!(
        place_of("Gunmen attacked a bus 30 km from Mopti on Monday, killing three passengers."),
        ("Mopti".into(), "city".into())
    );
}

#[test]
fn sites_and_quarters_of_a_town_are_the_town() {
    assert_eq!(place_of("Two rockets struck Gao Airport on Sunday.").0, "Gao");
    assert_eq!(place_of("Police dispersed protesters in Kati on the outskirts of Bamako on Sunday.").0, "Bamako");
    assert_eq!(place_of("Explosions were heard in North-East Kidal's outskirts on Sunday, killing two.").0, "Kidal");
}

#[test]
fn a_place_keeps_the_name_the_report_gives_it() {
    let got = run("Gunmen attacked a checkpoint in Wagadugu on Sunday, killing two policemen.");
    let l = got[0].location.as_ref().unwrap();
    assert_eq!((l.name.as_str(), l.country_code.as_deref()), ("Wagadugu", Some("BF")));
    // Accents and case are the gazetteer's.
    let got = run("Gunmen attacked a checkpoint in Menaka on Sunday, killing two policemen.");
    assert_eq!(got[0].location.as_ref().unwrap().name, "Ménaka");
}

#[test]
fn the_place_of_a_sentence_that_started_nothing_carries_to_the_next() {
    assert_eq!(place_of("Gunmen tried to rob an office in Gao on Monday. A guard was wounded.").0, "Gao");
}

#[test]
fn names_that_merely_contain_or_open_with_a_place_name_are_not_that_place() {
    // A sentence's first word is capitalised anyway: no town in Uruguay.
    assert_eq!(place_of("Young man beheaded by militants in Mopti on Monday.").0, "Mopti");
    // One village's hyphenated name, not the town it ends with; a road joins two places.
    assert_eq!(
        place_of("Gunmen attacked the village of Ouroi-Gao on Monday, killing two herders."),
        ("Ouroi-Gao".into(), "unknown".into())
    );
    assert_eq!(place_of("Gunmen ambushed a convoy on the Gao-Ansongo road on Monday, killing two soldiers.").0, "Gao");
    // A village named after a person, after a locative.
    assert_eq!(place_of("Gunmen killed two herders in Kati Amadou Diallo on Monday.").0, "Kati Amadou Diallo");
    // A village and, in brackets, the town of its commune.
    assert_eq!(place_of("Gunmen killed a herder in Tinzana (Gao) on Monday."), ("Gao".into(), "city".into()));
}

#[test]
fn a_place_closing_a_body_s_name_is_not_where_it_happened() {
    assert_eq!(
        place_of("Gunmen seized a vehicle of the Regional Directorate of Health of Timbuktu (DRS) in Gao on Monday, wounding the driver.").0,
        "Gao"
    );
}

#[test]
fn a_gerund_of_wounding_and_a_roadside_explosive_report_an_event() {
    let got = run("A French armoured vehicle hit a roadside explosive near Gao, injuring 2.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Bombing);
    assert_eq!(got[0].casualties.wounded.as_ref().and_then(|c| c.low), Some(2));
    assert_eq!(run("A driver sustained stab wounds in Gao on Monday.").len(), 1);
}

#[test]
fn weapons_used_are_those_named_for_the_violence() {
    let got = run("Gunmen attacked a police station in Segou on Monday with rifles and sticks of dynamite, \
         killing 3 policemen. Police later seized 12 pistols in a nearby house. \
         Officials said the group may also have grenades.");
    assert_eq!(got.len(), 1, "{got:#?}");
    // The dynamite kept in its longer phrase; the pistols were seized, the grenades only feared.
    assert_eq!(got[0].weapons_used, ["rifles", "sticks of dynamite"], "{:#?}", got[0]);
}

#[test]
fn a_named_group_keeps_how_the_text_describes_its_people() {
    let got = run("Members of JNIM attacked a police post in Koro on Monday, killing 2 policemen.");
    let p = &got[0].perpetrators[0];
    assert_eq!((p.name.as_str(), p.written.as_deref()), ("JNIM", Some("Members of JNIM")), "{got:#?}");
    let got = run("Gunmen attacked a police post in Koro on Monday, killing 2 policemen. JNIM claimed the attack.");
    let p = &got[0].perpetrators[0];
    assert_eq!((p.name.as_str(), p.written.as_deref()), ("JNIM", Some("Gunmen")), "{got:#?}");
}

#[test]
fn what_a_passive_verb_says_was_hit_is_a_target() {
    let got = run("Several shops and a pharmacy were completely looted in Gao on Monday.");
    let targets: Vec<&str> = got.iter().flat_map(|i| i.targets.iter().map(|a| a.name.as_str())).collect();
    assert_eq!(targets, ["shops", "pharmacy"], "{got:#?}");
}

#[test]
fn people_listed_beside_a_victim_are_victims_too() {
    let got = run("On Monday in Bamako, two engineers, Pierre Martin of Lyon and Hans Weber of Bonn, \
         together with Italian Marco Rossi, were kidnapped by gunmen.");
    let targets: Vec<&str> = got.iter().flat_map(|i| i.targets.iter().map(|a| a.name.as_str())).collect();
    for name in ["Pierre Martin", "Hans Weber", "Marco Rossi"] {
        assert!(targets.contains(&name), "{name} missing from {targets:?}");
    }
}

#[test]
fn a_vague_part_of_a_toll_leaves_the_stated_figures_as_its_floor() {
    let got = run("On Monday, militants attacked an army post in Boni, three soldiers were killed and \
         several militants were also killed in the fighting.");
    let killed = got[0].casualties.killed.as_ref().unwrap();
    assert_eq!((killed.low, killed.qualifier), (Some(3), Qualifier::AtLeast));
}

#[test]
fn one_who_later_died_belongs_to_the_report_he_was_hurt_in() {
    let got = run("A Malian customs officer was shot several times by gunmen and taken to hospital. \
         He later died of his injuries.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].targets.iter().any(|t| t.kind == ActorKind::StateMilitary || t.kind == ActorKind::Police));
    assert_eq!(got[0].casualties.killed.as_ref().unwrap().low, Some(1));
}

#[test]
fn a_journey_s_town_says_more_than_a_country() {
    assert_eq!(
        place_of("Gunmen attacked a truck leaving Gao for Niamey, Niger, on Monday and robbed the passengers.").0,
        "Gao"
    );
}

#[test]
fn a_titled_speaker_and_an_agency_that_reports_take_no_part() {
    let got = run("Gunmen attacked a police station in Gao on Monday, the interior minister, Moussa Traore, said. \
         The attack was reported by Reuters.");
    assert_eq!(got.len(), 1, "{got:#?}");
    let names: Vec<&str> = got[0].perpetrators.iter().chain(&got[0].targets).map(|a| a.name.as_str()).collect();
    for name in ["minister", "Moussa Traore", "Reuters"] {
        assert!(!names.contains(&name), "{name} in {names:?}");
    }
    assert!(names.contains(&"Gunmen") && names.contains(&"police station"), "{names:?}");
}

#[test]
fn a_title_and_the_name_after_it_are_one_victim() {
    let got = run("Three gunmen shot and killed Finance Minister Amadou Kone in Bamako on Monday.");
    let targets: Vec<&str> = got.iter().flat_map(|i| i.targets.iter().map(|a| a.name.as_str())).collect();
    assert!(targets.contains(&"Minister Amadou Kone"), "{targets:?}");
    assert!(!targets.iter().any(|t| t.eq_ignore_ascii_case("minister")), "{targets:?}");
}

#[test]
fn news_of_no_conflict_is_told_by_its_kind() {
    use crate::incidents::NonConflict;
    let kind = |text: &str| {
        let a =
            Article { id: "t".into(), text: text.into(), published: Some("2025-03-14".into()), ..Default::default() };
        PIPELINE.non_conflict(&a)
    };
    assert_eq!(
        kind("Torrential rain set off a landslide that buried six houses in a hill village on Monday."),
        Some(NonConflict::Disaster)
    );
    assert_eq!(
        kind("A boiler exploded at a paper factory on Monday, injuring four workers."),
        Some(NonConflict::Accident)
    );
    assert_eq!(kind("Customs officers broke up a cocaine smuggling ring at the port."), Some(NonConflict::Crime));
    // Firefighters at a wildfire fight a disaster, not an accident.
    assert_eq!(kind("Firefighters battled wildfires near the coast for a third day."), Some(NonConflict::Disaster));
    // Anything hostile makes it conflict news, even beside an accident word.
    assert_eq!(kind("A bomb went off beside a fuel tanker at a checkpoint."), None);
    assert_eq!(kind("The two foreign ministers met to discuss trade."), None);
}

#[test]
fn general_words_of_clashes_blockades_and_industrial_blasts() {
    assert_eq!(
        sub_event("Soldiers were engaged in a fire exchange with militants near Ansongo on Monday."),
        "Armed clash"
    );
    assert_eq!(
        sub_event("Striking teachers shut down roads in Bamako on Monday, escalating a week of rallies."),
        "Violent demonstration"
    );
    assert_eq!(sub_event("A fertilizer plant explosion damaged houses in Kati on Monday."), "no record");
    assert_eq!(sub_event("Propane containers exploded during a fire in a garage in Kati on Monday."), "no record");
}

#[test]
fn as_many_as_counts_its_figure_unless_a_firm_one_is_stated() {
    let killed = |text: &str| run(text).first().and_then(|i| i.casualties.killed.as_ref()).and_then(|k| k.low);
    assert_eq!(killed("Gunmen attacked an army camp in Soumpi on Monday; as many as 9 soldiers were killed."), Some(9));
    assert_eq!(
        killed(
            "Gunmen attacked the village of Kani in Bankass on Monday. At least 12 villagers were killed. \
             Local sources say as many as 30 villagers were killed."
        ),
        Some(12)
    );
}

#[test]
fn captives_killed_the_next_day_are_the_abductions_dead() {
    let got = run("On March 10, gunmen abducted two traders near Anefis. The two were killed the following day.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].casualties.killed.as_ref().and_then(|k| k.low), Some(2));
    assert_eq!(got[0].date.as_ref().unwrap().start.as_deref(), Some("2025-03-10"));
}

#[test]
fn a_village_found_by_its_nearest_spelling_keeps_the_report_spelling() {
    let path = std::env::temp_dir().join(format!("eventsift-report-spelling-{}.txt", std::process::id()));
    let row =
        "9300001\tTamborodji\tTamborodji\t\t14.61\t-3.92\tP\tPPL\tML\t\t04\t\t\t\t0\t\t293\tAfrica/Bamako\t2013-04-04";
    std::fs::write(&path, row).unwrap();
    let pipeline = Pipeline::builder().gazetteer(&path).country_prior("ML").build().unwrap();
    std::fs::remove_file(&path).ok();
    let a = Article {
        id: "t".into(),
        text: "Gunmen killed two herders in Tamborodjie on Monday.".into(),
        published: Some("2025-03-14".into()),
        ..Default::default()
    };
    let got = pipeline.process(&a);
    let l = got[0].location.as_ref().expect("a place");
    // The gazetteer's nearest spelling says where it is; the record names it as the report does.
    assert_eq!((l.name.as_str(), l.geonames_id), ("Tamborodjie", Some(9_300_001)));
}

#[test]
fn shells_said_later_to_carry_poison_gas_are_a_chemical_attack() {
    let text = "Some 40 people were treated for breathing difficulties in Gao after rebels fired shells into \
                two districts of the city on Wednesday. Residents suspect the shells contained poisonous gas.";
    assert_eq!(sub_event(text), "Chemical weapon");
    // Shells named again without poison stay shelling.
    let plain = "Rebels fired shells into two districts of Gao on Wednesday, wounding 40 people. \
                 Residents said the shells came from the hills.";
    assert_eq!(sub_event(plain), "Shelling/artillery/missile attack");
}

#[test]
fn an_attack_that_only_takes_or_burns_property_is_looting_or_destruction() {
    assert_eq!(
        sub_event("On March 10, unknown gunmen attacked a truck near Ansongo and stripped the passengers of their belongings."),
        "Looting/property destruction"
    );
    assert_eq!(
        sub_event("On March 10, gunmen attacked and burned a school in Ansongo."),
        "Looting/property destruction"
    );
    // Someone killed, or a post of the forces attacked, keeps it an attack.
    assert_eq!(
        sub_event(
            "On March 10, unknown gunmen attacked a truck near Ansongo, killing 2 passengers and stealing their goods."
        ),
        "Attack"
    );
    assert_ne!(
        sub_event("On March 10, gunmen attacked a gendarmerie post in Ansongo and destroyed two vehicles."),
        "Looting/property destruction"
    );
}

#[test]
fn a_bomb_that_opens_a_firefight_is_a_clash() {
    assert_eq!(
        sub_event(
            "On March 10, militants ambushed an army convoy near Boni; the attack was initiated by an IED \
             detonation followed by small arms fire, killing 3 soldiers."
        ),
        "Armed clash"
    );
    assert_eq!(
        sub_event("On March 10, an IED exploded under an army vehicle near Boni, killing 3 soldiers."),
        "Remote explosive/landmine/IED"
    );
}

#[test]
fn a_country_naming_whose_building_is_not_a_second_place() {
    let got = run("A bomb exploded near a hotel in Bamako on Monday, killing 2 guards. \
         Monday's explosion damaged the U.S. embassy.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].location.as_ref().unwrap().name, "Bamako");
}

#[test]
fn the_one_group_a_report_ties_to_the_attack_names_its_gunmen() {
    let got = run("Gunmen attacked a police post in Koro on Monday, killing 2 policemen. \
         Officials said the attackers were members of JNIM.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators[0].canonical.as_deref(), Some("Jama'a Nusrat ul-Islam wa al-Muslimin"));
    assert_eq!(got[0].perpetrators[0].written.as_deref(), Some("Gunmen"));
    // A group only said to be active nearby is not the attacker.
    let got = run("Gunmen attacked a police post in Koro on Monday, killing 2 policemen. \
         Officials say JNIM has been active in the region for years.");
    assert_ne!(got[0].perpetrators[0].canonical.as_deref(), Some("Jama'a Nusrat ul-Islam wa al-Muslimin"));
}

#[test]
fn an_attack_with_no_attacker_takes_the_group_its_authors_belong_to() {
    let got = run("A police post in Koro was attacked on Monday and 2 policemen were killed. \
         Officials said the authors were members of JNIM.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].perpetrators[0].canonical.as_deref(), Some("Jama'a Nusrat ul-Islam wa al-Muslimin"));
}

#[test]
fn an_attack_whose_only_weapon_told_later_is_a_planted_bomb_is_a_bombing() {
    let got = run("At least six guards travelling on a bus were killed in an attack near Gao on Monday. The bus was hit by a car bomb.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Bombing);
    // Gunfire beside the bomb keeps it an assault.
    let got = run("At least six guards travelling on a bus were killed in an attack near Gao on Monday. The bus was hit by a car bomb and gunmen opened fire.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_ne!(got[0].event_type, EventType::Bombing);
}

#[test]
fn a_place_shaken_by_explosives_or_dynamite_hurled_is_a_bombing() {
    let got = run("Four shops in Gao were shaken by explosives on Monday night, causing heavy damage.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Bombing);
    let got = run("On Monday night unknown men dynamited a bridge near Gao.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Bombing);
}

#[test]
fn a_feed_about_one_country_places_a_multi_city_report_in_that_country() {
    let a = Article {
        id: "t".into(),
        text: "On Monday, police dispersed protesters in Cotonou, Dakar and Bamako.".into(),
        published: Some("2025-03-14".into()),
        ..Default::default()
    };
    let name = |got: Vec<Incident>| got[0].location.as_ref().map(|l| l.name.clone());
    assert_eq!(name(PIPELINE.process_in(&a, &["ML".to_string()])).as_deref(), Some("Bamako"));
    assert_eq!(name(PIPELINE.process_in(&a, &["SN".to_string()])).as_deref(), Some("Dakar"));
}

#[test]
fn a_toll_beside_a_seizure_goes_on_with_the_attack_in_focus() {
    let got = run("An army post was attacked near Gao on Monday by gunmen. 1 person was killed, 4 injured and a vehicle and arms seized.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].casualties.killed.as_ref().and_then(|k| k.low), Some(1));
    assert_eq!(got[0].location.as_ref().map(|l| l.name.as_str()), Some("Gao"));
    let got = run("A chief was attacked by gunmen near Gao on Monday. 1 killed, 2 wounded and 1 assailant arrested.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].casualties.killed.as_ref().and_then(|k| k.low), Some(1));
}

#[test]
fn the_day_of_a_later_death_is_not_the_incidents() {
    let got = run("Three soldiers were killed by an IED near Gao. One soldier died of his wounds on March 12.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_ne!(got[0].date.as_ref().and_then(|d| d.start.as_deref()), Some("2025-03-12"));
}

#[test]
fn strikes_from_afar_that_open_a_ground_fight_are_a_battle() {
    let mixed = "On Monday, French forces struck militants near Gao with airstrikes followed by a ground \
                 assault by commandos, killing 12 militants.";
    assert_eq!(sub_event(mixed), "Armed clash");
    let air = "On Monday, French airstrikes killed 12 militants near Gao.";
    assert_eq!(sub_event(air), "Air/drone strike");
    let shelled = "On Monday, militants fired mortar shells at the army camp in Gao, then opened fire on the guards.";
    assert_eq!(sub_event(shelled), "Armed clash");
}

#[test]
fn a_bare_report_of_violence_leads_the_incident_the_next_sentence_opens() {
    let got =
        run("Police said that gunmen attacked two shops overnight. One shop was burned down in Gao, the market town.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].perpetrators.iter().any(|p| p.name == "gunmen"), "{:?}", got[0].perpetrators);
    // A sentence between that starts nothing keeps the lead waiting.
    let got = run("Police said that gunmen attacked two shops overnight. Nobody was there. \
                   One shop was burned down in Gao, the market town.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].perpetrators.iter().any(|p| p.name == "gunmen"), "{:?}", got[0].perpetrators);
}

#[test]
fn a_completed_event_takes_its_place_from_the_sentence_before_or_an_unplaced_date() {
    let text = |place: &str| {
        format!(
            "The interior minister resigned on Friday. Police{place} said unidentified men placed six bombs in \
             banks. Four of the bombs exploded. The minister left for Paris. Her successor was not named. \
             Officials declined to comment."
        )
    };
    let got = run(&text(" in Kidal"));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Bombing);
    assert_eq!(got[0].location.as_ref().unwrap().name, "Kidal");
    // The sentence the place came from tells what was hit.
    assert!(got[0].targets.iter().any(|t| t.name == "banks"), "{:?}", got[0].targets);
    // A longer text with neither a place nor a time for the event reports none.
    assert!(run(&text("")).is_empty());
    let undated = |when: &str| {
        let a = Article {
            id: "t".into(),
            text: format!(
                "The minister spoke about the peace talks. Rebels blew up a bridge{when}. The talks will resume \
                 soon. Diplomats welcomed them. No venue was set."
            ),
            ..Default::default()
        };
        PIPELINE.process(&a)
    };
    let got = undated(" last night");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Bombing);
    assert!(undated("").is_empty());
}

#[test]
fn machine_gunning_is_an_attack() {
    for text in ["Gunmen machine-gunned a bus near Gao on Tuesday.", "Gunmen machinegunned a bus near Gao on Tuesday."]
    {
        let got = run(text);
        assert_eq!(got.len(), 1, "{text}: {got:#?}");
        assert_eq!(got[0].event_type, EventType::ArmedAssault, "{text}");
    }
}

#[test]
fn people_a_victim_list_names_are_the_victims_of_the_incident_in_focus() {
    let got = run("Gunmen kidnapped two teachers in Gao on Monday. The victims were identified as John Mbeki, \
         director of the Timbuktu school, and Peter Olsen. Police said they were searching for the kidnappers. \
         The school was closed. Parents were worried.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].location.as_ref().unwrap().name, "Gao");
    let targets: Vec<&str> = got[0].targets.iter().map(|t| t.name.as_str()).collect();
    assert!(targets.contains(&"John Mbeki") && targets.contains(&"Peter Olsen"), "{targets:?}");
    // Where one of them works was not hit.
    assert!(!targets.contains(&"school"), "{targets:?}");
}

#[test]
fn a_sentence_attributing_the_attack_names_its_authors_even_unnamed() {
    let got = run("Bombs exploded at three banks in Gao on Monday, wounding two guards. The banks were closed. \
         The bombings were carried out by drug traffickers, police said. Traders protested. Shops stayed closed.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].perpetrators.iter().any(|p| p.name == "drug traffickers"), "{:?}", got[0].perpetrators);
    let got = run("Bombs exploded at three banks in Gao on Monday, wounding two guards. The banks were closed. \
         Police attribute the bombings to drug traffickers. Traders protested. Shops stayed closed.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].perpetrators.iter().any(|p| p.name == "drug traffickers"), "{:?}", got[0].perpetrators);
}

#[test]
fn a_completed_event_in_the_lead_is_the_news() {
    let text = |lead: &str| {
        format!(
            "{lead} The police said the device contained a kilo of explosives. The blast caused a panic. \
             Nobody was hurt. The building was evacuated."
        )
    };
    let got = run(&text("A bomb exploded in the toilets of a cultural centre while students were inside."));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Bombing);
    // The same words later in a long text, with no place or time, report nothing of their own.
    assert!(run(&text("The minister spoke of the peace talks.")).is_empty());
}

#[test]
fn terrorist_acts_are_attacks() {
    let got = run("Terrorist acts were carried out against two embassies in Gao on Wednesday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::ArmedAssault);
}

#[test]
fn a_town_after_the_article_and_alone_is_the_country_around_it() {
    let got = run("Violence is spreading in the Djenne: gunmen killed two herders in Koutiala on Monday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].location.as_ref().map(|l| l.name.as_str()), Some("Koutiala"));
}

#[test]
fn the_place_a_note_says_it_coded_the_event_at_is_its_location() {
    for note in ["coded as Koutiala", "coded at approximate location in the vicinity of Koutiala"] {
        let got = run(&format!(
            "On Monday, gunmen ambushed a truck on a track east of Sikasso ({note}), killing two drivers."
        ));
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].location.as_ref().map(|l| l.name.as_str()), Some("Koutiala"), "{note}");
    }
}

#[test]
fn those_said_to_have_taken_part_in_a_killing_are_its_perpetrators() {
    for text in [
        "The minister said that members of the army participated in the murder of four farmers last week.",
        "Investigators say a militia was behind the massacre of four farmers last week.",
    ] {
        let got = run(text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(!got[0].perpetrators.is_empty(), "{text}: {:#?}", got[0]);
    }
}

#[test]
fn a_capitalised_event_word_after_a_label_opens_its_clause() {
    let got = run("SHELLING: Shelling this morning in Gao, no further details.");
    assert_eq!(got.len(), 1, "{got:#?}");
}

#[test]
fn civilians_under_arms_are_a_militia_and_fighting_them_a_battle() {
    let got = run("On Monday, soldiers shot dead three armed Fulani herders near Tillia.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].targets.iter().map(|t| t.kind).collect::<Vec<_>>(), vec![ActorKind::Militia]);
    assert_eq!(got[0].acled.sub_event_type, "Armed clash");
}

#[test]
fn a_member_of_a_force_hit_off_duty_is_a_civilian() {
    let got = run("On Monday, two armed men killed an off-duty policeman in Gao.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].targets.iter().map(|t| t.kind).collect::<Vec<_>>(), vec![ActorKind::Civilian]);
    assert_eq!(got[0].acled.sub_event_type, "Attack");
}

#[test]
fn a_brief_labelled_with_its_kind_of_event_is_coded_so() {
    let text = "Property destruction: On Monday, gunmen attacked the village of Tillia and burned the school.";
    let got = run(text);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].acled.sub_event_type, "Looting/property destruction");
    assert_eq!(got[0].event_type, EventType::LootingDestruction);
    // A label the table does not know says nothing.
    let got = run("Update: On Monday, gunmen attacked the village of Tillia and killed two farmers.");
    assert_eq!(got[0].acled.sub_event_type, "Attack");
    // The label alone reports an event no verb of the brief does.
    let got = run("Defection: On Monday, a commander of the group and his men rejoined the army in Tillia.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].acled.sub_event_type, "Change to group/activity");
}

#[test]
fn the_figure_a_note_codes_unknown_deaths_at_is_their_count() {
    let got = run("On Monday, gunmen attacked a checkpoint near Tillia, causing heavy casualties (unknown fatalities coded as 10).");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].casualties.killed.as_ref().and_then(|c| c.low), Some(10));
    let got = run("On Monday, gunmen attacked a checkpoint near Tillia (coded as Tillia at geoprecision 2).");
    assert_eq!(got[0].casualties.killed, None, "{got:#?}");
}

#[test]
fn an_arrest_whose_captives_are_tortured_or_killed_is_violence_against_them() {
    assert_eq!(
        sub_event("On Monday, soldiers arrested three herders near Tillia who were subjected to torture."),
        "Attack"
    );
    assert_eq!(sub_event("On Monday, soldiers arrested three herders near Tillia."), "Arrests");
}

#[test]
fn two_songhai_militias_of_like_names_are_two_groups() {
    let got = run("On Monday, Ganda Izo militiamen clashed with Ganda Koy fighters near Gao, killing three.");
    assert_eq!(got.len(), 1, "{got:#?}");
    let mut names: Vec<&str> =
        got[0].perpetrators.iter().chain(&got[0].targets).filter_map(|a| a.canonical.as_deref()).collect();
    names.sort();
    assert_eq!(names, vec!["Ganda Izo Ethnic Militia (Mali)", "Gandakoy Ethnic Militia (Mali)"], "{:#?}", got[0]);
}

#[test]
fn staff_of_an_aid_group_are_aid_workers() {
    let got = run("On Monday, gunmen attacked an NGO vehicle near Gao, wounding two staff members.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].targets.iter().any(|t| t.canonical.as_deref() == Some("Aid Workers (Mali)")),
        "{:#?}",
        got[0].targets
    );
}

#[test]
fn a_country_s_aircraft_are_its_military() {
    let got =
        run("On Sunday, French aircraft carried out a strike on a militant camp near Gao, killing four militants.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].perpetrators.iter().any(|a| a.canonical.as_deref() == Some("Military Forces of France")),
        "{:#?}",
        got[0].perpetrators
    );
}

#[test]
fn terrorists_the_report_leaves_unnamed_are_an_unidentified_armed_group_wherever_they_struck() {
    // Neither a creed nor a group: what the word says is that someone armed did it.
    let got = run("Terrorists bombed a power station in Cali on Monday, killing 2 guards.");
    assert_eq!(got.len(), 1, "{got:#?}");
    let perpetrator = &got[0].perpetrators[0];
    assert_eq!(perpetrator.canonical.as_deref(), Some("Unidentified Armed Group (Colombia)"), "{got:#?}");
}

#[test]
fn election_material_seized_by_gunmen_is_looting() {
    let got = run("On Sunday, gunmen seized electoral material at two polling stations in Gao.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::LootingDestruction);
}

#[test]
fn people_who_gather_stop_work_or_block_a_road_for_a_grievance_are_protesting() {
    let got = run("Traders blocked the lorries' way into Gao on Monday to demand the governor's dismissal.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Riot);
    let got = run("Nurses in Gao stopped work on Monday over demands for higher pay.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].event_type, EventType::Protest);
    // Without a grievance, a crowd gathering is no event.
    assert!(run("Villagers gathered in Gao on Monday for the harvest festival.").is_empty());
}

#[test]
fn a_place_in_what_protesters_denounce_is_not_where_they_protested() {
    let got = run("Hundreds of people gathered on Friday to denounce the massacre of civilians in Kidal.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_ne!(got[0].location.as_ref().map(|l| l.name.as_str()), Some("Kidal"), "{got:#?}");
}

#[test]
fn a_story_the_sentence_calls_false_is_no_incident() {
    assert!(run("Reports that gunmen killed five soldiers in Gao on Monday are false, the army said.").is_empty());
    assert!(
        run("The report that a judge was wounded by gunfire in Mopti on Monday is absolutely unfounded.").is_empty()
    );
    // A report that is not called false stays one.
    assert_eq!(run("Reports said that gunmen killed five soldiers in Gao on Monday.").len(), 1);
}

#[test]
fn employees_coordinators_and_agents_are_people_hit() {
    let got = run("Gunmen abducted an NGO coordinator and two employees of a mining firm near Gao on Monday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].targets.iter().any(|a| a.name.contains("coordinator") && a.kind == ActorKind::Civilian), "{got:#?}");
    let got = run("A tax agent was shot dead by gunmen near Gao on Monday.");
    assert!(got[0].targets.iter().any(|a| a.name.contains("agent") && a.kind == ActorKind::Government), "{got:#?}");
    // An NGO's agents are its aid workers, not officials.
    let got = run("Two armed men robbed NGO agents at their homes in Gao on Monday.");
    assert!(!got[0].targets.iter().any(|a| a.kind == ActorKind::Government), "{got:#?}");
}
