//! Where the pipeline's knowledge lives: the `models/` folder (gazetteer, lexicons).
//!
//! Found, in order, at `--models DIR`, `$EVENTSIFT_MODELS`, or the crate's own `models/`.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Models {
    dir: PathBuf,
}

impl Models {
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Models { dir: dir.into() }
    }

    /// `$EVENTSIFT_MODELS`, else the `models/` folder this crate was built from.
    pub fn locate() -> Self {
        match std::env::var_os("EVENTSIFT_MODELS") {
            Some(dir) if !dir.is_empty() => Models::at(dir),
            _ => Models::at(Path::new(env!("CARGO_MANIFEST_DIR")).join("models")),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn text(&self, name: &str) -> Result<String> {
        let path = self.path(name);
        std::fs::read_to_string(&path).with_context(|| format!("{}: cannot read model file", path.display()))
    }

    pub fn gazetteer(&self) -> Result<Vec<u8>> {
        let path = self.path("gazetteer.tsv.gz");
        std::fs::read(&path).with_context(|| {
            format!(
                "{}: cannot read the gazetteer (build it with `eventsift gazetteer build`, see models/README.md)",
                path.display()
            )
        })
    }
}
