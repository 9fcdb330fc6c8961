import Foundation

/// A `/metrics` page in Prometheus text format, read into samples for tests.
struct MetricsPage {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double

        /// Whether the sample carries every one of `wanted`.
        func has(_ wanted: [String: String]) -> Bool {
            wanted.allSatisfy { key, value in labels[key] == value }
        }
    }

    let text: String
    let samples: [Sample]
    /// `# TYPE` lines: metric family → type.
    let types: [String: String]

    init(_ text: String) {
        self.text = text
        var samples: [Sample] = []
        var types: [String: String] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count == 4 { types[String(parts[2])] = String(parts[3]) }
                continue
            }
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "),
                let value = Double(line[line.index(after: space)...])
            else { continue }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else {
                samples.append(Sample(name: String(series), labels: [:], value: value))
                continue
            }
            samples.append(
                Sample(
                    name: String(series[..<brace]),
                    labels: Self.labels(series[series.index(after: brace)...].dropLast()),
                    value: value))
        }
        self.samples = samples
        self.types = types
    }

    // Label values here never hold a comma or an escaped quote (route patterns, status codes, fixed words).
    private static func labels(_ text: Substring) -> [String: String] {
        var labels: [String: String] = [:]
        for pair in text.split(separator: ",") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...].dropFirst().dropLast())
        }
        return labels
    }

    /// The sum of the samples named `name` whose labels include `labels`; 0 when there are none (a counter not yet
    /// incremented is not on the page).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.filter { $0.name == name && $0.has(labels) }
            .map(\.value).reduce(0, +)
    }

    /// Whether any sample is named `name`.
    func has(_ name: String) -> Bool { samples.contains { $0.name == name } }
}
