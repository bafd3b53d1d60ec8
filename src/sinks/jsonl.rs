use crate::incidents::Incident;
use std::io::{self, Write};

/// One JSON object per line, in the order given.
pub struct JsonlWriter<W: Write> {
    out: W,
    pub written: u64,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter { out, written: 0 }
    }

    pub fn write(&mut self, incident: &Incident) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, incident)?;
        self.out.write_all(b"\n")?;
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}
