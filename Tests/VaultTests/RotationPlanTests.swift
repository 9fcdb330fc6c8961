import Testing

@testable import Vault

@Suite("Rotation plan")
struct RotationPlanTests {
    @Test("Counts rows per wrapping version and says which versions can be retired")
    func counts() throws {
        // setup: live 1, 2, 3 with 3 primary; 4 was retired
        let keyset = try Fixture.keyset(versions: [1, 2, 3], primary: 3)
        let versions: [KeyVersion] = [1, 1, 3, 3, 3, 4]
        // MUT
        let plan = RotationPlan(keyset: keyset, wrappingVersions: versions)
        // validate
        #expect(plan.primaryVersion == 3)
        #expect(plan.liveVersions == [1, 2, 3])
        #expect(plan.remaining(under: 1) == 2)
        #expect(plan.remaining(under: 2) == 0)
        #expect(plan.remainingToRewrap == 2)
        #expect(plan.unreadable == 1)
        #expect(!plan.isRewrapComplete)
        #expect(!plan.canRetire(1), "rows remain")
        #expect(plan.canRetire(2))
        #expect(!plan.canRetire(3), "primary")
        #expect(!plan.canRetire(4), "not live")
        #expect(plan.retirableVersions == [2])
    }

    @Test("An empty store is complete and every non-primary version is retirable")
    func empty() throws {
        let keyset = try Fixture.keyset(versions: [1, 2], primary: 2)
        let plan = RotationPlan(keyset: keyset, wrappingVersions: [])
        #expect(plan.isRewrapComplete)
        #expect(plan.retirableVersions == [1])
        #expect(plan.unreadable == 0)
    }
}
