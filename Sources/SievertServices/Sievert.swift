import Foundation
import Logging
import Passbook
import SievertStorage
import Vault

/// The use cases of the service, wired to one store and one key service. HTTP and CLI both call these.
public struct Sievert: Sendable {
    public let store: any RecordStore
    public let keys: KeyService
    public let organisations: OrganisationService
    public let people: PeopleService
    public let peopleImport: PeopleImport
    public let peopleExport: PeopleExport
    public let demo: DemoData
    public let tokens: AccessTokens
    public let accounts: AccountService
    public let signIn: SignInService
    public let monitor: AccessMonitor
    public let access: AccessPolicy
    public let doses: DoseRecordService
    public let participants: Participants
    public let readingsImport: ReadingsImport
    public let dosemeters: DosemeterService
    public let alerts: DoseAlertService
    public let outbox: MailOutbox
    public let reports: Reports
    public let passbooks: PassbookIssue
    public let incidents: IncidentService
    public let keyRotation: KeyRotation
    public let retention: Retention

    /// Opens the key service on `store` with a root keyset held in memory, and wires the use cases.
    public static func open(
        store: any RecordStore, root: Keyset, expectedPopulation: Int = 2_000_000, security: SecurityPolicy = .init(),
        notifications: NotificationPolicy = .init(), passbooks: PassbookPolicy = .init(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> Sievert {
        try await open(
            store: store, root: FixedRootKey(root) as any RootKeySource, expectedPopulation: expectedPopulation,
            security: security, notifications: notifications, passbooks: passbooks, clock: clock)
    }

    /// Opens the key service on `store` with the root keyset from `root`, and wires the use cases.
    public static func open(
        store: any RecordStore, root: any RootKeySource, expectedPopulation: Int = 2_000_000,
        security: SecurityPolicy = .init(),
        notifications: NotificationPolicy = .init(), passbooks: PassbookPolicy = .init(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> Sievert {
        let keys = try await KeyService.open(
            root: root, store: store, expectedPopulation: expectedPopulation, now: clock())
        return Sievert(
            store: store, keys: keys, security: security, notifications: notifications, passbooks: passbooks,
            clock: clock)
    }

    init(
        store: any RecordStore, keys: KeyService, security: SecurityPolicy, notifications: NotificationPolicy,
        passbooks: PassbookPolicy, clock: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.keys = keys
        // Longer than a running server's key refresh, so every server knows a new version before it is used.
        self.keyRotation = KeyRotation(
            keys: keys, store: store, clock: clock, propagationWait: KeyService.refreshInterval * 3,
            sleep: security.sleep)
        let monitor = AccessMonitor(policy: security.detection, logger: security.logger)
        self.monitor = monitor
        self.access = AccessPolicy(store: store, clock: clock)
        let hasher = PasswordHasher(cost: security.bcryptCost)
        self.accounts = AccountService(store: store, keys: keys, hasher: hasher, clock: clock)
        self.signIn = SignInService(
            store: store, keys: keys, hasher: hasher, policy: security.throttle, addresses: AddressFailures(),
            clock: clock, sleep: security.sleep, challenges: SignInChallenges())
        let organisations = OrganisationService(store: store, keys: keys, clock: clock)
        let people = PeopleService(
            store: store, keys: keys, organisations: organisations, monitor: monitor, clock: clock)
        self.organisations = organisations
        self.people = people
        self.retention = Retention(store: store, people: people, clock: clock)
        let alerts = DoseAlertService(
            store: store, people: people, organisations: organisations, clock: clock, mailFrom: notifications.from,
            logger: notifications.logger)
        self.alerts = alerts
        self.outbox = MailOutbox(store: store, keys: keys, clock: clock, logger: notifications.logger)
        self.doses = DoseRecordService(store: store, people: people, alerts: alerts, clock: clock)
        self.participants = Participants(store: store, people: people, clock: clock)
        self.reports = Reports(people: people, clock: clock)
        self.passbooks = PassbookIssue(
            store: store, people: people, clock: clock, signer: passbooks.signer, serviceName: passbooks.serviceName)
        self.dosemeters = DosemeterService(
            store: store, people: people, organisations: organisations, alerts: alerts, clock: clock)
        self.readingsImport = ReadingsImport(
            store: store, people: people, organisations: organisations, alerts: alerts, clock: clock)
        self.peopleImport = PeopleImport(store: store, keys: keys, people: people, clock: clock)
        self.peopleExport = PeopleExport(store: store, people: people, organisations: organisations, clock: clock)
        self.incidents = IncidentService(
            store: store, keys: keys, people: people, organisations: organisations, clock: clock,
            mailFrom: notifications.from)
        self.tokens = AccessTokens(store: store, clock: clock)
        self.demo = DemoData(store: store, keys: keys, organisations: organisations, people: people, clock: clock)
    }
}

/// The security settings of the use cases: bcrypt cost, sign-in throttling and detection thresholds.
public struct SecurityPolicy: Sendable {
    public var bcryptCost: UInt8
    public var throttle: LoginThrottlePolicy
    public var detection: DetectionPolicy
    /// Where security alerts are logged.
    public var logger: Logger
    /// How a failed sign-in's answer is held back.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        bcryptCost: UInt8 = 12, throttle: LoginThrottlePolicy = .init(), detection: DetectionPolicy = .init(),
        logger: Logger = Logger(label: "sievert.detection"),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.bcryptCost = max(bcryptCost, 12)
        self.throttle = throttle
        self.detection = detection
        self.logger = logger
        self.sleep = sleep
    }
}

/// How the service writes notices: the sender address of its e-mail, and where delivery problems are logged.
public struct NotificationPolicy: Sendable {
    public var from: String
    public var logger: Logger

    public init(from: String = "sievert@localhost", logger: Logger = Logger(label: "sievert.mail")) {
        self.from = from
        self.logger = logger
    }
}

/// How passbooks are issued: the service's signing key (held outside the database; nil when none is configured)
/// and the name every entry gives as the issuing service.
public struct PassbookPolicy: Sendable {
    public var signer: PassbookSigner?
    public var serviceName: String

    public init(signer: PassbookSigner? = nil, serviceName: String = "Sievert Radiation Protection Service") {
        self.signer = signer
        self.serviceName = serviceName
    }
}
