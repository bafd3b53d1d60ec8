//! Search latency and indexing throughput on a large synthetic corpus, tantivy against SQLite
//! FTS5 on the same documents and the same questions.
//!
//!     cargo bench --bench search
//!
//! Environment:
//! - `EVENTSIFT_BENCH_INCIDENTS`: incidents to generate (default 1,000,000).
//! - `EVENTSIFT_BENCH_DIR`: where the two indexes are built (default: a folder named after the
//!   size under the system temp dir). Both are reused when present, so only the first run pays
//!   for building them; delete the folder to rebuild.
//! - `EVENTSIFT_BENCH_SECONDS`: time cap per engine and query type (default 30).
//!
//! The generator is deterministic (a fixed-seed SplitMix64): the same size gives the same
//! corpus, byte for byte, on every machine.
//!
//! Both engines answer each question with its top 10 hits and its total counted up to 10,000
//! (beyond, "10000+", as `eventsift search` reports it); facet counts are exact in both.

use eventsift::incidents::{Acled, Actor, Casualties, Count, Evidence, Incident, IncidentDate, Location, Quote};
use eventsift::mentions::{ActorKind, DatePrecision, EventType, Qualifier, Tactic};
use eventsift::read::Article;
use eventsift::rng::SplitMix64;
use eventsift::search::{Kind, SearchIndex, SearchRequest, WriterOptions};
use rusqlite::{params, Connection, OpenFlags};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// The generator.

struct Town {
    name: &'static str,
    admin1: &'static str,
    lat: f64,
    lon: f64,
}

struct Country {
    name: &'static str,
    code: &'static str,
    /// "Malian soldiers"
    soldiers: &'static str,
    /// Canonical state force and its short name.
    army: (&'static str, &'static str),
    towns: &'static [Town],
    /// (name as written, canonical)
    groups: &'static [(&'static str, &'static str)],
}

macro_rules! towns {
    ($(($n:literal, $a:literal, $lat:literal, $lon:literal)),* $(,)?) => { &[$(Town { name: $n, admin1: $a, lat: $lat, lon: $lon }),*] };
}

const COUNTRIES: &[Country] = &[
    Country {
        name: "Mali",
        code: "ML",
        soldiers: "Malian soldiers",
        army: ("Malian Armed Forces", "FAMa"),
        towns: towns![
            ("Timbuktu", "Tombouctou", 16.773, -3.007),
            ("Mopti", "Mopti", 14.484, -4.183),
            ("Gao", "Gao", 16.271, -0.044),
            ("Kidal", "Kidal", 18.441, 1.407),
            ("Ménaka", "Ménaka", 15.918, 2.402),
            ("Ségou", "Ségou", 13.431, -6.266),
            ("Boulkessi", "Mopti", 14.946, -1.934),
            ("Djenné", "Mopti", 13.906, -4.555),
            ("Léré", "Tombouctou", 15.712, -4.912)
        ],
        groups: &[
            ("JNIM", "Jama'a Nusrat ul-Islam wa al-Muslimin"),
            ("Islamic State Sahel Province", "Islamic State Sahel Province"),
            ("Katiba Macina", "Katiba Macina"),
        ],
    },
    Country {
        name: "Burkina Faso",
        code: "BF",
        soldiers: "Burkinabe soldiers",
        army: ("Burkina Faso Armed Forces", "FABF"),
        towns: towns![
            ("Djibo", "Sahel", 14.102, -1.630),
            ("Dori", "Sahel", 14.035, -0.035),
            ("Fada N'gourma", "Est", 12.062, 0.358),
            ("Kaya", "Centre-Nord", 13.092, -1.084),
            ("Ouahigouya", "Nord", 13.583, -2.422),
            ("Arbinda", "Sahel", 14.231, -0.867)
        ],
        groups: &[
            ("JNIM", "Jama'a Nusrat ul-Islam wa al-Muslimin"),
            ("Ansarul Islam", "Ansarul Islam"),
            ("Islamic State Sahel Province", "Islamic State Sahel Province"),
        ],
    },
    Country {
        name: "Niger",
        code: "NE",
        soldiers: "Nigerien soldiers",
        army: ("Niger Armed Forces", "FAN"),
        towns: towns![
            ("Tillabéri", "Tillabéri", 14.211, 1.453),
            ("Ayorou", "Tillabéri", 14.731, 0.918),
            ("Diffa", "Diffa", 13.315, 12.611),
            ("Tahoua", "Tahoua", 14.889, 5.265),
            ("Ouallam", "Tillabéri", 14.318, 2.086)
        ],
        groups: &[
            ("Islamic State Sahel Province", "Islamic State Sahel Province"),
            ("ISWAP", "Islamic State West Africa Province"),
            ("JNIM", "Jama'a Nusrat ul-Islam wa al-Muslimin"),
        ],
    },
    Country {
        name: "Nigeria",
        code: "NG",
        soldiers: "Nigerian soldiers",
        army: ("Nigerian Army", "NA"),
        towns: towns![
            ("Maiduguri", "Borno", 11.846, 13.160),
            ("Damboa", "Borno", 11.155, 12.756),
            ("Kaduna", "Kaduna", 10.523, 7.438),
            ("Gusau", "Zamfara", 12.170, 6.664),
            ("Monguno", "Borno", 12.670, 13.612),
            ("Bama", "Borno", 11.522, 13.686)
        ],
        groups: &[
            ("ISWAP", "Islamic State West Africa Province"),
            ("Boko Haram", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"),
            ("bandits", "Bandits"),
        ],
    },
    Country {
        name: "Somalia",
        code: "SO",
        soldiers: "Somali soldiers",
        army: ("Somali National Army", "SNA"),
        towns: towns![
            ("Mogadishu", "Banaadir", 2.037, 45.344),
            ("Kismayo", "Lower Juba", -0.358, 42.545),
            ("Baidoa", "Bay", 3.114, 43.650),
            ("Beledweyne", "Hiiraan", 4.736, 45.204)
        ],
        groups: &[
            ("al-Shabaab", "Harakat al-Shabaab al-Mujahideen"),
            ("Islamic State Somalia Province", "Islamic State Somalia Province"),
        ],
    },
    Country {
        name: "Democratic Republic of the Congo",
        code: "CD",
        soldiers: "Congolese soldiers",
        army: ("Armed Forces of the Democratic Republic of the Congo", "FARDC"),

        towns: towns![
            ("Beni", "North Kivu", 0.491, 29.473),
            ("Goma", "North Kivu", -1.679, 29.222),
            ("Bunia", "Ituri", 1.560, 30.252),
            ("Butembo", "North Kivu", 0.142, 29.291)
        ],
        groups: &[
            ("ADF", "Allied Democratic Forces"),
            ("M23", "March 23 Movement"),
            ("CODECO", "Cooperative for the Development of Congo"),
        ],
    },
    Country {
        name: "Mozambique",
        code: "MZ",
        soldiers: "Mozambican soldiers",
        army: ("Mozambique Defence Armed Forces", "FADM"),
        towns: towns![
            ("Mocímboa da Praia", "Cabo Delgado", -11.350, 40.355),
            ("Palma", "Cabo Delgado", -10.775, 40.470),
            ("Macomia", "Cabo Delgado", -12.245, 40.123)
        ],
        groups: &[("Ansar al-Sunna", "Islamic State Mozambique Province")],
    },
    Country {
        name: "Afghanistan",
        code: "AF",
        soldiers: "Afghan soldiers",
        army: ("Afghan security forces", "ANDSF"),
        towns: towns![
            ("Kandahar", "Kandahar", 31.610, 65.710),
            ("Jalalabad", "Nangarhar", 34.430, 70.448),
            ("Kunduz", "Kunduz", 36.729, 68.857)
        ],
        groups: &[("Islamic State Khorasan Province", "Islamic State Khorasan Province"), ("Taliban", "Taliban")],
    },
    Country {
        name: "Pakistan",
        code: "PK",
        soldiers: "Pakistani soldiers",
        army: ("Pakistan Army", "PA"),
        towns: towns![
            ("Peshawar", "Khyber Pakhtunkhwa", 34.008, 71.578),
            ("Quetta", "Balochistan", 30.184, 67.000),
            ("Bannu", "Khyber Pakhtunkhwa", 32.986, 70.604)
        ],
        groups: &[("TTP", "Tehrik-i-Taliban Pakistan"), ("BLA", "Balochistan Liberation Army")],
    },
    Country {
        name: "Syria",
        code: "SY",
        soldiers: "Syrian soldiers",
        army: ("Syrian Arab Army", "SAA"),
        towns: towns![
            ("Deir ez-Zor", "Deir ez-Zor", 35.336, 40.141),
            ("Idlib", "Idlib", 35.931, 36.634),
            ("Raqqa", "Raqqa", 35.953, 39.009)
        ],
        groups: &[("Islamic State", "Islamic State"), ("HTS", "Hay'at Tahrir al-Sham")],
    },
    Country {
        name: "Iraq",
        code: "IQ",
        soldiers: "Iraqi soldiers",
        army: ("Iraqi Security Forces", "ISF"),
        towns: towns![
            ("Kirkuk", "Kirkuk", 35.468, 44.392),
            ("Mosul", "Nineveh", 36.340, 43.130),
            ("Tikrit", "Saladin", 34.616, 43.679)
        ],
        groups: &[("Islamic State", "Islamic State")],
    },
    Country {
        name: "Sudan",
        code: "SD",
        soldiers: "Sudanese soldiers",
        army: ("Sudanese Armed Forces", "SAF"),
        towns: towns![
            ("El Fasher", "North Darfur", 13.628, 25.350),
            ("Omdurman", "Khartoum", 15.645, 32.478),
            ("Nyala", "South Darfur", 12.050, 24.881)
        ],
        groups: &[("RSF", "Rapid Support Forces")],
    },
];

struct EventKind {
    event_type: &'static str,
    acled: (&'static str, &'static str),
    gtd: &'static str,
    tactics: &'static [&'static str],
    /// The trigger verb, past tense.
    verbs: &'static [&'static str],
    noun: &'static str,
    weight: u32,
}

const EVENTS: &[EventKind] = &[
    EventKind {
        event_type: "armed_assault",
        acled: ("Battles", "Armed clash"),
        gtd: "Armed Assault",
        tactics: &["small_arms", "ambush", "complex_attack", "arson", "disguise", "mortar"],
        verbs: &["attacked", "stormed", "ambushed", "raided"],
        noun: "attack",
        weight: 30,
    },
    EventKind {
        event_type: "bombing",
        acled: ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        gtd: "Bombing/Explosion",
        tactics: &["ied", "vbied", "landmine"],
        verbs: &["bombed", "blew up", "targeted"],
        noun: "bombing",
        weight: 14,
    },
    EventKind {
        event_type: "suicide_bombing",
        acled: ("Explosions/Remote violence", "Suicide bomb"),
        gtd: "Bombing/Explosion",
        tactics: &["suicide_bombing", "svbied", "complex_attack"],
        verbs: &["struck", "attacked", "targeted"],
        noun: "suicide attack",
        weight: 6,
    },
    EventKind {
        event_type: "shelling",
        acled: ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        gtd: "Bombing/Explosion",
        tactics: &["mortar", "artillery", "rocket"],
        verbs: &["shelled", "pounded", "fired on"],
        noun: "shelling",
        weight: 8,
    },
    EventKind {
        event_type: "air_drone_strike",
        acled: ("Explosions/Remote violence", "Air/drone strike"),
        gtd: "Bombing/Explosion",
        tactics: &["drone", "airstrike"],
        verbs: &["struck", "bombed", "hit"],
        noun: "drone strike",
        weight: 8,
    },
    EventKind {
        event_type: "kidnapping",
        acled: ("Violence against civilians", "Abduction/forced disappearance"),
        gtd: "Hostage Taking (Kidnapping)",
        tactics: &["kidnapping", "small_arms"],
        verbs: &["kidnapped", "abducted", "seized"],
        noun: "kidnapping",
        weight: 10,
    },
    EventKind {
        event_type: "mass_killing",
        acled: ("Violence against civilians", "Attack"),
        gtd: "Armed Assault",
        tactics: &["small_arms", "arson", "looting"],
        verbs: &["massacred", "killed", "executed"],
        noun: "massacre",
        weight: 8,
    },
    EventKind {
        event_type: "armed_clash",
        acled: ("Battles", "Armed clash"),
        gtd: "Armed Assault",
        tactics: &["small_arms", "mortar"],
        verbs: &["clashed with", "fought", "engaged"],
        noun: "clashes",
        weight: 10,
    },
    EventKind {
        event_type: "seizure_of_territory",
        acled: ("Battles", "Non-state actor overtakes territory"),
        gtd: "Armed Assault",
        tactics: &["seizure_of_town", "siege", "small_arms"],
        verbs: &["overran", "captured", "seized"],
        noun: "offensive",
        weight: 4,
    },
    EventKind {
        event_type: "looting_destruction",
        acled: ("Strategic developments", "Looting/property destruction"),
        gtd: "Facility/Infrastructure Attack",
        tactics: &["looting", "arson"],
        verbs: &["looted", "torched", "burned"],
        noun: "raid",
        weight: 2,
    },
];

const TACTIC_SENTENCES: &[(&str, &[&str])] = &[
    (
        "svbied",
        &[
            "Two explosives-laden vehicles driven by suicide bombers (SVBIED) rammed the gate before dawn.",
            "A suicide car bomb blew open the perimeter wall before fighters poured in.",
        ],
    ),
    (
        "vbied",
        &[
            "A car bomb parked near the entrance exploded as the convoy passed.",
            "A truck packed with explosives detonated outside the checkpoint.",
        ],
    ),
    (
        "ied",
        &[
            "A roadside bomb struck the lead vehicle of the convoy.",
            "An improvised explosive device hidden under the road went off.",
        ],
    ),
    (
        "landmine",
        &[
            "The vehicle ran over a landmine on a dirt track.",
            "A buried mine exploded under a cart carrying villagers.",
        ],
    ),
    (
        "suicide_bombing",
        &["A suicide bomber detonated his vest among the crowd.", "The bomber blew himself up at the gate."],
    ),
    (
        "ambush",
        &[
            "The attackers ambushed the patrol on the road out of town.",
            "Gunmen lay in wait and opened fire on the convoy.",
        ],
    ),
    (
        "complex_attack",
        &[
            "The assault combined explosives, gunfire and mortar fire.",
            "Fighters attacked from several directions at once.",
        ],
    ),
    ("mortar", &["Mortar rounds hit the airport during the assault.", "Mortar shells landed near the military camp."]),
    (
        "artillery",
        &["Artillery fire hit residential neighbourhoods.", "Heavy artillery pounded the outskirts for hours."],
    ),
    ("rocket", &["Rockets struck the base overnight.", "Several rockets landed near the market."]),
    ("drone", &["A drone struck a gathering of fighters.", "An armed drone hit a vehicle on the highway."]),
    ("airstrike", &["Warplanes carried out airstrikes on the area.", "An air raid destroyed several buildings."]),
    ("small_arms", &["The gunmen opened fire with assault rifles.", "Fighters on motorbikes fired on residents."]),
    ("arson", &["Houses and granaries were set ablaze.", "The attackers burned shops and vehicles."]),
    (
        "disguise",
        &[
            "Some of the gunmen wore {army} uniforms, witnesses said.",
            "Fighters disguised in {army} uniforms entered the base.",
        ],
    ),
    (
        "kidnapping",
        &[
            "The gunmen abducted passengers and took them into the bush.",
            "Several people were taken hostage and led away.",
        ],
    ),
    ("looting", &["The attackers looted shops and livestock.", "Fighters carried off food and fuel from the depot."]),
    (
        "seizure_of_town",
        &[
            "The militants raised their flag over the town hall.",
            "Fighters took control of the town after the troops withdrew.",
        ],
    ),
    (
        "siege",
        &["The town has been under blockade for months.", "Fighters have besieged the town and cut off its roads."],
    ),
];

const FILLERS: &[&str] = &[
    "The region has seen a surge in violence over the past decade.",
    "Humanitarian agencies said thousands of people had fled their homes.",
    "The army said reinforcements had been sent to the area.",
    "The claim could not be independently verified.",
    "Local officials appealed for more protection from the government.",
    "The government did not comment on the attack.",
    "Aid groups warned that access to the area remained difficult.",
    "The United Nations condemned the violence in a statement.",
    "Security sources said the death toll could rise.",
    "Residents said the attackers arrived on motorbikes and pickup trucks.",
    "Phone networks in the area were cut during the fighting.",
    "Schools and health centres in the district have been closed for weeks.",
    "The military said several assailants had been neutralised.",
    "A curfew was imposed on the town after the attack.",
    "Analysts say the group has expanded its operations this year.",
    "The bodies were buried in a mass grave, a local leader said.",
];

const SOURCES: &[&str] =
    &["security sources", "local officials", "the army", "witnesses", "a local leader", "hospital sources", "police"];
const AGENCIES: &[&str] = &["Sahel Wire", "Frontline News", "Regional Dispatch", "Conflict Desk", "Field Report"];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] = &["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"];
const NUMBER_WORDS: &[&str] =
    &["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/// Villages: a long tail of rare place names, as a real corpus has.
fn villages() -> Vec<String> {
    const A: &[&str] = &[
        "Ba", "Ko", "Di", "Sa", "Ma", "Ti", "Ou", "Ga", "Ka", "Nio", "Dou", "Ton", "Bel", "Se", "Fa", "Yo", "Zin",
        "Kou",
    ];
    const B: &[&str] =
        &["ra", "lo", "mbe", "nko", "gou", "sso", "ndi", "ri", "kala", "dje", "bou", "ta", "ssa", "nde", "lle", "ga"];
    const C: &[&str] = &["", "ni", "re", "ssi", "ko", "bougou", "dougou", "kane", "ri", "ye", "na"];
    let mut rng = SplitMix64::new(0xC0FFEE);
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while out.len() < 20_000 {
        let name = format!("{}{}{}", rng.pick(A), rng.pick(B), rng.pick(C));
        let name = if rng.chance(0.3) { format!("{name}-{}", rng.pick(A)) } else { name };
        if seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let d = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(days);
    use chrono::Datelike;
    (d.year(), d.month(), d.day())
}

fn ymd(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_of(y: i32, m: u32, d: u32) -> i64 {
    (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap() - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
        .num_days()
}

fn number_text(n: u64) -> String {
    if (n as usize) < NUMBER_WORDS.len() && n > 0 {
        NUMBER_WORDS[n as usize].to_string()
    } else {
        n.to_string()
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// One article and its incidents (1 to 3, one paragraph each).
fn generate_article(
    rng: &mut SplitMix64,
    n: usize,
    villages: &[String],
    events_total: u32,
) -> (Article, Vec<Incident>) {
    let country = rng.pick(COUNTRIES);
    let published =
        days_of(2015, 1, 1) + rng.below(days_of(2025, 12, 31) as usize - days_of(2015, 1, 1) as usize + 1) as i64;
    let (_, pm, pd) = civil_from_days(published);
    let id = format!("bench-{n:07}");
    let count = match rng.below(10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    let first_town = rng.pick(country.towns);
    let agency = *rng.pick(AGENCIES);
    let mut text = format!("{}, {} {pd} ({agency}) - ", first_town.name.to_uppercase(), MONTHS[pm as usize - 1]);
    let mut incidents = Vec::with_capacity(count);
    let mut title = String::new();
    for k in 0..count {
        let town = if k == 0 { first_town } else { rng.pick(country.towns) };
        let mut pick = rng.below(events_total as usize) as u32;
        let kind = EVENTS
            .iter()
            .find(|e| {
                if pick < e.weight {
                    true
                } else {
                    pick -= e.weight;
                    false
                }
            })
            .unwrap();
        let day = published - rng.below(4) as i64;
        let weekday = WEEKDAYS[((day + 3).rem_euclid(7)) as usize];
        let group = if rng.chance(0.8) { Some(*rng.pick(country.groups)) } else { None };
        let civilians = kind.event_type == "mass_killing" || kind.event_type == "kidnapping" || rng.chance(0.3);
        let victims = if civilians { "civilians" } else { country.soldiers };
        let killed: Option<(u64, Qualifier)> = if rng.chance(0.75) {
            let x = rng.unit();
            let n = 1 + (x * x * x * 220.0) as u64;
            let q = match rng.below(4) {
                0 => Qualifier::AtLeast,
                1 => Qualifier::MoreThan,
                2 => Qualifier::About,
                _ => Qualifier::Exact,
            };
            Some((n, q))
        } else {
            None
        };
        let wounded = if rng.chance(0.4) { Some(1 + rng.below(60) as u64) } else { None };
        let hostages = if kind.event_type == "kidnapping" { Some(2 + rng.below(80) as u64) } else { None };
        let mut tactics: Vec<&str> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let t = *rng.pick(kind.tactics);
            if !tactics.contains(&t) {
                tactics.push(t);
            }
        }
        let perp_phrase = match group {
            Some((name, _)) if rng.chance(0.5) => format!("fighters of {name}"),
            _ => "suspected jihadists".to_string(),
        };
        let verb = *rng.pick(kind.verbs);
        let object =
            if civilians { format!("the village of {}", rng.pick(villages)) } else { "an army post".to_string() };
        let para_start = text.len();
        let count_text = match killed {
            Some((n, q)) => {
                let words = number_text(n);
                match q {
                    Qualifier::AtLeast => format!("At least {words}"),
                    Qualifier::MoreThan => format!("More than {words}"),
                    Qualifier::About => format!("About {words}"),
                    _ => capitalize(&words),
                }
            }
            None => String::new(),
        };
        let trigger_start;
        if killed.is_some() {
            let _ = write!(text, "{count_text} {victims} were killed when {perp_phrase} ");
            trigger_start = text.len();
            let _ = write!(text, "{verb} {object} near {} on {weekday}, {} said.", town.name, rng.pick(SOURCES));
        } else {
            let _ = write!(text, "{} ", capitalize(&perp_phrase));
            trigger_start = text.len();
            let _ = write!(text, "{verb} {object} near {} on {weekday}, {} said.", town.name, rng.pick(SOURCES));
        }
        let trigger = Quote { text: verb.to_string(), start: trigger_start, end: trigger_start + verb.len() };
        if let Some(w) = wounded {
            let _ = write!(text, " {} others were wounded.", capitalize(&number_text(w)));
        }
        if let Some(h) = hostages {
            let _ = write!(text, " The attackers took {} people hostage.", number_text(h));
        }
        for t in &tactics {
            if let Some((_, sentences)) = TACTIC_SENTENCES.iter().find(|(name, _)| name == t) {
                let s = rng.pick(sentences).replace("{army}", country.army.1);
                text.push(' ');
                text.push_str(&s);
            }
        }
        if let Some((name, canonical)) = group {
            if rng.chance(0.5) {
                let _ = write!(text, " {canonical} ({name}) claimed the {} in a statement.", kind.noun);
            }
        }
        let para_end = text.len();
        text.push_str("\n\n");
        if k == 0 {
            title = match killed {
                Some((n, _)) => format!("{n} {victims} killed in {} near {}", kind.noun, town.name),
                None => format!("{} near {}, {}", capitalize(kind.noun), town.name, country.name),
            };
        }
        let jitter = |rng: &mut SplitMix64| (rng.unit() - 0.5) * 0.4;
        let count =
            |n: u64, q: Qualifier, t: String| Count { low: Some(n), best: Some(n), high: None, qualifier: q, text: t };
        incidents.push(Incident {
            id: format!("{id}#{}", k + 1),
            article_id: id.clone(),
            event_type: kind.event_type.parse::<EventType>().unwrap(),
            acled: Acled { event_type: kind.acled.0.into(), sub_event_type: kind.acled.1.into() },
            gtd_attack_type: Some(kind.gtd.into()),
            date: Some(IncidentDate {
                start: Some(ymd(day)),
                end: Some(ymd(day)),
                precision: DatePrecision::Day,
                text: Some(format!("on {weekday}")),
            }),
            location: Some(Location {
                name: town.name.into(),
                admin1: Some(town.admin1.into()),
                country: Some(country.name.into()),
                country_code: Some(country.code.into()),
                lat: Some(town.lat + jitter(rng)),
                lon: Some(town.lon + jitter(rng)),
                geonames_id: None,
                precision: "city".into(),
            }),
            perpetrators: group
                .map(|(name, canonical)| {
                    vec![Actor {
                        name: name.into(),
                        canonical: Some(canonical.into()),
                        kind: ActorKind::ArmedGroup,
                        written: None,
                    }]
                })
                .unwrap_or_default(),
            targets: vec![if civilians {
                Actor { name: "civilians".into(), canonical: None, kind: ActorKind::Civilian, written: None }
            } else {
                Actor {
                    name: country.soldiers.into(),
                    canonical: Some(country.army.0.into()),
                    kind: ActorKind::StateMilitary,
                    written: None,
                }
            }],
            casualties: Casualties {
                killed: killed.map(|(n, q)| count(n, q, count_text.clone())),
                wounded: wounded.map(|w| count(w, Qualifier::Exact, number_text(w))),
                hostages: hostages.map(|h| count(h, Qualifier::Exact, number_text(h))),
                victim_kind: Some(if civilians { ActorKind::Civilian } else { ActorKind::StateMilitary }),
                breakdown: vec![],
            },
            tactics: tactics.iter().map(|t| t.parse::<Tactic>().unwrap()).collect(),
            weapons_seized: vec![],
            weapons_used: vec![],
            claim: None,
            historical: rng.chance(0.02),
            aggregate: rng.chance(0.02),
            trigger,
            evidence: vec![Evidence { start: para_start, end: para_end }],
            confidence: 0.5 + (rng.below(46) as f64) / 100.0,
            source: Some(agency.into()),
            url: Some(format!("https://news.example/{}/{n}", country.code.to_lowercase())),
            language: Some("en".into()),
        });
    }
    for _ in 0..rng.below(3) {
        let filler: &str = rng.pick::<&str>(FILLERS);
        text.push_str(filler);
        text.push(' ');
    }
    if rng.chance(0.4) {
        let _ = write!(text, "Residents of nearby {} fled towards {}.", rng.pick(villages), first_town.name);
    }
    let text = text.trim_end().to_string();
    let article = Article {
        id,
        text,
        title: Some(title),
        published: Some(ymd(published)),
        url: Some(format!("https://news.example/{}/{n}", country.code.to_lowercase())),
        source: Some(agency.into()),
        language: Some("en".into()),
        extra: Default::default(),
    };
    (article, incidents)
}

fn generate(incidents_wanted: u64) -> Vec<(Article, Vec<Incident>)> {
    let villages = villages();
    let total: u32 = EVENTS.iter().map(|e| e.weight).sum();
    let mut rng = SplitMix64::new(0x5EED_2025);
    let mut out = Vec::new();
    let mut n = 0u64;
    while n < incidents_wanted {
        let (a, mut i) = generate_article(&mut rng, out.len(), &villages, total);
        i.truncate((incidents_wanted - n) as usize);
        n += i.len() as u64;
        out.push((a, i));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Building.

#[derive(serde::Serialize, serde::Deserialize, Clone, Copy)]
struct BuildStats {
    articles: u64,
    incidents: u64,
    text_mb: f64,
    seconds: f64,
}

impl BuildStats {
    fn line(&self, engine: &str) -> String {
        format!(
            "{engine:<13} {:>9} articles {:>9} incidents {:>7.1} MB text in {:>6.1} s: {:>8.0} incidents/s, {:>5.1} MB/s of article text",
            self.articles,
            self.incidents,
            self.text_mb,
            self.seconds,
            self.incidents as f64 / self.seconds,
            self.text_mb / self.seconds
        )
    }
}

fn build_tantivy(dir: &Path, data: &[(Article, Vec<Incident>)]) -> BuildStats {
    let started = Instant::now();
    let index = SearchIndex::open_or_create(dir).unwrap();
    // A bulk load, as `eventsift index` does it into an empty index: no merging while writing,
    // then one segment per core.
    let options =
        WriterOptions { commit_every: 100_000, memory_bytes: 1 << 30, threads: 2, merge_while_writing: false };
    let mut writer = index.writer_with(&options).unwrap();
    for (article, incidents) in data {
        writer.add(article, incidents).unwrap();
    }
    let stats = writer.finish_merged(std::thread::available_parallelism().map_or(1, |n| n.get())).unwrap();
    BuildStats {
        articles: stats.articles,
        incidents: stats.incidents,
        text_mb: stats.text_bytes as f64 / 1e6,
        seconds: started.elapsed().as_secs_f64(),
    }
}

const SQLITE_SCHEMA: &str = "
CREATE TABLE docs(
  rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, article_id TEXT NOT NULL,
  country TEXT, event_type TEXT, killed INTEGER, date INTEGER, lat REAL, lon REAL, record TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, text, place, actor, tactic,
  tokenize = 'porter unicode61 remove_diacritics 2');
";

const SQLITE_INDEXES: &str = "
CREATE INDEX docs_article ON docs(article_id);
CREATE INDEX docs_country_killed ON docs(country, killed);
CREATE INDEX docs_date ON docs(date);
INSERT INTO fts(fts) VALUES('optimize');
";

fn build_sqlite(path: &Path, data: &[(Article, Vec<Incident>)]) -> BuildStats {
    let started = Instant::now();
    let _ = std::fs::remove_file(path);
    let mut db = Connection::open(path).unwrap();
    db.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;").unwrap();
    db.execute_batch(SQLITE_SCHEMA).unwrap();
    let (mut articles, mut incidents, mut bytes) = (0u64, 0u64, 0u64);
    for chunk in data.chunks(50_000) {
        let tx = db.transaction().unwrap();
        {
            let mut doc = tx.prepare("INSERT INTO docs VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").unwrap();
            let mut fts = tx
                .prepare("INSERT INTO fts(rowid, title, text, place, actor, tactic) VALUES (?, ?, ?, ?, ?, ?)")
                .unwrap();
            for (a, incs) in chunk {
                let meta = serde_json::json!({"id": a.id, "title": a.title, "published": a.published, "url": a.url, "source": a.source});
                let date = a.published.as_deref().and_then(eventsift::search::parse_day).map(|d| d.to_string());
                doc.execute(params![
                    "article",
                    a.id,
                    a.id,
                    None::<String>,
                    None::<String>,
                    None::<i64>,
                    date,
                    None::<f64>,
                    None::<f64>,
                    meta.to_string()
                ])
                .unwrap();
                let row = tx.last_insert_rowid();
                // As in the tantivy index, an article carries its incidents' places, actors and tactics.
                let names = |i: &Incident| {
                    let loc = i.location.as_ref();
                    let place = loc
                        .map(|l| {
                            format!(
                                "{} {} {}",
                                l.name,
                                l.admin1.as_deref().unwrap_or(""),
                                l.country.as_deref().unwrap_or("")
                            )
                        })
                        .unwrap_or_default();
                    let actors: Vec<String> = i
                        .perpetrators
                        .iter()
                        .chain(&i.targets)
                        .flat_map(|x| [Some(x.name.clone()), x.canonical.clone()])
                        .flatten()
                        .collect();
                    let tactics: Vec<&str> = i.tactics.iter().map(|t| t.as_str()).collect();
                    (place, actors.join(" "), tactics.join(" "))
                };
                let all: Vec<(String, String, String)> = incs.iter().map(names).collect();
                let join = |f: fn(&(String, String, String)) -> &String| {
                    all.iter().map(f).cloned().collect::<Vec<_>>().join(" ")
                };
                fts.execute(params![row, a.title, a.text, join(|x| &x.0), join(|x| &x.1), join(|x| &x.2)]).unwrap();
                for i in incs {
                    let loc = i.location.as_ref();
                    let (place, actors, tactics) = names(i);
                    let evidence: Vec<&str> = i.evidence.iter().filter_map(|e| a.text.get(e.start..e.end)).collect();
                    doc.execute(params![
                        "incident",
                        i.id,
                        a.id,
                        loc.and_then(|l| l.country.clone()),
                        i.event_type.as_str(),
                        i.casualties.killed.as_ref().and_then(|k| k.low).map(|k| k as i64),
                        i.date.as_ref().and_then(|d| d.start.clone()),
                        loc.and_then(|l| l.lat),
                        loc.and_then(|l| l.lon),
                        serde_json::to_string(i).unwrap(),
                    ])
                    .unwrap();
                    let row = tx.last_insert_rowid();
                    fts.execute(params![row, a.title, evidence.join("\n"), place, actors, tactics]).unwrap();
                }
                articles += 1;
                incidents += incs.len() as u64;
                bytes += a.text.len() as u64;
            }
        }
        tx.commit().unwrap();
    }
    db.execute_batch(SQLITE_INDEXES).unwrap();
    BuildStats { articles, incidents, text_mb: bytes as f64 / 1e6, seconds: started.elapsed().as_secs_f64() }
}

// ---------------------------------------------------------------------------------------------
// The questions, asked of both engines.

/// One analyst question in both engines' terms.
struct Question {
    label: String,
    tantivy: SearchRequest,
    sqlite: SqlQuestion,
}

enum SqlQuestion {
    /// Top 10 by relevance with snippets and the total.
    Text(String),
    /// Incident counts per country and per event type.
    Facets(String),
    /// Top 10 by relevance and the total, within a country, a killed floor and dates.
    Filtered { text: String, country: String, min_killed: u64, from: String, to: String },
}

fn questions() -> Vec<(&'static str, Vec<Question>)> {
    let villages = villages();
    let text = |q: &str, fts: &str| Question {
        label: q.to_string(),
        tantivy: SearchRequest::new(q),
        sqlite: SqlQuestion::Text(fts.to_string()),
    };
    let mut term = vec![];
    for w in [
        "svbied",
        "boulkessi",
        "ambush",
        "kidnapped",
        "mortar",
        "convoy",
        "drone",
        "checkpoint",
        "hostage",
        "gunmen",
        "curfew",
        "granaries",
    ] {
        term.push(text(w, w));
    }
    for v in [&villages[7], &villages[1234], &villages[15_000]] {
        term.push(text(&v.to_lowercase(), &format!("\"{}\"", v.to_lowercase())));
    }
    let mut phrase = vec![];
    for p in [
        "FAMa uniforms",
        "suicide car bomb",
        "army post",
        "roadside bomb",
        "took control of the town",
        "security sources said",
        "Islamic State",
        "mass grave",
        "pickup trucks",
        "raised their flag",
    ] {
        let q = format!("\"{}\"", p.to_lowercase());
        phrase.push(text(&q, &q));
    }
    let mut facet = vec![];
    for w in ["attacked", "ambush", "svbied", "kidnapped", "drone", "mortar", "curfew", "looted"] {
        let mut r = SearchRequest::new(w);
        r.kind = Some(Kind::Incident);
        r.facets = vec!["country".into(), "event_type".into()];
        r.limit = 0;
        r.snippets = false;
        facet.push(Question { label: format!("{w} +facets"), tantivy: r, sqlite: SqlQuestion::Facets(w.to_string()) });
    }
    let mut filtered = vec![];
    let filters: &[(&str, &str, u64, &str, &str)] = &[
        ("attacked", "Mali", 50, "2024-05-01", "2025-12-31"),
        ("ambush", "Burkina Faso", 10, "2020-01-01", "2022-12-31"),
        ("svbied", "Somalia", 20, "2018-01-01", "2025-12-31"),
        ("killed", "Nigeria", 100, "2023-01-01", "2023-12-31"),
        ("gunmen", "Niger", 5, "2019-01-01", "2021-06-30"),
        ("drone", "Sudan", 1, "2023-04-01", "2025-12-31"),
        ("mortar", "Syria", 30, "2015-01-01", "2017-12-31"),
        ("hostage", "Democratic Republic of the Congo", 3, "2021-01-01", "2025-12-31"),
    ];
    for &(w, country, min_killed, from, to) in filters {
        let mut r = SearchRequest::new(w);
        r.countries = vec![country.into()];
        r.min_killed = Some(min_killed);
        r.from = Some(from.parse().unwrap());
        r.to = Some(to.parse().unwrap());
        filtered.push(Question {
            label: format!("{w} {country} ≥{min_killed} {from}..{to}"),
            tantivy: r,
            sqlite: SqlQuestion::Filtered {
                text: w.into(),
                country: country.into(),
                min_killed,
                from: from.into(),
                to: to.into(),
            },
        });
    }
    vec![("term", term), ("phrase", phrase), ("facet", facet), ("range-filtered", filtered)]
}

/// Runs a question against SQLite; returns its total (hit count, or incidents counted).
/// Both engines count hits up to this many and report more as "10000+"; facet counts are exact.
const COUNT_UP_TO: i64 = eventsift::search::COUNT_UP_TO as i64;

/// A count up to `COUNT_UP_TO`, and whether there were more.
fn capped(n: i64) -> (u64, bool) {
    (n.min(COUNT_UP_TO) as u64, n > COUNT_UP_TO)
}

/// Runs a question against SQLite; returns its total (hit count, or incidents counted) and
/// whether that is only a lower bound.
fn ask_sqlite(db: &Connection, q: &SqlQuestion) -> (u64, bool) {
    match q {
        SqlQuestion::Text(m) => {
            let total: i64 = db
                .prepare_cached("SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ?1 LIMIT ?2)")
                .unwrap()
                .query_row(params![m, COUNT_UP_TO + 1], |r| r.get(0))
                .unwrap();
            let mut top = db
                .prepare_cached(
                    "SELECT d.id, d.record, s.snip FROM (SELECT rowid, rank, snippet(fts, 1, '**', '**', '…', 24) AS snip
                     FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT 10) s JOIN docs d ON d.rowid = s.rowid ORDER BY s.rank",
                )
                .unwrap();
            let rows = top
                .query_map([m], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
                .unwrap();
            let mut n = 0;
            for row in rows {
                row.unwrap();
                n += 1;
            }
            assert!(n <= 10);
            capped(total)
        }
        SqlQuestion::Facets(m) => {
            let mut stmt = db
                .prepare_cached(
                    "SELECT d.country, d.event_type, count(*) FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid
                     WHERE fts MATCH ?1 AND d.kind = 'incident' GROUP BY d.country, d.event_type",
                )
                .unwrap();
            let mut by_country = std::collections::HashMap::<Option<String>, u64>::new();
            let mut by_type = std::collections::HashMap::<Option<String>, u64>::new();
            let rows = stmt
                .query_map([m], |r| {
                    Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, i64>(2)?))
                })
                .unwrap();
            let mut total = 0;
            for row in rows {
                let (c, t, n) = row.unwrap();
                *by_country.entry(c).or_default() += n as u64;
                *by_type.entry(t).or_default() += n as u64;
                total += n as u64;
            }
            (total, false)
        }
        SqlQuestion::Filtered { text, country, min_killed, from, to } => {
            // CROSS JOIN keeps the full-text match as the outer loop: left to itself SQLite walks
            // the filter's index and re-runs the MATCH for every row, which is ruinous.
            let filter = "FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid
                 WHERE fts MATCH ?1 AND d.country = ?2 AND d.killed >= ?3 AND d.date BETWEEN ?4 AND ?5";
            let total: i64 = db
                .prepare_cached(&format!("SELECT count(*) FROM (SELECT 1 {filter} LIMIT ?6)"))
                .unwrap()
                .query_row(params![text, country, *min_killed as i64, from, to, COUNT_UP_TO + 1], |r| r.get(0))
                .unwrap();
            let mut top =
                db.prepare_cached(&format!("SELECT d.id, d.record {filter} ORDER BY fts.rank LIMIT 10")).unwrap();
            let rows = top
                .query_map(params![text, country, *min_killed as i64, from, to], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .unwrap();
            for row in rows {
                row.unwrap();
            }
            capped(total)
        }
    }
}

fn ask_tantivy(index: &SearchIndex, r: &SearchRequest) -> (u64, bool) {
    let results = index.search(r).unwrap();
    match results.counted_incidents {
        Some(n) => (n, false),
        None => (results.total, results.total_is_lower_bound),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

/// Asks the questions round-robin until `samples` answers or `cap` time; returns each
/// question's latencies.
fn measure(n_questions: usize, samples: usize, cap: Duration, mut ask: impl FnMut(usize)) -> Vec<Vec<Duration>> {
    let started = Instant::now();
    let mut out = vec![Vec::new(); n_questions];
    let mut i = 0;
    while i < samples && (started.elapsed() < cap || i < n_questions) {
        let t = Instant::now();
        ask(i % n_questions);
        out[i % n_questions].push(t.elapsed());
        i += 1;
    }
    out
}

fn sorted_all(per_question: &[Vec<Duration>]) -> Vec<Duration> {
    let mut all: Vec<Duration> = per_question.iter().flatten().copied().collect();
    all.sort();
    all
}

fn median(xs: &[Duration]) -> Duration {
    let mut v = xs.to_vec();
    v.sort();
    percentile(&v, 0.5)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    // `cargo test --benches` and `cargo bench -- --list` must not build a million-incident index.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list" || a == "--test") || !args.iter().any(|a| a == "--bench") {
        return;
    }
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let wanted: u64 =
        env("EVENTSIFT_BENCH_INCIDENTS").map(|v| v.replace('_', "").parse().expect("a number")).unwrap_or(1_000_000);
    let cap = Duration::from_secs(env("EVENTSIFT_BENCH_SECONDS").map(|v| v.parse().expect("seconds")).unwrap_or(30));
    let dir: PathBuf = env("EVENTSIFT_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("eventsift-bench-{wanted}")));
    std::fs::create_dir_all(&dir).unwrap();
    let bench_started = Instant::now();
    println!("eventsift search benchmark: {wanted} incidents in {}", dir.display());

    let tantivy_dir = dir.join("tantivy");
    let sqlite_path = dir.join("fts5.sqlite");
    let stats_path = |name: &str| dir.join(format!("{name}.built.json"));
    let load = |name: &str| -> Option<BuildStats> {
        serde_json::from_str(&std::fs::read_to_string(stats_path(name)).ok()?).ok()
    };
    let (mut tantivy_stats, mut sqlite_stats) = (load("tantivy"), load("sqlite"));
    if tantivy_stats.is_none() || sqlite_stats.is_none() {
        let t = Instant::now();
        let data = generate(wanted);
        let mb: f64 = data.iter().map(|(a, _)| a.text.len() as f64).sum::<f64>() / 1e6;
        println!(
            "generated {} articles ({mb:.1} MB of text), {wanted} incidents in {:.1} s",
            data.len(),
            t.elapsed().as_secs_f64()
        );
        if tantivy_stats.is_none() {
            let _ = std::fs::remove_dir_all(&tantivy_dir);
            let s = build_tantivy(&tantivy_dir, &data);
            std::fs::write(stats_path("tantivy"), serde_json::to_string(&s).unwrap()).unwrap();
            tantivy_stats = Some(s);
        }
        if sqlite_stats.is_none() {
            let s = build_sqlite(&sqlite_path, &data);
            std::fs::write(stats_path("sqlite"), serde_json::to_string(&s).unwrap()).unwrap();
            sqlite_stats = Some(s);
        }
    } else {
        println!("reusing the indexes built earlier (delete {} to rebuild)", dir.display());
    }
    println!("\nindexing (measured when built):");
    println!("{}", tantivy_stats.unwrap().line("tantivy"));
    println!("{}", sqlite_stats.unwrap().line("sqlite fts5"));

    let index = SearchIndex::open(&tantivy_dir).unwrap();
    let segments = index.tantivy().searchable_segment_ids().unwrap().len();
    let (articles, incidents) = index.counts().unwrap();
    println!(
        "tantivy index: {articles} articles, {incidents} incidents, {segments} segments, {:.0} MB on disk",
        dir_mb(&tantivy_dir)
    );
    println!(
        "sqlite database: {:.0} MB on disk",
        std::fs::metadata(&sqlite_path).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0)
    );
    let db = Connection::open_with_flags(&sqlite_path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    db.execute_batch("PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -1000000;").unwrap();

    let samples = 300;
    let mut table = Vec::new();
    for (kind, qs) in questions() {
        // Warm both (page cache, statement cache) and check that they answer alike.
        let totals: Vec<((u64, bool), (u64, bool))> =
            qs.iter().map(|q| (ask_tantivy(&index, &q.tantivy), ask_sqlite(&db, &q.sqlite))).collect();
        let t = measure(qs.len(), samples, cap, |i| {
            ask_tantivy(&index, &qs[i].tantivy);
        });
        let s = measure(qs.len(), samples, cap, |i| {
            ask_sqlite(&db, &qs[i].sqlite);
        });
        println!("\n{kind} questions: hits (tantivy / fts5), median ms (tantivy / fts5)");
        for (i, q) in qs.iter().enumerate() {
            let shown = |(n, more): (u64, bool)| format!("{n}{}", if more { "+" } else { "" });
            let (a, b) = (shown(totals[i].0), shown(totals[i].1));
            let (mt, ms_) = (median(&t[i]), if s[i].is_empty() { None } else { Some(median(&s[i])) });
            let fts = ms_.map(|d| format!("{:.2}", ms(d))).unwrap_or_else(|| "-".into());
            println!("  {:<52} {a:>8} / {b:<8} {:>8.2} / {fts}", q.label, ms(mt));
        }
        table.push((kind, sorted_all(&t), sorted_all(&s)));
    }
    println!("\nlatency in ms (p50 / p99; samples), tantivy vs sqlite fts5 on the same data:");
    println!(
        "{:<15} {:>9} {:>9} {:>6}   {:>9} {:>9} {:>6}   {:>10} {:>10}",
        "query", "tantivy50", "tantivy99", "n", "fts5 p50", "fts5 p99", "n", "ratio p50", "ratio p99"
    );
    for (kind, t, s) in &table {
        let (t50, t99, s50, s99) = (percentile(t, 0.5), percentile(t, 0.99), percentile(s, 0.5), percentile(s, 0.99));
        println!(
            "{kind:<15} {:>9.2} {:>9.2} {:>6}   {:>9.2} {:>9.2} {:>6}   {:>9.1}x {:>9.1}x",
            ms(t50),
            ms(t99),
            t.len(),
            ms(s50),
            ms(s99),
            s.len(),
            ms(s50) / ms(t50),
            ms(s99) / ms(t99)
        );
    }
    println!("\nbenchmark took {:.0} s", bench_started.elapsed().as_secs_f64());
}

fn dir_mb(dir: &Path) -> f64 {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len() as f64).sum::<f64>() / 1e6)
        .unwrap_or(0.0)
}
