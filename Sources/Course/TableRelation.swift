import Calculus
import Foundation
import Markdown

/// A relation between the columns of a rule table, declared once in an HTML comment before the table:
///
///     <!-- table: column 3 = d/dx column 2 -->
///     <!-- table: column 2 = d/dw column 1; column 3 = d/dx column 1 -->
///
/// Columns are numbered from 1. Each relation is an equation in the course's LaTeX in which `column N` stands
/// for the formula of that row's cell N (in parentheses) and `d/dV` for `\frac{\partial}{\partial V}`; every body
/// row is then one table claim, checked as a display equation is, at the row's line. A cell's formula is the math
/// it begins with (what follows is a remark: `$\operatorname{diag}(\vec{1} \oslash \mathbf{x})$ (entries …)`); a cell
/// that begins with words is not checkable. A row with an empty cell in a
/// column the relation names is skipped (it claims nothing there). A cell that holds an equation lends its last
/// side (`$\sigma(x) = \frac{1}{1 + e^{-x}}$` stands for `\frac{1}{1 + e^{-x}}`). A comment inside a row's cell,
/// `<!-- where: x > 0 -->` or `<!-- unchecked: why -->`, narrows or exempts that row.
enum TableRelation {
    /// One relation: the LaTeX template and the columns it names.
    struct Relation {
        var text: String
        var template: String
        var columns: [Int]
    }

    static let columnPattern = try! NSRegularExpression(pattern: "column\\s+([0-9]+)")
    static let derivativePattern = try! NSRegularExpression(pattern: "\\bd/d(\\\\mathbf\\{[A-Za-z]+\\}|[A-Za-z](_[0-9A-Za-z])?)")

    /// Reads `column 3 = d/dx column 2; …`; nil and a message when a relation names no column or has no `=`.
    static func parse(_ text: String) -> ([Relation], String?) {
        var out: [Relation] = []
        for part in text.split(separator: ";").map({ String($0).trimmingSpaces }) where !part.isEmpty {
            let ns = part as NSString
            let columns = columnPattern.matches(in: part, range: NSRange(location: 0, length: ns.length)).compactMap { Int(ns.substring(with: $0.range(at: 1))) }
            guard !columns.isEmpty, columns.allSatisfy({ $0 >= 1 }), Parser.splitEquation(part).count == 2 else {
                return (out, "table: '\(part)' is not a relation such as 'column 3 = d/dx column 2' (columns from 1, one '=')")
            }
            let template = derivativePattern.stringByReplacingMatches(in: part, range: NSRange(location: 0, length: ns.length),
                                                                      withTemplate: "\\\\frac{\\\\partial}{\\\\partial $1}")
            out.append(Relation(text: part, template: template, columns: columns))
        }
        return (out, out.isEmpty ? "table: no relation given" : nil)
    }

    /// A body row's cells: the formula of each (none when the cell begins with words) and the
    /// comments written in the row.
    struct Row {
        var line: Int
        var formulas: [Int: String] = [:]
        var empty: Set<Int> = []
        var prose: Set<Int> = []
        var annotations = Annotations()

        init(_ row: Node) {
            line = row.range.start.line
            for cell in row.children {
                guard case .tableCell(let column, _, _) = cell.kind else { continue }
                let n = column + 1
                var spans: [String] = []
                var text = "", textBefore = ""
                for inline in cell.descendants {
                    switch inline.kind {
                    case .inlineMath(let tex), .displayMath(let tex): spans.append(tex)
                    case .text(let s): text += s; if spans.isEmpty { textBefore += s }
                    case .inlineHTML(let html):
                        for (key, value) in Annotations.comments(html) {
                            if key == "where" { annotations.whereText = value; annotations.whereLine = line }
                            if key == "unchecked" { annotations.unchecked = value }
                        }
                    default: break
                    }
                }
                if spans.isEmpty && text.trimmingSpaces.isEmpty { empty.insert(n) }
                else if !spans.isEmpty && textBefore.trimmingSpaces.isEmpty, let last = Parser.splitEquation(spans[0]).last {
                    formulas[n] = ClaimRule.trimmed(last.text).trimmingSpaces
                } else { prose.insert(n) }
            }
        }
    }

    /// Checks the rows of one table through its relations.
    struct Checker {
        let file: String
        let relationText: String
        let line: Int

        init(file: String, relationText: String, line: Int) { self.file = file; self.relationText = relationText; self.line = line }

        func check(_ table: Node, equations: inout EquationChecker) {
            let (relations, problem) = TableRelation.parse(relationText)
            if let problem { equations.checks.append(Check(file: file, line: line, kind: .table, status: .failed, message: problem)) }
            let rows = table.children.filter { if case .tableRow(false) = $0.kind { return true }; return false }.map(Row.init)
            let width = table.children.first?.childCount ?? 0
            for relation in relations {
                if let wide = relation.columns.first(where: { $0 > width }) {
                    equations.checks.append(Check(file: file, line: line, kind: .table, status: .failed, message: "table: column \(wide) of '\(relation.text)': the table has \(width) columns"))
                    continue
                }
                for row in rows where !relation.columns.contains(where: { row.empty.contains($0) }) {
                    let label = "row: \(relation.text)"
                    if let prose = relation.columns.first(where: { row.prose.contains($0) }), row.annotations.unchecked == nil {
                        let why = "column \(prose) is not a single formula"
                        equations.coverage.notCheckable(file, .table, why)
                        equations.checks.append(Check(file: file, line: row.line, kind: .table, status: .unchecked, message: "\(label): not checkable: \(why)", marked: false))
                        continue
                    }
                    var tex = relation.template
                    for column in Set(relation.columns).sorted(by: >) {
                        tex = tex.replacingOccurrences(of: "column \(column)", with: "(" + (row.formulas[column] ?? "") + ")")
                    }
                    equations.claim(tex, line: row.line, kind: .table, annotations: row.annotations, label: label)
                }
            }
        }
    }
}
