import GRDB

/// The SQLite schema as numbered, append-only migrations. Never edit one that has shipped: add another.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001_records") { db in
            try db.execute(sql: v0001)
        }
        migrator.registerMigration("0002_accounts") { db in
            try db.execute(sql: v0002)
        }
        migrator.registerMigration("0003_dose_of_record") { db in
            try db.execute(sql: v0003)
        }
        migrator.registerMigration("0004_lab_boundary") { db in
            try db.execute(sql: v0004)
        }
        migrator.registerMigration("0005_dosemeters") { db in
            try db.execute(sql: v0005)
        }
        migrator.registerMigration("0006_alerts") { db in
            try db.execute(sql: v0006)
        }
        migrator.registerMigration("0007_incidents") { db in
            try db.execute(sql: v0007)
        }
        return migrator
    }

    // Times are integer milliseconds since the Unix epoch (UTC). Ids are lowercase UUID text; UUIDv7 ids
    // sort by creation time, which keeps inserts at the end of the b-tree.
    private static let v0001 = """
        CREATE TABLE organisations (
            id TEXT PRIMARY KEY NOT NULL,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            departments TEXT NOT NULL,
            contacts BLOB,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE organisation_keys (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            version INTEGER NOT NULL,
            wrapping_version INTEGER NOT NULL,
            envelope BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (organisation_id, version)
        ) STRICT;
        CREATE TABLE service_keys (
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            wrapping_version INTEGER NOT NULL,
            envelope BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (name, version)
        ) STRICT;
        CREATE TABLE people (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            status TEXT NOT NULL,
            is_canary INTEGER NOT NULL,
            nino_index INTEGER,
            source_index INTEGER,
            forenames BLOB, surname BLOB, date_of_birth BLOB, sex BLOB, nino BLOB,
            email BLOB, phone BLOB, address BLOB, postcode BLOB, date_of_death BLOB,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX people_by_organisation ON people(organisation_id, id);
        CREATE INDEX people_by_nino ON people(nino_index) WHERE nino_index IS NOT NULL;
        CREATE TABLE person_keys (
            person_id TEXT PRIMARY KEY NOT NULL REFERENCES people(id),
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            version INTEGER NOT NULL,
            wrapping_version INTEGER NOT NULL,
            envelope BLOB NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE employments (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            person_id TEXT NOT NULL REFERENCES people(id),
            state TEXT NOT NULL,
            staff_index INTEGER,
            staff_number BLOB,
            details BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX employments_by_person ON employments(person_id);
        -- Blind indexes collide by design (DESIGN.md §4), so none of them is unique.
        CREATE INDEX employments_by_staff_index ON employments(organisation_id, staff_index);
        CREATE TABLE audit_events (
            sequence INTEGER PRIMARY KEY,
            occurred_at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            subject_id TEXT,
            organisation_id TEXT,
            purpose TEXT NOT NULL,
            request_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            leaf_hash BLOB NOT NULL
        ) STRICT;
        CREATE TABLE access_tokens (
            hash BLOB PRIMARY KEY NOT NULL,
            id TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            organisation_id TEXT REFERENCES organisations(id),
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            revoked_at INTEGER
        ) STRICT;
        -- The audit log is append-only for the application: edits and deletions are refused by the database.
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        """

    // Accounts, sessions and sign-in failures are service-level rows (no organisation owns them). Login names
    // and TOTP secrets are sealed; failures are counted against the login name's blind index, never an address.
    private static let v0002 = """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY NOT NULL,
            login_index INTEGER NOT NULL UNIQUE,
            login BLOB NOT NULL,
            role TEXT NOT NULL,
            organisation_ids TEXT NOT NULL,
            person_id TEXT REFERENCES people(id),
            status TEXT NOT NULL,
            password_hash TEXT,
            totp_secret BLOB,
            totp_last_step INTEGER NOT NULL DEFAULT 0,
            enrolment_hash BLOB UNIQUE,
            enrolment_expires_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE sessions (
            hash BLOB PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX sessions_by_account ON sessions(account_id);
        CREATE TABLE login_failures (
            key INTEGER NOT NULL,
            at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX login_failures_by_key ON login_failures(key, at);
        -- "Who accessed my record" and the security alert list read the log by subject and by action.
        CREATE INDEX audit_events_by_subject ON audit_events(subject_id, sequence) WHERE subject_id IS NOT NULL;
        CREATE INDEX audit_events_by_action ON audit_events(action, sequence);
        """

    // The dose of record: periods, quantities and kinds in clear; amounts sealed. Append-only, like the log.
    private static let v0003 = """
        CREATE TABLE dose_entries (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            employment_id TEXT NOT NULL REFERENCES employments(id),
            person_id TEXT NOT NULL REFERENCES people(id),
            period_begin TEXT NOT NULL,
            period_end TEXT NOT NULL,
            quantity TEXT NOT NULL,
            kind TEXT NOT NULL,
            supersedes TEXT REFERENCES dose_entries(id),
            amount BLOB NOT NULL,
            recorded_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX dose_entries_by_person ON dose_entries(person_id, period_end);
        CREATE INDEX dose_entries_by_organisation ON dose_entries(organisation_id, period_end);
        CREATE TRIGGER dose_entries_no_update BEFORE UPDATE ON dose_entries
            BEGIN SELECT RAISE(ABORT, 'the dose of record is append-only'); END;
        CREATE TRIGGER dose_entries_no_delete BEFORE DELETE ON dose_entries
            BEGIN SELECT RAISE(ABORT, 'the dose of record is append-only'); END;
        """

    // The lab boundary: participant codes (random, one per employment) and readings as received, cells sealed.
    private static let v0004 = """
        CREATE TABLE participants (
            code TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            employment_id TEXT NOT NULL UNIQUE REFERENCES employments(id),
            person_id TEXT NOT NULL REFERENCES people(id),
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX participants_by_organisation ON participants(organisation_id);
        CREATE TABLE lab_readings (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            serial TEXT NOT NULL,
            version INTEGER NOT NULL,
            participant_code TEXT,
            dosemeter_type TEXT,
            position TEXT NOT NULL,
            period_begin TEXT NOT NULL,
            period_end TEXT NOT NULL,
            status TEXT NOT NULL,
            cells BLOB NOT NULL,
            imported_at INTEGER NOT NULL,
            UNIQUE (organisation_id, serial, version)
        ) STRICT;
        ALTER TABLE dose_entries ADD COLUMN reading_id TEXT REFERENCES lab_readings(id);
        CREATE INDEX dose_entries_by_reading ON dose_entries(reading_id) WHERE reading_id IS NOT NULL;
        """

    private static let v0005 = """
        CREATE TABLE dosemeters (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            serial TEXT NOT NULL,
            kind TEXT NOT NULL,
            technology TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (organisation_id, serial)
        ) STRICT;
        CREATE TABLE monitoring_assignments (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            employment_id TEXT NOT NULL REFERENCES employments(id),
            person_id TEXT NOT NULL REFERENCES people(id),
            position TEXT NOT NULL,
            frequency TEXT NOT NULL,
            starts TEXT NOT NULL,
            ends TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX monitoring_assignments_by_organisation ON monitoring_assignments(organisation_id);
        CREATE TABLE dosemeter_issues (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            dosemeter_id TEXT NOT NULL REFERENCES dosemeters(id),
            serial TEXT NOT NULL,
            position TEXT NOT NULL,
            assignment_id TEXT REFERENCES monitoring_assignments(id),
            employment_id TEXT REFERENCES employments(id),
            person_id TEXT REFERENCES people(id),
            participant_code TEXT,
            period_begin TEXT NOT NULL,
            period_end TEXT NOT NULL,
            batch TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            return_status TEXT,
            returned_on TEXT,
            updated_at INTEGER NOT NULL,
            UNIQUE (organisation_id, serial, period_begin)
        ) STRICT;
        CREATE INDEX dosemeter_issues_by_period ON dosemeter_issues(organisation_id, period_begin);
        CREATE UNIQUE INDEX dosemeter_issues_one_per_assignment ON dosemeter_issues(assignment_id, period_begin)
            WHERE assignment_id IS NOT NULL;
        CREATE TABLE organisation_settings (
            organisation_id TEXT PRIMARY KEY NOT NULL REFERENCES organisations(id),
            wear_anchor_month INTEGER NOT NULL CHECK (wear_anchor_month BETWEEN 1 AND 12),
            minimum_reporting_level INTEGER,
            return_due_days INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        """

    private static let v0006 = """
        CREATE TABLE dose_alerts (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            person_id TEXT NOT NULL REFERENCES people(id),
            fingerprint TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('raised', 'acknowledged', 'investigating', 'closed')),
            alert BLOB NOT NULL,
            raised_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (person_id, fingerprint)
        ) STRICT;
        CREATE INDEX dose_alerts_by_organisation ON dose_alerts(organisation_id, raised_at);
        CREATE TABLE investigation_levels (
            organisation_id TEXT PRIMARY KEY NOT NULL REFERENCES organisations(id),
            levels TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE mail_outbox (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            message BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            sent_at INTEGER,
            attempts INTEGER NOT NULL,
            last_error TEXT
        ) STRICT;
        CREATE INDEX mail_outbox_pending ON mail_outbox(created_at) WHERE sent_at IS NULL;
        """

    // Breach incidents: the register is service-level; the people an incident affects are rows of their
    // organisation. Only categories (fields, scopes, dispositions, delivery states) are in clear.
    private static let v0007 = """
        CREATE TABLE incidents (
            id TEXT PRIMARY KEY NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'reported', 'closed')),
            source TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            aware_at INTEGER NOT NULL,
            declared_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            incident BLOB NOT NULL
        ) STRICT;
        CREATE TABLE incident_people (
            incident_id TEXT NOT NULL REFERENCES incidents(id),
            person_id TEXT NOT NULL REFERENCES people(id),
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            exposed TEXT NOT NULL,
            found_by TEXT NOT NULL,
            disposition TEXT CHECK (disposition IN ('notify', 'dummy', 'deceased', 'unidentifiable')),
            cluster TEXT,
            contact_person_id TEXT REFERENCES people(id),
            delivery TEXT NOT NULL CHECK (delivery IN ('pending', 'sent', 'returned', 'undeliverable', 'not-sent')),
            delivery_at INTEGER,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (incident_id, person_id)
        ) STRICT;
        CREATE INDEX incident_people_by_organisation ON incident_people(incident_id, organisation_id, person_id);
        """
}
