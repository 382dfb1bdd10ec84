import Testing
@testable import Calculus

/// The word tables written as one `|`-separated literal each keep every word, the odd ones included.
@Suite struct WordTableTests {
    @Test func splitsOnBarsOnly() {
        #expect(WordTable.set("a|b c| |\\") == ["a", "b c", " ", "\\"])
    }

    @Test func theTablesKeepTheirWords() {
        #expect(Parser.spacingCommands.count == 27 && Parser.spacingCommands.contains(" ") && Parser.spacingCommands.contains(","))
        #expect(Parser.binaryCommands.count == 34 && Parser.binaryCommands.contains("\\") && Parser.binaryCommands.contains(" ") && Parser.binaryCommands.contains("vee"))
        #expect(Parser.closingCommands == ["right", "end", "}", "rVert", "rangle"])
        #expect(Vocabulary.greek.count == 36 && Vocabulary.greek.contains("alpha") && Vocabulary.greek.contains("omega"))
        #expect(Parser.switchCommands.count == 21 && Parser.switchCommands.contains("hdashline"))
    }
}

extension WordTableTests {
    @Test func characterTablesMapEachCharacterToItsWord() {
        #expect(WordTable.scalarMap("⁰0|αalpha|∥‖") == ["⁰": "0", "α": "alpha", "∥": "‖"])
        #expect(UnicodeNotation.superscripts.count == 21 && UnicodeNotation.superscripts["ᵀ"] == "T" && UnicodeNotation.superscripts["⁾"] == ")")
        #expect(UnicodeNotation.subscripts.count == 15 && UnicodeNotation.subscripts["ₘ"] == "m")
        #expect(UnicodeNotation.greek.count == 36 && UnicodeNotation.greek["ϕ"] == "phi" && UnicodeNotation.greek["Ω"] == "Omega")
        #expect(Lexer.unicode.count == 24 && Lexer.unicode["≠"] == "!=" && Lexer.unicode["𝟙"] == "𝟙" && Lexer.unicode["×"] == "*")
    }
}
