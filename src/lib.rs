//! eventsift: news text in, conflict-incident records out.
//!
//! Data flows one way through the stages, each a module:
//!
//! ```text
//! read ──► text ──► mentions ──► incidents ──► sinks
//! Article  Document  Mentions     Vec<Incident>  JSONL
//! ```
//!
//! [`Pipeline`] wires the stages together; it is built once (lexicons and the gazetteer loaded
//! once) and shared read-only across worker threads.
//!
//! ```no_run
//! use eventsift::{Pipeline, read::Article};
//! let pipeline = Pipeline::builder().build().unwrap();
//! let article = Article::from_text("On Tuesday, gunmen killed 12 villagers near Mopti, Mali.");
//! for incident in pipeline.process(&article) {
//!     println!("{}", serde_json::to_string(&incident).unwrap());
//! }
//! ```

pub mod eval;
pub mod incidents;
pub mod mentions;
pub mod models;
pub mod pipeline;
pub mod read;
pub mod rng;
pub mod search;
pub mod sinks;
pub mod tagger;
pub mod text;

pub use pipeline::Pipeline;
