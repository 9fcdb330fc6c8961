import Testing

@testable import Vault

@Suite("Blind index planner")
struct BlindIndexPlannerTests {
    @Test(
        "Widths for 1,000 / 100,000 / 1,000,000 / 2,000,000 people keep 2 ≤ C < √R and are the largest that do",
        arguments: [(1_000, 8), (100_000, 15), (1_000_000, 18), (2_000_000, 19)]
    )
    func documentedNumbers(population: Int, expected: Int) throws {
        let bits = try BlindIndexPlanner.bits(forPopulation: population)
        #expect(bits == expected)
        let coincidences = BlindIndexPlanner.expectedCoincidences(population: population, bits: bits)
        #expect(coincidences >= 2 && coincidences < Double(population).squareRoot())
        #expect(BlindIndexPlanner.expectedCoincidences(population: population, bits: bits + 1) < 2)
    }

    @Test("For every population up to 5,000 the result is the largest width within the bound (brute force)")
    func bruteForce() {
        for population in 1...5_000 {
            let root = Double(population).squareRoot()
            let valid = (1...64).filter {
                let c = BlindIndexPlanner.expectedCoincidences(population: population, bits: $0)
                return c >= 2 && c < root
            }
            let planned = try? BlindIndexPlanner.bits(forPopulation: population)
            #expect(planned == valid.max(), "R = \(population)")
        }
    }

    @Test("Other indexes on the same rows use up the budget")
    func otherIndexes() throws {
        #expect(try BlindIndexPlanner.bits(forPopulation: 1_000_000, otherIndexBits: 8) == 10)
        let c = BlindIndexPlanner.expectedCoincidences(population: 1_000_000, bits: 10, otherIndexBits: 8)
        #expect(c >= 2 && c < 1_000)
        #expect(
            vaultError { try BlindIndexPlanner.bits(forPopulation: 1_000_000, otherIndexBits: 18) }
                == .populationTooSmall)
        #expect(try BlindIndexPlanner.bits(forPopulation: 1_000_000, otherIndexBits: 17) == 1)
        #expect(
            vaultError { try BlindIndexPlanner.bits(forPopulation: 1_000, otherIndexBits: -1) } == .invalidIndexBits)
    }

    @Test("The width is capped at the input domain's entropy")
    func cap() throws {
        #expect(try BlindIndexPlanner.bits(forPopulation: 2_000_000, inputDomainBits: 12.9) == 12)
        #expect(
            try BlindIndexPlanner.bits(forPopulation: 1 << 40, inputDomainBits: BlindIndexField.ninoInputDomainBits)
                == 28)
        #expect(try BlindIndexPlanner.bits(forPopulation: Int.max, inputDomainBits: .infinity) == 61)
        #expect(
            vaultError { try BlindIndexPlanner.bits(forPopulation: 1_000, inputDomainBits: 0.5) } == .lowEntropyField)
        #expect(
            vaultError { try BlindIndexPlanner.bits(forPopulation: 1_000, inputDomainBits: .nan) } == .lowEntropyField)
    }

    @Test("Populations too small for the bound are refused")
    func tooSmall() throws {
        for population in [-5, 0, 1, 2, 3, 4, 5, 6, 7] {
            #expect(
                vaultError { try BlindIndexPlanner.bits(forPopulation: population) } == .populationTooSmall,
                "R = \(population)")
        }
        #expect(try BlindIndexPlanner.bits(forPopulation: 8) == 2)
    }

    @Test("NINO and staff-number fields are sized by the planner and are not low-entropy")
    func fieldConstructors() throws {
        let nino = try BlindIndexField.nino(expectedPopulation: 2_000_000)
        #expect(nino == BlindIndexField(name: "people.nino", bits: 19, isLowEntropy: false))
        let staff = try BlindIndexField.staffNumber(expectedPopulation: 100_000)
        #expect(staff == BlindIndexField(name: "employments.staff_number", bits: 15))
        #expect(vaultError { try BlindIndexField.nino(expectedPopulation: 3) } == .populationTooSmall)
    }
}
