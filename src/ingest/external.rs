//! Optional outside programs that ingest can lean on when they are installed: `pdftoppm`
//! and `tesseract` (OCR of scanned PDFs), `pdftotext`, `antiword` and LibreOffice
//! `soffice`. Each is looked up on `PATH` once per process and cached; nothing here is
//! required, so every caller must have a path for "not installed". This module only finds
//! and runs programs (with a time limit and an output cap); it does not interpret output.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// An outside program ingest knows how to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Pdftoppm,
    Pdftotext,
    Tesseract,
    Antiword,
    Soffice,
}

impl Tool {
    const ALL: [Tool; 5] = [
        Tool::Pdftoppm,
        Tool::Pdftotext,
        Tool::Tesseract,
        Tool::Antiword,
        Tool::Soffice,
    ];

    /// The executable name looked up on `PATH`.
    pub fn program(self) -> &'static str {
        match self {
            Tool::Pdftoppm => "pdftoppm",
            Tool::Pdftotext => "pdftotext",
            Tool::Tesseract => "tesseract",
            Tool::Antiword => "antiword",
            Tool::Soffice => "soffice",
        }
    }

    fn index(self) -> usize {
        Tool::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Where each tool lives, looked up once: `PATH` does not change under a running batch.
fn located() -> &'static [Option<PathBuf>; 5] {
    static FOUND: OnceLock<[Option<PathBuf>; 5]> = OnceLock::new();
    FOUND.get_or_init(|| {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
        Tool::ALL.map(|tool| find_in(&dirs, tool.program()))
    })
}

fn find_in(dirs: &[PathBuf], program: &str) -> Option<PathBuf> {
    dirs.iter()
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.with_extension("exe").is_file() || path.is_file()
}

/// The full path of `tool`, when it is installed.
pub fn locate(tool: Tool) -> Option<&'static Path> {
    located()[tool.index()].as_deref()
}

/// True when tesseract is installed and lists the Vietnamese model (`vie`).
pub fn tesseract_has_vietnamese() -> bool {
    static HAS_VIE: OnceLock<bool> = OnceLock::new();
    *HAS_VIE.get_or_init(|| {
        let Some(exe) = locate(Tool::Tesseract) else {
            return false;
        };
        let mut cmd = Command::new(exe);
        cmd.arg("--list-langs");
        match run_bounded(cmd, Duration::from_secs(20), 1 << 20) {
            // Older tesseract versions print the list on stderr.
            Ok(out) => String::from_utf8_lossy(&out.stdout)
                .lines()
                .chain(String::from_utf8_lossy(&out.stderr).lines())
                .any(|line| line.trim() == "vie"),
            Err(_) => false,
        }
    })
}

/// What a bounded run produced.
#[derive(Debug)]
pub struct Finished {
    pub success: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `cmd` with no stdin, killing it after `limit`; each output stream keeps at most
/// `max_output` bytes so a runaway program cannot fill memory.
pub fn run_bounded(
    mut cmd: Command,
    limit: Duration,
    max_output: usize,
) -> Result<Finished, String> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    let stdout = child.stdout.take().map(|s| drain(s, max_output));
    let stderr = child.stderr.take().map(|s| drain(s, max_output));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limit => {
                // The child is ours; killing and reaping it leaves no zombie behind.
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{program} took longer than {}s", limit.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for {program}: {e}")),
        }
    };
    let collect = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
        h.and_then(|h| h.join().ok()).unwrap_or_default()
    };
    Ok(Finished {
        success: status.success(),
        stdout: collect(stdout),
        stderr: collect(stderr),
    })
}

/// Reads a pipe to its end on its own thread, keeping the first `max` bytes.
fn drain(mut pipe: impl Read + Send + 'static, max: usize) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = max.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
        kept
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_stable_and_absent_tools_are_none() {
        assert_eq!(find_in(&[], "pdftoppm"), None);
        // Cached: two calls agree.
        assert_eq!(locate(Tool::Tesseract), locate(Tool::Tesseract));
    }

    #[cfg(unix)]
    #[test]
    fn bounded_run_captures_and_times_out() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "printf 'abcdef'"]);
        let out = run_bounded(cmd, Duration::from_secs(10), 3).expect("sh runs");
        assert!(out.success);
        assert_eq!(out.stdout, b"abc");

        let mut slow = Command::new("sh");
        slow.args(["-c", "sleep 5"]);
        let err = run_bounded(slow, Duration::from_millis(200), 10).unwrap_err();
        assert!(err.contains("longer than"), "{err}");
    }
}
