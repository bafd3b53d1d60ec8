use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// One input article, as SCHEMA.md's input record.
///
/// Invariant: `text` is the exact body every byte offset downstream refers to.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Article {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `YYYY-MM-DD` or RFC 3339, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Unknown input fields, carried through untouched.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

impl Article {
    /// An article with only a body; its id is derived from the text.
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        Article { id: text_id(&text), text, ..Default::default() }
    }

    /// The publication date, when `published` holds a date or an RFC 3339 timestamp.
    pub fn published_date(&self) -> Option<chrono::NaiveDate> {
        let p = self.published.as_deref()?.trim();
        let day = p.get(..10)?;
        chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
    }

    /// The id given to an article that arrives without one; see [`text_id`].
    pub fn text_id(text: &str) -> String {
        text_id(text)
    }

    /// Parses one JSON Lines record (without its line ending) into an article.
    ///
    /// `text` is required and must be a non-blank string. `id` may be a string or a number;
    /// when absent, null or blank it is derived from the text, because downstream record ids are
    /// built from it and must not collide as empty strings. `title`, `published`, `url`,
    /// `source` and `language` must be strings (null counts as absent). Every other field is
    /// kept in `extra` in input order. The error is a one-line reason fit for a reject report.
    pub fn from_json_line(line: &str) -> Result<Article, String> {
        let value: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let Value::Object(fields) = value else {
            return Err(format!("not a JSON object (found {})", kind(&value)));
        };
        let mut article = Article::default();
        let mut id = None;
        let mut text = None;
        // Consuming the map in order (rather than removing known keys) keeps `extra` in input
        // order: with `preserve_order`, `Map::remove` swaps entries around.
        for (key, value) in fields {
            let slot = match key.as_str() {
                "text" => {
                    text = Some(value);
                    continue;
                }
                "id" => {
                    id = match value {
                        Value::Null => None,
                        Value::String(s) => Some(s),
                        Value::Number(n) => Some(n.to_string()),
                        other => return Err(format!("\"id\" must be a string or a number (found {})", kind(&other))),
                    };
                    continue;
                }
                "title" => &mut article.title,
                "published" => &mut article.published,
                "url" => &mut article.url,
                "source" => &mut article.source,
                "language" => &mut article.language,
                _ => {
                    article.extra.insert(key, value);
                    continue;
                }
            };
            *slot = match value {
                Value::Null => None,
                Value::String(s) => Some(s),
                other => return Err(format!("\"{key}\" is not a string (found {})", kind(&other))),
            };
        }
        article.text = match text {
            None | Some(Value::Null) => return Err("no \"text\" field".into()),
            Some(Value::String(s)) if s.trim().is_empty() => return Err("empty text".into()),
            Some(Value::String(s)) => s,
            Some(other) => return Err(format!("no \"text\" field (\"text\" is {})", kind(&other))),
        };
        article.id = match id {
            Some(id) if !id.trim().is_empty() => id,
            _ => text_id(&article.text),
        };
        Ok(article)
    }
}

/// The JSON type of a value, with its article, for reject reasons.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A stable id for an article without one: the first 16 hex digits of the SHA-256 of its text.
pub fn text_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
