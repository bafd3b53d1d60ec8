//! Mention finders against the shipped models, on sentences written for these tests.

use super::*;
use crate::read::Article;
use crate::text::Tokenizer;
use std::sync::LazyLock;

static FINDER: LazyLock<MentionFinder> =
    LazyLock::new(|| MentionFinder::from_models(&Models::locate()).expect("models load"));

fn article(text: &str, published: &str) -> Article {
    Article { id: "t".into(), text: text.into(), published: Some(published.into()), ..Default::default() }
}

fn with_mentions<R>(text: &str, f: impl FnOnce(&Document, &Mentions) -> R) -> R {
    let a = article(text, "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let m = FINDER.find(&doc);
    f(&doc, &m)
}

#[test]
fn names_run_together_with_a_hyphen_are_each_an_actor() {
    with_mentions("MSA-GATIA fighters clashed with ISGS militants near Tin-Essako; a Wendoro-MSA road.", |doc, m| {
        let named: Vec<&str> = m.actors.iter().filter(|a| a.named).map(|a| a.span.of(doc.text)).collect();
        assert!(named.contains(&"MSA") && named.iter().any(|n| n.starts_with("GATIA")), "{named:?}");
        assert!(!named.iter().any(|n| n.contains("Wendoro")), "{named:?}");
        assert_eq!(named.iter().filter(|n| n.contains("MSA")).count(), 1, "{named:?}");
    });
}

#[test]
fn the_french_acronyms_of_aqim_name_it() {
    for text in ["AQMI claimed the rocket attack on the camp.", "AQM claimed the rocket attack on the camp."] {
        with_mentions(text, |_, m| {
            let canonical: Vec<Option<&str>> = m.actors.iter().map(|a| a.canonical.as_deref()).collect();
            assert!(canonical.contains(&Some("Al-Qaeda in the Islamic Maghreb")), "{text}: {canonical:?}");
        });
    }
}

#[test]
fn forest_guards_are_a_police_force() {
    with_mentions("Gunmen shot dead a forest agent and two forest guards near Wendoro.", |doc, m| {
        let kinds: Vec<(&str, ActorKind)> = m.actors.iter().map(|a| (a.span.of(doc.text), a.kind)).collect();
        assert!(kinds.contains(&("forest agent", ActorKind::Police)), "{kinds:?}");
        assert!(kinds.iter().any(|(n, k)| n.ends_with("forest guards") && *k == ActorKind::Police), "{kinds:?}");
    });
}

#[test]
fn named_actors_keep_their_acronyms_and_absorb_their_nouns() {
    with_mentions("JNIM militants attacked Malian Armed Forces (FAMa) personnel; jnim is not a name.", |doc, m| {
        let named: Vec<(&str, &str)> = m
            .actors
            .iter()
            .filter(|a| a.named)
            .map(|a| (a.span.of(doc.text), a.canonical.as_deref().unwrap()))
            .collect();
        assert_eq!(
            named,
            [
                ("JNIM militants", "Jama'a Nusrat ul-Islam wa al-Muslimin"),
                ("Malian Armed Forces (FAMa) personnel", "Military Forces of Mali")
            ]
        );
    });
}

#[test]
fn named_actors_take_in_the_people_written_before_them() {
    let text = "Members of the JNIM burned a school. Of the FMLN, nothing was said. Troops of the FAMa left.";
    with_mentions(text, |doc, m| {
        let named: Vec<&str> = m.actors.iter().filter(|a| a.named).map(|a| a.span.of(doc.text)).collect();
        // ("Of" opens the second sentence with no noun of people before it.)
        assert_eq!(named, ["Members of the JNIM", "FMLN", "Troops of the FAMa"]);
        assert!(!m.actors.iter().any(|a| !a.named && a.span.of(doc.text) == "Troops"));
    });
}

#[test]
fn generic_actors_take_demonyms_modifiers_and_kinds() {
    with_mentions(
        "Suspected jihadist militants killed five Burkinabe soldiers and three Fulani civilians.",
        |doc, m| {
            let got: Vec<(&str, ActorKind, Option<&str>)> =
                m.actors.iter().map(|a| (a.span.of(doc.text), a.kind, a.canonical.as_deref())).collect();
            assert_eq!(
                got,
                [
                    ("Suspected jihadist militants", ActorKind::ArmedGroup, None),
                    ("Burkinabe soldiers", ActorKind::StateMilitary, Some("Military Forces of Burkina Faso")),
                    ("Fulani civilians", ActorKind::Civilian, None),
                ]
            );
        },
    );
}

#[test]
fn a_force_written_with_its_people_is_one_actor_named_for_the_force() {
    with_mentions("Army troops and police agents fired on the crowd.", |doc, m| {
        let got: Vec<(&str, &str)> = m.actors.iter().map(|a| (a.span.of(doc.text), a.name.as_str())).collect();
        assert_eq!(got, [("Army troops", "Army"), ("police agents", "police")]);
    });
}

#[test]
fn a_thing_named_before_another_thing_is_one_thing_with_it() {
    with_mentions("Rebels burned the hospital ambulance and an embassy vehicle.", |doc, m| {
        let got: Vec<&str> = m.actors.iter().map(|a| a.span.of(doc.text)).collect();
        assert_eq!(got, ["Rebels", "hospital ambulance", "embassy vehicle"]);
    });
}

#[test]
fn communities_named_alone_as_the_sides_of_a_fight_are_their_militias() {
    with_mentions("Clashes between Fulani and Dogons left three dead. Fulani herders fled.", |doc, m| {
        let got: Vec<(&str, ActorKind, Option<&str>)> =
            m.actors.iter().map(|a| (a.span.of(doc.text), a.kind, a.template.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("Fulani", ActorKind::Militia, Some("Fulani Ethnic Militia ({country})")),
                ("Dogons", ActorKind::Militia, Some("Dogon Ethnic Militia ({country})")),
                ("Fulani herders", ActorKind::Civilian, Some("Fulani Ethnic Group ({country})")),
            ]
        );
    });
}

#[test]
fn places_are_disambiguated_by_country_context() {
    // "Segou region" is the region, not the town; Djibo is in Burkina Faso.
    with_mentions(
        "A curfew was declared in the Segou region of Mali after an attack on Djibo in Burkina Faso.",
        |doc, m| {
            let g = &FINDER.gazetteer;
            let got: Vec<(&str, PlaceKind, &str)> = m
                .places
                .iter()
                .map(|p| {
                    let place = g.place(p.place.unwrap());
                    (p.span.of(doc.text), place.kind, place.country_code.as_str())
                })
                .collect();
            assert_eq!(
                got,
                [
                    ("Segou", PlaceKind::Admin1, "ML"),
                    ("Mali", PlaceKind::Country, "ML"),
                    ("Djibo", PlaceKind::Town, "BF"),
                    ("Burkina Faso", PlaceKind::Country, "BF")
                ]
            );
        },
    );
}

#[test]
fn frontiers_rivers_and_destinations_are_reference_points() {
    with_mentions(
        "Gunmen struck Ayorou, 10 km from the Mali border near the Niger River; the wounded were flown to Niamey.",
        |doc, m| {
            let refs: Vec<(&str, bool)> = m.places.iter().map(|p| (p.span.of(doc.text), p.is_reference)).collect();
            assert_eq!(refs, [("Ayorou", false), ("Mali", true), ("Niger", true), ("Niamey", true)]);
        },
    );
}

#[test]
fn unknown_toponyms_after_a_locative_are_places_without_coordinates() {
    with_mentions("Insurgents attacked a base in Kwarandougou on Monday.", |doc, m| {
        let unknown: Vec<&str> = m.places.iter().filter(|p| p.place.is_none()).map(|p| p.span.of(doc.text)).collect();
        assert_eq!(unknown, ["Kwarandougou"]);
    });
}

#[test]
fn person_names_are_not_towns() {
    with_mentions("The junta leader Ibrahim Traoré spoke in Ouagadougou.", |doc, m| {
        let names: Vec<&str> = m.places.iter().map(|p| p.span.of(doc.text)).collect();
        assert_eq!(names, ["Ouagadougou"]);
    });
}

#[test]
fn triggers_are_typed_and_modifiers_are_not_events() {
    with_mentions("A suicide bomber blew himself up; police seized assault rifles after the attack.", |doc, m| {
        let got: Vec<(&str, EventType, TriggerClass)> =
            m.triggers.iter().map(|t| (t.span.of(doc.text), t.event_type, t.class)).collect();
        assert_eq!(
            got,
            [
                ("suicide bomber", EventType::SuicideBombing, TriggerClass::Noun),
                ("blew himself up", EventType::SuicideBombing, TriggerClass::Past),
                // Seizing arms is a disruption of their use; "assault" only names the rifles.
                ("seized", EventType::Other, TriggerClass::Past),
                ("attack", EventType::ArmedAssault, TriggerClass::Noun),
            ]
        );
    });
}

#[test]
fn tactics_read_long_forms_and_disguises() {
    with_mentions(
        "Fighters wearing army uniforms used suicide vehicle-borne improvised explosive devices and mortars.",
        |_, m| {
            let t: Vec<Tactic> = m.tactics.iter().map(|t| t.tactic).collect();
            assert_eq!(t, [Tactic::Disguise, Tactic::Svbied, Tactic::Mortar]);
        },
    );
}

#[test]
fn irrealis_contexts_are_marked() {
    with_mentions("Officials warned that militants could attack the town. Militants attacked the town.", |doc, m| {
        let marked: Vec<&str> = m.irrealis.iter().map(|s| s.of(doc.text)).collect();
        assert_eq!(marked, ["attack"]);
    });
}

fn counts(text: &str) -> Vec<(Counted, Option<u64>, Qualifier, Option<ActorKind>)> {
    with_mentions(text, |_, m| {
        m.counts.iter().flatten().map(|c| (c.counted.clone(), c.low, c.qualifier, c.victim_kind)).collect()
    })
}

#[test]
fn counts_tie_numbers_to_casualties() {
    assert_eq!(
        counts("Militants killed at least 12 soldiers and wounded 30 others."),
        [
            (Counted::Killed, Some(12), Qualifier::AtLeast, Some(ActorKind::StateMilitary)),
            (Counted::Wounded, Some(30), Qualifier::Exact, Some(ActorKind::StateMilitary)),
        ]
    );
    assert_eq!(
        counts("At least 100 civilians and 200 soldiers were killed."),
        [
            (Counted::Killed, Some(100), Qualifier::AtLeast, Some(ActorKind::Civilian)),
            (Counted::Killed, Some(200), Qualifier::AtLeast, Some(ActorKind::StateMilitary)),
        ]
    );
    assert_eq!(
        counts("Dozens of villagers were abducted."),
        [(Counted::Hostages, Some(12), Qualifier::Vague, Some(ActorKind::Civilian))]
    );
    assert_eq!(
        counts("A soldier was killed."),
        [(Counted::Killed, Some(1), Qualifier::Exact, Some(ActorKind::StateMilitary))]
    );
}

#[test]
fn counts_reject_garrisons_units_and_adjectives() {
    assert!(counts("Of the 300 soldiers stationed there, none were hurt.").is_empty());
    assert!(counts("The town lies 45 kilometres away and 60 percent of it burned.").is_empty());
    assert!(counts("A 30-day curfew was imposed in 2018.").is_empty());
    // The wounded counted before "and" are no verb for the number after it.
    assert_eq!(
        counts("1 killed, 2 wounded and 1 assailant arrested."),
        [(Counted::Killed, Some(1), Qualifier::Exact, None), (Counted::Wounded, Some(2), Qualifier::Exact, None)]
    );
    assert!(counts("Over 100,000 recruits were enrolled.").is_empty());
}

#[test]
fn the_remainder_of_a_garrison_is_the_total_less_the_dead() {
    let got = counts("Of the 120 soldiers stationed there, at least 40 were killed and the remainder taken hostage.");
    assert_eq!(got[0], (Counted::Killed, Some(40), Qualifier::AtLeast, Some(ActorKind::StateMilitary)));
    assert_eq!(got[1], (Counted::Hostages, Some(80), Qualifier::Exact, Some(ActorKind::StateMilitary)));
}

#[test]
fn seized_items_keep_their_names() {
    let got = counts("The fighters seized 40 rifles, two machine guns and six pickup trucks.");
    let items: Vec<(String, Option<u64>)> = got
        .into_iter()
        .map(|(c, low, _, _)| match c {
            Counted::Seized { item } => (item, low),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        items,
        [("rifles".into(), Some(40)), ("machine guns".into(), Some(2)), ("pickup trucks".into(), Some(6))]
    );
}

#[test]
fn people_killed_one_by_one_are_counted() {
    let killed =
        |text: &str| -> u64 { counts(text).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum() };
    assert_eq!(killed("Gunmen executed a mechanic and an electricity provider in the village."), 2);
    assert_eq!(killed("Gunmen shot dead a businessman with his driver and bodyguard in Gao."), 3);
    assert_eq!(killed("An IED struck a cart, killing a trader, the IED was planted by militants."), 1);
    assert_eq!(killed("One militant was killed and 20 arrested during the operation."), 1);
    assert_eq!(killed("Unknown gunmen shot dead two national guards in Gossi."), 2);
    assert_eq!(killed("An elderly herder was shot dead on his land by militants."), 1);
    // A title or a name needs no article; a headline's subject may carry its place.
    assert_eq!(killed("Militants shot and killed police commander Issa Maiga in Gao."), 1);
    assert_eq!(killed("Gunmen shot dead Moussa Diallo near Mopti."), 1);
    assert_eq!(killed("Councilman in Tenenkou assassinated by presumed jihadists on motorbikes."), 1);
    assert_eq!(killed("JNIM killed two soldiers in Tenenkou."), 2);
    // Remains are counted as dead whatever else is said of the people.
    assert_eq!(killed("The bodies of two herders kidnapped in May were found near Gao."), 2);
    // A long name in a list of victims.
    assert_eq!(killed("Gunmen killed a leader of the Kel Ansar faction of the Tuareg of Gourma and his driver."), 2);
    assert_eq!(killed("Gunmen assassinated a village chief and his three sons in Drougama."), 4);
}

#[test]
fn lists_of_counts_end_where_their_noun_phrase_does() {
    let of =
        |text: &str, what: Counted| -> u64 { counts(text).iter().filter(|c| c.0 == what).filter_map(|c| c.1).sum() };
    let text = "Soldiers repelled an attack in Tessit, killing two in the process, eight soldiers were wounded.";
    assert_eq!((of(text, Counted::Killed), of(text, Counted::Wounded)), (2, 8));
    assert_eq!(of("Gunmen attacked the post, one assailant was killed and four others arrested.", Counted::Killed), 1);
    assert_eq!(
        of("One civilian was killed and the two donkeys pulling the cart were also killed.", Counted::Killed),
        1
    );
    assert_eq!(of("Militiamen burned three huts and killed two sheep in the village.", Counted::Killed), 0);
}

fn killed(text: &str) -> u64 {
    counts(text).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum()
}

#[test]
fn a_subject_reaches_its_verb_past_an_aside_or_a_reduced_relative() {
    assert_eq!(killed("Seven herders, most of whom were from Ansongo, were killed by gunmen."), 7);
    assert_eq!(killed("Five young men, accused of theft, were killed by a militia near Gao."), 5);
    assert_eq!(killed("Three farmers from the Bella community were killed near the river."), 3);
    assert_eq!(killed("On May 3, six traders abducted by gunmen two days before were found dead near Tessit."), 6);
    assert_eq!(killed("Three men who had been kidnapped last week by militants were found dead near the well."), 3);
    assert_eq!(killed("Five men detained by soldiers on Monday were found to have been executed."), 5);
    // A verb of the relative clause, or one the subject does not undergo, is no toll.
    assert_eq!(killed("Four men abducted by gunmen on Monday were released on Friday."), 0);
    assert_eq!(killed("Two witnesses said the attackers fled and the soldier died."), 0);
    assert_eq!(killed("Two elders insisted that the soldier died."), 0);
    // A verb of saying as a participle of the toll still reaches it.
    assert_eq!(killed("Of the guards, at least 9 were confirmed killed."), 9);
    assert_eq!(killed("Militia fighters clashed near the well, 4 reported killed."), 4);
}

#[test]
fn people_listed_beside_numbers_are_counted_one_each() {
    assert_eq!(killed("On May 2, three soldiers and a driver were killed near Gao."), 4);
    assert_eq!(killed("Two attackers including the bomber, three guards and a cook were killed."), 6);
    assert_eq!(killed("A truck exploded and two soldiers were killed."), 2);
}

#[test]
fn those_wounded_who_later_died_are_counted_dead() {
    assert_eq!(killed("A soldier was shot by gunmen. He later died of his injuries."), 1);
    assert_eq!(killed("Gunmen killed two men and wounded another who succumbed the next day."), 3);
    assert_eq!(killed("Gunmen wounded four people, the two wounded later succumbed to their injuries."), 2);
    assert_eq!(killed("A farmer was taken to the hospital where the woman succumbed to her wounds."), 1);
    assert_eq!(killed("A herder was abducted near Gao. He was later found dead."), 1);
    assert_eq!(killed("One of the three guards succumbed to his wounds."), 1);
    // A death of other causes is not the attack's.
    assert_eq!(killed("Four hostages were freed, the visitor died from a heart attack."), 0);
}

#[test]
fn deaths_that_caused_the_event_and_things_are_no_toll_of_it() {
    assert_eq!(killed("Youths burned the town hall in protest against the killing of two students."), 0);
    assert_eq!(killed("Soldiers shot dead 5 herders in revenge for the killing of one of their comrades."), 5);
    assert_eq!(killed("The group claimed responsibility for the killing of three soldiers."), 3);
    assert_eq!(killed("Three soldiers were killed and two vehicles with their crews went missing."), 3);
    assert_eq!(killed("At least nine militants were killed and two taken prisoner."), 9);
    assert_eq!(killed("Gunmen killed four elders, three others were later abducted."), 4);
    assert_eq!(killed("Militiamen executed two men, one from Gao and the other from Kidal."), 2);
    assert_eq!(killed("Soldiers killed 4 militants who had earlier executed an informer in the village."), 4);
    assert_eq!(killed("Soldiers arrested two men who had killed 3 herders last year."), 0);
    assert_eq!(killed("Eight militants were killed and several soldiers were wounded."), 8);
}

#[test]
fn one_person_killed_may_be_named_at_length() {
    assert_eq!(killed("A former deputy mayor of the rural commune of Kona was murdered in his home."), 1);
    assert_eq!(killed("A Water and Forests agent was killed by gunmen."), 1);
    assert_eq!(killed("A 50-year-old herder was killed by gunmen near Gao."), 1);
    assert_eq!(killed("Moussa Diallo, a 60-year-old trader was killed by gunmen near Gao."), 1);
    assert_eq!(killed("Moussa Diallo, a trader, was killed by gunmen near Gao."), 1);
    assert_eq!(killed("A herder tried to break a shell, causing it to explode and killing him."), 1);
    assert_eq!(killed("Gunmen stopped a trader near Gao and shot him dead."), 1);
    assert_eq!(killed("A militia member was shot down by armed men in Gao."), 1);
    assert_eq!(killed("Two individuals shot dead a trader in Gao."), 1);
    assert_eq!(killed("Two soldiers shot dead in Gao."), 2);
    assert_eq!(killed("A helicopter was shot down by rebels near Gao."), 0);
    assert_eq!(killed("Soldiers killed and buried a herder near the village."), 1);
    assert_eq!(killed("Two gunmen shot to death a trader at the market."), 1);
    assert_eq!(killed("Gunmen stabbed a man at the market."), 0);
    assert_eq!(killed("The bomb that killed the five soldiers was buried in a road."), 5);
}

#[test]
fn a_person_named_as_the_one_killed_is_one_victim() {
    assert_eq!(killed("Moussa Diallo was murdered by gunmen in Gao."), 1);
    assert_eq!(killed("Moussa Diallo was interviewed by reporters in Gao."), 0);
    assert_eq!(killed("Moussa Diallo was savagely murdered by gunmen in Gao."), 1);
}

#[test]
fn the_clothes_people_wore_are_no_people() {
    with_mentions("Armed men wearing civilian clothes abducted the mayor.", |doc, m| {
        let got: Vec<&str> = m.actors.iter().map(|a| a.span.of(doc.text)).collect();
        assert_eq!(got, ["Armed men", "mayor"]);
    });
}

#[test]
fn the_murder_or_massacre_of_a_number_of_people_counts_them_dead() {
    assert_eq!(killed("The massacre of 20 herders near Gao shocked the region."), 20);
    assert_eq!(killed("Police blamed the militia for the murder of 7 traders."), 7);
}

#[test]
fn captives_killed_after_their_capture_are_dead() {
    assert_eq!(killed("On Monday, militiamen abducted three herders near Gao, they were executed near the well."), 3);
    assert_eq!(killed("Five young men accused of theft were abducted and executed by a militia."), 5);
    assert_eq!(killed("On Friday, six men seized by gunmen in two villages were found dead near Tessit."), 6);
    assert_eq!(killed("A trader was abducted near Gao and his driver found dead."), 1);
    assert_eq!(killed("One of them was shot in the head and succumbed in hospital."), 1);
    // Captives released are no dead.
    assert_eq!(killed("On Monday, militiamen abducted three herders near Gao, they were released on Friday."), 0);
}

#[test]
fn a_possessive_or_an_aside_does_not_hide_the_person_killed() {
    assert_eq!(killed("JNIM's commander Ali Maiga was killed in Menaka by gunmen."), 1);
    assert_eq!(killed("Gunmen assassinated a chief of the Bella (Tuareg) community and his two sons in Gao."), 3);
    assert_eq!(killed("Mali's army was attacked near Gao."), 0);
}

#[test]
fn places_counted_in_a_prepositional_phrase_are_no_toll() {
    assert_eq!(killed("Six men abducted in two villages were found dead."), 6);
    assert_eq!(killed("The raid resulted in five soldiers killed."), 5);
    assert_eq!(killed("The raiders came from three."), 0);
}

#[test]
fn a_perfect_infinitive_and_a_subjected_noun_report_what_happened() {
    with_mentions(
        "Militants claimed to have killed ten hunters. The post was subjected to attack. Militants plan to attack.",
        |doc, m| {
            let marked: Vec<&str> = m.irrealis.iter().map(|s| s.of(doc.text)).collect();
            assert_eq!(marked, ["attack"]);
            assert_eq!(m.irrealis[0].start, doc.text.rfind("attack").unwrap());
        },
    );
}

#[test]
fn texts_without_capitals_still_yield_names_and_places() {
    let a = Article {
        id: "t".into(),
        text: "GUNMEN OF THE FMLN ATTACKED A POWER STATION IN SAN MIGUEL. TWO GUARDS WERE KILLED.".into(),
        published: Some("1989-11-02".into()),
        ..Default::default()
    };
    let doc = Document::new(&a, &Tokenizer::new());
    assert_eq!(doc.casing, crate::text::Casing::Upper);
    assert_eq!(doc.sentences.len(), 2);
    let m = FINDER.find(&doc);
    assert!(m.actors.iter().any(|x| x.named && x.span.of(doc.text) == "FMLN"), "{:?}", m.actors);
    assert!(m.places.iter().any(|p| p.span.of(doc.text) == "SAN MIGUEL"), "{:?}", m.places);
}

#[test]
fn a_name_no_file_spells_that_way_finds_its_nearest_spelling_in_the_story_country() {
    // "Koutialo" is one letter from the town of Koutiala, Mali.
    with_mentions("Militants attacked a post in Koutialo in southern Mali on Sunday.", |doc, m| {
        let p = m.places.iter().find(|p| p.span.of(doc.text) == "Koutialo").expect("a place");
        let place = FINDER.gazetteer.place(p.place.expect("resolved by spelling"));
        assert_eq!((place.name.as_str(), place.country_code.as_str()), ("Koutiala", "ML"));
    });
}

fn tagged_actor<'m>(doc: &Document, m: &'m Mentions, name: &str) -> Option<&'m ActorMention> {
    m.actors.iter().find(|a| a.tagged && a.span.of(doc.text) == name)
}

#[test]
fn a_group_no_lexicon_knows_is_tagged_beside_an_attack_and_named_by_its_head_word() {
    with_mentions("Fighters of the Tillia Liberation Front attacked an army convoy near Gao on Monday.", |doc, m| {
        let a = tagged_actor(doc, m, "Tillia Liberation Front").expect("a tagged group");
        assert_eq!(
            (a.kind, a.canonical.as_deref(), a.hint),
            (ActorKind::ArmedGroup, Some("Tillia Liberation Front"), RoleHint::Perpetrator)
        );
    });
}

#[test]
fn a_person_is_an_actor_of_unknown_kind_without_a_canonical_name() {
    with_mentions("Gunmen shot dead Moussa Diallo, a teacher, in Gao on Tuesday.", |doc, m| {
        let a = tagged_actor(doc, m, "Moussa Diallo").expect("a tagged person");
        assert_eq!((a.kind, a.canonical.as_deref()), (ActorKind::Unknown, None));
    });
}

#[test]
fn only_sentences_that_report_an_event_are_tagged() {
    with_mentions("Moussa Diallo visited the Tillia Liberation Front in Paris last year.", |_, m| {
        assert!(m.entities.is_empty(), "{:?}", m.entities);
        assert!(!m.actors.iter().any(|a| a.tagged), "{:?}", m.actors);
    });
}

/// The span of the first occurrence of `s` in the document's text.
fn span_of(doc: &Document, s: &str) -> Span {
    let start = doc.text.find(s).expect("the test's text holds the phrase");
    Span::new(start, start + s.len())
}

#[test]
fn a_tagged_name_ending_in_a_district_word_is_a_place_and_a_weapon_is_no_actor() {
    use crate::tagger::{EntitySpan, EntityType};
    let a = article("Rebels attacked posts in Kourmana district with a Dragunov rifle.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let at = |s: &str| span_of(&doc, s);
    let district = EntitySpan { span: at("Kourmana district"), label: EntityType::Org };
    let rifle = EntitySpan { span: at("Dragunov"), label: EntityType::Per };
    assert!(entities::is_place_name(&doc, &district));
    assert!(entities::actors(&doc, &[district, rifle], &[], &[], &[]).is_empty());
    assert_eq!(entities::places(&doc, &[district, rifle]).collect::<Vec<_>>(), [district.span]);
}

#[test]
fn a_weapon_the_tagger_took_for_a_group_is_no_actor() {
    use crate::tagger::{EntitySpan, EntityType};
    let a = article("A minibus was struck by an IED near Wendoro, the Wendoro Traders Union said.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let at = |s: &str| span_of(&doc, s);
    let ied = EntitySpan { span: at("IED"), label: EntityType::Org };
    let union = EntitySpan { span: at("Wendoro Traders Union"), label: EntityType::Org };
    let cues = FINDER.cues.find(&doc);
    let found: Vec<String> =
        entities::actors(&doc, &[ied, union], &[], &[], &cues).into_iter().map(|a| a.name).collect();
    assert_eq!(found, ["Wendoro Traders Union"]);
}

#[test]
fn an_operations_name_is_no_actor() {
    use crate::tagger::{EntitySpan, EntityType};
    let a = article("French airstrikes (operation 'Wendoro') killed ten militants near Gao.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let named = EntitySpan { span: span_of(&doc, "Wendoro"), label: EntityType::Per };
    assert!(entities::names_an_operation(&doc, named.span));
    assert!(entities::actors(&doc, &[named], &[], &[], &[]).is_empty());
}

#[test]
fn a_short_place_name_in_a_text_without_capitals_is_found_through_the_tagger() {
    let a = article("gunmen kidnapped a teacher in gao on monday. police said they fled.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    assert!(doc.casing.is_degraded());
    let m = FINDER.find(&doc);
    let p = m.places.iter().find(|p| p.span.of(doc.text) == "gao").expect("a place");
    let place = FINDER.gazetteer.place(p.place.expect("resolved"));
    assert_eq!((place.name.as_str(), place.country_code.as_str()), ("Gao", "ML"));
}

#[test]
fn a_town_name_inside_a_tagged_person_name_is_no_place() {
    // "Boni" is a town's name; here it is a man's first name.
    with_mentions("Suspected militants abducted Boni Keita, a local trader, near Mopti on Friday.", |doc, m| {
        assert!(!m.places.iter().any(|p| p.span.of(doc.text) == "Boni"), "{:?}", m.places);
    });
}

/// The shipped models plus a small GeoNames dump written for the test.
fn finder_with_dump(name: &str, rows: &[&str]) -> MentionFinder {
    let mut finder = MentionFinder::from_models(&Models::locate()).unwrap();
    finder.gazetteer.add_test_dump(name, rows);
    finder
}

fn dump_row(id: u64, name: &str, alternates: &str, lat: f64, lon: f64, population: u64) -> String {
    dump_row_in(id, name, alternates, lat, lon, population, "04")
}

fn dump_row_in(id: u64, name: &str, alternates: &str, lat: f64, lon: f64, population: u64, admin1: &str) -> String {
    format!("{id}\t{name}\t{name}\t{alternates}\t{lat}\t{lon}\tP\tPPL\tML\t\t{admin1}\t\t\t\t{population}\t\t293\tAfrica/Bamako\t2013-04-04")
}

#[test]
fn a_place_called_by_the_name_outranks_one_also_called_so_and_a_longer_tagged_name_wins() {
    let rows = [
        dump_row(9_000_001, "Boni", "", 15.08, -2.22, 0),
        dump_row(9_000_002, "Bouani", "Boni", 13.64, -4.48, 800),
        dump_row(9_000_003, "Tin", "", 13.74, -5.91, 0),
    ];
    let finder = finder_with_dump("own-name", &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let a = article(
        "Militants attacked a post in Boni in Mali on Friday. They attacked the village of Tin Korazeyna in Mali.",
        "2025-06-12",
    );
    let doc = Document::new(&a, &Tokenizer::new());
    let m = finder.find(&doc);
    let boni = m.places.iter().find(|p| p.span.of(doc.text) == "Boni").expect("Boni");
    assert_eq!(finder.gazetteer.place(boni.place.unwrap()).name, "Boni");
    assert!(!m.places.iter().any(|p| p.span.of(doc.text) == "Tin"), "{:?}", m.places);
    assert!(m.places.iter().any(|p| p.span.of(doc.text) == "Tin Korazeyna"), "{:?}", m.places);
}

#[test]
fn a_town_name_inside_a_tagged_organisation_or_person_is_no_place() {
    let finder = finder_with_dump("inside-name", &[&dump_row(9_000_004, "Baba", "", 11.82, -6.63, 0)]);
    let a = article("Gunmen shot dead Baba Ag Adobent, a CMA officer, near Kidal on Monday.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let m = finder.find(&doc);
    assert!(m.entities.iter().any(|e| e.span.of(doc.text) == "Baba Ag Adobent"), "{:?}", m.entities);
    assert!(!m.places.iter().any(|p| p.span.of(doc.text) == "Baba"), "{:?}", m.places);
}

fn readings(text: &str) -> Vec<(String, EventType, Option<String>)> {
    with_mentions(text, |doc, m| {
        m.triggers
            .iter()
            .map(|t| (t.span.of(doc.text).to_string(), t.event_type, t.acled_sub.as_deref().map(str::to_string)))
            .collect()
    })
}

#[test]
fn what_is_captured_decides_what_capturing_is() {
    let town = readings("Government forces captured the town of Gao.");
    assert_eq!(town[0].1, EventType::SeizureOfTerritory, "{town:?}");
    let named = readings("Militants captured Kidal after heavy fighting.");
    assert_eq!(named[0].1, EventType::SeizureOfTerritory, "{named:?}");
    let person = readings("Soldiers captured a senior commander.");
    assert_eq!(person[0].1, EventType::Arrest, "{person:?}");
    let rifles = readings("Police captured 40 rifles and ammunition.");
    assert_eq!(rifles[0].2.as_deref(), Some("Disrupted weapons use"), "{rifles:?}");
    // Goods that are no weapons leave a seizure no trigger at all.
    assert!(readings("Customs officers seized cosmetics.").is_empty());
}

#[test]
fn destroying_disrupts_only_the_weapon_it_destroys() {
    let destroyed = readings("Soldiers destroyed 23 IEDs near Gao.");
    assert!(destroyed.iter().any(|r| r.2.as_deref() == Some("Disrupted weapons use")), "{destroyed:?}");
    let blast = readings("A vehicle was destroyed with an IED near Gao.");
    assert!(blast.iter().all(|r| r.2.is_none()), "{blast:?}");
}

#[test]
fn names_and_riot_police_are_not_events() {
    // "a March 2018 attack": a month, not a march.
    assert!(readings("Investigators found that gas was used in a March 2018 report.")
        .iter()
        .all(|r| r.1 != EventType::Protest));
    assert!(readings("Riot police stood by outside the embassy.").is_empty());
}

#[test]
fn a_longer_phrase_that_is_no_whole_word_does_not_hide_a_shorter_one() {
    // "ied attack" begins "IED attacks" but does not end on a word boundary there.
    with_mentions("IED attacks were reported against army vehicles on April 24 near Gao.", |doc, m| {
        let words: Vec<&str> = m.triggers.iter().map(|t| t.span.of(doc.text)).collect();
        assert!(words.contains(&"attacks"), "{words:?}");
    });
}

#[test]
fn a_homonym_nearest_the_story_other_places_wins() {
    let rows = [
        dump_row_in(9_000_011, "Sokoura", "", 15.70, -4.11, 900, "07"),
        dump_row_in(9_000_012, "Sokoura", "", 13.50, -3.77, 0, "06"),
        dump_row_in(9_000_013, "Kanibonzon", "", 13.62, -3.60, 0, "06"),
    ];
    let finder = finder_with_dump("homonyms", &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let a = article("Gunmen killed a forest guard at the market in Sokoura, near Kanibonzon, on Monday.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let m = finder.find(&doc);
    let p = m.places.iter().find(|p| p.span.of(doc.text) == "Sokoura").expect("Sokoura");
    assert_eq!(finder.gazetteer.place(p.place.unwrap()).geonames_id, 9_000_012);
}

#[test]
fn a_bearing_from_a_place_names_that_place() {
    with_mentions("Militants ambushed a convoy 20 km north of Kelbadou on Monday.", |doc, m| {
        assert!(m.places.iter().any(|p| p.span.of(doc.text) == "Kelbadou"), "{:?}", m.places);
    });
}

#[test]
fn a_named_village_is_a_place_and_a_distance_makes_a_landmark() {
    with_mentions("Gunmen attacked the Tinzana village, 18 km from Gao, and left.", |doc, m| {
        let got: Vec<(&str, bool, bool)> =
            m.places.iter().map(|p| (p.span.of(doc.text), p.place.is_some(), p.is_reference)).collect();
        assert_eq!(got, [("Tinzana", false, false), ("Gao", true, false)]);
        assert!(m.places[0].landmark.is_some());
    });
}

#[test]
fn a_place_and_its_landmark_take_the_homonyms_that_lie_together() {
    // Two villages called Taba and two called Dialloube; only one pair lies within a day's walk.
    let rows = [
        dump_row(9_000_011, "Taba", "", 14.00, -10.00, 0),
        dump_row(9_000_012, "Taba", "", 14.60, -4.10, 0),
        dump_row(9_000_013, "Dialloube", "", 16.36, -3.55, 0),
        dump_row(9_000_014, "Dialloube", "", 14.65, -4.12, 0),
    ];
    let finder = finder_with_dump("landmark-pair", &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let a = article("An IED struck a cart in the area of Taba near Dialloube in Mali on Monday.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let m = finder.find(&doc);
    let id = |name: &str| {
        let p = m.places.iter().find(|p| p.span.of(doc.text) == name).expect(name);
        finder.gazetteer.place(p.place.expect("resolved")).geonames_id
    };
    assert_eq!((id("Taba"), id("Dialloube")), (9_000_012, 9_000_014));
}

#[test]
fn a_quarter_named_before_its_town_and_a_particle_before_a_hyphen_are_no_places_of_their_own() {
    let rows = [
        dump_row_in(9_000_020, "Kidal", "", 18.4411, 1.4078, 25_000, "10"),
        dump_row_in(9_000_021, "Etambar", "", 18.4389, 1.4041, 0, "10"),
        dump_row_in(9_000_022, "Tin", "", 13.74, -5.91, 0, "05"),
        dump_row_in(9_000_023, "Hama", "", 14.87, -11.45, 0, "03"),
    ];
    let finder = finder_with_dump("quarter", &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let a = article(
        "Women protested in Etambar, Kidal on Monday. Gunmen attacked a post in Tin-Hama in Mali. \
         A soldier died in IED blast.",
        "2025-06-12",
    );
    let doc = Document::new(&a, &Tokenizer::new());
    let m = finder.find(&doc);
    let got: Vec<(&str, bool)> = m.places.iter().map(|p| (p.span.of(doc.text), p.is_reference)).collect();
    assert!(got.contains(&("Etambar", true)) && got.contains(&("Kidal", false)), "{got:?}");
    assert!(!got.iter().any(|(n, _)| *n == "Hama" || *n == "IED"), "{got:?}");
}

#[test]
fn property_nouns_are_things_hit() {
    with_mentions("Rebels burned an ambulance, a station wagon and two businesses near the oil terminal.", |doc, m| {
        let things: Vec<&str> = m.actors.iter().filter(|a| a.is_property()).map(|a| a.span.of(doc.text)).collect();
        assert_eq!(things, ["ambulance", "station wagon", "businesses", "oil terminal"]);
    });
}

#[test]
fn one_blue_helmet_is_a_peacekeeper() {
    with_mentions("Gunmen attacked the camp, killing a soldier and a Blue Helmet.", |doc, m| {
        assert!(
            m.actors.iter().any(|a| a.span.of(doc.text) == "Blue Helmet" && a.kind == ActorKind::Peacekeepers),
            "{:?}",
            m.actors
        );
        assert!(m.places.iter().all(|p| !p.span.of(doc.text).starts_with("Blue")));
    });
}

#[test]
fn among_homonyms_reached_by_alternate_names_the_closest_spelling_wins() {
    let rows = [
        dump_row_in(9_000_031, "Dyaloubé", "Dialloube", 16.36, -3.55, 0, "08"),
        dump_row_in(9_000_032, "Dialoubé", "Dialloube", 15.02, -4.23, 0, "04"),
    ];
    let finder = finder_with_dump("spelling", &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let a = article("Gunmen abducted four aid workers in Dialloube in Mali on Monday.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let m = finder.find(&doc);
    let p = m.places.iter().find(|p| p.span.of(doc.text) == "Dialloube").expect("Dialloube");
    assert_eq!(finder.gazetteer.place(p.place.unwrap()).geonames_id, 9_000_032);
}

#[test]
fn passive_killing_takes_no_date_as_object() {
    let got = counts("Gunmen abducted two herders near the village. The two were killed the following day.");
    assert!(got.iter().any(|c| c.0 == Counted::Killed && c.1 == Some(2)), "{got:?}");
}

#[test]
fn a_body_of_one_is_one_dead() {
    let got = counts("Soldiers clashed with militants near the town, the body of one assailant was found.");
    assert_eq!(got.iter().filter(|c| c.0 == Counted::Killed).map(|c| c.1).collect::<Vec<_>>(), [Some(1)]);
}

#[test]
fn headline_victims_past_adverbs_hyphens_and_companions() {
    let killed = |t: &str| counts(t).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum::<u64>();
    assert_eq!(killed("Teacher reportedly beheaded by jihadists today in the village."), 1);
    assert_eq!(killed("Driver of the governor's anti-drug unit assassinated at his home."), 1);
    assert_eq!(killed("Customs officer and his driver killed by unknown gunmen near the town."), 2);
    assert_eq!(killed("Trader killed and a shepherd abducted by gunmen in the village."), 1);
    assert_eq!(killed("Trader and soldiers killed by gunmen in the village."), 0);
    assert_eq!(killed("Soldier shot dead by gunmen at the market."), 1);
    assert_eq!(killed("Trader found dead in the village after the raid."), 1);
}

#[test]
fn a_conjunction_inside_a_listed_victim_joins_no_second_one() {
    let killed = |t: &str| counts(t).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum::<u64>();
    assert_eq!(killed("On Monday, a JNIM and GATIA commander, a chief of the militia and four others were killed."), 6);
}

#[test]
fn neutralised_counts_people_only() {
    let killed = |t: &str| counts(t).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum::<u64>();
    assert_eq!(killed("Airstrikes hit the forest. Fifteen militants were neutralised."), 15);
    assert_eq!(killed("Three explosive devices were neutralised by the engineers."), 0);
}

#[test]
fn a_bare_singular_noun_after_a_killing_verb_is_one_victim() {
    let killed = |t: &str| counts(t).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum::<u64>();
    assert_eq!(killed("Militants abducted and later executed Fulani notable in the village."), 1);
    assert_eq!(killed("Gunmen assassinated militia commander Ali Maiga also called Tiger at a market."), 1);
}

#[test]
fn a_toll_dated_to_an_earlier_year_in_a_relative_clause_is_background() {
    // The test article is published in 2025.
    let killed = |t: &str| counts(t).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum::<u64>();
    assert_eq!(
        killed("Soldiers arrested the organiser of the hotel attack which left 12 people dead in June 2019."),
        0
    );
    assert_eq!(killed("Gunmen attacked the hotel, which left 12 people dead in June 2025."), 12);
}

#[test]
fn people_held_or_carried_then_killed_are_counted_once() {
    let killed = |t: &str| counts(t).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum::<u64>();
    assert_eq!(
        killed("The army arrested five men in the village, the corpses of those arrested were found in a well."),
        5
    );
    assert_eq!(killed("Gunmen stopped a bus carrying six traders, the passengers were robbed and executed."), 6);
    assert_eq!(killed("Gunmen stopped a bus carrying six traders, the passengers were robbed and released."), 0);
}

#[test]
fn a_reported_death_of_one_is_one_dead() {
    let killed = |t: &str| counts(t).iter().filter(|c| c.0 == Counted::Killed).filter_map(|c| c.1).sum::<u64>();
    assert_eq!(killed("The army announced the death of a soldier in an ambush near the town."), 1);
    assert_eq!(killed("Youths protested over the death of a student near the town."), 0);
}

#[test]
fn a_feed_settles_a_homonym_the_text_leaves_open_in_the_region_it_reports_from() {
    // Two villages called Kolimbara, in regions 03 and 04; the feed reports from region 04.
    let rows = [
        dump_row_in(9_100_001, "Kolimbara", "", 13.02, -11.05, 0, "03"),
        dump_row_in(9_100_002, "Kolimbara", "", 14.52, -4.01, 0, "04"),
        dump_row_in(9_100_003, "Zendoubi", "", 14.61, -3.92, 0, "04"),
        dump_row_in(9_100_004, "Sarkatogo", "", 14.22, -4.23, 0, "04"),
        dump_row_in(9_100_005, "Wendemba", "", 14.93, -3.54, 0, "04"),
        dump_row_in(9_100_006, "Oulankoro", "", 12.70, -10.80, 0, "03"),
    ];
    let finder = finder_with_dump("feed-map", &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let texts = [
        "Gunmen attacked the village of Zendoubi in Mali on Monday.",
        "Militants burned a granary in Sarkatogo in Mali on Tuesday.",
        "Soldiers clashed with militants near Wendemba in Mali.",
        "Gunmen killed a shepherd in Kolimbara in Mali on Friday.",
        "Armed men stole cattle in Oulankoro in Mali.",
    ];
    let articles: Vec<Article> = texts.iter().map(|t| article(t, "2025-06-12")).collect();
    let tokenizer = Tokenizer::new();
    let docs: Vec<Document> = articles.iter().map(|a| Document::new(a, &tokenizer)).collect();
    let found: Vec<Mentions> = docs.iter().map(|d| finder.find(d)).collect();
    let g = &finder.gazetteer;
    let kolimbara = |m: &Mentions, doc: &Document| {
        let p = m.places.iter().find(|p| p.span.of(doc.text) == "Kolimbara").expect("Kolimbara").clone();
        (g.place(p.place.expect("resolved")).geonames_id, p.homonyms.len())
    };
    // Alone, the story cannot tell the two apart: the gazetteer's first stands, and stays open.
    assert_eq!(kolimbara(&found[3], &docs[3]), (9_100_001, 2));
    let feed = FeedMap::learn(g, found[..4].iter().map(|m| m.places.as_slice()));
    assert_eq!(feed.towns(), 3, "the open homonym teaches nothing");
    let mut settled = found[3].clone();
    feed.settle(g, &mut settled.places);
    assert_eq!(kolimbara(&settled, &docs[3]).0, 9_100_002);
    // A feed that reports from both regions alike leaves the gazetteer's order alone.
    let even = FeedMap::learn(g, [&found[0], &found[4]].into_iter().map(|m| m.places.as_slice()));
    let mut alone = found[3].clone();
    even.settle(g, &mut alone.places);
    assert_eq!(kolimbara(&alone, &docs[3]).0, 9_100_001);
}

#[test]
fn a_hamlet_only_a_foreign_dump_knows_is_no_evidence_against_the_feed_country() {
    let row =
        "9400001\tKassoumbi\tKassoumbi\t\t15.37\t-13.65\tP\tPPL\tSN\t\t09\t\t\t\t0\t\t30\tAfrica/Dakar\t2013-04-04";
    let finder = finder_with_dump("lonely-hamlet", &[row]);
    let a = article("Gunmen killed two herders near the village of Kassoumbi on Monday.", "2025-06-12");
    let resolved = |prior: &[&str]| {
        let mut doc = Document::new(&a, &Tokenizer::new());
        doc.country_prior = prior.iter().map(|c| c.to_string()).collect();
        let m = finder.find(&doc);
        let p = m.places.iter().find(|p| p.span.of(doc.text) == "Kassoumbi").expect("the name is kept").clone();
        p.place.map(|id| finder.gazetteer.place(id).country_code.clone())
    };
    // Read alone, the hamlet is the only place known by that name.
    assert_eq!(resolved(&[]).as_deref(), Some("SN"));
    // In a feed about Mali that names nothing else of Senegal, it is a village the dumps lack.
    assert_eq!(resolved(&["ML"]), None);
}

#[test]
fn a_town_in_brackets_may_stand_for_its_district_in_the_same_region() {
    // Tinzaket lies 80 km from Abarkoum: too far for a commune, not for a desert district.
    let rows = [
        dump_row_in(9_500_001, "Tinzaket", "", 19.30, 1.00, 0, "10"),
        dump_row_in(9_500_002, "Abarkoum", "", 20.02, 1.00, 0, "10"),
        dump_row_in(9_500_003, "Ouadjenka", "", 20.02, 3.00, 0, "09"),
        dump_row_in(9_500_004, "Zimbaket", "", 19.30, 3.00, 0, "10"),
    ];
    let finder = finder_with_dump("district", &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let place_of = |text: &str, name: &str| {
        let a = article(text, "2025-06-12");
        let doc = Document::new(&a, &Tokenizer::new());
        let m = finder.find(&doc);
        let p = m.places.iter().find(|p| p.span.of(doc.text) == name).expect("the village").clone();
        (
            p.place.map(|id| finder.gazetteer.place(id).geonames_id),
            p.landmark.map(|id| finder.gazetteer.place(id).geonames_id),
        )
    };
    assert_eq!(place_of("Gunmen attacked a post in Tinzaket (Abarkoum) in Mali.", "Tinzaket"), (Some(9_500_001), None));
    // Another region's town is no district of the village: the text's landmark locates it.
    assert_eq!(
        place_of("Gunmen attacked a post in Zimbaket (Ouadjenka) in Mali.", "Zimbaket"),
        (None, Some(9_500_003))
    );
}

#[test]
fn a_town_and_the_word_for_its_area_is_the_town() {
    let finder = finder_with_dump("area-word", &[&dump_row_in(9_600_001, "Tamboukoro", "", 13.0, -6.2, 0, "05")]);
    let a =
        article("Gendarmerie post in Tamboukoro Region attacked by unknown gunmen, a vehicle seized.", "2025-06-12");
    let doc = Document::new(&a, &Tokenizer::new());
    let m = finder.find(&doc);
    assert!(
        m.entities
            .iter()
            .any(|e| e.span.of(doc.text) == "Tamboukoro Region" && e.label == crate::tagger::EntityType::Loc),
        "{:?}",
        m.entities
    );
    let p = m.places.iter().find(|p| p.span.of(doc.text) == "Tamboukoro").expect("the town");
    assert_eq!(p.place.map(|id| finder.gazetteer.place(id).geonames_id), Some(9_600_001));
}

#[test]
fn places_coordinated_with_an_origin_are_origins_too() {
    with_mentions("Jets were sent from Gao and Niamey after the attack on Timbuktu.", |doc, m| {
        let got: Vec<(&str, bool)> = m.places.iter().map(|p| (p.span.of(doc.text), p.is_endpoint)).collect();
        assert_eq!(got, [("Gao", true), ("Niamey", true), ("Timbuktu", false)]);
    });
}
