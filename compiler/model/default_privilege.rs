//! Default privileges (`ALTER DEFAULT PRIVILEGES`): what PostgreSQL grants
//! on an object when a role creates it. An entry is keyed by the creating
//! role (`None`: the role that runs migrations), the schema (`None`: the
//! whole database) and the kind of object. A database-wide entry replaces
//! PostgreSQL's built-in default of its kind (so it can revoke PUBLIC's
//! `EXECUTE` or `USAGE`); a per-schema entry only adds to it.

use serde::{Deserialize, Serialize};

use super::Ident;
use super::grant::{self, Grant, GrantAtom, PrivilegedKind};

/// The kinds of object default privileges apply to (`ON TABLES`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultObjects {
    Tables,
    Sequences,
    /// Functions and procedures (`ON FUNCTIONS` and `ON ROUTINES` are one).
    Functions,
    /// Types and domains.
    Types,
    /// Schemas: only database-wide.
    Schemas,
}

impl DefaultObjects {
    pub const ALL: [DefaultObjects; 5] = [
        DefaultObjects::Tables,
        DefaultObjects::Sequences,
        DefaultObjects::Functions,
        DefaultObjects::Types,
        DefaultObjects::Schemas,
    ];

    /// The YAML key and the SQL word, lower-case: `tables`.
    pub fn word(self) -> &'static str {
        match self {
            DefaultObjects::Tables => "tables",
            DefaultObjects::Sequences => "sequences",
            DefaultObjects::Functions => "functions",
            DefaultObjects::Types => "types",
            DefaultObjects::Schemas => "schemas",
        }
    }

    /// `pg_default_acl.defaclobjtype`.
    pub fn from_objtype(c: &str) -> Option<Self> {
        Some(match c {
            "r" => DefaultObjects::Tables,
            "S" => DefaultObjects::Sequences,
            "f" => DefaultObjects::Functions,
            "T" => DefaultObjects::Types,
            "n" => DefaultObjects::Schemas,
            _ => return None,
        })
    }

    /// The privilege list of the kind.
    pub fn kind(self) -> PrivilegedKind {
        match self {
            DefaultObjects::Tables => PrivilegedKind::Table,
            DefaultObjects::Sequences => PrivilegedKind::Sequence,
            DefaultObjects::Functions => PrivilegedKind::Function,
            DefaultObjects::Types => PrivilegedKind::Type,
            DefaultObjects::Schemas => PrivilegedKind::Schema,
        }
    }
}

/// One `pg_default_acl` entry. `grants` are, database-wide, the whole list
/// a new object starts with (PUBLIC's built-in `EXECUTE`/`USAGE` included
/// unless revoked) and, in a schema, what is added to it. The creating
/// role's own privileges are implicit and never kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultPrivilege {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
    pub objects: DefaultObjects,
    pub grants: Vec<Grant>,
}

impl DefaultPrivilege {
    /// What the entry holds when it does not exist.
    pub fn absent(schema: &Option<Ident>, objects: DefaultObjects) -> Vec<Grant> {
        match schema {
            None => objects.kind().defaults(),
            Some(_) => Vec::new(),
        }
    }

    /// Whether the entry is what PostgreSQL holds without it.
    pub fn is_absent(&self) -> bool {
        let mut a = grant::atoms(&grant::normalize(self.objects.kind(), &self.grants));
        let mut d = grant::atoms(&Self::absent(&self.schema, self.objects));
        a.sort();
        d.sort();
        a == d
    }
}

/// The access list an object of `objects` gets when the migration role
/// creates it in `schema`: the database-wide entry (or the built-in default)
/// with the schema's entry added.
pub fn created_acl(
    entries: &[DefaultPrivilege],
    schema: &Ident,
    objects: DefaultObjects,
    kind: PrivilegedKind,
) -> Vec<Grant> {
    let mine = |s: Option<&Ident>| {
        entries
            .iter()
            .find(|e| e.for_role.is_none() && e.objects == objects && e.schema.as_ref() == s)
    };
    let mut atoms: Vec<GrantAtom> = match mine(None) {
        Some(e) => grant::atoms(&e.grants),
        None => grant::atoms(&kind.defaults()),
    };
    if let Some(e) = mine(Some(schema)) {
        for a in grant::atoms(&e.grants) {
            if !atoms.contains(&a) {
                atoms.push(a);
            }
        }
    }
    grant::normalize(kind, &grant::from_atoms(kind, &atoms))
}

/// Whether the migration role's defaults change what a new object of
/// `objects` in `schema` holds.
pub fn shapes(entries: &[DefaultPrivilege], schema: &Ident, objects: DefaultObjects) -> bool {
    entries.iter().any(|e| {
        e.for_role.is_none()
            && e.objects == objects
            && (e.schema.is_none() || e.schema.as_ref() == Some(schema))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(role: &str, p: &[&str]) -> Grant {
        Grant::new(role, p)
    }

    fn entry(
        for_role: Option<&str>,
        schema: Option<&str>,
        objects: DefaultObjects,
        grants: Vec<Grant>,
    ) -> DefaultPrivilege {
        DefaultPrivilege {
            for_role: for_role.map(str::to_string),
            schema: schema.map(Ident::new),
            objects,
            grants,
        }
    }

    #[test]
    fn a_new_object_starts_from_the_database_wide_entry_plus_its_schemas() {
        let app = Ident::new("app");
        let entries = vec![
            entry(None, None, DefaultObjects::Functions, vec![]),
            entry(
                None,
                Some("app"),
                DefaultObjects::Functions,
                vec![g("api", &["EXECUTE"])],
            ),
            entry(
                Some("owner"),
                Some("app"),
                DefaultObjects::Tables,
                vec![g("bi", &["SELECT"])],
            ),
        ];
        let f = PrivilegedKind::Function;
        assert_eq!(
            created_acl(&entries, &app, DefaultObjects::Functions, f),
            [g("api", &["EXECUTE"])]
        );
        assert_eq!(
            created_acl(&entries, &Ident::new("other"), DefaultObjects::Functions, f),
            []
        );
        // Another creator's defaults do not shape what migrations create.
        assert!(!shapes(&entries, &app, DefaultObjects::Tables));
        assert_eq!(
            created_acl(&[], &app, DefaultObjects::Types, PrivilegedKind::Type),
            [g("public", &["USAGE"])]
        );
    }

    #[test]
    fn an_entry_equal_to_what_postgres_holds_without_it_is_absent() {
        assert!(
            entry(
                None,
                None,
                DefaultObjects::Functions,
                vec![g("public", &["execute"])]
            )
            .is_absent()
        );
        assert!(!entry(None, None, DefaultObjects::Functions, vec![]).is_absent());
        assert!(entry(None, Some("app"), DefaultObjects::Tables, vec![]).is_absent());
        assert!(
            !entry(
                None,
                Some("app"),
                DefaultObjects::Tables,
                vec![g("x", &["select"])]
            )
            .is_absent()
        );
    }
}
