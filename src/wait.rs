//! Waiting, in one place: a pause counted down second by second (a registry's rate limit,
//! `Retry-After`), and polling until something shows (the index after a yank). Both stop at
//! once on Ctrl-C, so an interrupted wait never holds the user for its full length.

use std::time::{Duration, Instant};

use anyhow::Result;

/// Sleeps `wait`, calling `tick` with the whole seconds left before each second; `false` when
/// Ctrl-C cut it short.
pub fn pause(wait: Duration, mut tick: impl FnMut(u64)) -> bool {
    let end = Instant::now() + wait;
    loop {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return true;
        }
        if crate::interrupt::interrupted() {
            return false;
        }
        tick(left.as_secs_f64().ceil() as u64);
        std::thread::sleep(left.min(Duration::from_secs(1)));
    }
}

/// Asks `check` every `every` until it answers `Some`, for at most `timeout` (or until
/// Ctrl-C); `None` when it never did.
pub fn poll<T>(
    every: Duration,
    timeout: Duration,
    mut check: impl FnMut() -> Result<Option<T>>,
) -> Result<Option<T>> {
    let start = Instant::now();
    loop {
        if let Some(found) = check()? {
            return Ok(Some(found));
        }
        if start.elapsed() >= timeout || crate::interrupt::interrupted() {
            return Ok(None);
        }
        std::thread::sleep(every);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_counts_down_and_a_poll_stops_at_the_answer_or_the_timeout() {
        let mut ticks = Vec::new();
        assert!(pause(Duration::from_millis(1500), |left| ticks.push(left)));
        assert_eq!(ticks, [2, 1]);
        let mut asked = 0;
        let found = poll(Duration::from_millis(1), Duration::from_secs(5), || {
            asked += 1;
            Ok((asked == 3).then_some(asked))
        });
        assert_eq!(found.ok().flatten(), Some(3));
        let never = poll(Duration::from_millis(1), Duration::from_millis(20), || {
            Ok(None::<()>)
        });
        assert_eq!(never.ok().flatten(), None);
    }
}
