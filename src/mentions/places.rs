//! Place mentions: gazetteer matches disambiguated by the article's country context, plus
//! unknown toponyms after a locative ("in Boulkessi") that no gazetteer file knows, plus the
//! entity tagger's place names.

use super::actors::ActorMention;
use super::gazetteer::{Gazetteer, NameMatch, PlaceId, PlaceKind};
use super::vocab::ActorKind;
use crate::tagger::{EntitySpan, EntityType};
use crate::text::{fold, Document, Span};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub span: Span,
    /// The resolved gazetteer place; `None` for an unknown toponym.
    pub place: Option<PlaceId>,
    pub kind: Option<PlaceKind>,
    pub country_code: Option<String>,
    /// A reference point rather than where something happened ("10 km from the Burkina Faso border",
    /// "evacuated to Niamey").
    pub is_reference: bool,
    /// Where people or things came from or went to ("a truck leaving Gao", "flown to Niamey"), or
    /// whose office someone holds ("the mayor of Boni"): not the place of the event, but the best
    /// clue left when a report names no other.
    pub is_endpoint: bool,
    /// For a name no gazetteer place answers to, the known place the text locates it by
    /// ("Funtonde, 8 km from Boni", "Kora, in the commune of Sougoulbe"): where to put it on a map.
    pub landmark: Option<PlaceId>,
    /// Homonyms in one country that the text gives no means to tell apart (several villages
    /// called Mamba, none near another place the story names), `place` among them; empty when
    /// the name is unambiguous or the text decided. A batch settles them by [`FeedMap`].
    pub homonyms: Vec<PlaceId>,
}

impl PlaceMention {
    /// A name no gazetteer place answers to (yet): where people went to or came from is a
    /// reference point, not the event's place.
    fn unknown(doc: &Document, span: Span) -> Self {
        let endpoint = is_endpoint(doc, span);
        PlaceMention {
            span,
            place: None,
            kind: None,
            country_code: None,
            is_reference: endpoint,
            is_endpoint: endpoint,
            landmark: None,
            homonyms: Vec::new(),
        }
    }
}

/// How often each country is named in the article, by name, demonym or a town known to lie in it.
pub type CountryContext = HashMap<String, f64>;

/// How far from the towns its story names a village found by its nearest spelling may lie.
const NEAR_KM: f64 = 250.0;

const LOCATIVES: &[&str] =
    &["in", "at", "near", "outside", "around", "of", "into", "inside", "towards", "toward", "from", "between", "on"];
const SETTLEMENT_NOUNS: &[&str] = &[
    "town",
    "village",
    "city",
    "commune",
    "cercle",
    "locality",
    "district",
    "area",
    "region",
    "province",
    "hamlet",
    "camp",
    "settlement",
    // "north of Tessalit", "the outskirts of Gao": where, told by its bearing from a place.
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "outskirts",
    "vicinity",
];
/// Sites named after the town they are in.
const FACILITY_NOUNS: &[&str] = &[
    "airport",
    "airfield",
    "airbase",
    "camp",
    "base",
    "barracks",
    "market",
    "hospital",
    "prison",
    "school",
    "university",
    "stadium",
    "bridge",
    "mosque",
    "church",
    "station",
    "dam",
    "port",
    "checkpoint",
    "hotel",
];
const NOT_PLACES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "operation",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "some",
    "all",
    "addition",
    "response",
    "total",
    "islam",
    "god",
    "allah",
    "parliament",
    "congress",
    "court",
    "ramadan",
    "eid",
];

/// `entities` are the names the entity tagger found. Its place names are candidates where the
/// gazetteer matched nothing, kept after a locative or when a spelling of the story's countries
/// is near enough; its persons veto town names inside them ("Amadou Kouffa").
pub fn find(
    doc: &Document,
    gazetteer: &Gazetteer,
    actors: &[ActorMention],
    entities: &[EntitySpan],
) -> (Vec<PlaceMention>, CountryContext) {
    let mut matches: Vec<_> = gazetteer
        .find(doc.text, &doc.folded, doc.casing)
        .into_iter()
        // A group's name or an actor noun ("Dozos") is no place, whatever town shares it; a
        // place's name may end in one ("Menaka Airport").
        .filter(|m| !actors.iter().any(|a| a.span.overlaps(m.span) && !(m.span.contains(a.span) && m.span != a.span)))
        .collect();
    // "Mocimboa da Praia": one place whose tail is another place's name.
    let mut i = 0;
    while i + 1 < matches.len() {
        let gap = &doc.text[matches[i].span.end..matches[i + 1].span.start];
        if matches!(gap, " da " | " de " | " do " | " du " | " des " | " al-" | " el-" | " al " | " el " | " di ") {
            matches[i].span = Span::new(matches[i].span.start, matches[i + 1].span.end);
            matches.remove(i + 1);
        } else {
            i += 1;
        }
    }
    // "Tin Korazeyna": a town's name that only begins a longer name the tagger reads as one place
    // is part of that name, which is looked up whole below. So it is after a locative when the
    // tagger reads the longer name as a person's or a group's ("in Kani Kombole", "the hamlet of
    // Oumarou Hamidou"): villages are often named after people.
    // "Dioro Region", "Gao Cercle": a town and the word for its area is still the town; so is
    // the town with the people of one of its quarters ("Naye Dogon").
    let area_word = |e: &EntitySpan, m: &NameMatch| {
        let rest = doc.text[m.span.end..e.span.end].trim().to_lowercase();
        SETTLEMENT_NOUNS.contains(&rest.as_str())
            || rest == "circle"
            || gazetteer.is_qualifier(&fold(rest.trim_start_matches('-')))
    };
    // "the Aguelhok-Tessalit road": two towns joined, each its own name.
    let town_starts: Vec<usize> = matches
        .iter()
        .filter(|n| n.candidates.iter().any(|&id| gazetteer.place(id).kind == PlaceKind::Town))
        .map(|n| n.span.start)
        .collect();
    let joined_to_town =
        |m: &NameMatch| doc.text[m.span.end..].starts_with('-') && town_starts.contains(&(m.span.end + 1));
    let begins_town = |e: &EntitySpan, m: &NameMatch| {
        e.span.start == m.span.start
            && e.span.end > m.span.end
            && !area_word(e, m)
            && !joined_to_town(m)
            && m.candidates.iter().all(|&id| gazetteer.place(id).kind == PlaceKind::Town)
    };
    let mut located_names: Vec<Span> = Vec::new();
    if !doc.casing.is_degraded() {
        for e in entities {
            let named_place = e.label == EntityType::Loc
                || (matches!(e.label, EntityType::Per | EntityType::Org)
                    && !super::entities::is_place_name(doc, e)
                    && introduced_as_place(doc, e.span.start));
            if named_place && matches.iter().any(|m| begins_town(e, m)) {
                if e.label != EntityType::Loc {
                    located_names.push(e.span);
                }
                matches.retain(|m| !begins_town(e, m));
            }
        }
    }
    // A name the tagger reads as a place is looked up even where the matcher passes over it: short
    // or ordinary-looking names in a text without capitals ("attacked in gao"). Such a lookup is
    // no evidence of the story's country: it only joins the matches after the context is read.
    let mut tagged_matches = Vec::new();
    for e in entities.iter().filter(|e| e.label == EntityType::Loc || located_names.contains(&e.span)) {
        // A word the gazetteer is told never to match ("Bambara", the people) is no more a place
        // when the tagger reads it as one.
        if matches.iter().any(|m| m.span.overlaps(e.span))
            || actors.iter().any(|a| a.named && a.span.overlaps(e.span))
            || gazetteer.is_stopword(&fold(e.span.of(doc.text)))
        {
            continue;
        }
        let candidates = gazetteer.lookup(e.span.of(doc.text));
        if !candidates.is_empty() {
            tagged_matches.push(NameMatch { span: e.span, candidates: candidates.to_vec() });
        }
    }
    let mut context: CountryContext = HashMap::new();
    // What each village name of no known population adds for its country, by folded name.
    let mut villages: HashMap<(String, String), f64> = HashMap::new();
    for m in &matches {
        let codes: std::collections::BTreeSet<&str> =
            m.candidates.iter().map(|&id| gazetteer.place(id).country_code.as_str()).collect();
        let weight =
            if m.candidates.iter().any(|&id| gazetteer.place(id).kind == PlaceKind::Country) { 1.0 } else { 0.5 };
        // "close to the border with Burkina Faso": a frontier says the story is near that country,
        // and as often on the other side of it; half the evidence.
        let weight = if is_reference_point(doc, m.span) && !is_endpoint(doc, m.span) { weight * 0.5 } else { weight };
        // Only a name that is the place's own counts as evidence of its country: an alternate
        // name may be a foreign spelling that collides with a local one.
        let own_name = m.candidates.iter().any(|&id| fold(&gazetteer.place(id).name) == fold(m.span.of(doc.text)));
        // A sentence's first word has its capital anyway ("Young man beheaded…").
        let weak = weight < 1.0 && opens_sentence(doc, m.span) && !m.span.of(doc.text).contains(' ');
        if codes.len() == 1 && own_name && !weak {
            let cc = codes.into_iter().next().unwrap().to_string();
            *context.entry(cc.clone()).or_default() += weight;
            let village = m.candidates.iter().all(|&id| {
                let p = gazetteer.place(id);
                p.kind == PlaceKind::Town && p.population == 0
            });
            if village {
                *villages.entry((cc, fold(m.span.of(doc.text)))).or_default() += weight;
            }
        }
    }
    // Foreign forces ("French forces of Operation Barkhane") say who came, not where.
    let foreign = |s: Span| {
        actors.iter().any(|a| {
            a.span.contains(s)
                && matches!(a.kind, ActorKind::ForeignMilitary | ActorKind::Peacekeepers | ActorKind::PrivateMilitary)
        })
    };
    for (span, cc) in gazetteer.find_demonyms(doc.text, &doc.tokens, doc.casing) {
        if !foreign(span) {
            *context.entry(cc.to_string()).or_default() += 0.7;
        }
    }
    for a in actors.iter().filter(|a| {
        a.named && !matches!(a.kind, ActorKind::ForeignMilitary | ActorKind::Peacekeepers | ActorKind::PrivateMilitary)
    }) {
        if let Some(cc) = &a.country {
            *context.entry(cc.clone()).or_default() += 0.3;
        }
    }
    for cc in &doc.country_prior {
        *context.entry(cc.clone()).or_default() += 1.0;
    }
    // A hamlet that only a foreign dump knows, in a story from a feed about other countries that
    // says nothing else of the hamlet's own, is a local village the dumps lack far more often
    // than a trip abroad: it is no evidence of its country, and the foreign check below keeps
    // its name without that place.
    let about_another = |cc: &str| !doc.country_prior.is_empty() && !doc.country_prior.iter().any(|c| c == cc);
    let lonely: Vec<(String, f64)> = villages
        .iter()
        .filter(|((cc, _), &w)| context.get(cc).is_some_and(|&total| total - w < 0.25) && about_another(cc))
        .map(|((cc, _), &w)| (cc.clone(), w))
        .collect();
    for (cc, w) in lonely {
        if let Some(total) = context.get_mut(&cc) {
            *total -= w;
            if *total < 0.25 {
                context.remove(&cc);
            }
        }
    }
    let total: f64 = context.values().sum::<f64>().max(1.0);
    matches.extend(tagged_matches);
    matches.sort_by_key(|m| m.span.start);
    let mut out = Vec::new();
    for m in &matches {
        if is_part_of_person_name(doc, m, gazetteer)
            || is_capitalised_word(doc, m, gazetteer)
            || names_fighters(doc, m, gazetteer, actors)
            || in_tagged_person(doc, m, gazetteer, entities)
            || super::entities::names_an_operation(doc, m.span)
            || names_an_aircraft(doc, m.span)
        {
            continue;
        }
        let follows = next_word(doc, m.span.end);
        // "the cercle of Koro", "Koro Cercle": a district, which is told by its seat rather than
        // by a namesake village.
        let division = |w: &str| DISTRICT_WORDS.contains(&w) || w == "prefecture";
        let before = prev_words(doc, m.span.start, 2);
        let follows = if division(&follows) || (before.len() == 2 && division(&before[0]) && before[1] == "of") {
            "district".to_string()
        } else {
            follows
        };
        let surface = fold(m.span.of(doc.text));
        // Each candidate scored once; on a tie the earlier place wins.
        let scored: Vec<(f64, PlaceId)> = m
            .candidates
            .iter()
            .map(|&id| {
                let seat = names_its_district(gazetteer, id, &m.candidates);
                (score(gazetteer, id, &context, total, &follows, &surface, seat), id)
            })
            .collect();
        let (top, best) = scored
            .iter()
            .copied()
            .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(b.1.cmp(&a.1)))
            .expect("a name match has candidates");
        let place = gazetteer.place(best);
        // Villages of one name and one standing in one country: nothing here tells them apart.
        let homonyms = open_homonyms(
            scored
                .iter()
                .filter(|(s, id)| {
                    let p = gazetteer.place(*id);
                    (top - s).abs() < 1e-9 && p.kind == PlaceKind::Town && p.country_code == place.country_code
                })
                .map(|&(_, id)| id)
                .collect(),
        );
        // A foreign town reached only through one of its alternate names ("Koro" for Coro,
        // Venezuela), or a foreign region ("Eastern", Fiji), in an article about other countries:
        // keep the name, not that place.
        let foreign = place.kind != PlaceKind::Country
            && !context.is_empty()
            && !context.contains_key(&place.country_code)
            && (fold(m.span.of(doc.text)) != fold(&place.name) || place.population < 500_000);
        if foreign {
            if opens_sentence(doc, m.span) && !m.span.of(doc.text).contains(' ') {
                continue;
            }
            out.push(PlaceMention {
                span: m.span,
                place: None,
                kind: None,
                country_code: None,
                is_reference: is_reference_point(doc, m.span),
                is_endpoint: is_endpoint(doc, m.span),
                landmark: None,
                homonyms: Vec::new(),
            });
            continue;
        }
        out.push(PlaceMention {
            span: m.span,
            place: Some(best),
            kind: Some(place.kind),
            country_code: Some(place.country_code.clone()),
            is_reference: is_reference_point(doc, m.span) || place.is_stream(),
            is_endpoint: is_endpoint(doc, m.span),
            landmark: None,
            homonyms,
        });
    }
    prefer_neighbours(doc, gazetteer, &matches, &mut out);
    if !doc.casing.is_degraded() {
        out.extend(unknown_toponyms(doc, &out, actors, gazetteer));
    }
    // Tagged names no locative introduces are kept only if the gazetteer resolves them.
    let mut must_resolve: Vec<Span> = Vec::new();
    for span in super::entities::places(doc, entities).chain(located_names.iter().copied()) {
        let folded = fold(span.of(doc.text));
        if out.iter().any(|p| p.span.overlaps(span))
            || actors.iter().any(|a| a.span.overlaps(span))
            || before_fighters(doc, span, actors)
            || NOT_PLACES.contains(&folded.as_str())
            || gazetteer.is_stopword(&folded)
            || folded.len() < 3
            || names_an_aircraft(doc, span)
        {
            continue;
        }
        if !introduced_as_place(doc, span.start) {
            must_resolve.push(span);
        }
        out.push(PlaceMention::unknown(doc, span));
    }
    // A name no file spells this way: the nearest spelling in the countries the story is about.
    let mut ranked: Vec<(&String, &f64)> = context.iter().collect();
    ranked.sort_by(|a, b| b.1.partial_cmp(a.1).unwrap().then(a.0.cmp(b.0)));
    let countries: Vec<String> = ranked.iter().take(2).map(|(c, _)| (*c).clone()).collect();
    // "10 km from the Burkina Faso border": not in Burkina Faso.
    let frontiers: Vec<(Option<usize>, String)> = out
        .iter()
        .filter(|p| p.is_reference && !p.is_endpoint && p.kind == Some(PlaceKind::Country))
        .filter_map(|p| p.country_code.clone().map(|c| (doc.sentence_at(p.span.start), c)))
        .collect();
    // A nearest spelling is a guess: where the story names other towns or regions, only one that
    // lies among them (a misspelt village is near the towns its story names, while a name the
    // dumps lack is all too often one letter from a marsh at the far end of the country).
    let towns: Vec<&super::gazetteer::Place> = out
        .iter()
        .filter(|p| !p.is_reference && p.kind == Some(PlaceKind::Town))
        .filter_map(|p| p.place.map(|id| gazetteer.place(id)))
        .collect();
    let regions: Vec<&super::gazetteer::Place> = out
        .iter()
        .filter(|p| !p.is_reference && matches!(p.kind, Some(PlaceKind::Admin1 | PlaceKind::Admin2)))
        .filter_map(|p| p.place.map(|id| gazetteer.place(id)))
        .collect();
    let among = |c: &super::gazetteer::Place| {
        let mut towns = towns.iter().filter(|t| t.country_code == c.country_code).peekable();
        let mut regions = regions.iter().filter(|r| r.country_code == c.country_code).peekable();
        (towns.peek().is_none() && regions.peek().is_none())
            || towns.any(|t| c.distance_km(t).is_some_and(|d| d <= NEAR_KM))
            || regions.any(|r| r.admin1_code == c.admin1_code)
    };
    for p in out.iter_mut().filter(|p| p.place.is_none()) {
        let sentence = doc.sentence_at(p.span.start);
        let here: Vec<String> =
            countries.iter().filter(|c| !frontiers.iter().any(|(s, f)| *s == sentence && f == *c)).cloned().collect();
        let nearest = gazetteer.fuzzy(p.span.of(doc.text), &here, among);
        if let Some(&id) = nearest.first() {
            let place = gazetteer.place(id);
            p.place = Some(id);
            p.kind = Some(place.kind);
            p.country_code = Some(place.country_code.clone());
            // Spellings as near as each other: villages of a country the feed may tell apart.
            p.homonyms = open_homonyms(
                nearest
                    .into_iter()
                    .filter(|&h| {
                        let other = gazetteer.place(h);
                        other.kind == PlaceKind::Town && other.country_code == place.country_code
                    })
                    .collect(),
            );
        } else if !p.is_reference && p.country_code.is_none() {
            // A village no file knows lies, as far as anyone can tell, in the country its story
            // is most about (but for a frontier its sentence names).
            p.country_code = here.first().cloned();
        }
    }
    // A tagged name that no gazetteer spelling resembles and no locative introduces is as often
    // a channel, a brand or a ship as a place.
    out.retain(|p| p.place.is_some() || !must_resolve.contains(&p.span));
    out.sort_by_key(|p| p.span.start);
    // "deployed from Gao and Niamey": a place coordinated with an endpoint is one too.
    for j in 1..out.len() {
        let (before, after) = out.split_at_mut(j);
        let (prev, next) = (&before[j - 1], &mut after[0]);
        if prev.is_endpoint && !next.is_endpoint && next.span.start >= prev.span.end {
            let between = doc.text[prev.span.end..next.span.start].trim();
            if matches!(between, "and" | "or" | ",") {
                next.is_endpoint = true;
                next.is_reference |= prev.is_reference;
            }
        }
    }
    // "Kidal's Anefis area": the town or region whose place the next one is, not where it was.
    for j in 1..out.len() {
        let (before, after) = out.split_at_mut(j);
        let (owner, owned) = (&mut before[j - 1], &mut after[0]);
        if owned.span.start >= owner.span.end
            && matches!(&doc.text[owner.span.end..owned.span.start], "'s " | "’s ")
            && owner.place.is_some()
        {
            owner.is_reference = true;
            if owned.place.is_none() {
                owned.landmark = owner.place;
            }
        }
    }
    let mut decided = fit_route_ends(doc, gazetteer, &matches, &mut out);
    decided.extend(fit_to_landmarks(doc, gazetteer, &matches, &mut out));
    one_place_per_name(doc, gazetteer, &decided, &mut out);
    (out, context)
}

/// Words for a second-level division that is told by its seat ("the cercle of Koro").
const DISTRICT_WORDS: &[&str] = &["cercle", "circle", "district"];

/// A mention's candidate places: the matcher's, and the one it resolved to.
fn candidates_of(matches: &[NameMatch], p: &PlaceMention) -> Vec<PlaceId> {
    let mut c: Vec<PlaceId> =
        matches.iter().find(|m| m.span == p.span).map(|m| m.candidates.clone()).unwrap_or_default();
    c.extend(p.place.filter(|id| !c.contains(id)));
    c
}

/// Whether two place mentions are named as a pair in one sentence: "T and U", "T & U", "T-U".
fn named_as_pair(doc: &Document, first: &PlaceMention, second: &PlaceMention) -> bool {
    second.span.start >= first.span.end
        && doc.sentence_at(first.span.start).is_some()
        && doc.sentence_at(first.span.start) == doc.sentence_at(second.span.start)
        && matches!(doc.text[first.span.end..second.span.start].trim(), "and" | "&" | "-")
}

/// Whether a pair of places names the ends of a route: "between Boulouli and Bougaria", "axis
/// Diabaly-Nampala", "the Boni-Hombori road" (its ends before the word for it).
fn names_a_route(doc: &Document, first: &PlaceMention, second: &PlaceMention) -> bool {
    if !named_as_pair(doc, first, second) {
        return false;
    }
    let opener = prev_words(doc, first.span.start, 1).pop().unwrap_or_default();
    let closer = next_word(doc, second.span.end);
    let named_route = doc.text[first.span.end..second.span.start].trim() == "-"
        && matches!(closer.as_str(), "road" | "axis" | "route" | "highway");
    matches!(opener.as_str(), "between" | "axis" | "road") || named_route
}

/// How far apart the two ends of a route may lie for the text to be taken to name them.
const ROUTE_KM: f64 = 200.0;

/// "between Boulouli and Bougaria", "axis Diabaly-Nampala": the two ends of a route lie within
/// reach of each other, so among their homonyms the closest pair is meant.
/// Returns the mentions whose place the route decided.
fn fit_route_ends(doc: &Document, g: &Gazetteer, matches: &[NameMatch], out: &mut [PlaceMention]) -> Vec<Span> {
    let mut decided = Vec::new();
    for j in 1..out.len() {
        let (first, second) = (&out[j - 1], &out[j]);
        if !names_a_route(doc, first, second) {
            continue;
        }
        let towns = |p: &PlaceMention| -> Vec<PlaceId> {
            candidates_of(matches, p).into_iter().filter(|&id| g.place(id).kind == PlaceKind::Town).collect()
        };
        // A settled town at one end stays: "the axis Gao-Niamey" runs from the regional capital,
        // not from a village of the name near the other end.
        let ends = |p: &PlaceMention| match p.place.filter(|&id| g.place(id).is_settled()) {
            Some(id) => vec![id],
            None => towns(p),
        };
        let (ends_a, ends_b) = (ends(first), ends(second));
        if ends_a.len() < 2 && ends_b.len() < 2 {
            continue;
        }
        let apart = |a: PlaceId, b: PlaceId| g.place(a).distance_km(g.place(b));
        let closest = ends_a
            .iter()
            .flat_map(|&a| ends_b.iter().map(move |&b| (a, b)))
            .filter_map(|(a, b)| apart(a, b).map(|d| (d, a, b)))
            .min_by(|x, y| x.0.total_cmp(&y.0));
        let current = first.place.zip(second.place).and_then(|(a, b)| apart(a, b));
        if let Some((d, a, b)) = closest {
            if d <= ROUTE_KM && current.is_none_or(|c| d < c) {
                resolve(&mut out[j - 1], g, a);
                resolve(&mut out[j], g, b);
            }
            if d <= ROUTE_KM {
                decided.extend([out[j - 1].span, out[j].span]);
            }
        }
    }
    decided
}

/// One name, one place within a report: a name written again ("(coded as Wendoulou)") is the place
/// its other mention was found to be by a route or a landmark, not a namesake looked up afresh.
fn one_place_per_name(doc: &Document, g: &Gazetteer, decided: &[Span], out: &mut [PlaceMention]) {
    for d in decided {
        let Some(k) = out.iter().position(|p| p.span == *d) else { continue };
        let Some(id) = out[k].place else { continue };
        let (span, name) = (out[k].span, fold(out[k].span.of(doc.text)));
        for p in out.iter_mut() {
            let same_name = p.span != span && fold(p.span.of(doc.text)) == name;
            if same_name && p.place.is_some_and(|x| x != id) && !decided.contains(&p.span) {
                resolve(p, g, id);
            }
        }
    }
}

/// Homonyms within one country ("Sokoura" of Mopti and of Tombouctou): the town nearest the
/// story's other places wins, by region named or by distance to the towns it names.
fn prefer_neighbours(doc: &Document, g: &Gazetteer, matches: &[NameMatch], out: &mut [PlaceMention]) {
    let names: Vec<String> = out.iter().map(|p| fold(p.span.of(doc.text))).collect();
    for i in 0..out.len() {
        // What the names before this one were found to be, not what they first seemed: in
        // "between Mamba and Toye" the Mamba near a Toye decides which Toye is meant.
        let resolved: Vec<(&str, PlaceId)> =
            names.iter().zip(out.iter()).filter_map(|(n, p)| p.place.map(|id| (n.as_str(), id))).collect();
        let name = names[i].as_str();
        let p = &mut out[i];
        let (Some(current), Some(m)) = (p.place, matches.iter().find(|m| m.span == p.span)) else { continue };
        let chosen = g.place(current);
        if chosen.kind != PlaceKind::Town || chosen.is_settled() {
            continue;
        }
        let populated = chosen.is_populated();
        let rivals: Vec<PlaceId> = m
            .candidates
            .iter()
            .copied()
            .filter(|&id| {
                let r = g.place(id);
                r.kind == PlaceKind::Town && r.country_code == chosen.country_code && (!populated || r.is_populated())
            })
            .collect();
        let others: Vec<&super::gazetteer::Place> = resolved
            .iter()
            .filter(|(n, _)| *n != name)
            .map(|(_, id)| g.place(*id))
            .filter(|o| o.kind != PlaceKind::Country && o.country_code == chosen.country_code)
            .collect();
        if rivals.len() < 2 || others.is_empty() {
            continue;
        }
        let closeness = |c: &super::gazetteer::Place| -> f64 {
            others
                .iter()
                .map(|o| {
                    let same_region = if o.admin1_code == c.admin1_code { 1.0 } else { 0.0 };
                    let near = match c.distance_km(o) {
                        Some(d) if o.kind == PlaceKind::Town && d < 60.0 => 1.5,
                        Some(d) if o.kind == PlaceKind::Town && d < 150.0 => 0.75,
                        _ => 0.0,
                    };
                    same_region + near
                })
                .fold(0.0, f64::max)
        };
        let (nearest, best) = rivals
            .iter()
            .map(|&id| (closeness(g.place(id)), id))
            .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(b.1.cmp(&a.1)))
            .expect("rivals");
        if nearest > closeness(chosen) {
            p.place = Some(best);
        }
        // The story's other places decided, unless they are as near to several homonyms.
        if nearest > 0.0 {
            p.homonyms =
                open_homonyms(rivals.iter().copied().filter(|&id| closeness(g.place(id)) >= nearest).collect());
        }
    }
}

/// Whether a village is the town a district of the same name is named after: one of the
/// name's places is a second-level division of its region lying within 50 km of it. GeoNames
/// files many such seats as plain villages (Kéniéba beside the Cercle de Kéniéba), among
/// homonyms as plain.
fn names_its_district(g: &Gazetteer, id: PlaceId, candidates: &[PlaceId]) -> bool {
    let p = g.place(id);
    p.is_populated()
        && candidates.iter().any(|&c| {
            let d = g.place(c);
            d.kind == PlaceKind::Admin2 && d.shares_region(p) && d.distance_km(p).is_some_and(|km| km <= 50.0)
        })
}

#[allow(clippy::too_many_arguments)]
fn score(
    g: &Gazetteer,
    id: PlaceId,
    context: &CountryContext,
    total: f64,
    follows: &str,
    surface: &str,
    district_seat: bool,
) -> f64 {
    let p = g.place(id);
    // A place called so outranks one that is also called so ("Boni" the village over the town
    // of Bouani, which some sources spell "Boni").
    // Among places reached through alternate names, the one whose own name is spelled most like
    // the text ("Dialloube": Dialoubé over Dyaloubé).
    let own_name = if fold(&p.name) == surface {
        0.6
    } else {
        match super::gazetteer::spelling_distance(&p.name, surface, 1) {
            0 => 0.45,
            1 => 0.3,
            _ => 0.0,
        }
    };
    // A well or a wadi called so does not outrank a village the name is also used for.
    let own_name = if p.kind == PlaceKind::Town && !p.is_populated() { own_name * 0.4 } else { own_name };
    let in_context = context.get(&p.country_code).copied().unwrap_or(0.0) / total;
    let regional = matches!(follows, "region" | "province" | "state" | "governorate" | "department" | "oblast");
    let divisional = follows == "district";
    let kind = match p.kind {
        PlaceKind::Country => 2.0,
        PlaceKind::Admin1 if regional => 2.5,
        PlaceKind::Admin1 => 0.8,
        PlaceKind::Admin2 if regional => 1.5,
        PlaceKind::Admin2 => 0.4,
        PlaceKind::Town => match p.feature_code.as_str() {
            "PPLC" => 1.3,
            "PPLA" => 1.0,
            // A district named is placed at its seat, as coders do.
            "PPLA2" if divisional || regional => 1.8,
            "PPLA2" => 0.8,
            _ if district_seat => 0.8,
            code if code.starts_with("PPL") => 0.5,
            // A locality is the named stretch of land that a well or a hill of its name lies in.
            "LCTY" => 0.3,
            // A well, a camp, a forest: named less often than a village of the same name.
            _ => 0.2,
        },
    };
    3.0 * in_context + kind + own_name + (p.population as f64 + 1.0).log10() / 7.0
}

/// A name whose capital may be only the sentence's (in a text that has capitals to tell by).
fn opens_sentence(doc: &Document, span: Span) -> bool {
    !doc.casing.is_degraded() && doc.sentence_at(span.start).is_some_and(|s| doc.sentences[s].span.start == span.start)
}

/// "in X", "near X", "the village of X": the words before `at` say a place follows.
fn introduced_as_place(doc: &Document, at: usize) -> bool {
    let prev = prev_words(doc, at, 2);
    prev.last().is_some_and(|w| LOCATIVES.contains(&w.as_str()) && w != "of" && w != "on")
        || (prev.len() == 2 && prev[1] == "of" && SETTLEMENT_NOUNS.contains(&prev[0].as_str()))
}

fn next_word(doc: &Document, at: usize) -> String {
    let i = doc.tokens.partition_point(|t| t.span.start < at);
    doc.tokens.get(i).map(|t| t.span.of(doc.text).to_lowercase()).unwrap_or_default()
}

fn prev_words(doc: &Document, at: usize, n: usize) -> Vec<String> {
    let i = doc.tokens.partition_point(|t| t.span.start < at);
    doc.tokens[i.saturating_sub(n)..i].iter().map(|t| t.span.of(doc.text).to_lowercase()).collect()
}

fn is_endpoint(doc: &Document, span: Span) -> bool {
    let prev = prev_words(doc, span.start, 2);
    let travelled =
        prev.last().is_some_and(|w| matches!(w.as_str(), "to" | "towards" | "toward" | "from" | "leaving" | "for"))
            && !measured_from(doc, span);
    // "on the road towards Douentza", "on their way to In-Delimane": the road is where it
    // happened, and coders place it at the town it leads to.
    let on_the_road = prev.len() == 2
        && matches!(prev[0].as_str(), "road" | "way" | "axis" | "highway")
        && matches!(prev[1].as_str(), "to" | "towards" | "toward");
    let travelled = travelled && !on_the_road;
    // "the southern entrance (Bakaria) of Wendoro": the town a gate's road leads to.
    let gate = prev.len() == 2
        && prev[1] == "("
        && matches!(prev[0].as_str(), "entrance" | "entrances" | "exit" | "exits" | "gate" | "gates");
    travelled || gate || holds_office(doc, span)
}

/// "the mayor of Boni was killed at his home in Douentza": the town whose office someone holds
/// says who they are, and is where it happened only when the report names no other place.
fn holds_office(doc: &Document, span: Span) -> bool {
    let prev = prev_words(doc, span.start, 2);
    prev.len() == 2
        && prev[1] == "of"
        && matches!(
            prev[0].as_str(),
            "mayor"
                | "mayors"
                | "prefect"
                | "subprefect"
                | "governor"
                | "councillor"
                | "councilor"
                | "deputy"
                | "chief"
        )
}

static DISTANCE_FROM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?:\d\s*-?\s*(?:km|kms|kilomet(?:er|re)s?|miles?)|\b(?:kilomet(?:er|re)s|miles|away|north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west))\s+from\s+(?:the\s+(?:town|city|village)\s+of\s+)?$",
    )
    .expect("distance pattern compiles")
});

/// "30 km from Gao", "north-east from Kidal": a place an event is measured from, which locates it,
/// unlike the place someone travelled from.
fn measured_from(doc: &Document, span: Span) -> bool {
    let mut from = span.start.saturating_sub(60);
    while !doc.text.is_char_boundary(from) {
        from += 1;
    }
    DISTANCE_FROM.is_match(&doc.text[from..span.start])
}

/// "the Burkina Faso border", "Mali's border with Niger": a frontier, not an event's place.
fn is_reference_point(doc: &Document, span: Span) -> bool {
    let rest = doc.text[span.end..].trim_start();
    let rest = rest.strip_prefix("'s").or_else(|| rest.strip_prefix("’s")).unwrap_or(rest).trim_start();
    let lower = rest.get(..rest.len().min(12)).unwrap_or(rest).to_lowercase();
    if ["border", "frontier", "river", "delta", "basin", "valley"].iter().any(|w| lower.starts_with(w)) {
        return true;
    }
    if prev_words(doc, span.start, 1).first().is_some_and(|w| matches!(w.as_str(), "lake" | "river" | "mount" | "gulf"))
    {
        return true;
    }
    if is_endpoint(doc, span) {
        return true;
    }
    let before = prev_words(doc, span.start, 2);
    before.iter().any(|w| w == "border" || w == "borders") && before.last().is_some_and(|w| w == "with")
}

/// Capitalised words after a locative that the gazetteer does not know: "in Boulkessi",
/// "the village of Kpendjal".
fn unknown_toponyms(
    doc: &Document,
    known: &[PlaceMention],
    actors: &[ActorMention],
    gazetteer: &Gazetteer,
) -> Vec<PlaceMention> {
    let mut out = Vec::new();
    let toks = &doc.tokens;
    for (i, t) in toks.iter().enumerate() {
        let w = t.span.of(doc.text);
        if !w.chars().next().is_some_and(|c| c.is_uppercase())
            || !w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        {
            continue;
        }
        if i == 0 {
            continue;
        }
        let prev = toks[i - 1].span.of(doc.text).to_lowercase();
        let settlement =
            i >= 2 && prev == "of" && SETTLEMENT_NOUNS.contains(&toks[i - 2].span.of(doc.text).to_lowercase().as_str());
        // "(coded as Sebete at geoprecision 2)": a coder's note naming the place outright.
        let coded = prev == "as" && i >= 2 && toks[i - 2].span.of(doc.text).eq_ignore_ascii_case("coded");
        let locative = (LOCATIVES.contains(&prev.as_str()) && prev != "of" && prev != "on") || coded;
        // "the Inwelane village": a name before its settlement noun.
        let named_settlement = prev == "the"
            && toks.get(i + 1).is_some_and(|n| {
                matches!(
                    n.span.of(doc.text).to_lowercase().as_str(),
                    "village" | "hamlet" | "locality" | "town" | "forest" | "commune"
                )
            });
        // "in the area of Wendokoro (Wendo MBara)": a name in brackets after a place is another
        // name for it or the commune it lies in.
        let bracketed = prev == "("
            && known.iter().chain(&out).any(|p: &PlaceMention| {
                p.span.end <= toks[i - 1].span.start && doc.text[p.span.end..toks[i - 1].span.start].trim().is_empty()
            });
        if !(settlement || locative || named_settlement || bracketed) {
            continue;
        }
        if doc.sentence_at(toks[i - 1].span.start) != doc.sentence_at(t.span.start) {
            continue;
        }
        // Extend over following capitalised words ("Ndaki Koira").
        let mut end = i;
        while end + 1 < toks.len()
            && toks[end + 1].span.start == toks[end].span.end + 1
            && toks[end + 1].span.of(doc.text).chars().next().is_some_and(char::is_uppercase)
            && toks[end + 1].span.of(doc.text).chars().all(char::is_alphabetic)
        {
            end += 1;
        }
        let span = Span::new(t.span.start, toks[end].span.end);
        let folded = fold(span.of(doc.text));
        // "in IED/mine blast", "at NGO agents' homes": acronyms.
        let acronym = span.len() <= 5 && span.of(doc.text).chars().all(|c| c.is_uppercase());
        if acronym || NOT_PLACES.contains(&folded.as_str()) || gazetteer.is_stopword(&folded) || folded.len() < 3 {
            continue;
        }
        if known.iter().any(|k| k.span.overlaps(span)) || actors.iter().any(|a| a.span.overlaps(span)) {
            continue;
        }
        // A name followed by a possessive or an organisation word is not a place.
        let next = toks.get(end + 1).map(|t| t.span.of(doc.text)).unwrap_or("");
        if matches!(next, "’s" | "'s") && !settlement {
            continue;
        }
        out.push(PlaceMention::unknown(doc, span));
    }
    out
}

/// "Tigre helicopters", "Reaper drones": a capitalised name before a word for aircraft is the
/// model's, not a place's.
fn names_an_aircraft(doc: &Document, span: Span) -> bool {
    !doc.casing.is_degraded()
        && matches!(
            next_word(doc, span.end).as_str(),
            "helicopter"
                | "helicopters"
                | "helo"
                | "helos"
                | "gunship"
                | "gunships"
                | "drone"
                | "drones"
                | "jet"
                | "jets"
        )
}

/// "Ibrahim Traoré": a town name right after a capitalised word that is not itself a place is a
/// surname far more often than a place.
fn is_part_of_person_name(doc: &Document, m: &super::gazetteer::NameMatch, g: &Gazetteer) -> bool {
    if doc.casing.is_degraded() {
        return false;
    }
    if m.candidates.iter().any(|&id| g.place(id).kind != PlaceKind::Town) {
        return false;
    }
    // "Baba ould Cheikh", "Fatouma Walet Ahmed": a name that "son of" or "daughter of" follows
    // is a person's, wherever it stands.
    let j = doc.tokens.partition_point(|t| t.span.start < m.span.end);
    let particle = doc.tokens.get(j).map(|t| t.span.of(doc.text).to_lowercase());
    let named_after = doc.tokens.get(j + 1).is_some_and(|t| t.span.of(doc.text).chars().all(char::is_alphabetic));
    if named_after && matches!(particle.as_deref(), Some("ould" | "ag" | "walet" | "welet" | "ibn" | "bin")) {
        return true;
    }
    let i = doc.tokens.partition_point(|t| t.span.start < m.span.start);
    if i == 0 || doc.sentence_at(doc.tokens[i - 1].span.start) != doc.sentence_at(m.span.start) {
        return false;
    }
    // "Mohamed Ag Aljimit": a first name, whatever follows.
    let locative = LOCATIVES.contains(&doc.tokens[i - 1].span.of(doc.text).to_lowercase().as_str());
    if g.is_person_name(m.span.of(doc.text)) && !locative {
        return true;
    }
    let prev = doc.tokens[i - 1].span.of(doc.text);
    // "North-East Kidal": a bearing, not a first name.
    let bearing = matches!(prev.to_lowercase().as_str(), "north" | "south" | "east" | "west" | "central");
    prev.chars().next().is_some_and(char::is_uppercase)
        && prev.chars().all(char::is_alphabetic)
        && prev.len() > 2
        && !bearing
        && g.lookup(prev).is_empty()
        && !prev.chars().all(char::is_uppercase)
        && !NOT_PLACES.contains(&prev.to_lowercase().as_str())
}

/// A town's name inside a longer name the tagger read as a person's or an organisation's
/// ("Boni Keita", "Gao Traders Union"), unless a locative says a place follows. Not in texts without capitals, where the tagger's persons are less sure and a
/// wrong veto costs an incident its place.
fn in_tagged_person(doc: &Document, m: &super::gazetteer::NameMatch, g: &Gazetteer, entities: &[EntitySpan]) -> bool {
    // "the Mondoro/Fhero forest", "the axis Konna-Dangol Bore": names given as alternatives or
    // joined as a route's ends are each a name, whatever the tagger made of them together. (The
    // gazetteer lets a part of a hyphenated word match only as one of such a pair.)
    let joined = |sep: char| doc.text[m.span.end..].starts_with(sep) || doc.text[..m.span.start].ends_with(sep);
    if doc.casing.is_degraded() || joined('/') || joined('-') {
        return false;
    }
    // A region may open a body's name and still say where it is ("Borno State Government"), not
    // close it ("the Directorate of Kidal").
    let towns_only = m.candidates.iter().all(|&id| g.place(id).kind == PlaceKind::Town);
    // "Menaka Airport", "Kidal Camp": a site named after its town is in that town.
    let facility = |e: &EntitySpan| {
        let last = e.span.of(doc.text).rsplit(' ').next().unwrap_or("").to_lowercase();
        FACILITY_NOUNS.contains(&last.as_str())
    };
    let person = entities.iter().any(|e| {
        matches!(e.label, EntityType::Per | EntityType::Org)
            && e.span.contains(m.span)
            && e.span != m.span
            && !facility(e)
            && (towns_only || e.span.start < m.span.start)
            && !places_joined(doc, e, m.span)
    });
    // "of" is no locative here: "the Directorate of Kidal" names a body, not where it was.
    person && !introduced_as_place(doc, m.span.start)
}

/// "between Djoulouna and Banay": a name the tagger took together with a place before it, which
/// a locative introduces, joined by "and", is the second place.
fn places_joined(doc: &Document, e: &EntitySpan, name: Span) -> bool {
    let before = &doc.text[e.span.start..name.start];
    before.ends_with(" and ") && !before[..before.len() - 5].contains(' ') && introduced_as_place(doc, e.span.start)
}

/// "Serma militants", "Macina fighters": a town or a region that names the armed men after it is
/// the name of their band, not where anything happened, unless a locative says a place is meant.
fn names_fighters(doc: &Document, m: &NameMatch, g: &Gazetteer, actors: &[ActorMention]) -> bool {
    m.candidates.iter().all(|&id| g.place(id).kind != PlaceKind::Country) && before_fighters(doc, m.span, actors)
}

/// Whether armed men are named right after `span`, which no locative introduces.
fn before_fighters(doc: &Document, span: Span, actors: &[ActorMention]) -> bool {
    let fighters = actors.iter().any(|a| {
        a.span.start == span.end + 1
            && doc.text.as_bytes().get(span.end) == Some(&b' ')
            && matches!(a.kind, ActorKind::ArmedGroup | ActorKind::Militia)
    });
    fighters && !introduced_as_place(doc, span.start)
}

/// "One soldier died", "the Mayor's office": an ordinary word with a capital, unless a locative
/// says a place follows ("in Mayor" is rare; "in Green" names one).
fn is_capitalised_word(doc: &Document, m: &super::gazetteer::NameMatch, g: &Gazetteer) -> bool {
    let surface = m.span.of(doc.text);
    if surface.contains(' ') || !g.is_common_word(&fold(surface)) {
        return false;
    }
    let i = doc.tokens.partition_point(|t| t.span.start < m.span.start);
    let after_locative = i > 0 && LOCATIVES.contains(&doc.tokens[i - 1].span.of(doc.text).to_lowercase().as_str());
    !after_locative
}

/// How a report locates one place by another.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relation {
    /// "Funtonde, 8 km from Boni", "Salem, north of Timbuktu", "Pattouki, near Boni": within
    /// this many kilometres of the landmark, and in the direction named (degrees from north).
    Near(f64, Option<f64>),
    /// "Kora, in the commune of Sougoulbe", "Konsiga, Kayes Region": inside the landmark.
    Inside,
    /// "the Etambar neighbourhood of Kidal", "Gouana on the outskirts of Bamako": a part of a town
    /// is coded as the town.
    PartOf,
    /// "Etambar, Kidal": a part of a town if it lies within it, else nothing (a list of towns).
    Quarter,
}

static MEASURED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?xi)^\s*(?:(?:village|town|hamlet|locality|camp|area)\b\s*)?(?:\([^)]{1,40}\)\s*)?,?\s*
        (?:(?:some|about|approximately|approx\.?|around|roughly|nearly|almost|at|just|over|less\ than)\s+)?
        (?:(?P<n>\d{1,4}(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kms|kilomet(?:er|re)s?|miles?)\s+)?
        (?:(?:to\ the\ )?(?P<bearing>north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west|ne|nw|se|sw|n|s|e|w)\.?\s+)?
        (?:away\s+)?(?:from|of)\s+
        (?:the\s+(?:town|city|village|commune|locality)\s+of\s+)?$",
    )
    .expect("distance pattern compiles")
});

static NEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?xi)^\s*(?:(?:village|town|hamlet|locality|camp|area)\b\s*)?(?:\([^)]{1,40}\)\s*)?,?\s*\(?
        (?:near|close\ to|not\ far\ from|outside|in\ the\ vicinity\ of)\s+
        (?:the\s+(?:town|city|village|commune|locality)\s+of\s+)?$",
    )
    .expect("near pattern compiles")
});

static INSIDE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?xi)^\s*(?:(?:village|town|hamlet|locality|camp|area)\b\s*)?(?:\([^)]{1,40}\)\s*)?,?\s*\(?
        (?:(?:in|of)\s+(?:the\s+)?)?(?P<unit>commune|cercle|circle|district|municipality|department|prefecture|region|province)\s+of\s+$",
    )
    .expect("inside pattern compiles")
});

/// "Kera between Diafarabe and Tenenkou", "Kouala, on the road between Didieni and Niamou",
/// "Tarianda, axis Tessit-Ansongo": a place said to lie between two others, the first of which
/// follows.
static BETWEEN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?xi)^\s*(?:(?:village|town|hamlet|locality|camp|area)\b\s*)?(?:\([^)]{1,40}\)\s*)?,?\s*
        (?:(?:(?:on|along)\s+the\s+(?:road|axis|route|highway)\s+)?between\s+(?:the\s+(?:towns|villages)\s+of\s+)?
        |(?:on\s+the\s+)?(?:axis|road)\s+)$",
    )
    .expect("between pattern compiles")
});

/// "Diaka in Tenenkou Cercle", "camp 'Kandi' in Kidal": a place said to be in another.
static IN: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)^['’]?\s+in\s+(?:the\s+)?$").expect("in pattern compiles"));

static PART_OF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?xi)^\s*,?\s*(?:on\ the\ outskirts\ of|(?:neighbou?rhood|quarter|suburb|district|area)\ of|,\ a\ (?:neighbou?rhood|suburb|district)\ of)\s+$",
    )
    .expect("part-of pattern compiles")
});

/// What the text between a place and a later one says of their relation, if anything.
fn relation(between: &str, landmark: &super::gazetteer::Place) -> Option<Relation> {
    if let Some(c) = MEASURED.captures(between) {
        let distance = c.name("n").and_then(|n| n.as_str().replace(',', ".").parse::<f64>().ok());
        let miles = c.name("unit").is_some_and(|u| u.as_str().to_lowercase().starts_with("mile"));
        let bearing = c.name("bearing").and_then(|b| bearing_degrees(b.as_str()));
        return match (distance, bearing) {
            // Reported distances are rough: allow half again, and a margin for small ones.
            (Some(d), _) => Some(Relation::Near(d * if miles { 1.61 } else { 1.0 } * 1.5 + 25.0, bearing)),
            (None, Some(_)) => Some(Relation::Near(150.0, bearing)),
            (None, None) => None,
        };
    }
    if landmark.kind != PlaceKind::Country && PART_OF.is_match(between) {
        return Some(Relation::PartOf);
    }
    if NEAR.is_match(between) || BETWEEN.is_match(between) {
        return Some(Relation::Near(60.0, None));
    }
    if INSIDE.is_match(between) || IN.is_match(between) {
        return Some(Relation::Inside);
    }
    // "Konsiga, Kayes Region", "Tin Bidene (Kidal, Kidal)": a region right after a place contains it.
    let bare = between.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '(');
    let regional = matches!(landmark.kind, PlaceKind::Admin1 | PlaceKind::Admin2);
    // "Mougnoukana (Mondoro)": a village and, in brackets, its commune.
    if bare.is_empty() && (between.contains('(') || (between.contains(',') && regional)) {
        return Some(Relation::Inside);
    }
    // "Etambar, Kidal": a quarter and its town, when it lies within the town (checked by the caller).
    if bare.is_empty() && between.contains(',') && landmark.kind == PlaceKind::Town {
        return Some(Relation::Quarter);
    }
    None
}

/// The compass bearing a word names, in degrees clockwise from north.
fn bearing_degrees(word: &str) -> Option<f64> {
    Some(match word.to_lowercase().replace('-', "").as_str() {
        "north" | "n" => 0.0,
        "northeast" | "ne" => 45.0,
        "east" | "e" => 90.0,
        "southeast" | "se" => 135.0,
        "south" | "s" => 180.0,
        "southwest" | "sw" => 225.0,
        "west" | "w" => 270.0,
        "northwest" | "nw" => 315.0,
        _ => return None,
    })
}

/// Whether `place` lies roughly in the direction `bearing` from `landmark` (within 67.5°, three
/// points of an eight-point compass); a place too close to tell, or without a point, does.
fn lies_towards(landmark: &super::gazetteer::Place, place: &super::gazetteer::Place, bearing: f64) -> bool {
    let (Some(la1), Some(lo1), Some(la2), Some(lo2)) = (landmark.lat, landmark.lon, place.lat, place.lon) else {
        return true;
    };
    if place.distance_km(landmark).is_some_and(|d| d < 10.0) {
        return true;
    }
    let (p1, p2, dl) = (la1.to_radians(), la2.to_radians(), (lo2 - lo1).to_radians());
    let actual = (dl.sin() * p2.cos()).atan2(p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos()).to_degrees();
    let off = (actual - bearing).rem_euclid(360.0);
    off.min(360.0 - off) <= 67.5
}

fn fits(place: &super::gazetteer::Place, landmark: &super::gazetteer::Place, r: Relation) -> bool {
    if place.country_code != landmark.country_code {
        return false;
    }
    match (r, landmark.kind) {
        // "Marina, near Mopti": a region's seat named as a landmark may stand for its region.
        (Relation::Near(km, bearing), _) => {
            let near = place
                .distance_km(landmark)
                .is_none_or(|d| d <= km || (d <= 150.0 && landmark.is_region_seat() && place.shares_region(landmark)));
            near && bearing.is_none_or(|b| lies_towards(landmark, place, b))
        }
        (Relation::Inside, PlaceKind::Admin1) => {
            place.admin1_code == landmark.admin1_code || place.distance_km(landmark).is_some_and(|d| d <= 250.0)
        }
        (Relation::Inside, PlaceKind::Country) => true,
        // "Yorou in Mopti": a region's seat may stand for the region it names.
        (Relation::Inside, PlaceKind::Town) if landmark.is_region_seat() && place.shares_region(landmark) => true,
        // "Aguelhok (Tessalit, Kidal)": the town named may stand for its district, which in the
        // desert reaches far beyond a commune; the region says it is the same district's.
        (Relation::Inside, _) => {
            place.distance_km(landmark).is_none_or(|d| d <= 60.0 || (d <= 150.0 && place.shares_region(landmark)))
        }
        (Relation::PartOf | Relation::Quarter, _) => false,
    }
}

/// A place the text locates by another ("Salem, north of Timbuktu") must lie where the text says:
/// among its homonyms the one that does, else none of them, and then the landmark says where it
/// is. The landmark also stops being a mere reference point: "attacked 30 km from Gao" happened
/// near Gao.
/// Returns the mentions whose place a landmark decided.
fn fit_to_landmarks(doc: &Document, g: &Gazetteer, matches: &[NameMatch], out: &mut [PlaceMention]) -> Vec<Span> {
    let mut decided = Vec::new();
    let candidates_of = |p: &PlaceMention| candidates_of(matches, p);
    // From the last name back: in "Aoughat, west of Talataye, Gao Region" the middle name is
    // placed by the region before the first is placed by it, and a landmark that is itself only
    // located by its own landmark passes that one on.
    let mut fitted: Vec<Option<(Relation, PlaceId)>> = vec![None; out.len()];
    let mut measured = Vec::new();
    for i in (0..out.len()).rev() {
        let Some(j) = (i + 1..out.len()).find(|&j| out[j].span.start >= out[i].span.end) else { continue };
        let Some(landmark_id) = out[j].place.or(out[j].landmark) else { continue };
        if doc.sentence_at(out[i].span.start) != doc.sentence_at(out[j].span.start) || out[i].is_reference {
            continue;
        }
        let between = &doc.text[out[i].span.end..out[j].span.start];
        let Some(mut r) = relation(between, g.place(landmark_id)) else { continue };
        if r == Relation::Quarter {
            let within =
                out[i].place.and_then(|v| g.place(v).distance_km(g.place(landmark_id))).is_some_and(|d| d <= 10.0);
            if !within {
                continue;
            }
            r = Relation::PartOf;
        }
        // "Niono district of Segou": a town of the region a name of both town and region stands
        // for, not a quarter of the town.
        if r == Relation::PartOf && between.to_lowercase().contains("district") {
            let landmark = g.place(landmark_id);
            let far_in_region = out[i].place.map(|v| g.place(v)).is_some_and(|v| {
                v.kind == PlaceKind::Town
                    && v.shares_region(landmark)
                    && v.distance_km(landmark).is_some_and(|d| d > 15.0)
            });
            if far_in_region {
                r = Relation::Inside;
            }
        }
        // Between two towns far apart, a place may lie as far from the first as the second does.
        if BETWEEN.is_match(between) {
            let second = out.get(j + 1).filter(|k| named_as_pair(doc, &out[j], k));
            let apart = second.and_then(|k| k.place).and_then(|z| g.place(z).distance_km(g.place(landmark_id)));
            if let Some(d) = apart {
                r = Relation::Near((d + 25.0).max(60.0), None);
            }
        }
        if matches!(r, Relation::Near(..)) && out[j].is_endpoint && !out[j].is_reference {
            continue;
        }
        out[j].is_endpoint = false;
        out[j].is_reference = false;
        fitted[i] = Some((r, landmark_id));
        if MEASURED.is_match(between) {
            measured.push(j);
        }
        if r == Relation::PartOf {
            out[i].is_reference = true;
            continue;
        }
        let Some(current) = out[i].place else {
            out[i].landmark = Some(landmark_id);
            continue;
        };
        if fits(g.place(current), g.place(landmark_id), r) {
            let landmark = g.place(landmark_id);
            let kept = out[i].homonyms.iter().copied().filter(|&h| fits(g.place(h), landmark, r)).collect();
            out[i].homonyms = open_homonyms(kept);
            decided.push(out[i].span);
            continue;
        }
        // Both names may have homonyms: the closest pair that fits ("Taba near Dialloube").
        // A landmark placed by its own landmark keeps to the homonyms that lie where that says.
        let landmark_kind = g.place(landmark_id).kind;
        // "Doma, Cercle of Koro": the district's seat stands for it; a namesake village does not.
        let seat_of_district = r == Relation::Inside
            && g.place(landmark_id).feature_code == "PPLA2"
            && DISTRICT_WORDS.iter().any(|w| between.to_lowercase().contains(w));
        let landmarks: Vec<PlaceId> = if out[j].place.is_none() || seat_of_district {
            vec![landmark_id]
        } else {
            candidates_of(&out[j])
                .into_iter()
                .filter(|&id| g.place(id).kind == landmark_kind)
                .filter(|&id| fitted[j].is_none_or(|(r, l)| fits(g.place(id), g.place(l), r)))
                .collect()
        };
        let mut best: Option<(f64, PlaceId, PlaceId)> = None;
        for v in candidates_of(&out[i]).into_iter().filter(|&id| g.place(id).kind == PlaceKind::Town) {
            for &t in &landmarks {
                let (pv, pt) = (g.place(v), g.place(t));
                if !fits(pv, pt, r) {
                    continue;
                }
                let d = pv.distance_km(pt).unwrap_or(f64::MAX);
                if best.is_none_or(|b| d < b.0) {
                    best = Some((d, v, t));
                }
            }
        }
        match best {
            Some((_, v, t)) => {
                resolve(&mut out[i], g, v);
                decided.push(out[i].span);
                if out[j].place.is_some() {
                    resolve(&mut out[j], g, t);
                    decided.push(out[j].span);
                }
            }
            None => {
                out[i].homonyms.clear();
                out[i].place = None;
                out[i].kind = None;
                out[i].country_code = Some(g.place(landmark_id).country_code.clone());
                out[i].landmark = Some(landmark_id);
            }
        }
    }
    // "a convoy hit on the axis Wendoro-Bakaria, 12 km from Tessakorou": a distance from a landmark
    // says where the event was; the ends of the road it was on only say which road.
    for k in 1..out.len() {
        let sentence = doc.sentence_at(out[k].span.start);
        let landmark_here =
            measured.iter().any(|&j| j != k && j != k - 1 && doc.sentence_at(out[j].span.start) == sentence);
        if landmark_here && names_a_route(doc, &out[k - 1], &out[k]) {
            out[k - 1].is_reference = true;
            out[k].is_reference = true;
        }
    }
    decided
}

/// `ids` as a mention's open homonyms: several, or none, since one leaves nothing to choose.
fn open_homonyms(ids: Vec<PlaceId>) -> Vec<PlaceId> {
    if ids.len() >= 2 {
        ids
    } else {
        Vec::new()
    }
}

fn resolve(p: &mut PlaceMention, g: &Gazetteer, id: PlaceId) {
    let place = g.place(id);
    p.homonyms.clear();
    p.place = Some(id);
    p.kind = Some(place.kind);
    p.country_code = Some(place.country_code.clone());
}

/// "Hundreds gathered to denounce the massacre in Kidal": a place named in what people
/// demand or denounce is what they want changed, not where they stood; it becomes a reference point.
pub fn mark_grievance_topics(doc: &Document, cues: &[super::cues::CueMention], places: &mut [PlaceMention]) {
    for p in places.iter_mut() {
        let sentence = doc.sentence_at(p.span.start);
        let after_grievance = cues.iter().any(|c| {
            c.cue == super::cues::Cue::Grievance
                && c.span.end <= p.span.start
                && doc.sentence_at(c.span.start) == sentence
        });
        if after_grievance {
            p.is_reference = true;
        }
    }
}

/// Where a feed's stories happen, learned from a batch of its articles: how many of the towns
/// they name, where their own text leaves no doubt which town is meant, lie in each first-level
/// region. A reader of a regional feed who meets a village name shared by villages in several
/// regions, with nothing in the story to choose by, expects the one in a region the feed keeps
/// reporting from rather than one it hardly ever mentions; this map is that expectation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedMap {
    /// Towns named per (country, admin1 code), one per article and town.
    regions: HashMap<(String, String), usize>,
    towns: usize,
}

impl FeedMap {
    /// How many times more often the feed must report from a homonym's region than from the
    /// region of the one the text chose for the homonym to be preferred: the gazetteer's own
    /// order (older, better-known entries first) is a fair guess between regions the feed names
    /// alike, so only a region the feed hardly mentions gives way.
    pub const PREFERENCE: f64 = 4.0;

    /// The map of the places each article of a batch resolved without doubt.
    pub fn learn<'a>(g: &Gazetteer, articles: impl IntoIterator<Item = &'a [PlaceMention]>) -> Self {
        let mut map = FeedMap::default();
        for places in articles {
            let mut seen: Vec<PlaceId> = Vec::new();
            for p in places.iter().filter(|p| p.homonyms.is_empty() && p.kind == Some(PlaceKind::Town)) {
                let Some(id) = p.place.filter(|id| !seen.contains(id)) else { continue };
                seen.push(id);
                let place = g.place(id);
                *map.regions.entry((place.country_code.clone(), place.admin1_code.clone())).or_default() += 1;
                map.towns += 1;
            }
        }
        map
    }

    /// How many towns the map was learned from.
    pub fn towns(&self) -> usize {
        self.towns
    }

    /// How many of the feed's towns lie in the region of `place`; `None` when GeoNames files it
    /// under no region.
    pub fn region_count(&self, place: &super::gazetteer::Place) -> Option<usize> {
        if place.is_unfiled() {
            return None;
        }
        Some(self.regions.get(&(place.country_code.clone(), place.admin1_code.clone())).copied().unwrap_or(0))
    }

    /// Each undecided homonym in a region the feed hardly mentions becomes the one in the region
    /// it reports from most, when that is [`FeedMap::PREFERENCE`] times as often.
    pub fn settle(&self, g: &Gazetteer, places: &mut [PlaceMention]) {
        for p in places.iter_mut().filter(|p| p.homonyms.len() >= 2) {
            let Some(current) = p.place else { continue };
            let Some(here) = self.region_count(g.place(current)) else { continue };
            let mut best = (here, current);
            for &h in &p.homonyms {
                let Some(n) = self.region_count(g.place(h)) else { continue };
                if n > best.0 {
                    best = (n, h);
                }
            }
            if (best.0 + 1) as f64 >= Self::PREFERENCE * (here + 1) as f64 {
                p.place = Some(best.1);
            }
        }
    }
}

/// The country a story is about when one stands out: named, by its towns or by the feed's
/// prior, at least twice as much as any other.
pub fn clear_country(context: &CountryContext) -> Option<&str> {
    let mut ranked: Vec<(&String, &f64)> = context.iter().collect();
    ranked.sort_by(|a, b| b.1.partial_cmp(a.1).unwrap().then(a.0.cmp(b.0)));
    match ranked.as_slice() {
        [(c, _)] => Some(c.as_str()),
        [(c, w), (_, next), ..] if **w >= 2.0 * **next => Some(c.as_str()),
        _ => None,
    }
}

/// The country a feed's stories happen in, learned from a batch of its articles read without a
/// prior: the one that at least half of the articles whose text clearly names a country name
/// (see [`clear_country`]), if there are at least [`FEED_ARTICLES`] of those. A reader of a
/// national feed expects that country of a name its story leaves ambiguous, as of a feed the user
/// names (`--country-prior`); a batch of mixed news has no such country.
pub fn feed_country<'a>(contexts: impl IntoIterator<Item = &'a CountryContext>) -> Option<String> {
    let mut votes: HashMap<&str, usize> = HashMap::new();
    for cc in contexts.into_iter().filter_map(clear_country) {
        *votes.entry(cc).or_default() += 1;
    }
    let decided: usize = votes.values().sum();
    let (cc, n) = votes.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
    (n >= FEED_ARTICLES && 2 * n >= decided).then(|| cc.to_string())
}

/// How many articles must clearly name a feed's country before [`feed_country`] speaks: fewer
/// are no feed, only a handful of stories.
pub const FEED_ARTICLES: usize = 20;

#[cfg(test)]
mod tests {
    use super::super::{MentionFinder, Mentions};
    use crate::models::Models;
    use crate::read::Article;
    use crate::text::{Document, Tokenizer};

    /// A GeoNames dump line for an invented Malian place; `alternate` may be empty.
    #[allow(clippy::too_many_arguments)]
    fn geonames_row(
        id: u64,
        name: &str,
        alternate: &str,
        lat: f64,
        lon: f64,
        class: &str,
        code: &str,
        admin1: &str,
    ) -> String {
        format!(
            "{id}\t{name}\t{name}\t{alternate}\t{lat}\t{lon}\t{class}\t{code}\tML\t\t{admin1}\t\t\t\t0\t\t293\tAfrica/Bamako\t2013-04-04"
        )
    }

    /// A finder whose gazetteer also holds the invented places of `rows`.
    fn finder_with_rows(tag: &str, rows: &[String]) -> MentionFinder {
        let mut finder = MentionFinder::from_models(&Models::locate()).unwrap();
        finder.gazetteer.add_test_dump(&format!("places-{tag}"), rows);
        finder
    }

    /// A finder whose gazetteer also holds invented Malian villages, `(id, name, lat, lon, admin1)`.
    fn finder_with(tag: &str, rows: &[(u64, &str, f64, f64, &str)]) -> MentionFinder {
        let lines: Vec<String> =
            rows.iter().map(|&(id, n, lat, lon, a1)| geonames_row(id, n, "", lat, lon, "P", "PPL", a1)).collect();
        finder_with_rows(tag, &lines)
    }

    /// Each place mention as (text, resolved place's name, landmark's name).
    /// The mentions `finder` finds in `text`, a Malian report of 2025-06-12, handed to `check`.
    fn with_found<T>(finder: &MentionFinder, text: &str, check: impl FnOnce(&Document, &Mentions) -> T) -> T {
        let a =
            Article { id: "t".into(), text: text.into(), published: Some("2025-06-12".into()), ..Default::default() };
        let mut doc = Document::new(&a, &Tokenizer::new());
        doc.country_prior = vec!["ML".into()];
        let m = finder.find(&doc);
        check(&doc, &m)
    }

    /// Whether `places` holds `name` as written, resolved to the gazetteer place of that name.
    fn found_as_itself(places: &[(String, Option<String>, Option<String>)], name: &str) -> bool {
        places.iter().any(|(w, p, _)| w == name && p.as_deref() == Some(name))
    }

    /// The latitude of the place `name` as written in `text` resolves to.
    fn latitude_of(finder: &MentionFinder, text: &str, name: &str) -> Option<f64> {
        let g = &finder.gazetteer;
        with_found(finder, text, |doc, m| {
            m.places.iter().find(|p| p.span.of(doc.text) == name).and_then(|p| p.place).and_then(|id| g.place(id).lat)
        })
    }

    /// Whether the mention written `name` in `text` is (an endpoint, a reference point).
    fn flags_of(finder: &MentionFinder, text: &str, name: &str) -> Option<(bool, bool)> {
        with_found(finder, text, |doc, m| {
            m.places.iter().find(|p| p.span.of(doc.text) == name).map(|p| (p.is_endpoint, p.is_reference))
        })
    }

    fn places(finder: &MentionFinder, text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let g = &finder.gazetteer;
        with_found(finder, text, |doc, m| {
            m.places
                .iter()
                .map(|p| {
                    (
                        p.span.of(doc.text).to_string(),
                        p.place.map(|id| g.place(id).name.clone()),
                        p.landmark.map(|id| g.place(id).name.clone()),
                    )
                })
                .collect()
        })
    }

    #[test]
    fn a_landmark_placed_only_by_its_region_passes_the_region_on() {
        // The one Kessara known lies in another region than the one the text names.
        let finder = finder_with("chain", &[(9_300_001, "Kessara", 16.70, -3.60, "08")]);
        let got = places(&finder, "Gunmen killed a herder in Wendokoro, west of Kessara, Gao Region, on Monday.");
        assert_eq!(got[0], ("Wendokoro".into(), None, Some("Gao".into())), "{got:?}");
        assert_eq!(got[1], ("Kessara".into(), None, Some("Gao".into())), "{got:?}");
    }

    #[test]
    fn a_place_said_to_be_in_a_town_lies_there() {
        // The only Tessoumba known is hundreds of kilometres from the town the text puts it in.
        let finder = finder_with("in-town", &[(9_300_002, "Tessoumba", 12.75, -6.08, "05")]);
        let got = places(&finder, "Rockets struck the camp 'Tessoumba' in Gao on Monday.");
        assert_eq!(got[0], ("Tessoumba".into(), None, Some("Gao".into())), "{got:?}");
    }

    #[test]
    fn a_town_after_the_cercle_of_is_a_place_whatever_the_tagger_reads() {
        let finder = finder_with("cercle", &[(9_300_004, "Tessakorou", 16.40, -3.66, "08")]);
        let got = places(&finder, "Gunmen burned a school in the area of Wendokoro, Cercle of Tessakorou, on Monday.");
        assert_eq!(got[0], ("Wendokoro".into(), None, Some("Tessakorou".into())), "{got:?}");
        let got = places(&finder, "Militants killed three farmers in the Cercle of Tessakorou.");
        assert_eq!(got[0], ("Tessakorou".into(), Some("Tessakorou".into()), None), "{got:?}");
    }

    #[test]
    fn a_nearest_spelling_must_lie_among_the_other_places_of_its_story() {
        let text = "Gunmen killed two herders in Wendokara on Monday. Soldiers later patrolled Gao.";
        // One letter off, but at the other end of the country from the town the story names.
        let far = finder_with("far-spelling", &[(9_300_005, "Wendokoro", 13.40, -11.00, "03")]);
        assert_eq!(places(&far, text)[0], ("Wendokara".into(), None, None));
        let near = finder_with("near-spelling", &[(9_300_006, "Wendokoro", 16.10, 0.20, "09")]);
        assert_eq!(places(&near, text)[0], ("Wendokara".into(), Some("Wendokoro".into()), None));
        // A story that names no other place takes the nearest spelling wherever it is.
        let alone = places(&far, "Gunmen killed two herders in Wendokara on Monday.");
        assert_eq!(alone[0], ("Wendokara".into(), Some("Wendokoro".into()), None));
    }

    #[test]
    fn a_first_vowel_written_or_left_out_still_finds_the_village() {
        let finder = finder_with(
            "first-vowel",
            &[(9_300_066, "I-n-Tekorit", 15.55, -0.46, "09"), (9_300_067, "Wendikoura", 16.10, 0.20, "09")],
        );
        let got = places(&finder, "Gunmen killed two herders in NTekorit on Monday.");
        assert_eq!(got[0], ("NTekorit".into(), Some("I-n-Tekorit".into()), None), "{got:?}");
        let got = places(&finder, "Gunmen killed two herders in Awendikoura on Monday.");
        assert_eq!(got[0], ("Awendikoura".into(), Some("Wendikoura".into()), None), "{got:?}");
    }

    #[test]
    fn a_misspelt_vowel_after_the_first_letter_still_finds_the_village() {
        let finder = finder_with("second-letter", &[(9_300_007, "Tilimbaye", 16.10, 0.20, "09")]);
        let got = places(&finder, "Gunmen killed two herders near Talimbaye on Monday.");
        assert_eq!(got[0], ("Talimbaye".into(), Some("Tilimbaye".into()), None), "{got:?}");
    }

    #[test]
    fn nearest_spellings_as_near_as_each_other_stay_open_for_the_feed() {
        let finder = finder_with(
            "tied-spellings",
            &[(9_300_008, "Wendokoro", 13.40, -11.00, "03"), (9_300_009, "Wendokoru", 14.48, -4.05, "04")],
        );
        with_found(&finder, "Gunmen killed two herders in Wendokora on Monday.", |_, m| {
            let g = &finder.gazetteer;
            let mut open: Vec<u64> = m.places[0].homonyms.iter().map(|&h| g.place(h).geonames_id).collect();
            open.sort_unstable();
            assert_eq!(open, [9_300_008, 9_300_009]);
        });
    }

    #[test]
    fn a_village_also_called_so_outranks_a_well_of_that_very_name() {
        let rows = [
            geonames_row(9_300_010, "Tessaghar", "", 18.60, -1.90, "H", "WLL", "08"),
            geonames_row(9_300_011, "Tessaghar Ikaran", "Tessaghar", 18.05, 0.60, "P", "PPL", "10"),
        ];
        let finder = finder_with_rows("well-village", &rows);
        let got = places(&finder, "Gunmen attacked a camp in Tessaghar on Monday, killing two.");
        assert_eq!(got[0], ("Tessaghar".into(), Some("Tessaghar Ikaran".into()), None), "{got:?}");
    }

    #[test]
    fn a_people_the_gazetteer_never_matches_is_no_place_when_tagged_as_one() {
        let finder = finder_with(
            "people",
            &[(9_300_012, "Bambara", 13.40, -4.20, "05"), (9_300_013, "Wendokoro", 14.70, -6.00, "05")],
        );
        let got = places(&finder, "9 Dozo hunters (Bambara) were killed when militants ambushed them near Wendokoro.");
        assert!(got.iter().all(|(_, place, _)| place.as_deref() != Some("Bambara")), "{got:?}");
    }

    #[test]
    fn both_towns_of_a_hyphenated_road_are_places() {
        let finder = finder_with(
            "road-pair",
            &[(9_300_014, "Wendokoro", 19.45, 0.85, "10"), (9_300_015, "Tessakorou", 20.20, 1.00, "10")],
        );
        let got =
            places(&finder, "3 soldiers were wounded after their vehicle hit an IED on the Wendokoro-Tessakorou road.");
        assert_eq!(got[0], ("Wendokoro".into(), Some("Wendokoro".into()), None), "{got:?}");
        // An area named by two places, one of them unknown.
        let got =
            places(&finder, "One herder was killed during intercommunal violence in the Kanayebou-Wendokoro area.");
        assert!(found_as_itself(&got, "Wendokoro"), "{got:?}");
    }

    #[test]
    fn a_town_named_as_a_district_of_a_region_is_where_it_happened() {
        // 100 km from the town of Ségou, in the region of Ségou.
        let finder = finder_with("district-of", &[(9_300_033, "Wendokoro", 14.25, -5.99, "05")]);
        let g = &finder.gazetteer;
        let text = "Militiamen shot a herder dead in Wendokoro district of Segou on Friday.";
        let wendokoro = with_found(&finder, text, |doc, m| {
            m.places
                .iter()
                .find(|p| p.span.of(doc.text) == "Wendokoro")
                .map(|p| (p.place.map(|id| g.place(id).lat), p.is_reference))
        });
        assert_eq!(wendokoro, Some((Some(Some(14.25)), false)));
    }

    #[test]
    fn names_given_as_alternatives_are_each_a_place() {
        let finder = finder_with("slashed", &[(9_300_034, "Wendokoro", 14.68, -1.95, "04")]);
        let got =
            places(&finder, "French jets struck two militant camps in the Wendokoro/Tessakorou forest on Sunday.");
        assert!(found_as_itself(&got, "Wendokoro"), "{got:?}");
    }

    #[test]
    fn the_ends_of_a_route_are_places_whatever_the_tagger_joined() {
        let finder = finder_with("route", &[(9_300_036, "Konnabou", 14.95, -3.89, "04")]);
        let got = places(
            &finder,
            "Militants ambushed the Togolese contingent near Batoumana on the axis Konnabou-Dangol Tessa, wounding four.",
        );
        assert!(found_as_itself(&got, "Konnabou"), "{got:?}");
    }

    #[test]
    fn a_place_the_tagger_joined_to_the_one_before_is_still_a_place() {
        let finder = finder_with("joined", &[(9_300_035, "Tessakorou", 14.62, -1.87, "04")]);
        let got =
            places(&finder, "On Sunday a mine hit a cart between Wendokoro and Tessakorou (Mopti), killing a trader.");
        assert!(found_as_itself(&got, "Tessakorou"), "{got:?}");
    }

    #[test]
    fn a_place_said_to_lie_north_of_a_town_is_the_homonym_that_does() {
        // Two villages alike, both some 40 km from Gao: one west of it, one north.
        let finder = finder_with(
            "bearing",
            &[(9_300_036, "Wendokoro", 16.27, -0.42, "09"), (9_300_037, "Wendokoro", 16.63, -0.04, "09")],
        );
        let text = "Gunmen killed two herders in Wendokoro, 40 km north of Gao, on Sunday.";
        assert_eq!(latitude_of(&finder, text, "Wendokoro"), Some(16.63));
        // Briefs abbreviate the bearing.
        let text = "Gunmen killed two herders in Wendokoro, 40 km N of Gao, on Sunday.";
        assert_eq!(latitude_of(&finder, text, "Wendokoro"), Some(16.63));
        let text = "Gunmen killed two herders in Wendokoro, 40 kms W. of Gao, on Sunday.";
        assert_eq!(latitude_of(&finder, text, "Wendokoro"), Some(16.27));
    }

    #[test]
    fn a_place_said_to_lie_between_two_towns_is_the_homonym_between_them_or_none() {
        // Two towns 40 km apart; of two villages alike one lies between them, one 200 km off.
        let rows = [
            (9_300_040, "Wendoro", 14.10, -5.00, "04"),
            (9_300_041, "Tessakorou", 14.45, -4.90, "04"),
            (9_300_042, "Kerabou", 14.25, -4.95, "04"),
            (9_300_043, "Kerabou", 15.90, -4.20, "04"),
            (9_300_044, "Dialakorou", 16.00, -3.00, "04"),
        ];
        let finder = finder_with("between", &rows);
        let text = "Gunmen ambushed a convoy in the area of Kerabou between Wendoro and Tessakorou on Sunday.";
        assert_eq!(latitude_of(&finder, text, "Kerabou"), Some(14.25));
        // A village alike only far from both stands for none of them: the first town places it.
        let text = "Gunmen ambushed a convoy in the area of Dialakorou between Wendoro and Tessakorou on Sunday.";
        let got = places(&finder, text);
        assert!(got.contains(&("Dialakorou".into(), None, Some("Wendoro".into()))), "{got:?}");
        let text = "An IED hit a truck in the area of Dialakorou, axis Wendoro-Tessakorou, on Sunday.";
        let got = places(&finder, text);
        assert!(got.contains(&("Dialakorou".into(), None, Some("Wendoro".into()))), "{got:?}");
    }

    #[test]
    fn of_homonyms_at_the_two_ends_of_a_route_the_closest_pair_is_meant() {
        let rows = [
            (9_300_045, "Wendoulou", 15.31, -10.30, "03"),
            (9_300_046, "Wendoulou", 13.27, -9.65, "03"),
            (9_300_047, "Bakaria", 14.29, -11.11, "03"),
            (9_300_048, "Bakaria", 13.21, -9.62, "03"),
        ];
        let finder = finder_with("route-ends", &rows);
        for text in [
            "Gunmen shot dead a forest agent between Wendoulou and Bakaria on Sunday.",
            "An IED struck a truck on the axis Wendoulou-Bakaria on Sunday.",
            "An IED struck a truck on the Wendoulou-Bakaria road on Sunday.",
        ] {
            assert_eq!(latitude_of(&finder, text, "Wendoulou"), Some(13.27), "{text}");
            assert_eq!(latitude_of(&finder, text, "Bakaria"), Some(13.21), "{text}");
        }
    }

    #[test]
    fn a_name_before_a_word_for_aircraft_is_a_model_not_a_place() {
        let finder = finder_with(
            "aircraft",
            &[(9_300_068, "Tigre", 11.90, -5.41, "06"), (9_300_069, "Wendokoro", 15.3, -1.0, "08")],
        );
        let got = places(&finder, "Two militants were killed by Tigre helicopters near Wendokoro on Sunday.");
        assert!(!got.iter().any(|(name, ..)| name == "Tigre"), "{got:?}");
        assert!(got.iter().any(|(name, ..)| name == "Wendokoro"), "{got:?}");
    }

    #[test]
    fn a_name_before_the_word_commune_is_a_place() {
        let finder = finder_with("commune", &[(9_300_065, "Kessara", 16.70, -3.60, "08")]);
        let got = places(&finder, "The mayor of the Wendokoro commune was kidnapped by gunmen on Monday.");
        assert!(got.iter().any(|(name, ..)| name == "Wendokoro"), "{got:?}");
    }

    #[test]
    fn a_name_in_brackets_after_a_place_is_looked_up_as_a_place() {
        let finder = finder_with("bracketed", &[(9_300_064, "Wendo M'Bara", 16.21, 2.19, "09")]);
        let text = "An IED struck a vehicle in the area of Tessakorou (Wendo MBara) on Sunday.";
        assert_eq!(latitude_of(&finder, text, "Wendo MBara"), Some(16.21));
    }

    #[test]
    fn a_distance_from_a_landmark_places_an_event_on_a_road_the_road_s_ends_do_not() {
        let rows = [
            (9_300_061, "Wendoulou", 15.90, 2.40, "09"),
            (9_300_062, "Bakaria", 15.66, 0.50, "07"),
            (9_300_063, "Tessakorou", 16.15, 1.43, "07"),
        ];
        let finder = finder_with("road-landmark", &rows);
        let reference = |text: &str, name: &str| flags_of(&finder, text, name).map(|(_, reference)| reference);
        let text = "A convoy was ambushed on the axis Wendoulou-Bakaria, 15km from Tessakorou, on Sunday.";
        assert_eq!(reference(text, "Tessakorou"), Some(false));
        assert_eq!(reference(text, "Wendoulou"), Some(true));
        assert_eq!(reference(text, "Bakaria"), Some(true));
        // Without a distance the road's first end is still where it happened.
        let text = "A convoy was ambushed on the axis Wendoulou-Bakaria on Sunday.";
        assert_eq!(reference(text, "Wendoulou"), Some(false));
    }

    #[test]
    fn a_settled_town_at_a_road_s_end_is_not_traded_for_a_village_of_its_name() {
        let rows = [
            geonames_row(9_300_073, "Wendoro", "", 16.27, -0.04, "P", "PPLA", "09"),
            geonames_row(9_300_074, "Wendoro", "", 13.50, 2.10, "P", "PPL", "09"),
            geonames_row(9_300_075, "Bakaria", "", 13.52, 2.11, "P", "PPL", "09"),
        ];
        let finder = finder_with_rows("settled-end", &rows);
        let text = "Traders were robbed on Sunday on the axis Wendoro-Bakaria.";
        assert_eq!(latitude_of(&finder, text, "Wendoro"), Some(16.27));
    }

    #[test]
    fn a_name_written_again_is_the_place_its_landmark_made_it() {
        // Two places of one name: a district seat far off, which a name alone finds, and a
        // village north of the landmark the report places it by.
        let rows = [
            geonames_row(9_300_070, "Wendoulou", "", 10.95, -7.03, "P", "PPLA2", "06"),
            geonames_row(9_300_071, "Wendoulou", "", 14.02, -8.05, "P", "PPL", "07"),
            geonames_row(9_300_072, "Bakaria", "", 13.90, -8.10, "P", "PPL", "07"),
        ];
        let finder = finder_with_rows("landmark-again", &rows);
        let text = "On Monday, gunmen attacked the customs post of Wendoulou, 15 km north of Bakaria (coded as Wendoulou at geoprecision 2).";
        let latitudes = with_found(&finder, text, |doc, m| {
            m.places
                .iter()
                .filter(|p| p.span.of(doc.text) == "Wendoulou")
                .map(|p| p.place.map(|id| finder.gazetteer.place(id).lat))
                .collect::<Vec<_>>()
        });
        assert_eq!(latitudes, vec![Some(Some(14.02)), Some(Some(14.02))]);
    }

    #[test]
    fn towns_in_brackets_after_a_town_s_entrance_are_where_its_roads_lead() {
        let finder = finder_with(
            "entrance",
            &[
                (9_300_076, "Wendoro", 15.66, 0.50, "09"),
                (9_300_077, "Bakaria", 14.96, 0.70, "09"),
                (9_300_078, "Tessakorou", 15.92, 2.40, "09"),
            ],
        );
        let text = "Gunmen attacked the checkpoints at the southern entrance (Bakaria) of Wendoro on Monday.";
        assert_eq!(flags_of(&finder, text, "Bakaria"), Some((true, true)));
        assert_eq!(flags_of(&finder, text, "Wendoro"), Some((false, false)));
    }

    #[test]
    fn the_town_a_road_leads_to_places_what_happened_on_it_a_journey_s_end_does_not() {
        let finder = finder_with("road-to", &[(9_300_049, "Wendoro", 14.10, -5.00, "04")]);
        let endpoint = |text: &str| flags_of(&finder, text, "Wendoro").map(|(endpoint, _)| endpoint);
        assert_eq!(endpoint("Gunmen abducted the subprefect on the road towards Wendoro on Sunday."), Some(false));
        assert_eq!(endpoint("Gunmen robbed two traders on their way to Wendoro on Sunday."), Some(false));
        assert_eq!(endpoint("Gunmen attacked three vehicles en route to Wendoro on Sunday."), Some(true));
        assert_eq!(endpoint("The wounded were evacuated to Wendoro on Sunday."), Some(true));
    }

    #[test]
    fn of_villages_alike_the_one_its_district_is_named_after_is_meant() {
        // Two villages as plain as each other; a district of the name lies 30 km from the second.
        let mut finder = finder_with(
            "district-seat",
            &[(9_300_030, "Wendokoro", 12.05, -8.63, "07"), (9_300_031, "Wendokoro", 12.84, -11.24, "03")],
        );
        let district = geonames_row(9_300_032, "Wendokoro Cercle", "Wendokoro", 12.67, -11.0, "A", "ADM2", "03");
        finder.gazetteer.add_test_dump("district-seat-admin2", &[district]);
        assert_eq!(latitude_of(&finder, "Riots broke out in Wendokoro on Sunday.", "Wendokoro"), Some(12.84));
    }

    #[test]
    fn a_district_named_is_placed_by_its_seat_not_by_a_namesake_village() {
        // The seat of the Cercle of Wendoro, the cercle itself, a namesake village 300 km off, and
        // a village of Dialakorou 30 km from that namesake only.
        let rows = [
            geonames_row(9_300_050, "Wendoro", "", 14.06, -3.07, "P", "PPLA2", "04"),
            geonames_row(9_300_051, "Wendoro", "", 13.74, -5.62, "P", "PPL", "05"),
            geonames_row(9_300_052, "Dialakorou", "", 13.53, -5.36, "P", "PPL", "05"),
            geonames_row(9_300_053, "Wendoro Cercle", "Wendoro", 14.60, -2.90, "A", "ADM2", "04"),
        ];
        let finder = finder_with_rows("district-named", &rows);
        let text = "Gunmen killed two herders in the area of Dialakorou, Cercle of Wendoro, on Sunday.";
        let got = places(&finder, text);
        assert!(got.contains(&("Dialakorou".into(), None, Some("Wendoro".into()))), "{got:?}");
        assert_eq!(latitude_of(&finder, text, "Wendoro"), Some(14.06));
        assert_eq!(latitude_of(&finder, "Riots broke out in the cercle of Wendoro on Sunday.", "Wendoro"), Some(14.06));
        assert_eq!(
            latitude_of(&finder, "A teacher was abducted in the Wendoro region on Sunday.", "Wendoro"),
            Some(14.06)
        );
    }

    #[test]
    fn a_village_near_a_region_seat_may_lie_farther_off_in_its_region() {
        // 105 km from the town of Mopti, in the region of Mopti.
        let finder = finder_with("near-seat", &[(9_300_016, "Wendokoro", 15.15, -3.47, "04")]);
        let got = places(&finder, "Two gendarmes were killed in an attack on a checkpoint in Wendokoro, near Mopti.");
        assert_eq!(got[0], ("Wendokoro".into(), Some("Wendokoro".into()), None), "{got:?}");
    }

    #[test]
    fn among_spellings_as_near_a_village_is_taken_before_a_well() {
        let rows = [
            geonames_row(9_300_017, "Wendokoro", "", 18.60, -1.90, "H", "WLL", "08"),
            geonames_row(9_300_018, "Wendokoru", "", 16.60, -2.70, "P", "PPL", "08"),
        ];
        let finder = finder_with_rows("spelling-village", &rows);
        let got = places(&finder, "Gunmen burned the electoral materials in Wendokora on Monday.");
        assert_eq!(got[0], ("Wendokora".into(), Some("Wendokoru".into()), None), "{got:?}");
    }

    #[test]
    fn of_homonyms_none_of_them_a_village_the_locality_is_taken() {
        let rows = [
            geonames_row(9_300_040, "Tessoukari", "", 17.80, 0.30, "H", "WLL", "09"),
            geonames_row(9_300_041, "Tessoukari", "", 18.90, 1.00, "T", "HLLS", "10"),
            geonames_row(9_300_042, "Tessoukari", "", 17.95, -0.10, "L", "LCTY", "09"),
        ];
        let finder = finder_with_rows("locality", &rows);
        let text = "A convoy was struck by an IED near Tessoukari on Monday.";
        assert_eq!(latitude_of(&finder, text, "Tessoukari"), Some(17.95));
    }

    #[test]
    fn a_town_named_by_an_operation_or_before_son_of_is_no_place() {
        let finder = finder_with("not-places", &[(9_300_043, "Tessakorou", 14.10, -3.20, "04")]);
        let found = |text: &str| places(&finder, text).into_iter().any(|p| p.0 == "Tessakorou");
        assert!(!found("Tessakorou ould Sidi, a trader, was abducted by gunmen on Monday."));
        assert!(!found("Twenty militants were killed in the operation 'Tessakorou' on Monday."));
        // The town itself is still found.
        let text = "A trader was abducted by gunmen in Tessakorou on Monday.";
        assert_eq!(latitude_of(&finder, text, "Tessakorou"), Some(14.10));
    }

    #[test]
    fn a_village_no_file_knows_lies_in_the_country_of_its_story() {
        let finder = finder_with("unknown-country", &[]);
        let a = Article {
            id: "t".into(),
            text: "Gunmen killed two herders in Qwertzouma, 20 km from Gao, and fled towards Zyxwane.".into(),
            published: Some("2025-06-12".into()),
            ..Default::default()
        };
        let doc = Document::new(&a, &Tokenizer::new());
        let m = finder.find(&doc);
        let country = |name: &str| m.places.iter().find(|p| p.span.of(doc.text) == name).unwrap().country_code.clone();
        assert_eq!(country("Qwertzouma").as_deref(), Some("ML"));
        // Where people fled to is a reference point, not a claim about its country.
        assert_eq!(country("Zyxwane"), None);
    }

    #[test]
    fn a_village_named_with_the_people_of_its_quarter_is_the_village() {
        let finder = finder_with("qualified-text", &[(9_300_019, "Wendokoro", 14.10, -3.20, "04")]);
        let got = places(&finder, "Militiamen attacked the village of Wendokoro Dogon on Monday.");
        assert_eq!(got[0].1.as_deref(), Some("Wendokoro"), "{got:?}");
        let got = places(&finder, "Herders of Wendokoro-Peulh and their neighbours clashed on Monday.");
        assert_eq!(got[0], ("Wendokoro".into(), Some("Wendokoro".into()), None), "{got:?}");
    }

    #[test]
    fn a_village_known_only_with_its_people_is_found_by_its_bare_name() {
        let finder = finder_with("qualified-gazetteer", &[(9_300_020, "Tessakorou-Foulbé", 14.10, -3.20, "04")]);
        let got = places(&finder, "Gunmen killed three herders in the area of Tessakorou on Monday.");
        assert_eq!(got[0], ("Tessakorou".into(), Some("Tessakorou-Foulbé".into()), None), "{got:?}");
    }

    #[test]
    fn a_town_after_a_bearing_and_before_a_possessive_is_the_town() {
        // A dump may spell a name with a trailing soft sign, which must not hide "Wendokoro's".
        let rows = [geonames_row(9_300_021, "Wendokoro", "Wendokoro'", 18.40, 1.40, "P", "PPL", "10")];
        let finder = finder_with_rows("bearing", &rows);
        let got = places(&finder, "Three detonations were heard in North-East Wendokoro's outskirts.");
        assert_eq!(got[0], ("Wendokoro".into(), Some("Wendokoro".into()), None), "{got:?}");
    }

    #[test]
    fn a_place_owning_the_next_one_is_only_its_reference() {
        let finder = finder_with(
            "possessive",
            &[(9_300_022, "Wendokoro", 18.04, 0.60, "10"), (9_300_023, "Tessakorou", 18.44, 1.41, "10")],
        );
        with_found(&finder, "Two graves were uncovered in Tessakorou's Wendokoro area on Monday.", |doc, m| {
            let reference = |name: &str| m.places.iter().find(|p| p.span.of(doc.text) == name).unwrap().is_reference;
            assert!(reference("Tessakorou"));
            assert!(!reference("Wendokoro"));
        });
    }

    #[test]
    fn a_village_naming_the_fighters_after_it_is_their_band_not_a_place() {
        let finder = finder_with(
            "band",
            &[(9_300_024, "Wendokoro", 14.90, -2.20, "04"), (9_300_025, "Tessakorou", 15.00, -2.40, "04")],
        );
        let got =
            places(&finder, "Officials said Wendokoro militants wounded four soldiers near Tessakorou on Monday.");
        assert!(got.iter().all(|(text, _, _)| text != "Wendokoro"), "{got:?}");
        // After a locative the village is where the fighters were.
        let got = places(&finder, "Soldiers clashed in Wendokoro militants' hideout near Tessakorou.");
        assert_eq!(got[0].1.as_deref(), Some("Wendokoro"), "{got:?}");
    }

    #[test]
    fn a_town_whose_office_someone_holds_is_only_the_clue_of_last_resort() {
        let finder = finder_with(
            "office",
            &[(9_300_026, "Wendokoro", 14.90, -2.20, "04"), (9_300_027, "Tessakorou", 15.00, -2.40, "04")],
        );
        with_found(&finder, "The mayor of Wendokoro was shot dead at his home in Tessakorou on Monday.", |doc, m| {
            let flags = |name: &str| {
                let p = m.places.iter().find(|p| p.span.of(doc.text) == name).unwrap();
                (p.is_reference, p.is_endpoint)
            };
            assert_eq!(flags("Wendokoro"), (true, true));
            assert_eq!(flags("Tessakorou"), (false, false));
        });
    }

    #[test]
    fn a_stream_is_no_more_than_a_reference_point() {
        let rows = [geonames_row(9_300_028, "Wendokoro", "", 14.10, -3.90, "H", "STM", "04")];
        let finder = finder_with_rows("stream", &rows);
        with_found(&finder, "Gunmen ambushed a boat on the Wendokoro on Monday.", |doc, m| {
            let stream = m.places.iter().find(|p| p.span.of(doc.text) == "Wendokoro").unwrap();
            assert!(stream.place.is_some() && stream.is_reference);
        });
    }

    #[test]
    fn a_homonym_is_told_by_the_neighbour_as_already_told_apart() {
        let finder = finder_with(
            "pair",
            &[
                (9_300_029, "Wendokoro", 13.40, -11.00, "03"),
                (9_300_030, "Wendokoro", 14.10, -4.00, "04"),
                (9_300_031, "Tessakorou", 14.15, -4.20, "05"),
                (9_300_032, "Tessakorou", 16.50, 0.00, "09"),
            ],
        );
        with_found(&finder, "An IED struck a cart between Wendokoro and Tessakorou on Monday.", |doc, m| {
            let g = &finder.gazetteer;
            let got = |name: &str| {
                let p = m.places.iter().find(|p| p.span.of(doc.text) == name).unwrap();
                (p.place.map(|id| g.place(id).geonames_id), p.homonyms.len())
            };
            assert_eq!(got("Wendokoro"), (Some(9_300_030), 0));
            // Decided by the Wendokoro near it, not left open for a feed to move.
            assert_eq!(got("Tessakorou"), (Some(9_300_031), 0));
        });
    }

    #[test]
    fn a_frontier_named_is_only_half_the_evidence_of_its_country() {
        let rows = [
            geonames_row(9_300_033, "Tessakorou", "", 14.00, -2.50, "H", "WLL", "04"),
            // In Burkina Faso.
            geonames_row(9_300_034, "Tessakorou", "", 12.98, -2.45, "P", "PPL", "55").replace("\tML\t", "\tBF\t"),
        ];
        let finder = finder_with_rows("frontier", &rows);
        with_found(
            &finder,
            "Gunmen killed a herder south of Tessakorou, close to the border with Burkina Faso.",
            |_, m| {
                assert_eq!(m.places[0].country_code.as_deref(), Some("ML"));
            },
        );
    }

    #[test]
    fn a_village_in_a_region_seat_may_lie_anywhere_in_its_region() {
        // 170 km from the town of Mopti, in the region of Mopti.
        let finder = finder_with("seat", &[(9_300_003, "Dagorodi", 14.30, -2.60, "04")]);
        let got = places(&finder, "Gunmen killed a farmer in the village of Dagorodi in Mopti on Monday.");
        assert_eq!(got[0], ("Dagorodi".into(), Some("Dagorodi".into()), None), "{got:?}");
    }
}
