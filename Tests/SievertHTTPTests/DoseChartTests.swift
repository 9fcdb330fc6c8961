import DoseCore
import Foundation
import Testing

@testable import SievertHTTP

@Suite("The dose chart's geometry")
struct DoseChartTests {
    static func chart(_ monthly: [Int64], level: Int64? = 6_000, limit: Int64? = 20_000) -> DoseChart {
        DoseChart(
            monthly: monthly + [Int64](repeating: 0, count: 12 - monthly.count),
            limit: limit.map(Dose.init(microsieverts:)), investigationLevel: level.map(Dose.init(microsieverts:)),
            label: "Whole body", year: 2026)
    }

    @Test("the scale tops out at a round number above the year's total and the investigation level")
    func scale() {
        #expect(Self.chart([1_000, 0, 2_000]).scaleTop == 10_000)
        #expect(Self.chart([9_000, 9_000]).scaleTop == 20_000)
        #expect(Self.chart([10], level: nil).scaleTop == 2_000)
        #expect(DoseChart.niceCeiling(1) == 1)
        #expect(DoseChart.niceCeiling(101) == 200)
        #expect(DoseChart.niceCeiling(4_999) == 5_000)
        #expect(DoseChart.niceCeiling(50_001) == 100_000)
    }

    @Test("months with a dose get a bar of proportional height, and the year-to-date line climbs month by month")
    func bars() {
        let chart = Self.chart([1_000, 0, 2_000])
        #expect(chart.yearToDate.prefix(4) == [1_000, 1_000, 3_000, 3_000])
        let svg = chart.svg(id: "c")
        #expect(svg.components(separatedBy: "<rect class=\"bar\"").count - 1 == 2)
        // Plot height 214 px for 10 mSv: 1 mSv is 21 px tall, 2 mSv 43 px.
        #expect(svg.contains("height=\"21\""))
        #expect(svg.contains("height=\"43\""))
        #expect(svg.contains("<polyline class=\"ytd\""))
    }

    @Test("in the current year the year-to-date line stops at this month")
    func lineStopsToday() throws {
        var chart = Self.chart([1_000, 1_000, 1_000])
        chart.lastMonth = 3
        let svg = chart.svg(id: "c")
        let points = try #require(svg.range(of: "points=\"")).upperBound
        let list = svg[points...].prefix { $0 != "\"" }
        #expect(list.split(separator: " ").count == 3)
        chart.lastMonth = 12
        let whole = chart.svg(id: "c")
        let all = try #require(whole.range(of: "points=\"")).upperBound
        #expect(whole[all...].prefix { $0 != "\"" }.split(separator: " ").count == 12)
    }

    @Test("the investigation level is drawn when in range; the limit only when it fits, and is always described")
    func lines() {
        let low = Self.chart([1_000]).svg(id: "c")
        #expect(low.contains("class=\"level\""))
        #expect(!low.contains("class=\"limit\""))
        #expect(low.contains("of the 20.00 mSv annual limit"))
        let high = Self.chart([9_000, 9_000]).svg(id: "c")
        #expect(high.contains("class=\"limit\""))
        #expect(high.contains("Annual limit 20.00 mSv"))
    }

    @Test("the SVG names itself for screen readers and escapes its text")
    func accessible() {
        var chart = Self.chart([500])
        chart.label = "Skin <&> \"dose\""
        let svg = chart.svg(id: "chart-skin")
        #expect(svg.contains(#"role="img" aria-labelledby="chart-skin-title chart-skin-desc""#))
        #expect(svg.contains("<title id=\"chart-skin-title\">Skin &lt;&amp;&gt; &quot;dose&quot;, 2026</title>"))
        #expect(!svg.contains("<&>"))
        #expect(!svg.contains("style="))
    }
}
