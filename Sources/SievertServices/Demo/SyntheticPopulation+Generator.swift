extension SyntheticPopulation {
    /// A small, fast, seedable random number generator (xoshiro256**, seeded through SplitMix64), so a
    /// seed always gives the same demo population.
    ///
    /// Not for anything secret: demo data and tests only.
    public struct Generator: RandomNumberGenerator, Sendable {
        private var state: (UInt64, UInt64, UInt64, UInt64)

        /// Creates a generator whose whole output is fixed by `seed`.
        public init(seed: UInt64) {
            // SplitMix64 spreads any seed, including 0, over the four words xoshiro needs.
            var splitMix = seed
            func nextSplitMix() -> UInt64 {
                splitMix &+= 0x9E37_79B9_7F4A_7C15
                var z = splitMix
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
        }

        /// The next 64 random bits.
        public mutating func next() -> UInt64 {
            let result = rotateLeft(state.1 &* 5, 7) &* 9
            let shifted = state.1 << 17
            state.2 ^= state.0
            state.3 ^= state.1
            state.1 ^= state.2
            state.0 ^= state.3
            state.2 ^= shifted
            state.3 = rotateLeft(state.3, 45)
            return result
        }

        private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
            (value << count) | (value >> (64 - count))
        }
    }
}
