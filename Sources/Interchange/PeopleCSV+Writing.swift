import DoseCore

extension PeopleCSV {
    /// The cells of `record` in header order, as ``parse(_:today:maxErrors:)`` reads them back.
    public static func row(for record: PeopleCSVRecord) -> [String] {
        [
            record.recordID,
            record.organisationCode.value,
            record.staffNumber ?? "",
            record.identity.forenames ?? "",
            record.identity.surname,
            record.identity.dateOfBirth?.iso ?? "",
            record.identity.sex?.rawValue ?? "",
            record.identity.nino?.value ?? "",
            record.contact.email ?? "",
            record.contact.phone ?? "",
            record.contact.address ?? "",
            record.contact.postcode ?? "",
            record.status.rawValue,
            record.dateOfDeath?.iso ?? "",
            record.updatedAt.map(ISO8601Timestamp.format) ?? "",
        ]
    }

    /// A complete people file: the header, then one CRLF-terminated row per record.
    public static func write(_ records: some Sequence<PeopleCSVRecord>) -> [UInt8] {
        var writer = CSVWriter()
        writer.append(header)
        for record in records {
            writer.append(row(for: record))
        }
        return writer.bytes
    }
}
