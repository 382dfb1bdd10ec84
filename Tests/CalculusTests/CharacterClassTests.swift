import Testing
@testable import Calculus

/// `CharacterClasses` replaces the standard library's Unicode properties in the engine (so that the grader for the
/// page does not link their tables): in the blocks it covers it must say exactly what the standard library says.
@Suite struct CharacterClassTests {
    /// The blocks whose letters a calculus answer uses (as CharacterClasses documents them).
    static let blocks: [ClosedRange<UInt32>] = [
        0x0000...0x02FF, 0x0370...0x04FF, 0x1D00...0x1DBF, 0x1E00...0x1FFF, 0x2070...0x209F, 0x2100...0x218F, 0x1D400...0x1D7FF,
    ]
    static var scalars: [Unicode.Scalar] { blocks.flatMap { $0.compactMap(Unicode.Scalar.init) } }

    @Test func lettersAreUnicodesAlphabeticScalarsInTheCoveredBlocks() {
        let differing = Self.scalars.filter { CharacterClasses.isLetter($0) != $0.properties.isAlphabetic }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { "U+" + String($0.value, radix: 16) })")
        #expect(Self.scalars.count(where: CharacterClasses.isLetter) > 1400)
    }

    @Test func noLetterOutsideTheCoveredBlocks() {
        // A Chinese, an Arabic and a Hebrew letter are letters to Unicode but not names an answer can use.
        for s in ["中", "ب", "א"].map({ $0.unicodeScalars.first! }) {
            #expect(s.properties.isAlphabetic)
            #expect(!CharacterClasses.isLetter(s))
        }
    }

    @Test func upperCaseAgreesInLatinAndGreek() {
        let region = Self.scalars.filter { $0.value < 0x100 || (0x370...0x3FF).contains($0.value) }
        let differing = region.filter { CharacterClasses.isUpperCase($0) != $0.properties.isUppercase }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { "U+" + String($0.value, radix: 16) })")
    }

    @Test func numeralsAreWhatCharacterIsNumberSays() {
        let differing = Self.scalars.filter { CharacterClasses.isNumeral(Character($0)) != Character($0).isNumber }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { "U+" + String($0.value, radix: 16) })")
        #expect(CharacterClasses.isNumeral("²") && CharacterClasses.isNumeral("½") && !CharacterClasses.isNumeral("x"))
    }

    @Test func whiteSpaceAndSpaceSeparatorsAgreeEverywhere() {
        let all = (0...0x10FFFF).compactMap(Unicode.Scalar.init)
        #expect(all.filter { CharacterClasses.isWhiteSpace($0) != $0.properties.isWhitespace }.isEmpty)
        #expect(all.filter { CharacterClasses.isSpaceSeparator($0) != ($0.properties.generalCategory == .spaceSeparator) }.isEmpty)
        #expect(CharacterClasses.isWhiteSpace(Character("\r\n")))
    }
}
