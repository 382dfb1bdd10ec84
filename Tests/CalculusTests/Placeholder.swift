import Testing
@testable import Calculus
