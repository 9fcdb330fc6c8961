import Crypto
import Testing

@testable import Vault

@Suite("Key wrapping")
struct KeyWrapTests {
    static func personContext(_ id: Int, organisation: String = "org-0001") -> AssociatedData {
        AssociatedData(organisation: organisation, table: "person_keys", column: "key", row: "person-\(id)")
    }

    static let organisationContext = AssociatedData(
        organisation: "org-0001",
        table: "organisation_keys",
        column: "key",
        row: "org-0001"
    )

    @Test("A data key round-trips through wrapping and still opens what it sealed")
    func dataKeyRoundTrip() throws {
        // setup
        let organisation = Keyset.generate()
        let dataKey = DataKey.generate(version: 3)
        let sealed = try Sealer(dataKey: dataKey).seal(string: "Smith", binding: Fixture.binding)
        // MUT
        let wrapped = try KeyWrap.wrap(dataKey, under: organisation, context: Self.personContext(1))
        let unwrapped = try KeyWrap.unwrapDataKey(wrapped, with: organisation, context: Self.personContext(1))
        // validate
        #expect(wrapped.version == 3)
        #expect(wrapped.wrappingVersion == 1)
        #expect(wrapped.envelope.count == Envelope.overhead + 32)
        #expect(!Fixture.contains(wrapped.envelope, Fixture.keyBytes(dataKey.key)), "key material in clear")
        #expect(unwrapped.version == 3)
        #expect(try Sealer(dataKey: unwrapped).openString(sealed, binding: Fixture.binding) == "Smith")
    }

    @Test("A wrapped key moved to another person, organisation or version, or edited, fails to unwrap")
    func bound() throws {
        let organisation = Keyset.generate()
        let wrapped = try KeyWrap.wrap(DataKey.generate(), under: organisation, context: Self.personContext(1))
        let otherPerson = vaultError {
            try KeyWrap.unwrapDataKey(wrapped, with: organisation, context: Self.personContext(2))
        }
        #expect(otherPerson == .authenticationFailed)
        let otherOrg = vaultError {
            try KeyWrap.unwrapDataKey(
                wrapped, with: organisation, context: Self.personContext(1, organisation: "org-0002"))
        }
        #expect(otherOrg == .authenticationFailed)
        var relabelled = wrapped
        relabelled.version = 2
        #expect(
            vaultError { try KeyWrap.unwrapDataKey(relabelled, with: organisation, context: Self.personContext(1)) }
                == .authenticationFailed)
        var lying = wrapped
        lying.wrappingVersion = 2
        #expect(
            vaultError { try KeyWrap.unwrapDataKey(lying, with: organisation, context: Self.personContext(1)) }
                == .malformedEnvelope)
        let otherKeyset = Keyset.generate()
        #expect(
            vaultError { try KeyWrap.unwrapDataKey(wrapped, with: otherKeyset, context: Self.personContext(1)) }
                == .authenticationFailed)
        var truncated = wrapped
        truncated.envelope.removeLast()
        #expect(
            vaultError { try KeyWrap.unwrapDataKey(truncated, with: organisation, context: Self.personContext(1)) }
                == .authenticationFailed)
    }

    @Test("An organisation keyset is wrapped one row per version and unwraps whole")
    func keysetRoundTrip() throws {
        let root = Keyset.generate()
        let (added, v2) = Keyset.generate().adding()
        let organisation = try added.promoting(v2)
        let rows = try KeyWrap.wrap(organisation, under: root, context: Self.organisationContext)
        #expect(rows.map(\.version) == [1, 2])
        #expect(rows.allSatisfy { $0.wrappingVersion == 1 })
        let unwrapped = try KeyWrap.unwrapKeyset(rows, primary: v2, with: root, context: Self.organisationContext)
        #expect(unwrapped.versions == [1, 2])
        #expect(unwrapped.primaryVersion == 2)
        let byDefault = try KeyWrap.unwrapKeyset(rows, with: root, context: Self.organisationContext)
        #expect(byDefault.primaryVersion == 2, "no stored primary: the highest version")
        let stillOld = try KeyWrap.unwrapKeyset(rows, primary: 1, with: root, context: Self.organisationContext)
        #expect(stillOld.primaryVersion == 1)
        for version in organisation.versions {
            #expect(
                try Fixture.keyBytes(#require(unwrapped.key(for: version)))
                    == Fixture.keyBytes(#require(organisation.key(for: version))))
        }
        // Rows swapped between versions fail: each row's version is authenticated.
        var swapped = rows
        swapped[0].version = 2
        swapped[1].version = 1
        #expect(
            vaultError { try KeyWrap.unwrapKeyset(swapped, with: root, context: Self.organisationContext) }
                == .authenticationFailed)
        #expect(vaultError { try KeyWrap.unwrapKeyset([], with: root, context: Self.organisationContext) } != nil)
        #expect(
            vaultError { try KeyWrap.unwrapKeyset(rows + [rows[0]], with: root, context: Self.organisationContext) }
                != nil)
        #expect(
            vaultError { try KeyWrap.unwrapKeyset(rows, primary: 5, with: root, context: Self.organisationContext) }
                != nil)
        #expect(
            vaultError {
                try KeyWrap.wrap(version: 9, of: organisation, under: root, context: Self.organisationContext)
            } == .unknownVersion)
    }

    @Test("Rotation in Tink's order: add, promote, rewrap all, retire — everything still opens")
    func rotation() throws {
        // setup: 40 people, each with a data key under organisation key v1 and one sealed value
        let organisation = Keyset.generate()
        var wrappedKeys: [WrappedKey] = []
        var sealed: [[UInt8]] = []
        for person in 0..<40 {
            let dataKey = DataKey.generate()
            wrappedKeys.append(try KeyWrap.wrap(dataKey, under: organisation, context: Self.personContext(person)))
            sealed.append(try Sealer(dataKey: dataKey).seal(string: "value \(person)", binding: Fixture.binding))
        }
        let forgotten = wrappedKeys[7]  // a copy the rewrap pass never sees (e.g. an old backup row)

        // MUT: step 1 add, step 2 promote
        let (added, v2) = organisation.adding()
        #expect(!RotationPlan(keyset: added, wrappingVersions: wrappedKeys.map(\.wrappingVersion)).canRetire(1))
        let promoted = try added.promoting(v2)
        var plan = RotationPlan(keyset: promoted, wrappingVersions: wrappedKeys.map(\.wrappingVersion))
        #expect(plan.remainingToRewrap == 40)
        #expect(!plan.canRetire(1))
        // New keys are wrapped under v2 from now on.
        #expect(
            try KeyWrap.wrap(DataKey.generate(), under: promoted, context: Self.personContext(99)).wrappingVersion == v2
        )

        // step 3: rewrap (half first, as an interrupted pass would)
        for index in 0..<20 {
            wrappedKeys[index] = try KeyWrap.rewrap(
                wrappedKeys[index], with: promoted, context: Self.personContext(index))
        }
        plan = RotationPlan(keyset: promoted, wrappingVersions: wrappedKeys.map(\.wrappingVersion))
        #expect(plan.remainingToRewrap == 20)
        #expect(!plan.canRetire(1))
        for index in wrappedKeys.indices {
            let before = wrappedKeys[index]
            wrappedKeys[index] = try KeyWrap.rewrap(before, with: promoted, context: Self.personContext(index))
            #expect(wrappedKeys[index].wrappingVersion == v2)
            #expect(wrappedKeys[index].version == before.version)
            if index < 20 { #expect(wrappedKeys[index] == before, "already under the primary: unchanged") }
        }
        plan = RotationPlan(keyset: promoted, wrappingVersions: wrappedKeys.map(\.wrappingVersion))
        #expect(plan.isRewrapComplete)
        #expect(plan.canRetire(1))

        // step 4: retire
        let retired = try promoted.retiring(1)

        // validate: everything opens through the rewrapped keys
        #expect(retired.versions == [v2])
        for person in 0..<40 {
            let dataKey = try KeyWrap.unwrapDataKey(
                wrappedKeys[person], with: retired, context: Self.personContext(person))
            #expect(
                try Sealer(dataKey: dataKey).openString(sealed[person], binding: Fixture.binding) == "value \(person)")
        }
        // The copy that was never rewrapped is gone with v1.
        #expect(
            vaultError { try KeyWrap.unwrapDataKey(forgotten, with: retired, context: Self.personContext(7)) }
                == .keyUnavailable(1))
        #expect(
            vaultError { try KeyWrap.rewrap(forgotten, with: retired, context: Self.personContext(7)) }
                == .keyUnavailable(1))
        let after = RotationPlan(
            keyset: retired, wrappingVersions: wrappedKeys.map(\.wrappingVersion) + [forgotten.wrappingVersion])
        #expect(after.unreadable == 1)
    }

    @Test("Rotating the root rewraps organisation key rows; the organisation's data is untouched")
    func rootRotation() throws {
        let root = Keyset.generate()
        let organisation = Keyset.generate()
        let sealed = try Sealer(keyset: organisation).seal(string: "contacts", binding: Fixture.binding)
        var rows = try KeyWrap.wrap(organisation, under: root, context: Self.organisationContext)

        let (added, v2) = root.adding()
        let promoted = try added.promoting(v2)
        rows = try rows.map { try KeyWrap.rewrap($0, with: promoted, context: Self.organisationContext) }
        #expect(RotationPlan(keyset: promoted, wrappingVersions: rows.map(\.wrappingVersion)).canRetire(1))
        let newRoot = try promoted.retiring(1)

        let reloaded = try KeyWrap.unwrapKeyset(rows, with: newRoot, context: Self.organisationContext)
        #expect(try Sealer(keyset: reloaded).openString(sealed, binding: Fixture.binding) == "contacts")
    }

    @Test("Rewrapping returns only ciphertext: the key never appears in its output")
    func rewrapIsOpaque() throws {
        let (added, v2) = Keyset.generate().adding()
        let dataKey = DataKey.generate()
        let wrapped = try KeyWrap.wrap(dataKey, under: added, context: Self.personContext(1))
        // The type is the guarantee: rewrap's result is a WrappedKey, which holds no key in clear.
        let rewrapped: WrappedKey = try KeyWrap.rewrap(
            wrapped, with: added.promoting(v2), context: Self.personContext(1))
        #expect(rewrapped.envelope != wrapped.envelope)
        #expect(!Fixture.contains(rewrapped.envelope, Fixture.keyBytes(dataKey.key)))
    }

    @Test("Deleting a person's wrapped data key shreds them, even with the root and organisation keys")
    func shredPerson() throws {
        // setup: the full hierarchy
        let root = Keyset.generate()
        let organisation = Keyset.generate()
        let organisationRows = try KeyWrap.wrap(organisation, under: root, context: Self.organisationContext)
        let dataKey = DataKey.generate()
        var personKeyRow: WrappedKey? = try KeyWrap.wrap(dataKey, under: organisation, context: Self.personContext(1))
        let sealed = try Sealer(dataKey: dataKey).seal(string: "Smith", binding: Fixture.binding)
        #expect(personKeyRow != nil)

        // MUT: end of retention deletes the row; a later write makes a fresh key in its place
        personKeyRow = nil
        let replacement = DataKey.generate()
        let replacementRow = try KeyWrap.wrap(replacement, under: organisation, context: Self.personContext(1))

        // validate: everything the attacker or the operator still holds cannot open the old value
        let reloaded = try KeyWrap.unwrapKeyset(organisationRows, with: root, context: Self.organisationContext)
        let current = try KeyWrap.unwrapDataKey(replacementRow, with: reloaded, context: Self.personContext(1))
        #expect(
            vaultError { try Sealer(dataKey: current).open(sealed, binding: Fixture.binding) } == .authenticationFailed)
        #expect(
            vaultError { try Sealer(keyset: reloaded).open(sealed, binding: Fixture.binding) } == .authenticationFailed)
        #expect(vaultError { try Sealer(keyset: root).open(sealed, binding: Fixture.binding) } == .authenticationFailed)
    }

    @Test("Deleting an organisation's wrapped keys shreds every person under it")
    func shredOrganisation() throws {
        let root = Keyset.generate()
        let organisation = Keyset.generate()
        var organisationRows = try KeyWrap.wrap(organisation, under: root, context: Self.organisationContext)
        let dataKey = DataKey.generate()
        let personRow = try KeyWrap.wrap(dataKey, under: organisation, context: Self.personContext(1))
        let sealed = try Sealer(dataKey: dataKey).seal(string: "Smith", binding: Fixture.binding)

        // MUT: the customer leaves; their key rows are deleted (and someone recreates the organisation)
        organisationRows.removeAll()
        let recreated = Keyset.generate()
        organisationRows = try KeyWrap.wrap(recreated, under: root, context: Self.organisationContext)

        // validate
        let reloaded = try KeyWrap.unwrapKeyset(organisationRows, with: root, context: Self.organisationContext)
        #expect(
            vaultError { try KeyWrap.unwrapDataKey(personRow, with: reloaded, context: Self.personContext(1)) }
                == .authenticationFailed)
        #expect(
            vaultError { try Sealer(keyset: reloaded).open(sealed, binding: Fixture.binding) } == .authenticationFailed)
    }
}
