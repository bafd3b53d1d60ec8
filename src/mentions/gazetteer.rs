//! The gazetteer: GeoNames places (countries, first-level regions, towns, and whatever dumps the
//! user adds) with their alternate names, matched against folded text from each word start, word
//! by word, while the stretch read is still the start of a name (a hash set of names and their
//! word-ending prefixes, which builds in a fraction of the time an automaton over hundreds of
//! thousands of names takes).
//!
//! The shipped model (`models/gazetteer.tsv.gz`) is built by [`build_model`] from GeoNames'
//! `cities15000`, `admin1CodesASCII` and `countryInfo` files. Villages come from full GeoNames
//! dumps (`XX.txt`, `allCountries.txt`) read at run time with [`Gazetteer::add_geonames_dump`].

use super::lexicon::word_list;
use crate::text::{fold, FoldedText, Span};
use anyhow::{bail, Context, Result};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

pub type PlaceId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    Country,
    Admin1,
    Admin2,
    /// A populated place: city, town or village.
    Town,
}

impl PlaceKind {
    fn code(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::Admin2 => "admin2",
            PlaceKind::Town => "town",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => PlaceKind::Country,
            "admin1" => PlaceKind::Admin1,
            "admin2" => PlaceKind::Admin2,
            "town" => PlaceKind::Town,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonames_id: u64,
    pub name: String,
    pub kind: PlaceKind,
    pub feature_code: String,
    pub country_code: String,
    pub admin1_code: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().asin()
}

/// How far a place may lie from a neighbour whose region it is taken to share: regions are far
/// wider than that.
const NEIGHBOUR_KM: f64 = 50.0;

impl Place {
    /// Whether GeoNames files the place under no first-level region (`00`: wells, camps and
    /// hamlets far out).
    pub fn is_unfiled(&self) -> bool {
        matches!(self.admin1_code.as_str(), "" | "00")
    }

    /// Whether people live there (a GeoNames `PPL*` feature), not a well, a wadi or a hill.
    pub fn is_populated(&self) -> bool {
        self.feature_code.starts_with("PPL")
    }

    /// Whether it is a stream (`STM*`, "the Niger river"), which runs for hundreds of kilometres:
    /// its point says nothing of where along it something happened.
    pub fn is_stream(&self) -> bool {
        self.feature_code.starts_with("STM")
    }

    /// Whether it is a capital, a district's seat or a town GeoNames counts people in: a place
    /// a report names for itself, not a namesake hamlet that happens to lie nearer its other places.
    pub fn is_settled(&self) -> bool {
        self.population > 0 || matches!(self.feature_code.as_str(), "PPLC" | "PPLA" | "PPLA2")
    }

    /// Whether the place is the seat of its first-level region (`PPLA`).
    pub fn is_region_seat(&self) -> bool {
        self.feature_code == "PPLA"
    }

    /// Whether both places are filed under the same first-level region.
    pub fn shares_region(&self, other: &Place) -> bool {
        !self.admin1_code.is_empty() && self.admin1_code == other.admin1_code
    }

    /// Kilometres to `other`, when both have coordinates.
    pub fn distance_km(&self, other: &Place) -> Option<f64> {
        Some(haversine_km(self.lat?, self.lon?, other.lat?, other.lon?))
    }
}

/// A stretch of text naming one or more gazetteer places.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    pub span: Span,
    pub candidates: Vec<PlaceId>,
}

/// What a load added, for the evaluation tables and the run summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadStats {
    pub path: String,
    pub places: usize,
    pub skipped_lines: usize,
}

#[derive(Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_geonames_id: HashMap<u64, PlaceId>,
    /// folded name → places
    names: HashMap<String, Vec<PlaceId>>,
    countries: HashMap<String, PlaceId>,
    /// country code → its capital (GeoNames feature PPLC)
    capitals: HashMap<String, PlaceId>,
    admin1: HashMap<(String, String), PlaceId>,
    /// folded demonym → country code
    demonyms: HashMap<String, String>,
    stopwords: HashSet<String>,
    /// Ordinary English words (folded), for texts whose capitals say nothing.
    common_words: HashSet<String>,
    /// Capitalised words that are mostly parts of people's names ("Mohamed", "Ibrahim").
    person_names: HashSet<String>,
    /// Words a village adds to a shared name to tell it from its twin ("Peulh", "Dogon").
    qualifiers: HashSet<String>,
    /// The names looked for in texts (no stop-words, none shorter than three letters), and every
    /// start of one that ends a word within it ("san" of "san miguel", "tin" of "tin-essako"): a
    /// name is read off a text by extending a stretch word by word while it is still the start
    /// of one.
    matchable: HashSet<String>,
    name_starts: HashSet<String>,
    /// Letter skeletons of names by their first letter and length, for spellings the dumps lack
    /// ("Tamalate" for Tamalat, "Djebock" for Djebok).
    skeletons: HashMap<(u8, usize), Vec<Skeleton>>,
    /// Regions split from others (`models/region_splits.tsv`): country, old and new region names.
    splits: Vec<[String; 3]>,
    /// Places moved to a split-off region, which never vouch for moving others.
    refiled: HashSet<PlaceId>,
    /// The region of the nearest filed place, for places a dump files under none: what a record
    /// names as their region, while choosing among homonyms still knows them as unfiled.
    nearest_region: HashMap<u64, String>,
    pub loaded: Vec<LoadStats>,
}

impl Gazetteer {
    /// The shipped gazetteer plus country aliases, demonyms and stop-words.
    pub fn from_models(models: &crate::models::Models) -> Result<Self> {
        let qualifiers = word_list(&models.text("place_qualifiers.txt")?).map(fold).collect();
        let mut g = Gazetteer { qualifiers, ..Default::default() };
        g.load_model_tsv(models.gazetteer()?.as_slice(), "models/gazetteer.tsv.gz")?;
        g.load_countries_tsv(&models.text("countries.tsv")?)?;
        g.stopwords.extend(word_list(&models.text("place_stopwords.txt")?).map(fold));
        if let Ok(words) = models.text("person_names.txt") {
            g.person_names = word_list(&words).map(str::to_string).collect();
        }
        if let Ok(words) = models.text("common_words.txt") {
            g.common_words = word_list(&words).map(fold).collect();
        }
        let splits = models.text("region_splits.tsv")?;
        for (_, cols) in super::lexicon::rows("region_splits.tsv", &splits, 3)? {
            g.splits.push([cols[0].to_uppercase(), cols[1].to_string(), cols[2].to_string()]);
        }
        g.refile_split_regions();
        g.build_matcher();
        Ok(g)
    }

    /// Whether a capitalised word is far more often part of a person's name.
    pub fn is_person_name(&self, word: &str) -> bool {
        self.person_names.contains(word)
    }

    /// Whether a folded word is one a village adds to a shared name ("peulh" in "Tagourou-Peulh").
    pub fn is_qualifier(&self, folded: &str) -> bool {
        self.qualifiers.contains(folded)
    }

    /// Whether a folded word is an ordinary English word.
    pub fn is_common_word(&self, folded: &str) -> bool {
        self.common_words.contains(folded)
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn country(&self, code: &str) -> Option<&Place> {
        self.countries.get(code).map(|&id| self.place(id))
    }

    /// The capital city of a country, when the gazetteer holds it.
    pub fn capital(&self, code: &str) -> Option<&Place> {
        self.capitals.get(code).map(|&id| self.place(id))
    }

    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country(code).map(|p| p.name.as_str())
    }

    /// The first-level region a place lies in (itself when it is one).
    pub fn admin1_of(&self, place: &Place) -> Option<&Place> {
        if place.kind == PlaceKind::Country {
            return None;
        }
        let code = if place.is_unfiled() { self.nearest_region.get(&place.geonames_id)? } else { &place.admin1_code };
        self.admin1.get(&(place.country_code.clone(), code.to_string())).map(|&id| self.place(id))
    }

    /// The country a demonym names ("Malian" → "ML").
    pub fn demonym_country(&self, word: &str) -> Option<&str> {
        self.demonyms.get(&fold(word)).map(String::as_str)
    }

    /// A folded name the gazetteer never matches (an ordinary word, or a region too vague to place).
    pub fn is_stopword(&self, folded: &str) -> bool {
        self.stopwords.contains(folded)
    }

    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        self.names.get(&fold(name)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Adds a GeoNames dump (`XX.txt`, `allCountries.txt`, 19 tab-separated columns; plain,
    /// `.gz` or `.zip`-less): populated places and administrative divisions. Rebuilds the matcher.
    pub fn add_geonames_dump(&mut self, path: &Path) -> Result<LoadStats> {
        let mut stats = self.add_geonames_dumps(&[path])?;
        Ok(stats.remove(0))
    }

    /// Adds several dumps, then refiles split regions, finds the regions of unfiled places and
    /// rebuilds the matcher once for all of them: each pass reads every place, so running them
    /// per dump would repeat them for nothing.
    pub fn add_geonames_dumps<P: AsRef<Path>>(&mut self, paths: &[P]) -> Result<Vec<LoadStats>> {
        let mut all = Vec::with_capacity(paths.len());
        for path in paths {
            all.push(self.read_geonames_dump(path.as_ref())?);
        }
        self.refile_split_regions();
        self.find_nearest_regions();
        self.build_matcher();
        self.loaded.extend(all.iter().cloned());
        Ok(all)
    }

    fn read_geonames_dump(&mut self, path: &Path) -> Result<LoadStats> {
        let reader = open_maybe_gz(path)?;
        let mut stats = LoadStats { path: path.display().to_string(), ..Default::default() };
        for (n, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("{}:{}: unreadable line", path.display(), n + 1))?;
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 15 {
                stats.skipped_lines += 1;
                continue;
            }
            // Populated places and divisions, and the spots, waters, areas and heights that
            // conflict reports name as places too (camps, wells, forests, hills). A third-level
            // division ("the commune of Dougoutene I") counts as a second-level one: the record's
            // precisions stop there.
            let kind = match (cols[6], cols[7]) {
                ("P", _) => PlaceKind::Town,
                ("A", "ADM1") => PlaceKind::Admin1,
                ("A", "ADM2" | "ADM3") => PlaceKind::Admin2,
                ("A", "PCLI") => PlaceKind::Country,
                ("S" | "H" | "L" | "T" | "V", _) => PlaceKind::Town,
                _ => continue,
            };
            let Ok(id) = cols[0].parse::<u64>() else {
                stats.skipped_lines += 1;
                continue;
            };
            let place = Place {
                geonames_id: id,
                name: cols[1].to_string(),
                kind,
                feature_code: cols[7].to_string(),
                country_code: cols[8].to_string(),
                admin1_code: cols[10].to_string(),
                lat: cols[4].parse().ok(),
                lon: cols[5].parse().ok(),
                population: cols[14].parse().unwrap_or(0),
            };
            let mut names = vec![cols[1], cols[2]];
            names.extend(cols[3].split(',').filter(|a| usable_alternate(a)));
            if self.insert(place, &names) {
                stats.places += 1;
            }
        }
        Ok(stats)
    }

    /// Inserts a place under its names; an id already present only gains coordinates it lacked.
    fn insert(&mut self, place: Place, names: &[&str]) -> bool {
        if let Some(&existing) = self.by_geonames_id.get(&place.geonames_id) {
            let p = &mut self.places[existing as usize];
            if p.lat.is_none() {
                p.lat = place.lat;
                p.lon = place.lon;
            }
            return false;
        }
        let id = self.places.len() as PlaceId;
        match place.kind {
            PlaceKind::Country => {
                self.countries.entry(place.country_code.clone()).or_insert(id);
            }
            PlaceKind::Admin1 => {
                self.admin1.entry((place.country_code.clone(), place.admin1_code.clone())).or_insert(id);
            }
            _ if place.feature_code == "PPLC" => {
                self.capitals.entry(place.country_code.clone()).or_insert(id);
            }
            _ => {}
        }
        self.by_geonames_id.insert(place.geonames_id, id);
        self.places.push(place);
        let mut seen = HashSet::new();
        for name in names {
            // "Kidal'": a soft sign of some transliteration, which would keep the matcher from
            // ever finding "Kidal's".
            let folded = fold(name.trim()).trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            // "Yonga-Foulbé" is what a report calls "Yonga" when no other village shares the name.
            let bare = self.unqualified(&folded).map(str::to_string);
            // "Tin-Essako" is as often written "Tin Essako".
            let spaced = folded.contains('-').then(|| folded.replace('-', " "));
            // GeoNames spells the Tamasheq "In", "Tin" and "Tan" apart ("I-n-Déliman"), reports
            // run them together ("In-Delimane", "Tin Hama"); never "In Deliman", which would take
            // "In Tessalit, …" for the well of I-n-Téssalit.
            let joined = tamasheq_prefix_joined(&folded);
            let joined_spaced = joined.as_ref().filter(|j| !j.starts_with("in-")).map(|j| j.replacen('-', " ", 1));
            for folded in std::iter::once(folded).chain(bare).chain(spaced).chain(joined).chain(joined_spaced) {
                if folded.len() >= 3 && seen.insert(folded.clone()) {
                    self.names.entry(folded).or_default().push(id);
                }
            }
        }
        true
    }

    /// A folded name without the qualifier it ends in ("tagourou" for "tagourou-peulh").
    fn unqualified<'n>(&self, folded: &'n str) -> Option<&'n str> {
        let (bare, last) = folded.rsplit_once([' ', '-'])?;
        let bare = bare.trim_end_matches([' ', '-']);
        (self.qualifiers.contains(last) && bare.len() >= 3).then_some(bare)
    }

    fn load_model_tsv(&mut self, gz: &[u8], origin: &str) -> Result<()> {
        let reader = BufReader::new(flate2::read::GzDecoder::new(gz));
        let mut stats = LoadStats { path: origin.to_string(), ..Default::default() };
        for (n, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("{origin}:{}: unreadable", n + 1))?;
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() != 10 {
                bail!("{origin}:{}: expected 10 columns, found {}", n + 1, c.len());
            }
            let kind =
                PlaceKind::parse(c[1]).with_context(|| format!("{origin}:{}: unknown kind {:?}", n + 1, c[1]))?;
            let place = Place {
                geonames_id: c[0].parse().with_context(|| format!("{origin}:{}: bad id", n + 1))?,
                name: c[5].to_string(),
                kind,
                feature_code: c[2].to_string(),
                country_code: c[3].to_string(),
                admin1_code: c[4].to_string(),
                lat: c[6].parse().ok(),
                lon: c[7].parse().ok(),
                population: c[8].parse().unwrap_or(0),
            };
            let mut names = vec![c[5]];
            names.extend(c[9].split('|').filter(|s| !s.is_empty()));
            if self.insert(place, &names) {
                stats.places += 1;
            }
        }
        self.loaded.push(stats);
        Ok(())
    }

    fn load_countries_tsv(&mut self, text: &str) -> Result<()> {
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 2 {
                bail!("models/countries.tsv:{}: expected code, aliases, demonyms", n + 1);
            }
            let Some(&id) = self.countries.get(c[0]) else {
                bail!("models/countries.tsv:{}: unknown country code {}", n + 1, c[0]);
            };
            for alias in c[1].split('|').filter(|s| !s.is_empty()) {
                let folded = fold(alias);
                let ids = self.names.entry(folded).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            for demonym in c.get(2).copied().unwrap_or("").split('|').filter(|s| !s.is_empty()) {
                self.demonyms.insert(fold(demonym), c[0].to_string());
            }
        }
        Ok(())
    }

    /// Files under a split-off region the places a dump still files under the region it was
    /// split from: a place moves when a place the dump files under the new region lies within
    /// 50 km and the new region's seat is less than half as far as the old one's.
    fn refile_split_regions(&mut self) {
        for [country, old, new] in self.splits.clone() {
            let code_of = |g: &Gazetteer, name: &str| {
                g.admin1
                    .iter()
                    .find(|((c, _), &id)| *c == country && fold(&g.place(id).name) == fold(name))
                    .map(|((_, code), _)| code.clone())
            };
            let (Some(old_code), Some(new_code)) = (code_of(self, &old), code_of(self, &new)) else { continue };
            let seat = |code: &str| {
                self.places.iter().find(|p| p.country_code == country && p.admin1_code == code && p.is_region_seat())
            };
            let (Some(old_seat), Some(new_seat)) = (seat(&old_code), seat(&new_code)) else { continue };
            let filed = |p: &Place, code: &str| {
                p.country_code == country && p.admin1_code == code && p.kind != PlaceKind::Admin1 && p.lat.is_some()
            };
            let anchors: Vec<&Place> = (0..self.places.len() as PlaceId)
                .filter(|id| !self.refiled.contains(id) && filed(self.place(*id), &new_code))
                .map(|id| self.place(id))
                .collect();
            let moving: Vec<PlaceId> = (0..self.places.len() as PlaceId)
                .filter(|&id| {
                    let p = self.place(id);
                    filed(p, &old_code)
                        && anchors.iter().any(|a| p.distance_km(a).is_some_and(|d| d <= NEIGHBOUR_KM))
                        && p.distance_km(new_seat)
                            .zip(p.distance_km(old_seat))
                            .is_some_and(|(new, old)| new < old / 2.0)
                })
                .collect();
            for id in moving {
                self.places[id as usize].admin1_code.clone_from(&new_code);
                self.refiled.insert(id);
            }
        }
    }

    /// Finds, for a place a dump puts under no region (`00`: wells, camps and hamlets far out),
    /// the region of the nearest place filed under one, when that lies within 50 km: regions are
    /// far wider than that, and a record then names the region it lies in.
    fn find_nearest_regions(&mut self) {
        let cell = |lat: f64, lon: f64| ((lat * 2.0).floor() as i32, (lon * 2.0).floor() as i32);
        let mut grid: HashMap<(i32, i32), Vec<PlaceId>> = HashMap::new();
        for (id, p) in self.places.iter().enumerate() {
            if let (Some(lat), Some(lon), false, PlaceKind::Town) = (p.lat, p.lon, p.is_unfiled(), p.kind) {
                grid.entry(cell(lat, lon)).or_default().push(id as PlaceId);
            }
        }
        let mut filed: Vec<(u64, String)> = Vec::new();
        for p in &self.places {
            let (Some(lat), Some(lon)) = (p.lat, p.lon) else { continue };
            if !p.is_unfiled() || p.kind != PlaceKind::Town {
                continue;
            }
            let (r, c) = cell(lat, lon);
            let nearest = (r - 1..=r + 1)
                .flat_map(|r| (c - 1..=c + 1).map(move |c| (r, c)))
                .filter_map(|k| grid.get(&k))
                .flatten()
                .map(|&n| self.place(n))
                .filter(|n| n.country_code == p.country_code)
                .filter_map(|n| p.distance_km(n).map(|d| (d, n)))
                .filter(|(d, _)| *d <= NEIGHBOUR_KM)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, n)) = nearest {
                filed.push((p.geonames_id, n.admin1_code.clone()));
            }
        }
        self.nearest_region.extend(filed);
    }

    fn build_matcher(&mut self) {
        let mut patterns: Vec<String> =
            self.names.keys().filter(|n| !self.stopwords.contains(*n) && n.len() >= 3).cloned().collect();
        // Sorted, so that the nearest-spelling buckets list names in one order from run to run.
        patterns.sort();
        self.name_starts.clear();
        self.skeletons.clear();
        for name in &patterns {
            let bytes = name.as_bytes();
            for end in 1..bytes.len() {
                if bytes[end - 1].is_ascii_alphanumeric() && !bytes[end].is_ascii_alphanumeric() {
                    self.name_starts.insert(name[..end].to_string());
                }
            }
            let key = skeleton(name);
            if key.len() >= 5 {
                let letters = letter_counts(&key);
                self.skeletons.entry((key.as_bytes()[0], key.len())).or_default().push(Skeleton {
                    key,
                    letters,
                    name: name.clone(),
                });
            }
        }
        self.matchable = patterns.into_iter().collect();
    }

    /// The end of the longest name that `folded[start..]` opens with, a name ending where a word
    /// (or a part of one before a hyphen or an apostrophe) does.
    fn longest_name_at(&self, folded: &str, start: usize) -> Option<usize> {
        let bytes = folded.as_bytes();
        let mut longest = None;
        let mut end = start;
        loop {
            while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            let stretch = &folded[start..end];
            if self.matchable.contains(stretch) {
                longest = Some(end);
            }
            if end == bytes.len() || !self.name_starts.contains(stretch) {
                return longest;
            }
            // Past the non-letters to the next word's first letter.
            while end < bytes.len() && !bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
        }
    }

    /// The places a name no dump spells that way most likely is: those with the closest name by
    /// edit distance (one edit, two for long names) among places in `countries`, the most
    /// populous on a tie, then a populated place before a well or a wadi; the first is the pick,
    /// the rest rank as high, which nothing in the spelling tells apart.
    pub fn fuzzy(&self, name: &str, countries: &[String], fits: impl Fn(&Place) -> bool) -> Vec<PlaceId> {
        let key = skeleton(&fold(name));
        if key.len() < 5 || countries.is_empty() {
            return Vec::new();
        }
        let limit = if key.len() >= 8 { 2 } else { 1 };
        let first = key.as_bytes()[0];
        let mut buckets: Vec<(u8, usize)> = (key.len() - limit..=key.len() + limit).map(|n| (first, n)).collect();
        // "NTekorit" for "I-n-Tekorit", "Awendikoura" for "Wendikoura": a first vowel written or left
        // out, the one edit that moves a name out of its first letter's bucket.
        let vowel = |c: u8| b"aeiou".contains(&c);
        if vowel(first) {
            buckets.extend((key.len() - limit..key.len()).map(|n| (key.as_bytes()[1], n)));
        } else {
            buckets.extend(b"aeiou".iter().flat_map(|&v| (key.len() + 1..=key.len() + limit).map(move |n| (v, n))));
        }
        let bucket = buckets.iter().filter_map(|b| self.skeletons.get(b)).flatten();
        let mut best: Option<(std::cmp::Reverse<usize>, u64, bool)> = None;
        let mut tied: Vec<PlaceId> = Vec::new();
        let mut rows = EditRows::default();
        let letters = letter_counts(&key);
        for Skeleton { key: candidate, letters: theirs, name: folded } in bucket {
            // Each edit changes the letter counts by at most two: a cheap bound first.
            if letters_apart(&letters, theirs) > 2 * limit {
                continue;
            }
            let d = rows.distance(&key, candidate, limit);
            if d > limit {
                continue;
            }
            for &id in &self.names[folded] {
                let p = self.place(id);
                if p.kind == PlaceKind::Country || !countries.contains(&p.country_code) || !fits(p) {
                    continue;
                }
                // Nearer, then more populous, then populated: the higher rank is the better.
                let rank = (std::cmp::Reverse(d), p.population, p.is_populated());
                match best.map(|b| rank.cmp(&b)) {
                    Some(std::cmp::Ordering::Less) => {}
                    Some(std::cmp::Ordering::Equal) => {
                        if !tied.contains(&id) {
                            tied.push(id);
                        }
                    }
                    _ => {
                        best = Some(rank);
                        tied = vec![id];
                    }
                }
            }
        }
        tied
    }

    /// Every capitalised, whole-word stretch of `text` that names a place.
    pub fn find(&self, text: &str, folded: &FoldedText, casing: crate::text::Casing) -> Vec<NameMatch> {
        let bytes = folded.text.as_bytes();
        let mut out = Vec::new();
        let mut taken_to = 0;
        // A place name starts a word (or the part of a word after a hyphen), and in mixed-case
        // text with a capital: names are looked for from those positions only, which skips most
        // of the text.
        for start in 0..bytes.len() {
            if start < taken_to
                || !bytes[start].is_ascii_alphanumeric()
                || start > 0 && bytes[start - 1].is_ascii_alphanumeric()
                || casing == crate::text::Casing::Mixed
                    && !text[folded.source_offset(start)..].chars().next().is_some_and(char::is_uppercase)
            {
                continue;
            }
            let Some(end) = self.longest_name_at(&folded.text, start) else { continue };
            let name = &folded.text[start..end];
            taken_to = end;
            // "Tagourou-Peulh": the village of Tagourou, its people's quarter named on.
            let qualifier = self.qualifier_after(&folded.text, start, end);
            if let Some(qualified_end) = qualifier {
                taken_to = qualified_end;
            }
            if !word_boundary(bytes, start, end)
                && qualifier.is_none()
                && !hyphen_pair_part(text, folded, start, end, &self.names[name], self)
            {
                continue;
            }
            let span = folded.original_span(start, end);
            let surface = span.of(text);
            if casing == crate::text::Casing::Mixed {
                // All-caps short names are acronyms far more often than places ("TOM", "CAR").
                if surface.len() <= 4 && surface.chars().all(|c| c.is_uppercase()) && !is_known_country_acronym(surface)
                {
                    continue;
                }
            } else if self.common_words.contains(&folded.text[start..end]) || end - start < 4 {
                // Without capitals, only names that are not also ordinary words.
                continue;
            }
            out.push(NameMatch { span, candidates: self.names[name].clone() });
        }
        out
    }

    /// Where a qualifier joined by a hyphen to the name ending at `end` ends ("-peulh" after
    /// "tagourou"), if one is.
    fn qualifier_after(&self, folded: &str, start: usize, end: usize) -> Option<usize> {
        let bytes = folded.as_bytes();
        if bytes.get(end) != Some(&b'-') || !super::lexicon::is_word_start(bytes, start) {
            return None;
        }
        let len = bytes[end + 1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let word = &folded[end + 1..end + 1 + len];
        (self.qualifiers.contains(word) && super::lexicon::is_word_end(bytes, end + 1 + len)).then_some(end + 1 + len)
    }

    /// Demonyms in the text ("Malian", "Burkinabe"), with their country codes.
    pub fn find_demonyms<'t>(
        &'t self,
        text: &str,
        tokens: &[crate::text::Token],
        casing: crate::text::Casing,
    ) -> Vec<(Span, &'t str)> {
        tokens
            .iter()
            .filter_map(|t| {
                let w = t.span.of(text);
                if !w.chars().next().is_some_and(|c| c.is_uppercase()) && !casing.is_degraded() {
                    return None;
                }
                self.demonyms.get(&fold(w)).map(|cc| (t.span, cc.as_str()))
            })
            .collect()
    }
}

fn is_known_country_acronym(s: &str) -> bool {
    matches!(s, "DRC" | "USA" | "UK" | "CAR")
}

/// Whole words only; a hyphen joining letters keeps a word whole ("Tin-Aghamine" is not "Tin").
fn word_boundary(bytes: &[u8], start: usize, end: usize) -> bool {
    super::lexicon::is_word_start(bytes, start) && super::lexicon::is_word_end(bytes, end)
}

/// Latin-script alternate names worth matching: no codes, no lowercase transliterations.
fn usable_alternate(name: &str) -> bool {
    let name = name.trim();
    let Some(first) = name.chars().next() else { return false };
    name.chars().count() >= 3
        && first.is_uppercase()
        && !name.chars().any(|c| c.is_ascii_digit())
        && !(name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase()))
        && name.chars().all(|c| c.is_ascii() || is_latin_letter(c))
}

fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2018}' | '\u{2019}')
}

fn open_maybe_gz(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::new(reader)))
}

/// Builds the shipped gazetteer model from GeoNames files: `countryInfo.txt`,
/// `admin1CodesASCII.txt` and a cities dump (`cities15000.txt`, plain or `.gz`).
/// Regions get the mean coordinates of their towns, countries their capital's.
pub fn build_model(country_info: &Path, admin1: &Path, cities: &Path, out: &Path) -> Result<usize> {
    struct Row {
        id: u64,
        kind: PlaceKind,
        feature: String,
        cc: String,
        a1: String,
        name: String,
        lat: Option<f64>,
        lon: Option<f64>,
        pop: u64,
        alternates: Vec<String>,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut capitals: HashMap<String, String> = HashMap::new();
    for (n, line) in open_maybe_gz(country_info)?.lines().enumerate() {
        let line = line?;
        let line = line.trim_start_matches('\u{feff}');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 17 {
            bail!("{}:{}: expected 19 columns", country_info.display(), n + 1);
        }
        capitals.insert(c[0].to_string(), c[5].to_string());
        rows.push(Row {
            id: c[16].parse().unwrap_or(0),
            kind: PlaceKind::Country,
            feature: "PCLI".into(),
            cc: c[0].into(),
            a1: String::new(),
            name: c[4].into(),
            lat: None,
            lon: None,
            pop: c[7].parse().unwrap_or(0),
            alternates: Vec::new(),
        });
    }
    let mut towns: Vec<Row> = Vec::new();
    for (n, line) in open_maybe_gz(cities)?.lines().enumerate() {
        let line = line?;
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 15 {
            bail!("{}:{}: expected 19 columns", cities.display(), n + 1);
        }
        let mut alternates: Vec<String> = vec![c[2].to_string()];
        alternates.extend(c[3].split(',').filter(|a| usable_alternate(a)).map(str::to_string));
        alternates.retain(|a| a != c[1]);
        alternates.sort();
        alternates.dedup();
        towns.push(Row {
            id: c[0].parse().with_context(|| format!("{}:{}: bad id", cities.display(), n + 1))?,
            kind: PlaceKind::Town,
            feature: c[7].into(),
            cc: c[8].into(),
            a1: c[10].into(),
            name: c[1].into(),
            lat: c[4].parse().ok(),
            lon: c[5].parse().ok(),
            pop: c[14].parse().unwrap_or(0),
            alternates,
        });
    }
    let mut sums: HashMap<(String, String), (f64, f64, usize)> = HashMap::new();
    for t in &towns {
        if let (Some(lat), Some(lon)) = (t.lat, t.lon) {
            let e = sums.entry((t.cc.clone(), t.a1.clone())).or_default();
            e.0 += lat;
            e.1 += lon;
            e.2 += 1;
        }
    }
    for row in rows.iter_mut() {
        let capital = capitals.get(&row.cc).cloned().unwrap_or_default();
        if let Some(t) = towns.iter().find(|t| t.cc == row.cc && t.name == capital) {
            row.lat = t.lat;
            row.lon = t.lon;
        }
    }
    for (n, line) in open_maybe_gz(admin1)?.lines().enumerate() {
        let line = line?;
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 4 {
            bail!("{}:{}: expected 4 columns", admin1.display(), n + 1);
        }
        let Some((cc, a1)) = c[0].split_once('.') else { continue };
        let mean = sums.get(&(cc.to_string(), a1.to_string()));
        let mut alternates = vec![c[2].to_string()];
        alternates.retain(|a| a != c[1]);
        rows.push(Row {
            id: c[3].parse().unwrap_or(0),
            kind: PlaceKind::Admin1,
            feature: "ADM1".into(),
            cc: cc.into(),
            a1: a1.into(),
            name: c[1].into(),
            lat: mean.map(|m| m.0 / m.2 as f64),
            lon: mean.map(|m| m.1 / m.2 as f64),
            pop: 0,
            alternates,
        });
    }
    rows.extend(towns);
    let file = std::fs::File::create(out).with_context(|| format!("{}: cannot create", out.display()))?;
    let mut w = flate2::write::GzEncoder::new(std::io::BufWriter::new(file), flate2::Compression::best());
    writeln!(w, "# eventsift gazetteer, derived from GeoNames (geonames.org), CC BY 4.0.")?;
    writeln!(
        w,
        "# geonames_id\tkind\tfeature_code\tcountry_code\tadmin1_code\tname\tlat\tlon\tpopulation\talternate_names"
    )?;
    let fmt = |v: Option<f64>| v.map(|x| format!("{x:.5}")).unwrap_or_default();
    for r in &rows {
        writeln!(
            w,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.id,
            r.kind.code(),
            r.feature,
            r.cc,
            r.a1,
            r.name,
            fmt(r.lat),
            fmt(r.lon),
            r.pop,
            r.alternates.join("|")
        )?;
    }
    w.finish()?.flush()?;
    Ok(rows.len())
}

/// "in-deliman" for "i-n-deliman", "tin-hama" for "ti-n-hama": a folded GeoNames name with its
/// Tamasheq prefix joined as reports write it.
fn tamasheq_prefix_joined(folded: &str) -> Option<String> {
    ["i-n-", "ti-n-", "ta-n-"].iter().find_map(|prefix| {
        let rest = folded.strip_prefix(prefix).filter(|r| r.len() >= 3)?;
        Some(format!("{}n-{rest}", &prefix[..prefix.len() - 3]))
    })
}

/// A part of "Tenenkou-Dia" or "the Gao-Gossi road": two capitalised names joined by a hyphen,
/// where the part is a known town of some standing or a longer name ("Tin-Aghamine" is one
/// name, not the town of Tin).
fn hyphen_pair_part(text: &str, folded: &FoldedText, start: usize, end: usize, ids: &[PlaceId], g: &Gazetteer) -> bool {
    let bytes = folded.text.as_bytes();
    let clean_start = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
    let clean_end = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
    let span = folded.original_span(start, end);
    let joined_after = bytes.get(end) == Some(&b'-') && text[span.end..].chars().nth(1).is_some_and(char::is_uppercase);
    let joined_before = start > 0
        && bytes[start - 1] == b'-'
        && text[..span.start].chars().rev().nth(1).is_some_and(char::is_alphabetic);
    let substantial = end - start >= 4
        || ids.iter().any(|&id| {
            let p = g.place(id);
            p.kind != PlaceKind::Town || p.population >= 10_000
        });
    let first_upper = text[span.start..].chars().next().is_some_and(char::is_uppercase);
    // "Gao-Gossi road" joins two places; "Ouroi-Nema" or "Tamalat-Azar" is one name that
    // happens to end in another place's.
    let word = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '\'').collect::<String>();
    let after = word(text[span.end..].trim_start_matches('-'));
    let prefix = text[..span.start].trim_end_matches('-');
    let before: String = prefix
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // "Tin-Hama", "In-Delimane": Tamasheq names open with a particle that is also some village's name.
    let partner_is_place =
        |w: &str| !matches!(fold(w).as_str(), "tin" | "ti" | "in" | "i" | "") && !g.lookup(w).is_empty();
    let compound_end = span.end + if joined_after { 1 + after.len() } else { 0 };
    let compound_start = span.start - if joined_before { 1 + before.len() } else { 0 };
    let next_word =
        text.get(compound_end..).unwrap_or("").trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let previous_word = text[..compound_start].trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let route_word = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "road" | "axis" | "route" | "highway" | "corridor" | "border" | "area" | "zone"
        )
    };
    let route = route_word(next_word) || route_word(previous_word);
    let joined_to_place =
        route || (joined_after && partner_is_place(&after)) || (joined_before && partner_is_place(&before));
    first_upper
        && substantial
        && joined_to_place
        && ((joined_after && (clean_start || joined_before)) || (joined_before && clean_end))
}

/// A name's letter skeleton, ready for the nearest-spelling lookup.
struct Skeleton {
    key: String,
    letters: [u8; 26],
    /// The folded name it was made from.
    name: String,
}

/// How many letters two skeletons' counts differ by: each edit changes it by at most two, so it
/// bounds the edit distance from below at half its value.
fn letters_apart(a: &[u8; 26], b: &[u8; 26]) -> usize {
    a.iter().zip(b).map(|(x, y)| usize::from(x.abs_diff(*y))).sum()
}

/// How often each letter occurs in a skeleton (which holds ASCII letters alone).
fn letter_counts(key: &str) -> [u8; 26] {
    let mut counts = [0u8; 26];
    for b in key.bytes() {
        let slot = &mut counts[usize::from(b.to_ascii_lowercase().wrapping_sub(b'a')) % 26];
        *slot = slot.saturating_add(1);
    }
    counts
}

/// Letters only, doubled letters once: the part of a name that survives transliteration.
fn skeleton(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars().filter(char::is_ascii_alphabetic) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// How many letters two spellings of a name differ by once accents, case, punctuation and
/// doubled letters are set aside ("Dialloube" and "Dialoubé": 0), counted up to `limit + 1`.
pub fn spelling_distance(a: &str, b: &str, limit: usize) -> usize {
    EditRows::default().distance(&skeleton(&fold(a)), &skeleton(&fold(b)), limit)
}

/// The two rows of an edit-distance table, kept across the many comparisons of one lookup.
#[derive(Default)]
struct EditRows {
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl EditRows {
    /// Levenshtein distance of `a` and `b`, or `limit + 1` as soon as it must exceed `limit`.
    fn distance(&mut self, a: &str, b: &str, limit: usize) -> usize {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let (prev, cur) = (&mut self.prev, &mut self.cur);
        prev.clear();
        prev.extend(0..=b.len());
        cur.clear();
        cur.resize(b.len() + 1, 0);
        for i in 1..=a.len() {
            cur[0] = i;
            let mut row_min = cur[0];
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                row_min = row_min.min(cur[j]);
            }
            if row_min > limit {
                return limit + 1;
            }
            std::mem::swap(prev, cur);
        }
        prev[b.len()]
    }
}

#[cfg(test)]
impl Gazetteer {
    /// Adds a dump of invented GeoNames `rows`, written to a temporary file named by `tag` for
    /// the purpose, as a user's dump would be added.
    pub(crate) fn add_test_dump(&mut self, tag: &str, rows: &[impl AsRef<str>]) {
        let path = std::env::temp_dir().join(format!("eventsift-{tag}-{}.txt", std::process::id()));
        let text: Vec<&str> = rows.iter().map(AsRef::as_ref).collect();
        std::fs::write(&path, text.join("\n")).unwrap();
        self.add_geonames_dump(&path).unwrap();
        std::fs::remove_file(&path).ok();
    }
}

#[cfg(test)]
mod fuzzy_tests {
    use super::*;

    #[test]
    fn edit_distance_stops_early() {
        let mut rows = EditRows::default();
        assert_eq!(rows.distance("tamalat", "tamalate", 1), 1);
        assert_eq!(rows.distance("djebok", "djebock", 1), 1);
        assert_eq!(rows.distance("gao", "kidal", 1), 2);
        // The letter-count bound never rules out a spelling one edit away.
        let apart = |a: &str, b: &str| letters_apart(&letter_counts(a), &letter_counts(b));
        assert_eq!(apart("tamalat", "tamalate"), 1);
        assert_eq!(apart("djebok", "djebock"), 1);
        assert_eq!(apart("talataye", "telataye"), 2);
        assert!(apart("gao", "kidal") > 2);
        assert_eq!(skeleton("boulkessi"), "boulkesi");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: u64, name: &str, class: &str, code: &str, admin1: &str, lat: f64, lon: f64) -> String {
        format!("{id}\t{name}\t{name}\t\t{lat}\t{lon}\t{class}\t{code}\tML\t\t{admin1}\t\t\t\t0\t\t300\tAfrica/Bamako\t2020-01-01")
    }

    /// The shipped gazetteer with a dump of invented `rows` added.
    fn with_dump(tag: &str, rows: &[String]) -> Gazetteer {
        let mut g = Gazetteer::from_models(&crate::models::Models::locate()).unwrap();
        g.add_test_dump(tag, rows);
        g
    }

    /// The region an invented place (ids above 9,100,000) is reported in.
    fn region_of(g: &Gazetteer, name: &str) -> Option<String> {
        let id = *g.lookup(name).iter().find(|&&id| g.place(id).geonames_id > 9_100_000).unwrap();
        g.admin1_of(g.place(id)).map(|a| a.name.clone())
    }

    #[test]
    fn a_village_still_filed_under_the_region_its_own_was_split_from_is_refiled() {
        // Invented villages around the seats of a region and of the region split from it.
        let rows = [
            row(9_100_001, "Gao", "A", "ADM1", "09", 16.5, 0.5),
            row(9_100_002, "Ménaka", "A", "ADM1", "12070577", 15.9, 2.5),
            row(9_100_003, "Gao", "P", "PPLA", "09", 16.27, -0.04),
            row(9_100_004, "Ménaka", "P", "PPLA", "12070577", 15.92, 2.40),
            row(9_100_005, "Tinzarak", "P", "PPL", "12070577", 15.60, 2.90),
            // 30 km from a village filed under the new region, far nearer its seat: refiled.
            row(9_100_006, "Ikadewan", "P", "PPL", "09", 15.40, 3.10),
            // Near the old seat: stays.
            row(9_100_007, "Borikoye", "P", "PPL", "09", 16.10, 0.20),
            // Near a village of the new region but no nearer its seat than the old one's: stays.
            row(9_100_008, "Tassimit", "P", "PPL", "09", 15.95, 1.05),
            row(9_100_009, "Amalawlaw", "P", "PPL", "12070577", 15.85, 1.25),
        ];
        let g = with_dump("splits", &rows);
        let region = |name: &str| region_of(&g, name).unwrap();
        assert_eq!(region("Ikadewan"), "Ménaka");
        assert_eq!(region("Borikoye"), "Gao");
        assert_eq!(region("Tassimit"), "Gao");
        assert_eq!(region("Tinzarak"), "Ménaka");
    }

    #[test]
    fn a_place_filed_under_no_region_takes_the_region_of_its_nearest_neighbour() {
        let rows = [
            row(9_100_011, "Tessadrar", "P", "PPL", "10", 18.40, 1.40),
            // 20 km from it, filed under no region: Kidal's.
            row(9_100_012, "Inzaghrar", "H", "WLL", "00", 18.55, 1.50),
            // 300 km from any filed place: still none.
            row(9_100_013, "Azaouak", "H", "WLL", "00", 21.20, 4.20),
        ];
        let g = with_dump("unfiled", &rows);
        assert_eq!(region_of(&g, "Inzaghrar").as_deref(), Some("Kidal"));
        assert_eq!(region_of(&g, "Azaouak"), None);
    }

    #[test]
    fn a_hyphenated_name_is_found_written_with_spaces_and_with_its_prefix_joined() {
        let rows = [
            row(9_100_021, "Ti-n-Wendako", "P", "PPLA2", "10", 18.45, 2.49),
            row(9_100_023, "I-n-Wendaka", "H", "WLL", "10", 18.55, 2.59),
        ];
        let g = with_dump("spaced", &rows);
        let is = |name: &str, id: u64| g.lookup(name).iter().any(|&p| g.place(p).geonames_id == id);
        assert!(is("Ti-n-Wendako", 9_100_021));
        assert!(is("Ti n Wendako", 9_100_021));
        assert!(is("Tin Wendako", 9_100_021));
        assert!(is("Tin-Wendako", 9_100_021));
        assert!(!is("Tinwendako", 9_100_021));
        assert!(is("In-Wendaka", 9_100_023));
        assert!(!is("In Wendaka", 9_100_023), "a preposition before a name is not the prefix");
    }

    #[test]
    fn the_longest_name_a_text_gives_is_found_ending_where_a_word_does() {
        let rows = [
            row(9_100_024, "Wendako", "P", "PPL", "04", 14.0, -3.0),
            row(9_100_025, "Wendako Kora", "P", "PPL", "04", 14.2, -3.1),
            row(9_100_026, "N'Wendora", "P", "PPL", "04", 14.4, -3.2),
        ];
        let g = with_dump("longest", &rows);
        let found = |text: &str| -> Vec<String> {
            let folded = FoldedText::new(text);
            g.find(text, &folded, crate::text::Casing::Mixed).iter().map(|m| m.span.of(text).to_string()).collect()
        };
        assert_eq!(found("Gunmen raided Wendako Kora and Wendako."), ["Wendako Kora", "Wendako"]);
        assert_eq!(found("Gunmen raided Wendako Koraba, then N'Wendora."), ["Wendako", "N'Wendora"]);
        assert_eq!(found("Gunmen raided Wendakora."), Vec::<String>::new());
    }

    #[test]
    fn a_commune_is_found_as_a_division() {
        let g = with_dump("commune", &[row(9_100_022, "Wendako II", "A", "ADM3", "04", 13.94, -3.23)]);
        let found: Vec<PlaceKind> = g
            .lookup("Wendako II")
            .iter()
            .map(|&id| g.place(id))
            .filter(|p| p.geonames_id == 9_100_022)
            .map(|p| p.kind)
            .collect();
        assert_eq!(found, vec![PlaceKind::Admin2]);
    }
}
