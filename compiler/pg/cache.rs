//! Canonical forms a `plan --db` (or `apply`, `verify`) learned, kept for the
//! next run. Building the desired schema in the scratch schema is most of a
//! live plan's time, and its outcome depends only on what is created and on
//! the server that creates it. So each table's read-back, the views' and the
//! types and functions beside them are stored under the digest of exactly
//! what was created for them (the stripped model of [`super::canonical`],
//! the tables its policies read, the sequences its defaults read, the types
//! and functions it may use); a later run that would create the same thing
//! takes the stored form instead.
//!
//! Everything else the server's words depend on is in the name of the file
//! the entries live in: the schemac build, the tier's schema, the server's
//! version and the settings that print values (`DateStyle`, …), and a digest
//! of every user-visible catalog object outside the system schemas — the
//! extensions with their versions, every relation's columns and types, the
//! functions, types, operators, collations and casts. Any change there (an
//! apply, an extension update, a function created by hand) starts a new file,
//! so a stale form is never used; the cost is one cold run.
//!
//! The cache is best effort: a file that cannot be read or parsed is a miss,
//! one that cannot be written is skipped. `SCHEMAC_CACHE=off` turns it off;
//! `SCHEMAC_CACHE_DIR` moves it (default `$XDG_CACHE_HOME/schemac`, else
//! `~/.cache/schemac`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use postgres::Client;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

/// The prefix of scratch schema names (`schemac_scratch_<pid>`).
const SCRATCH: &str = "schemac_scratch_";

/// Files kept in the cache directory; the oldest beyond this are removed.
const FILES_KEPT: usize = 16;

/// What changes how the server stores what the scratch schema creates,
/// other than the created objects themselves. System schemas and scratch
/// schemas (never committed) are left out. Relations are named by oid and
/// the transaction that last changed their row: any `ALTER TABLE` of a
/// column's type or count, a rename, a rewrite changes it. The columns
/// themselves are listed for every relation but those of the tier's schemas
/// (`$1`) the tier manages (`$2`): expressions may name the others
/// (`auth.users`), while the scratch schema's copies hide the managed ones,
/// and listing every column of a large tier would cost more than the rest
/// together.
const SERVER_DIGEST: &str = r"
with ns as (
  select oid from pg_namespace
  where nspname not in ('pg_catalog', 'information_schema')
    and nspname not like 'pg\_toast%' and nspname not like 'pg\_temp%'
    and nspname not like 'schemac\_scratch\_%'
), managed as (
  select c.oid from pg_class c join unnest($2::text[]) m(name) on m.name = c.relname
  where c.relnamespace in (select oid from pg_namespace where nspname = any ($1::text[]))
)
select md5(concat_ws(E'\n',
  version(),
  current_setting('DateStyle'), current_setting('IntervalStyle'),
  current_setting('extra_float_digits'), current_setting('standard_conforming_strings'),
  current_setting('server_encoding'),
  (select concat_ws(' ', datcollate, datctype) from pg_database where datname = current_database()),
  (select string_agg(x, ',' order by x) from (
     select concat_ws(' ', extname, extversion, extnamespace::regnamespace) as x
     from pg_extension) e),
  (select md5(string_agg(concat_ws(' ', c.oid, c.relname, c.relkind, c.relnamespace, c.xmin),
                         ',' order by c.oid))
     from pg_class c
     where c.relnamespace in (select oid from ns)
       and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')),
  (select md5(string_agg(concat_ws(' ', a.attrelid, a.attnum, a.attname, a.atttypid,
                                   a.atttypmod, a.attnotnull, a.attcollation),
                         ',' order by a.attrelid, a.attnum))
     from pg_attribute a join pg_class c on c.oid = a.attrelid
     where c.relnamespace in (select oid from ns)
       and c.oid not in (select oid from managed)
       and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
       and a.attnum > 0 and not a.attisdropped),
  (select md5(string_agg(x, ',' order by x)) from (
     select concat_ws(' ', p.oid::regprocedure, p.prorettype::regtype, p.prokind,
                      p.provolatile, p.proretset) as x
     from pg_proc p where p.pronamespace in (select oid from ns)) f),
  (select md5(string_agg(x, ',' order by x)) from (
     select concat_ws(' ', t.oid::regtype, t.typtype,
                      format_type(nullif(t.typbasetype, 0), t.typtypmod),
                      (select string_agg(enumlabel::text, ',' order by enumsortorder)
                       from pg_enum where enumtypid = t.oid)) as x
     from pg_type t
     where t.typnamespace in (select oid from ns) and t.typrelid = 0
       and not (t.typcategory = 'A' and t.typtype = 'b')) t),
  (select md5(string_agg(x, ',' order by x)) from (
     select concat_ws(' ', o.oid::regoperator, o.oprresult::regtype) as x
     from pg_operator o where o.oprnamespace in (select oid from ns)) o),
  (select string_agg(x, ',' order by x) from (
     select concat_ws(' ', c.oid::regcollation, c.collprovider) as x
     from pg_collation c where c.collnamespace in (select oid from ns)) c),
  (select string_agg(x, ',' order by x) from (
     select concat_ws(' ', c.castsource::regtype, c.casttarget::regtype, c.castcontext,
                      c.castmethod) as x
     from pg_cast c where c.oid >= 16384) k),
  (select string_agg(x, ',' order by x) from (
     select concat_ws(' ', d.defaclrole, d.defaclnamespace, d.defaclobjtype, d.defaclacl) as x
     from pg_default_acl d) a),
  current_user
))";

/// Writes of a file an entry may go unused in before it is dropped.
const RUNS_KEPT: u64 = 8;

/// The entries of one server state, read at [`Cache::open`] and written back
/// by [`Cache::save`].
pub struct Cache {
    file: PathBuf,
    stored: Stored,
    /// Keys this run used or learned.
    used: HashSet<String>,
    learned: bool,
}

/// A cache file: how often it was written, and each entry with the write
/// that last used it. Entries stay JSON text until a run uses them.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Stored {
    run: u64,
    entries: HashMap<String, Entry>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    run: u64,
    value: Box<RawValue>,
}

/// The file a run read last, kept for the next [`Cache::open`] of the same
/// file in this process (`plan --db` opens it again to settle).
static LAST: Mutex<Option<(PathBuf, Stored)>> = Mutex::new(None);

impl Cache {
    /// The cache for `tier` (whose schemas are `schemas`, holding the
    /// relations `managed`) on the server `client` talks to, or `None` when
    /// it is off or the server's digest cannot be read.
    pub fn open(
        client: &mut Client,
        tier: &str,
        schemas: &[String],
        managed: &[String],
    ) -> Option<Cache> {
        let dir = dir()?;
        let _span = crate::timing::span("cache: read");
        let server: String = client
            .query_one(SERVER_DIGEST, &[&schemas, &managed])
            .ok()?
            .get(0);
        let name = hex(&digest(&[
            b"schemac canonical cache 1",
            &build()?,
            server.as_bytes(),
            tier.as_bytes(),
        ]));
        let file = dir.join("canonical").join(format!("{}.json", &name[..32]));
        let kept = LAST
            .lock()
            .ok()
            .and_then(|mut last| last.take_if(|(f, _)| *f == file));
        let stored: Stored = match kept {
            Some((_, stored)) => stored,
            None => std::fs::read(&file)
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or_default(),
        };
        Some(Cache {
            file,
            stored,
            used: HashSet::new(),
            learned: false,
        })
    }

    /// The key of an entry: its kind and the JSON of everything it depends on.
    pub fn key(kind: &str, parts: &[&dyn ErasedJson]) -> String {
        let mut h = Sha256::new();
        h.update(kind.as_bytes());
        for p in parts {
            h.update([0u8]);
            h.update(p.json());
        }
        hex(&h.finalize())
    }

    /// The stored entry under `key`, if any and if it still parses as `T`.
    pub fn get<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let entry = self.stored.entries.get(key)?;
        let value = serde_json::from_str(entry.value.get()).ok()?;
        self.used.insert(key.to_string());
        Some(value)
    }

    /// Store `value` under `key`.
    ///
    /// A form naming the scratch schema holds the name of one run's schema,
    /// so it is not stored.
    pub fn put<T: Serialize>(&mut self, key: String, value: &T) {
        let Ok(value) = serde_json::value::to_raw_value(value) else {
            return;
        };
        if value.get().contains(SCRATCH) {
            return;
        }
        self.stored
            .entries
            .insert(key.clone(), Entry { run: 0, value });
        self.used.insert(key);
        self.learned = true;
    }

    /// Write the entries back when this run learned any (a run that only
    /// reused entries leaves the file as it is). An entry unused in the last
    /// [`RUNS_KEPT`] writes is dropped; one this run did not use is kept
    /// meanwhile (a plan of another branch of the YAML uses it).
    pub fn save(mut self) {
        if self.learned {
            let _span = crate::timing::span("cache: write");
            self.stored.run += 1;
            let run = self.stored.run;
            for (key, e) in self.stored.entries.iter_mut() {
                if self.used.contains(key) {
                    e.run = run;
                }
            }
            self.stored.entries.retain(|_, e| e.run + RUNS_KEPT > run);
            write(&self.file, &self.stored);
        }
        if let Ok(mut last) = LAST.lock() {
            *last = Some((self.file, self.stored));
        }
    }
}

/// Write `stored` to `file` aside and rename it: a concurrent run reads one
/// whole file. Failures leave the cache as it was.
fn write(file: &Path, stored: &Stored) {
    let Ok(bytes) = serde_json::to_vec(stored) else {
        return;
    };
    let Some(dir) = file.parent() else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(".{}.{}", std::process::id(), unique()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, file).is_ok() {
        prune(dir);
    } else {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// A value whose JSON goes into a key.
pub trait ErasedJson {
    fn json(&self) -> Vec<u8>;
}

impl<T: Serialize> ErasedJson for T {
    fn json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

fn dir() -> Option<PathBuf> {
    if std::env::var("SCHEMAC_CACHE").is_ok_and(|v| v == "off" || v == "0") {
        return None;
    }
    let non_empty = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    non_empty("SCHEMAC_CACHE_DIR")
        .or_else(|| non_empty("XDG_CACHE_HOME").map(|d| d.join("schemac")))
        .or_else(|| non_empty("HOME").map(|d| d.join(".cache").join("schemac")))
}

/// This build of schemac: its version, and the size and time of the
/// executable (templates and rendering change between builds of a version).
fn build() -> Option<Vec<u8>> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(format!("{} {} {modified}", env!("CARGO_PKG_VERSION"), meta.len()).into_bytes())
}

fn digest(parts: &[&[u8]]) -> Vec<u8> {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
        h.update([0u8]);
    }
    h.finalize().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

/// Remove all but the newest [`FILES_KEPT`] files.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if files.len() <= FILES_KEPT {
        return;
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, path) in files.into_iter().skip(FILES_KEPT) {
        let _ = std::fs::remove_file(path);
    }
}
