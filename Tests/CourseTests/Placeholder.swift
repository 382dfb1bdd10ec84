import Testing
@testable import Course
