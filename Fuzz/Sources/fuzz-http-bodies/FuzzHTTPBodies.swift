import Foundation
import FuzzSupport
import SievertServices

@testable import SievertHTTP

// Every JSON request body of the HTTP API, decoded as the routes decode them (JSONBodyProblem.decode, behind
// Request.decodeJSON). The first byte picks the body type, the rest is the body.
//
// Invariants: a body either decodes, and its value then writes and reads back to the same JSON, or it fails
// with a 400 problem whose field path is made of coding keys and indexes only (never a value from the body).
private struct BodyType: Sendable {
    var name: String
    var roundTrip: @Sendable (Data) throws -> (first: Data, second: Data)

    init<T: Codable>(_ type: T.Type) {
        name = String(describing: type)
        roundTrip = { data in
            let value = try JSONBodyProblem.decode(T.self, from: data)
            let first = try encoder.encode(value)
            let second = try encoder.encode(try JSONBodyProblem.decode(T.self, from: first))
            return (first, second)
        }
    }
}

private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}()

// Each type a route passes to `decodeJSON`, in the order of `grep -rn 'decodeJSON(' Sources/SievertHTTP`.
private let bodyTypes: [BodyType] = [
    BodyType(NewPerson.self), BodyType(NewEmployment.self), BodyType(ContactPatch.self),
    BodyType(PeopleRoutes.DateBody.self), BodyType(ReadingRoutes.Body.self), BodyType(AlertStep.self),
    BodyType(AlertRoutes.Recheck.self), BodyType(InvestigationLevelsInput.self),
    BodyType(IncidentRoutes.Declaration.self), BodyType(IncidentRoutes.Decision.self),
    BodyType(IncidentRoutes.ScopeRequest.self), BodyType(IncidentRoutes.DeliveryUpdate.self),
    BodyType(NewDosemeters.self), BodyType(DosemeterRoutes.Assignments.self), BodyType(DosemeterRoutes.EndRequest.self),
    BodyType(DosimetrySettings.self), BodyType(DosemeterRoutes.IssueRequest.self), BodyType(NewReturn.self),
    BodyType(NewDoseEntry.self), BodyType(NewOrganisation.self), BodyType(AuthRoutes.SignInBody.self),
    BodyType(AuthRoutes.EnrolBody.self), BodyType(AuthRoutes.PasswordBody.self), BodyType(NewAccount.self),
    BodyType(AccountRoutes.NewToken.self), BodyType(DesignationChange.self), BodyType(PregnancyNotice.self),
    BodyType(SpecialAuthorisationInput.self),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    let bodyType = bodyTypes[Int(data[0]) % bodyTypes.count]
    let body = Data(bytes: data + 1, count: size - 1)
    do {
        let (first, second) = try bodyType.roundTrip(body)
        invariant(first == second, "\(bodyType.name) does not read back as it was written")
    } catch let problem as Problem {
        invariant(problem.statusCode == 400, "\(bodyType.name): status \(problem.statusCode)")
        for error in problem.errors ?? [] {
            let components = error.field.split(separator: ".", omittingEmptySubsequences: false)
            invariant(
                components.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } },
                "\(bodyType.name): field path \(error.field) is not made of keys and indexes")
        }
    } catch {
        invariant(false, "\(bodyType.name): \(type(of: error)) escaped instead of a problem: \(error)")
    }
    return 0
}

// SwiftPM links this as the executable's `main`; libFuzzer's driver takes it from there.
@_cdecl("fuzz_http_bodies_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
