/// The index page's introduction: what the course holds and how to work with it, from its chapters and exercises.
enum IndexIntroduction {
    static func html(_ chapters: [PreparedChapter], inPageGrading: Bool) -> String {
        let exercises = chapters.reduce(0) { $0 + $1.exercises.count }
        var s = "<div class=\"intro\">\n<p>"
        s += chapters.count == 1 ? "One chapter" : "\(chapters.count) chapters"
        if exercises > 0 {
            s += exercises == 1 ? ", with one exercise" : ", with \(exercises) exercises"
            s += " whose solutions and common mistakes are checked by <code>mcheck</code>"
        }
        s += ".</p>\n"
        if exercises > 0 {
            s += "<p>"
            if inPageGrading { s += "Answer an exercise in its box on the page and it is checked at once, or " }
            else { s += "Answer the exercises " }
            s += "in the chapter's workbook, then run <code>mcheck exercises/chN.md</code> for feedback on each answer.</p>\n"
        }
        s += "<p class=\"intro-keys\">Press <kbd>/</kbd> to search, <kbd>←</kbd> and <kbd>→</kbd> to turn the chapters; "
        s += "<a href=\"\(PrintPage.name)\">the whole course on one page</a> is there to print.</p>\n</div>\n"
        return s
    }
}
