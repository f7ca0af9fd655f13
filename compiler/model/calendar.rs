//! Calendar arithmetic for time-window partitions, shared by the loader (which
//! expands a window into children deterministically from `from`) and by
//! partition upkeep (which extends it from today). Proleptic Gregorian dates,
//! no time zones: window bounds are midnight UTC.

use std::fmt;

use super::{TimeWindow, WindowInterval};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// `2025-01` (first of the month) or `2025-01-15`.
    pub fn parse(s: &str) -> Option<Date> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str| p.parse::<u32>().ok();
        match parts.as_slice() {
            [y, m] if y.len() == 4 && m.len() == 2 => Date::new(y.parse().ok()?, num(m)?, 1),
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                Date::new(y.parse().ok()?, num(m)?, num(d)?)
            }
            _ => None,
        }
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u32 {
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Add months, clamping the day to the month's length.
    pub fn add_months(self, n: i64) -> Date {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let year = total.div_euclid(12) as i32;
        let month = (total.rem_euclid(12) + 1) as u32;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    pub fn today_utc() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Start of the window `n` windows after `start`.
pub fn step(start: Date, interval: WindowInterval, n: i64) -> Date {
    match interval {
        WindowInterval::Day => start.add_days(n),
        WindowInterval::Week => start.add_days(7 * n),
        WindowInterval::Month => start.add_months(n),
        WindowInterval::Year => start.add_months(12 * n),
    }
}

/// Index of the window containing `date` (negative before `from`).
pub fn window_index(from: Date, interval: WindowInterval, date: Date) -> i64 {
    match interval {
        WindowInterval::Day => date.to_days() - from.to_days(),
        WindowInterval::Week => (date.to_days() - from.to_days()).div_euclid(7),
        WindowInterval::Month | WindowInterval::Year => {
            let months = (i64::from(date.year) - i64::from(from.year)) * 12 + i64::from(date.month)
                - i64::from(from.month)
                - i64::from(date.day < from.day);
            if interval == WindowInterval::Month {
                months
            } else {
                months.div_euclid(12)
            }
        }
    }
}

/// The child-name suffix of the window starting at `start`: `2025_01` for a
/// month, `2025` for a year, `2025_01_06` for a day or week.
pub fn suffix(start: Date, interval: WindowInterval) -> String {
    match interval {
        WindowInterval::Year => format!("{:04}", start.year),
        WindowInterval::Month => format!("{:04}_{:02}", start.year, start.month),
        WindowInterval::Week | WindowInterval::Day => {
            format!("{:04}_{:02}_{:02}", start.year, start.month, start.day)
        }
    }
}

/// A bound value as PostgreSQL prints it for a partition key of this type
/// with `TimeZone` set to UTC.
pub fn bound_text(date: Date, with_time_zone: bool, is_date: bool) -> String {
    if is_date {
        date.to_string()
    } else if with_time_zone {
        format!("{date} 00:00:00+00")
    } else {
        format!("{date} 00:00:00")
    }
}

/// Parse `12 months`, `90 days`, `2 years`, `8 weeks` into a number of windows
/// of `interval`, or say why it does not divide evenly.
pub fn retention_windows(text: &str, interval: WindowInterval) -> Result<u32, String> {
    let mut parts = text.split_whitespace();
    let (Some(n), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!("retention `{text}` is not `<number> <unit>`"));
    };
    let n: u32 = n
        .parse()
        .map_err(|_| format!("retention `{text}`: `{n}` is not a whole number"))?;
    let unit = unit.trim_end_matches('s');
    let days_per = |i: WindowInterval| match i {
        WindowInterval::Day => Some(1),
        WindowInterval::Week => Some(7),
        _ => None,
    };
    let months_per = |i: WindowInterval| match i {
        WindowInterval::Month => Some(1),
        WindowInterval::Year => Some(12),
        _ => None,
    };
    let (amount, per) = match unit {
        "day" => (n, days_per(interval)),
        "week" => (n * 7, days_per(interval)),
        "month" => (n, months_per(interval)),
        "year" => (n * 12, months_per(interval)),
        other => {
            return Err(format!(
                "retention unit `{other}` is not day, week, month or year"
            ));
        }
    };
    match per {
        Some(p) if amount % p == 0 && amount > 0 => Ok(amount / p),
        _ => Err(format!(
            "retention `{text}` is not a whole number of {} windows",
            interval.word()
        )),
    }
}

/// The first `count` windows of `w` as (suffix, start, end).
pub fn windows(w: &TimeWindow, from: Date, first: i64, count: i64) -> Vec<(String, Date, Date)> {
    (first..first + count)
        .map(|i| {
            let start = step(from, w.interval, i);
            let end = step(from, w.interval, i + 1);
            (suffix(start, w.interval), start, end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for d in [
            Date::new(1970, 1, 1),
            Date::new(2024, 2, 29),
            Date::new(2025, 12, 31),
        ]
        .into_iter()
        .flatten()
        {
            assert_eq!(Date::from_days(d.to_days()), d);
        }
        assert_eq!(Date::new(1970, 1, 1).map(Date::to_days), Some(0));
        assert_eq!(Date::new(2025, 1, 6).map(Date::weekday), Some(0));
    }

    #[test]
    fn months_step_and_index() {
        let from = Date::parse("2025-11").expect("date");
        assert_eq!(
            step(from, WindowInterval::Month, 3).to_string(),
            "2026-02-01"
        );
        let d = Date::parse("2026-02-14").expect("date");
        assert_eq!(window_index(from, WindowInterval::Month, d), 3);
        assert_eq!(window_index(from, WindowInterval::Year, d), 0);
    }

    #[test]
    fn retention_in_windows() {
        assert_eq!(
            retention_windows("12 months", WindowInterval::Month),
            Ok(12)
        );
        assert_eq!(retention_windows("2 years", WindowInterval::Month), Ok(24));
        assert_eq!(retention_windows("14 days", WindowInterval::Week), Ok(2));
        assert!(retention_windows("10 days", WindowInterval::Week).is_err());
        assert!(retention_windows("3 fortnights", WindowInterval::Day).is_err());
    }
}
