//! Atomic output: write to a temporary file beside the target, then rename over it, so a
//! reader never sees half a file and a failed run leaves the old file in place.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A sink for output lines: stdout, or a file replaced atomically on [`Sink::commit`].
pub enum Sink {
    Stdout(io::BufWriter<io::Stdout>),
    File {
        tmp: io::BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
}

impl Sink {
    pub fn open(target: Option<&Path>) -> io::Result<Sink> {
        match target {
            None => Ok(Sink::Stdout(io::BufWriter::new(io::stdout()))),
            Some(path) => {
                let dir = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let tmp = tempfile::Builder::new()
                    .prefix(".vanban-")
                    .suffix(".tmp")
                    .tempfile_in(dir)?;
                Ok(Sink::File {
                    tmp: io::BufWriter::new(tmp),
                    target: path.to_path_buf(),
                })
            }
        }
    }

    pub fn write_line(&mut self, line: &str) -> io::Result<()> {
        let w: &mut dyn Write = match self {
            Sink::Stdout(w) => w,
            Sink::File { tmp, .. } => tmp,
        };
        w.write_all(line.as_bytes())?;
        w.write_all(b"\n")
    }

    /// Flushes and, for a file, renames the temporary file over the target.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::File { tmp, target } => {
                let tmp = tmp.into_inner().map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                // Temporary files are created private; the output is an ordinary file.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = std::fs::metadata(&target)
                        .map_or(0o644, |m| m.permissions().mode() & 0o777);
                    tmp.as_file()
                        .set_permissions(std::fs::Permissions::from_mode(mode))?;
                }
                tmp.persist(&target).map_err(|e| e.error)?;
                Ok(())
            }
        }
    }
}

/// Writes a whole file atomically.
pub fn write_atomic(path: &Path, content: &[u8]) -> io::Result<()> {
    let mut sink = Sink::open(Some(path))?;
    if let Sink::File { tmp, .. } = &mut sink {
        tmp.write_all(content)?;
    }
    sink.commit()
}
