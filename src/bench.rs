//! Throughput measurement (`vanban bench`): the pipeline stage by stage on a set of
//! documents, single-threaded and on a thread pool, plus the peak resident memory.
//! Figures are measured here, never asserted in timed tests.

use crate::{extract, ingest, repair, validate, Context};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Seconds spent in each stage over all repetitions.
#[derive(Debug, Default, Clone)]
pub struct StageTimes {
    pub ingest: Duration,
    pub repair: Duration,
    pub extract: Duration,
    pub validate: Duration,
}

#[derive(Debug, Clone)]
pub struct BenchReport {
    pub documents: usize,
    pub bytes: u64,
    pub repeat: usize,
    pub single: StageTimes,
    pub threads: usize,
    pub parallel_wall: Duration,
    pub peak_rss_kib: Option<u64>,
}

fn mb_per_s(bytes: u64, d: Duration) -> f64 {
    if d.is_zero() {
        return f64::INFINITY;
    }
    bytes as f64 / 1e6 / d.as_secs_f64()
}

impl BenchReport {
    pub fn render(&self) -> String {
        let total_bytes = self.bytes * self.repeat as u64;
        let s = &self.single;
        let all = s.ingest + s.repair + s.extract + s.validate;
        let mut out = format!(
            "{} documents, {:.2} MB, {} repetitions\n\
             single thread (MB/s of input):\n  ingest   {:8.1}\n  repair   {:8.1}\n  extract  {:8.1}\n  validate {:8.1}\n  total    {:8.1}  ({:.0} documents/s)\n",
            self.documents,
            self.bytes as f64 / 1e6,
            self.repeat,
            mb_per_s(total_bytes, s.ingest),
            mb_per_s(total_bytes, s.repair),
            mb_per_s(total_bytes, s.extract),
            mb_per_s(total_bytes, s.validate),
            mb_per_s(total_bytes, all),
            (self.documents * self.repeat) as f64 / all.as_secs_f64().max(1e-9),
        );
        out.push_str(&format!(
            "{} threads: {:.1} MB/s, {:.0} documents/s (speed-up {:.2}x over one thread)\n",
            self.threads,
            mb_per_s(total_bytes, self.parallel_wall),
            (self.documents * self.repeat) as f64 / self.parallel_wall.as_secs_f64().max(1e-9),
            all.as_secs_f64() / self.parallel_wall.as_secs_f64().max(1e-9),
        ));
        if let Some(kib) = self.peak_rss_kib {
            out.push_str(&format!(
                "peak resident memory: {:.1} MB\n",
                kib as f64 / 1024.0
            ));
        }
        out
    }
}

/// Reads the inputs once, then times every stage `repeat` times on one thread and the
/// whole pipeline `repeat` times on `threads` threads.
pub fn run(paths: &[PathBuf], ctx: &Context, repeat: usize, threads: usize) -> BenchReport {
    let inputs: Vec<(String, Vec<u8>)> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok().map(|b| (p.display().to_string(), b)))
        .collect();
    let bytes: u64 = inputs.iter().map(|(_, b)| b.len() as u64).sum();
    let repeat = repeat.max(1);
    let mut single = StageTimes::default();
    for _ in 0..repeat {
        for (name, data) in &inputs {
            let t = Instant::now();
            let Ok(raw) = ingest::read_bytes(name, data) else {
                single.ingest += t.elapsed();
                continue;
            };
            single.ingest += t.elapsed();
            let t = Instant::now();
            let repaired = repair::run(&raw, &ctx.repair);
            single.repair += t.elapsed();
            let t = Instant::now();
            let extracted = extract::run(&repaired, &ctx.rules);
            single.extract += t.elapsed();
            let t = Instant::now();
            let warnings = validate::run(&repaired, &extracted, &ctx.rules);
            single.validate += t.elapsed();
            std::hint::black_box((extracted, warnings));
        }
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let threads_used = pool.as_ref().map_or(1, |p| p.current_num_threads());
    let t = Instant::now();
    let work = || {
        (0..repeat)
            .flat_map(|_| inputs.iter())
            .collect::<Vec<_>>()
            .par_iter()
            .map(|(name, data)| crate::process_bytes(name, data, ctx).is_ok())
            .filter(|ok| *ok)
            .count()
    };
    let done = match &pool {
        Ok(p) => p.install(work),
        Err(_) => work(),
    };
    std::hint::black_box(done);
    let parallel_wall = t.elapsed();
    BenchReport {
        documents: inputs.len(),
        bytes,
        repeat,
        single,
        threads: threads_used,
        parallel_wall,
        peak_rss_kib: peak_rss_kib(),
    }
}

/// Peak resident set size of this process (Linux `VmHWM`).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
