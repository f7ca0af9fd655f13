//! Where a run's time goes: with `SCHEMAC_TIMINGS=1`, each command prints
//! the wall time of its phases on stderr when it ends (`bench/README.md`
//! keeps the profile of `plan --db` this way). A phase entered on several
//! threads at once (the two scratch connections) adds up the time of each,
//! so its total can exceed the run's.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Timings on without the environment (tests).
static FORCED: AtomicBool = AtomicBool::new(false);

fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    FORCED.load(Ordering::Relaxed)
        || *ON.get_or_init(|| std::env::var_os("SCHEMAC_TIMINGS").is_some_and(|v| v != "0"))
}

/// Phases in the order first entered: name, total time, times entered.
static PHASES: Mutex<Vec<(&'static str, Duration, u32)>> = Mutex::new(Vec::new());

/// Time from here to the end of the scope, added to `name`'s total.
pub struct Span {
    name: &'static str,
    start: Instant,
}

/// Start timing `name`, or nothing when timings are off.
pub fn span(name: &'static str) -> Option<Span> {
    on().then(|| Span {
        name,
        start: Instant::now(),
    })
}

impl Drop for Span {
    fn drop(&mut self) {
        let took = self.start.elapsed();
        let mut phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
        match phases.iter_mut().find(|(n, _, _)| *n == self.name) {
            Some((_, total, count)) => {
                *total += took;
                *count += 1;
            }
            None => phases.push((self.name, took, 1)),
        }
    }
}

/// Counts in the order first tallied: name and total.
static TALLIES: Mutex<Vec<(&'static str, usize)>> = Mutex::new(Vec::new());

/// Add `n` to the count `name` reports beside the phases.
pub fn tally(name: &'static str, n: usize) {
    if !on() {
        return;
    }
    let mut tallies = TALLIES.lock().unwrap_or_else(|e| e.into_inner());
    match tallies.iter_mut().find(|(t, _)| *t == name) {
        Some((_, total)) => *total += n,
        None => tallies.push((name, n)),
    }
}

/// The table of phases and counts, when timings are on and any phase ran
/// or count was taken.
pub fn report() -> Option<String> {
    if !on() {
        return None;
    }
    let phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
    let tallies = TALLIES.lock().unwrap_or_else(|e| e.into_inner());
    if phases.is_empty() && tallies.is_empty() {
        return None;
    }
    let width = phases
        .iter()
        .map(|(n, _, _)| n.len())
        .chain(tallies.iter().map(|(n, _)| n.len()))
        .max()
        .unwrap_or(0);
    let mut out = String::from("timings:\n");
    for (name, total, count) in phases.iter() {
        out.push_str(&format!(
            "  {name:<width$}  {:>9.1} ms  ×{count}\n",
            total.as_secs_f64() * 1000.0
        ));
    }
    for (name, n) in tallies.iter() {
        out.push_str(&format!("  {name:<width$}  {n:>9}\n"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn spans_add_up_per_phase() {
        super::FORCED.store(true, std::sync::atomic::Ordering::Relaxed);
        for _ in 0..3 {
            let _s = super::span("unit phase");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let report = super::report().expect("a report");
        let line = report
            .lines()
            .find(|l| l.contains("unit phase"))
            .expect("the phase");
        assert!(line.ends_with("×3"), "{report}");
        let ms: f64 = line
            .split_whitespace()
            .rev()
            .nth(2)
            .unwrap()
            .parse()
            .unwrap();
        assert!(ms >= 6.0, "{report}");
    }

    #[test]
    fn tallies_add_up_per_name() {
        super::FORCED.store(true, std::sync::atomic::Ordering::Relaxed);
        super::tally("unit count", 2);
        super::tally("unit count", 5);
        let report = super::report().expect("a report");
        let line = report
            .lines()
            .find(|l| l.contains("unit count"))
            .expect("the count");
        assert!(line.trim_end().ends_with(" 7"), "{report}");
    }
}
