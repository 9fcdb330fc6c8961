/// The PostgreSQL schema as numbered, append-only migrations, run by the owner role. Never edit one that
/// has shipped: add another. The application role owns nothing and is bound by row-level security.
enum PostgresMigrations {
    /// Migrations in order: (version, SQL). `{app}` is replaced by the quoted application role name.
    static let all: [(version: String, sql: String)] = [
        ("0001_records", v0001), ("0002_accounts", v0002), ("0003_dose_of_record", v0003),
        ("0004_lab_boundary", v0004), ("0005_dosemeters", v0005),
        ("0006_alerts", v0006), ("0007_incidents", v0007), ("0008_key_rotation", v0008),
        (yearPartitions, v0009),
    ]

    private static let v0001 = """
        CREATE FUNCTION sievert_in_scope(organisation uuid) RETURNS boolean
            LANGUAGE sql STABLE PARALLEL SAFE AS $$
            SELECT coalesce(current_setting('sievert.all_organisations', true) = 'on', false)
                OR organisation = ANY (coalesce(
                    string_to_array(nullif(current_setting('sievert.organisations', true), ''), ',')::uuid[],
                    '{}'::uuid[]))
            $$;

        CREATE TABLE organisations (
            id uuid PRIMARY KEY,
            code text NOT NULL UNIQUE,
            name text NOT NULL,
            kind text NOT NULL,
            departments text NOT NULL,
            contacts bytea,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE TABLE organisation_keys (
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            version bigint NOT NULL,
            wrapping_version bigint NOT NULL,
            envelope bytea NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (organisation_id, version)
        );
        CREATE TABLE service_keys (
            name text NOT NULL,
            version bigint NOT NULL,
            wrapping_version bigint NOT NULL,
            envelope bytea NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (name, version)
        );
        CREATE TABLE people (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            status text NOT NULL,
            is_canary boolean NOT NULL,
            nino_index bigint,
            source_index bigint,
            forenames bytea, surname bytea, date_of_birth bytea, sex bytea, nino bytea,
            email bytea, phone bytea, address bytea, postcode bytea, date_of_death bytea,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE INDEX people_by_organisation ON people(organisation_id, id);
        CREATE INDEX people_by_nino ON people(nino_index) WHERE nino_index IS NOT NULL;
        CREATE TABLE person_keys (
            person_id uuid PRIMARY KEY REFERENCES people(id),
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            version bigint NOT NULL,
            wrapping_version bigint NOT NULL,
            envelope bytea NOT NULL,
            created_at timestamptz NOT NULL
        );
        CREATE TABLE employments (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            person_id uuid NOT NULL REFERENCES people(id),
            state text NOT NULL,
            staff_index bigint,
            staff_number bytea,
            details bytea NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE INDEX employments_by_person ON employments(person_id);
        CREATE INDEX employments_by_staff_index ON employments(organisation_id, staff_index);
        CREATE TABLE audit_events (
            sequence bigint PRIMARY KEY,
            occurred_at timestamptz NOT NULL,
            actor text NOT NULL,
            role text NOT NULL,
            action text NOT NULL,
            subject_id text,
            organisation_id uuid,
            purpose text NOT NULL,
            request_id text NOT NULL,
            outcome text NOT NULL,
            leaf_hash bytea NOT NULL
        );
        -- Token hashes are looked up before a tenant scope exists, so this table has no tenant policy.
        CREATE TABLE access_tokens (
            hash bytea PRIMARY KEY,
            id text NOT NULL UNIQUE,
            role text NOT NULL,
            organisation_id uuid REFERENCES organisations(id),
            created_at timestamptz NOT NULL,
            expires_at timestamptz,
            revoked_at timestamptz
        );

        ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
        ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON organisations
            USING (sievert_in_scope(id)) WITH CHECK (sievert_in_scope(id));
        ALTER TABLE organisation_keys ENABLE ROW LEVEL SECURITY;
        ALTER TABLE organisation_keys FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON organisation_keys
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE people ENABLE ROW LEVEL SECURITY;
        ALTER TABLE people FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON people
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE person_keys ENABLE ROW LEVEL SECURITY;
        ALTER TABLE person_keys FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON person_keys
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE employments ENABLE ROW LEVEL SECURITY;
        ALTER TABLE employments FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON employments
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        -- Audit events carry no personal values; the application may only add and read them.
        ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
        ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
        CREATE POLICY append ON audit_events FOR INSERT
            WITH CHECK (organisation_id IS NULL OR sievert_in_scope(organisation_id));
        CREATE POLICY read ON audit_events FOR SELECT USING (true);

        GRANT EXECUTE ON FUNCTION sievert_in_scope(uuid) TO {app};
        GRANT SELECT, INSERT, UPDATE ON organisations, employments TO {app};
        GRANT SELECT, INSERT, UPDATE, DELETE ON people, person_keys, organisation_keys TO {app};
        GRANT SELECT, INSERT ON service_keys, audit_events TO {app};
        GRANT SELECT, INSERT, UPDATE ON access_tokens TO {app};
        """

    // Accounts, sessions and sign-in failures are service-level rows, read before a tenant scope exists, so
    // like access tokens they have no tenant policy. Login names and TOTP secrets are sealed; failures are
    // counted against the login name's blind index, never an address.
    private static let v0002 = """
        CREATE TABLE accounts (
            id uuid PRIMARY KEY,
            login_index bigint NOT NULL UNIQUE,
            login bytea NOT NULL,
            role text NOT NULL,
            organisation_ids uuid[] NOT NULL,
            person_id uuid REFERENCES people(id),
            status text NOT NULL,
            password_hash text,
            totp_secret bytea,
            totp_last_step bigint NOT NULL DEFAULT 0,
            enrolment_hash bytea UNIQUE,
            enrolment_expires_at timestamptz,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE TABLE sessions (
            hash bytea PRIMARY KEY,
            account_id uuid NOT NULL REFERENCES accounts(id),
            created_at timestamptz NOT NULL,
            last_seen_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL
        );
        CREATE INDEX sessions_by_account ON sessions(account_id);
        CREATE TABLE login_failures (
            key bigint NOT NULL,
            at timestamptz NOT NULL
        );
        CREATE INDEX login_failures_by_key ON login_failures(key, at);
        CREATE INDEX audit_events_by_subject ON audit_events(subject_id, sequence) WHERE subject_id IS NOT NULL;
        CREATE INDEX audit_events_by_action ON audit_events(action text_pattern_ops, sequence);

        GRANT SELECT, INSERT, UPDATE ON accounts TO {app};
        GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, login_failures TO {app};
        """

    // The dose of record: periods, quantities and kinds in clear; amounts sealed. The application may only add
    // and read entries, and only of organisations in scope.
    private static let v0003 = """
        CREATE TABLE dose_entries (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            employment_id uuid NOT NULL REFERENCES employments(id),
            person_id uuid NOT NULL REFERENCES people(id),
            period_begin date NOT NULL,
            period_end date NOT NULL,
            quantity text NOT NULL,
            kind text NOT NULL,
            supersedes uuid REFERENCES dose_entries(id),
            amount bytea NOT NULL,
            recorded_at timestamptz NOT NULL
        );
        CREATE INDEX dose_entries_by_person ON dose_entries(person_id, period_end);
        CREATE INDEX dose_entries_by_organisation ON dose_entries(organisation_id, period_end);
        ALTER TABLE dose_entries ENABLE ROW LEVEL SECURITY;
        ALTER TABLE dose_entries FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON dose_entries
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        GRANT SELECT, INSERT ON dose_entries TO {app};
        """

    // The lab boundary: participant codes (random, one per employment) and readings as received, cells sealed.
    private static let v0004 = """
        CREATE TABLE participants (
            code text PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            employment_id uuid NOT NULL UNIQUE REFERENCES employments(id),
            person_id uuid NOT NULL REFERENCES people(id),
            created_at timestamptz NOT NULL
        );
        CREATE INDEX participants_by_organisation ON participants(organisation_id);
        CREATE TABLE lab_readings (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            serial text NOT NULL,
            version integer NOT NULL,
            participant_code text,
            dosemeter_type text,
            position text NOT NULL,
            period_begin date NOT NULL,
            period_end date NOT NULL,
            status text NOT NULL,
            cells bytea NOT NULL,
            imported_at timestamptz NOT NULL,
            UNIQUE (organisation_id, serial, version)
        );
        ALTER TABLE dose_entries ADD COLUMN reading_id uuid REFERENCES lab_readings(id);
        CREATE INDEX dose_entries_by_reading ON dose_entries(reading_id) WHERE reading_id IS NOT NULL;
        ALTER TABLE participants ENABLE ROW LEVEL SECURITY;
        ALTER TABLE participants FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON participants
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE lab_readings ENABLE ROW LEVEL SECURITY;
        ALTER TABLE lab_readings FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON lab_readings
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        GRANT SELECT, INSERT ON participants, lab_readings TO {app};
        """

    private static let v0005 = """
        CREATE TABLE dosemeters (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            serial text NOT NULL,
            kind text NOT NULL,
            technology text NOT NULL,
            state text NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            UNIQUE (organisation_id, serial)
        );
        CREATE TABLE monitoring_assignments (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            employment_id uuid NOT NULL REFERENCES employments(id),
            person_id uuid NOT NULL REFERENCES people(id),
            position text NOT NULL,
            frequency text NOT NULL,
            starts date NOT NULL,
            ends date,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE INDEX monitoring_assignments_by_organisation ON monitoring_assignments(organisation_id);
        CREATE TABLE dosemeter_issues (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            dosemeter_id uuid NOT NULL REFERENCES dosemeters(id),
            serial text NOT NULL,
            position text NOT NULL,
            assignment_id uuid REFERENCES monitoring_assignments(id),
            employment_id uuid REFERENCES employments(id),
            person_id uuid REFERENCES people(id),
            participant_code text,
            period_begin date NOT NULL,
            period_end date NOT NULL,
            batch text NOT NULL,
            issued_at timestamptz NOT NULL,
            return_status text,
            returned_on date,
            updated_at timestamptz NOT NULL,
            UNIQUE (organisation_id, serial, period_begin)
        );
        CREATE INDEX dosemeter_issues_by_period ON dosemeter_issues(organisation_id, period_begin);
        CREATE UNIQUE INDEX dosemeter_issues_one_per_assignment ON dosemeter_issues(assignment_id, period_begin)
            WHERE assignment_id IS NOT NULL;
        CREATE TABLE organisation_settings (
            organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
            wear_anchor_month integer NOT NULL CHECK (wear_anchor_month BETWEEN 1 AND 12),
            minimum_reporting_level bigint,
            return_due_days integer NOT NULL,
            updated_at timestamptz NOT NULL
        );
        ALTER TABLE dosemeters ENABLE ROW LEVEL SECURITY;
        ALTER TABLE dosemeters FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON dosemeters
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE monitoring_assignments ENABLE ROW LEVEL SECURITY;
        ALTER TABLE monitoring_assignments FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON monitoring_assignments
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE dosemeter_issues ENABLE ROW LEVEL SECURITY;
        ALTER TABLE dosemeter_issues FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON dosemeter_issues
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE organisation_settings ENABLE ROW LEVEL SECURITY;
        ALTER TABLE organisation_settings FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON organisation_settings
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        GRANT SELECT, INSERT, UPDATE ON dosemeters, monitoring_assignments, dosemeter_issues, organisation_settings
            TO {app};
        """

    private static let v0006 = """
        CREATE TABLE dose_alerts (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            person_id uuid NOT NULL REFERENCES people(id),
            fingerprint text NOT NULL,
            state text NOT NULL CHECK (state IN ('raised', 'acknowledged', 'investigating', 'closed')),
            alert bytea NOT NULL,
            raised_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            UNIQUE (person_id, fingerprint)
        );
        CREATE INDEX dose_alerts_by_organisation ON dose_alerts(organisation_id, raised_at);
        CREATE TABLE investigation_levels (
            organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
            levels text NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE TABLE mail_outbox (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            message bytea NOT NULL,
            created_at timestamptz NOT NULL,
            sent_at timestamptz,
            attempts integer NOT NULL,
            last_error text
        );
        CREATE INDEX mail_outbox_pending ON mail_outbox(created_at) WHERE sent_at IS NULL;
        ALTER TABLE dose_alerts ENABLE ROW LEVEL SECURITY;
        ALTER TABLE dose_alerts FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON dose_alerts
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE investigation_levels ENABLE ROW LEVEL SECURITY;
        ALTER TABLE investigation_levels FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON investigation_levels
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
        ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON mail_outbox
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        GRANT SELECT, INSERT, UPDATE ON dose_alerts, investigation_levels, mail_outbox TO {app};
        """

    // Breach incidents: the register is service-level (no tenant policy, like accounts); the people an incident
    // affects are rows of their organisation under row-level security. The application may not delete either.
    private static let v0007 = """
        CREATE TABLE incidents (
            id uuid PRIMARY KEY,
            status text NOT NULL CHECK (status IN ('open', 'reported', 'closed')),
            source text NOT NULL,
            occurred_at timestamptz NOT NULL,
            aware_at timestamptz NOT NULL,
            declared_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            incident bytea NOT NULL
        );
        CREATE TABLE incident_people (
            incident_id uuid NOT NULL REFERENCES incidents(id),
            person_id uuid NOT NULL REFERENCES people(id),
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            exposed text NOT NULL,
            found_by text NOT NULL,
            disposition text CHECK (disposition IN ('notify', 'dummy', 'deceased', 'unidentifiable')),
            cluster text,
            contact_person_id uuid REFERENCES people(id),
            delivery text NOT NULL CHECK (delivery IN ('pending', 'sent', 'returned', 'undeliverable', 'not-sent')),
            delivery_at timestamptz,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (incident_id, person_id)
        );
        CREATE INDEX incident_people_by_organisation ON incident_people(incident_id, organisation_id, person_id);
        ALTER TABLE incident_people ENABLE ROW LEVEL SECURITY;
        ALTER TABLE incident_people FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON incident_people
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        GRANT SELECT, INSERT, UPDATE ON incidents, incident_people TO {app};
        """

    // Key rotation rewraps service keys under a new root version and re-seals lab readings' cells under a new
    // organisation key version: only those columns become writable, the rest of a reading stays append-only.
    private static let v0008 = """
        GRANT UPDATE (wrapping_version, envelope) ON service_keys TO {app};
        GRANT UPDATE (cells) ON lab_readings TO {app};
        """
}
