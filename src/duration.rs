//! Durations in messages: how long to wait, how long ago a run started.

use std::time::Duration;

/// `45s`, `12min` (rounded up: a wait is at least that), `1h`, `1h 5min`.
pub fn in_words(duration: Duration) -> String {
    let secs = duration.as_secs();
    match secs {
        0..=119 => format!("{secs}s"),
        120..=3599 => format!("{}min", secs.div_ceil(60)),
        _ if secs % 3600 < 60 => format!("{}h", secs / 3600),
        _ => format!("{}h {}min", secs / 3600, (secs % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        let words = |secs| in_words(Duration::from_secs(secs));
        assert_eq!(words(0), "0s");
        assert_eq!(words(119), "119s");
        assert_eq!(words(121), "3min");
        assert_eq!(words(3600), "1h");
        assert_eq!(words(3900), "1h 5min");
    }
}
