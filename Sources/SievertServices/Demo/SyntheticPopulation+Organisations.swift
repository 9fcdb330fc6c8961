import DoseCore

extension SyntheticPopulation {
    /// Six invented customer organisations, one of each main kind, with how many demo wearers each gets
    /// (about 300 in all).
    public static let demoOrganisations: [(code: String, name: String, kind: OrganisationKind, size: Int)] = [
        ("AVUHB", "Afon Valley University Health Board", .healthBoard, 95),
        ("BRYNTRUST", "Bryncoed Hospitals NHS Trust", .nhsTrust, 110),
        ("PENHOSP", "Pentre Heath Private Hospital", .privateHospital, 40),
        ("LLYSDENT", "Llys Aur Dental Practice", .dental, 18),
        ("TAWELVET", "Tawel Bridge Veterinary Clinic", .veterinary, 12),
        ("CYMAIR", "Cymer Regional Airport", .airport, 25),
    ]
}
