import Testing
@testable import Grading

/// A kink in every term of a sum (a ReLU per example of a loss): a forgotten ReLU is a kink, and the message
/// names the side where the answer is wrong only when it is wrong on all of it.
@Suite struct KinkInSumTests {
    func result(_ id: String) throws -> GradeResult {
        let (_, results) = try Fixtures.grade("kink-in-sum.md")
        return try #require(results[id])
    }

    @Test func aForgottenReluInASumIsAKink() throws {
        let r = try result("forgot-relu")
        #expect(r.verdict == .incorrect)
        #expect(r.kinds.contains(.kink), "\(r.message)")
        #expect(r.message.contains("right where w^T x_i + b > 0 for every i but wrong where w^T x_i + b <= 0 for some i"), "\(r.message)")
    }

    @Test func wrongOnPartOfASideIsNotCalledWrongOnAllOfIt() throws {
        let r = try result("part-of-a-side")
        #expect(r.verdict == .incorrect)
        #expect(!r.message.contains("for some i"), "\(r.message)")
    }

    @Test func theRightAnswerIsRight() throws {
        #expect(try result("right").verdict == .correct)
    }

    @Test func anErrorThatVanishesAtTheKinkIsStillAKink() throws {
        let r = try result("vanishing-at-the-kink")
        #expect(r.kinds.contains(.kink), "\(r.message)")
        #expect(r.message.contains("wrong where x <= 0"), "\(r.message)")
    }

    @Test func aKinkMessageNamesOnlyTheRegionThatIsWrong() throws {
        let r = try result("part-of-the-left")
        #expect(!r.message.contains("x <= 0"), "\(r.message)")
        #expect(r.message.contains("wrong where x < -1"), "\(r.message)")
    }
}
