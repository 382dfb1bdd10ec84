import Calculus
import Testing
@testable import Grading

/// `ask: step(N)` with `steps:`: find the wrong step of a derivation the engine checks itself.
@Suite struct StepQuestionTests {
    func block(_ fields: [(String, String)]) -> ExerciseBlock {
        let parsed = fields.enumerated().map { k, f in
            Field(key: f.0, value: f.1, line: k + 2, valueColumn: f.0.count + 3, text: "\(f.0): \(f.1)")
        }
        return ExerciseBlock(fields: parsed, line: 1, endLine: fields.count + 2)
    }

    /// d/dx sin(x²) in three steps; step 2 drops the factor 2.
    static let derivation = "derivative(sin(x^2), x) = cos(x^2) * derivative(x^2, x) = cos(x^2) * x = x cos(x^2)"

    func question(_ ask: String = "step(3)", steps: String? = derivation) throws -> (ExerciseBlock, Question) {
        var fields = [("id", "find"), ("let", "x: scalar"), ("ask", ask)]
        if let steps { fields.append(("steps", steps)) }
        let b = block(fields)
        return (b, try Question(b, file: "f.md"))
    }

    func grade(_ answer: String) throws -> GradeResult {
        let (b, q) = try question()
        return Grader().grade(b, question: q, file: "f.md", answerText: answer, answerLine: 20)
    }

    @Test func theEngineFindsTheFirstWrongStep() throws {
        let (_, q) = try question()
        #expect(q.kind == .step)
        #expect(q.steps.count == 4)
        #expect(q.wrongStep == 2)
        let (_, first) = try question("step(2)", steps: "derivative(x^3, x) = 3x = 3")
        #expect(first.wrongStep == 1)
    }

    @Test(arguments: ["2", "step 2", "Step 2.", "(2)", " 2 \n", "# the chain rule's factor\n2"])
    func theWrongStepIsCorrect(answer: String) throws {
        let r = try grade(answer)
        #expect(r.verdict == .correct, "\(answer): \(r.message)")
        #expect(r.feedback == [Feedback(.readAs, "read as: step 2")])
    }

    @Test func anEarlierStepSaysTheErrorComesLater() throws {
        let r = try grade("1")
        #expect(r.verdict == .incorrect)
        #expect(r.kinds == [.readAs, .step])
        #expect(r.message == "Step 1 is right; the error comes later.")
    }

    @Test func aLaterStepSaysTheErrorComesEarlier() throws {
        let r = try grade("3")
        #expect(r.verdict == .incorrect)
        #expect(r.kinds == [.readAs, .step])
        #expect(r.message == "The error comes earlier than step 3.")
    }

    @Test func aStepThatIsNotThereIsInvalid() throws {
        for answer in ["0", "4"] {
            let r = try grade(answer)
            #expect(r.verdict == .invalid)
            #expect(r.message == "there is no step \(answer): the derivation has 3 steps, numbered 1 to 3")
        }
    }

    @Test func anUnreadableStepIsASyntaxError() throws {
        let r = try grade("2 or 3")
        #expect(r.verdict == .invalid && r.kinds == [.syntax])
        #expect(r.message.hasPrefix("cannot read the answer (f.md:20:3):"), "\(r.message)")
        #expect(try grade("two").kinds == [.syntax])
    }

    @Test func theStepKindIsAFeedbackKind() {
        #expect(FeedbackKind(rawValue: "step") == .step)
        #expect(FeedbackKind.list.hasSuffix("step"))
    }

    /// Errors of the exercise, at the field at fault.
    @Test(arguments: [
        ("step(3)", nil as String?, "a step question needs a 'steps:' line"),
        ("step(2)", derivation, "ask: step(2) but the derivation of 'steps:' has 3 steps"),
        ("step(0)", derivation, "ask: step(N) takes the number of steps"),
        ("step(three)", derivation, "ask: step(N) takes the number of steps"),
        ("step(1)", "derivative(x^2, x) = 2x", "steps: every step of the derivation is right"),
        ("step(1)", "derivative(x^2, x)", "steps: a derivation needs at least two sides"),
    ])
    func aBadStepQuestionIsAnErrorOfTheExercise(ask: String, steps: String?, message: String) throws {
        #expect {
            _ = try question(ask, steps: steps)
        } throws: { error in
            guard let e = error as? SourceError else { return false }
            return e.message.hasPrefix(message) && e.column != nil
        }
    }

    @Test func stepsBelongToAStepQuestion() {
        #expect(throws: SourceError.self) { _ = try question("derivative(x^2, x)", steps: "derivative(x^2, x) = x") }
    }
}
