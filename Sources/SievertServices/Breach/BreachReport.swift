import DoseCore
import Foundation
import SievertStorage

/// How many people lost one set of fields: the per-field breakdown a notification needs ("37 people lost name,
/// date of birth and dose").
public struct FieldCombination: Sendable, Codable, Hashable {
    public var fields: [PersonalField]
    public var label: String
    public var people: Int
}

/// How many people lost one field.
public struct FieldCount: Sendable, Codable, Hashable {
    public var field: PersonalField
    public var label: String
    public var people: Int
}

/// One organisation's part of an incident, in counts only.
public struct OrganisationExposure: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    /// Affected person records, dummies included.
    public var records: Int
    /// Distinct people (dummy records left out; records of one person counted once).
    public var people: Int
    /// People with at least one readable field.
    public var readablePeople: Int
    public var fields: [FieldCount]
    public var combinations: [FieldCombination]
    public var notify: Int
    public var deceased: Int
    public var unidentifiable: Int
    public var dummies: Int
}

/// The UK GDPR Art. 33 report draft: the nature of the breach, the categories and approximate numbers of people
/// and records by organisation and field, the contact point, likely consequences and measures — and, when nothing
/// readable left, the Art. 34(3)(a) assessment. Counts only: it names no one.
public struct BreachReport: Sendable, Codable, Hashable {
    public var incident: IncidentID
    public var summary: String
    public var source: IncidentSource
    public var status: IncidentStatus
    public var occurredAt: Date
    public var awareAt: Date
    public var declaredAt: Date
    public var reportDue: Date
    public var contactPoint: String
    public var consequences: String
    public var measures: String
    public var generatedAt: Date
    /// Whether planning has run since the last scope (people are counted by person, not by record, only then).
    public var planned: Bool
    public var records: Int
    public var people: Int
    public var readablePeople: Int
    public var notify: Int
    public var deceased: Int
    public var unidentifiable: Int
    public var dummies: Int
    public var fields: [FieldCount]
    public var organisations: [OrganisationExposure]
    /// True when every exposed value was ciphertext under keys that were not compromised.
    public var unintelligible: Bool
    /// The Art. 34 assessment, in plain words.
    public var assessment: String
    public var decisions: [IncidentDecision]

    /// Builds the report from the incident, its person rows and the organisations' codes and names.
    static func make(
        incident: Incident, rows: [IncidentPersonRow], organisations: [OrganisationID: (code: String, name: String)],
        at now: Date
    ) throws -> BreachReport {
        let planned = !rows.isEmpty && rows.allSatisfy { $0.disposition != nil }
        var byOrganisation: [OrganisationExposure] = []
        var everyone: [String: Set<PersonalField>] = [:]
        var dispositions: [String: String] = [:]
        var dummies = 0
        for (organisation, records) in Dictionary(grouping: rows, by: \.organisationID) {
            var people: [String: Set<PersonalField>] = [:]
            var exposure = OrganisationExposure(
                code: organisations[organisation]?.code ?? organisation.description,
                name: organisations[organisation]?.name ?? "", records: records.count, people: 0, readablePeople: 0,
                fields: [], combinations: [], notify: 0, deceased: 0, unidentifiable: 0, dummies: 0)
            var personDisposition: [String: String] = [:]
            for row in records {
                if row.disposition == "dummy" {
                    exposure.dummies += 1
                    dummies += 1
                    continue
                }
                let person = row.cluster ?? row.personID.description
                let fields = try PersonalField.set(parsing: row.exposed)
                people[person, default: []].formUnion(fields)
                everyone[person, default: []].formUnion(fields)
                if let disposition = row.disposition {
                    personDisposition[person] = disposition
                    dispositions[person] = disposition
                }
            }
            exposure.people = people.count
            exposure.readablePeople = people.values.filter { !$0.isEmpty }.count
            exposure.fields = Self.fieldCounts(people.values)
            exposure.combinations = Dictionary(grouping: people.values.filter { !$0.isEmpty }, by: { $0 })
                .map { fields, group in
                    let sorted = fields.sorted()
                    return FieldCombination(
                        fields: sorted, label: sorted.map(\.label).joined(separator: ", "), people: group.count)
                }
                .sorted { ($0.people, $1.label) > ($1.people, $0.label) }
            exposure.notify = personDisposition.values.filter { $0 == "notify" }.count
            exposure.deceased = personDisposition.values.filter { $0 == "deceased" }.count
            exposure.unidentifiable = personDisposition.values.filter { $0 == "unidentifiable" }.count
            byOrganisation.append(exposure)
        }
        byOrganisation.sort { $0.code < $1.code }
        let readable = everyone.values.filter { !$0.isEmpty }.count
        let unintelligible = !rows.isEmpty && readable == 0
        let assessment: String
        if rows.isEmpty {
            assessment = "No one has been found in scope yet."
        } else if unintelligible {
            assessment = """
                Every personal value that left was ciphertext (AES-256-GCM) under keys that were not compromised: it \
                is unintelligible to anyone without those keys. Telling the people themselves is therefore not \
                required (UK GDPR Art. 34(3)(a)). The breach is still recorded, and the organisations are told.
                """
        } else {
            assessment = """
                \(readable) people had personal data readable to the attacker. Where that includes radiation dose \
                records, National Insurance numbers or dates of birth the risk to them is likely to be high: tell \
                them without undue delay in plain language (UK GDPR Art. 34(1)), with the letters Sievert prepares.
                """
        }
        return BreachReport(
            incident: incident.id, summary: incident.summary, source: incident.source, status: incident.status,
            occurredAt: incident.occurredAt, awareAt: incident.awareAt, declaredAt: incident.declaredAt,
            reportDue: incident.reportDue, contactPoint: incident.contactPoint, consequences: incident.consequences,
            measures: incident.measures, generatedAt: now, planned: planned, records: rows.count,
            people: everyone.count, readablePeople: readable,
            notify: dispositions.values.filter { $0 == "notify" }.count,
            deceased: dispositions.values.filter { $0 == "deceased" }.count,
            unidentifiable: dispositions.values.filter { $0 == "unidentifiable" }.count, dummies: dummies,
            fields: Self.fieldCounts(everyone.values), organisations: byOrganisation, unintelligible: unintelligible,
            assessment: assessment, decisions: incident.decisions)
    }

    private static func fieldCounts(_ people: some Collection<Set<PersonalField>>) -> [FieldCount] {
        PersonalField.allCases.compactMap { field in
            let count = people.filter { $0.contains(field) }.count
            return count == 0 ? nil : FieldCount(field: field, label: field.label, people: count)
        }
    }
}
