// Tables: symbols, delimiters, spaces, accents, fonts (Unicode Mathematical Alphanumeric Symbols).

/// A command (or Unicode character) that stands for one token.
enum Symbol: Sendable {
    /// `<mi>`: rendered as written (single letters of the italic table become italic).
    case ident(String)
    /// A Greek letter (or ∂ ∇), font-aware.
    case greek(UInt32)
    /// `<mo>` with optional attributes.
    case op(String, attrs: String = "")
    /// A delimiter outside `\left…\right`: `<mo stretchy="false">`. `opening` for `&#x2061;` decisions.
    case fence(String, opening: Bool)
    /// `\sum`, `\int`: `<mo>`; `limits` when scripts go under/over in display style.
    case largeOp(String, limits: Bool)
    /// `\sin`, `\max`: `<mi>` name followed by `&#x2061;`; `limits` as for large operators.
    case function(String, limits: Bool)
    /// Horizontal space, a CSS length (negative: a negative margin).
    case space(String)
}

enum Symbols {
    static let table: [String: Symbol] = {
        var t: [String: Symbol] = [:]
        // Greek.
        let greek: [(String, UInt32)] = [
            ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3F5),
            ("varepsilon", 0x3B5), ("zeta", 0x3B6), ("eta", 0x3B7), ("theta", 0x3B8), ("vartheta", 0x3D1),
            ("iota", 0x3B9), ("kappa", 0x3BA), ("varkappa", 0x3F0), ("lambda", 0x3BB), ("mu", 0x3BC),
            ("nu", 0x3BD), ("xi", 0x3BE), ("omicron", 0x3BF), ("pi", 0x3C0), ("varpi", 0x3D6), ("rho", 0x3C1),
            ("varrho", 0x3F1), ("sigma", 0x3C3), ("varsigma", 0x3C2), ("tau", 0x3C4), ("upsilon", 0x3C5),
            ("phi", 0x3D5), ("varphi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8), ("omega", 0x3C9),
            ("Gamma", 0x393), ("Delta", 0x394), ("Theta", 0x398), ("Lambda", 0x39B), ("Xi", 0x39E),
            ("Pi", 0x3A0), ("Sigma", 0x3A3), ("Upsilon", 0x3A5), ("Phi", 0x3A6), ("Psi", 0x3A8),
            ("Omega", 0x3A9), ("partial", 0x2202), ("nabla", 0x2207),
        ]
        for (name, scalar) in greek { t[name] = .greek(scalar) }

        // Ordinary symbols.
        for (name, text) in [
            ("infty", "∞"), ("ell", "ℓ"), ("hbar", "ℏ"), ("imath", "ı"), ("jmath", "ȷ"), ("aleph", "ℵ"),
            ("Re", "ℜ"), ("Im", "ℑ"), ("wp", "℘"), ("emptyset", "∅"), ("varnothing", "∅"), ("top", "⊤"),
            ("bot", "⊥"), ("angle", "∠"), ("triangle", "△"), ("Box", "□"), ("square", "□"), ("checkmark", "✓"),
            ("dagger", "†"), ("ddagger", "‡"), ("#", "#"), ("$", "$"), ("%", "%"), ("_", "_"),
            ("degree", "°"), ("flat", "♭"), ("sharp", "♯"), ("clubsuit", "♣"), ("spadesuit", "♠"),
        ] as [(String, String)] { t[name] = .ident(text) }

        // Binary operators, relations, arrows, punctuation.
        for (name, text) in [
            ("pm", "±"), ("mp", "∓"), ("times", "×"), ("div", "÷"), ("cdot", "⋅"), ("ast", "∗"), ("star", "⋆"),
            ("circ", "∘"), ("bigcirc", "◯"), ("bullet", "∙"), ("otimes", "⊗"), ("oslash", "⊘"), ("odot", "⊙"),
            ("oplus", "⊕"), ("ominus", "⊖"), ("cap", "∩"), ("cup", "∪"), ("setminus", "∖"), ("wedge", "∧"),
            ("land", "∧"), ("vee", "∨"), ("lor", "∨"), ("intercal", "⊺"), ("diamond", "⋄"), ("wr", "≀"),
            ("sqcap", "⊓"), ("sqcup", "⊔"), ("uplus", "⊎"), ("amalg", "⨿"),
            ("le", "≤"), ("leq", "≤"), ("ge", "≥"), ("geq", "≥"), ("ne", "≠"), ("neq", "≠"), ("approx", "≈"),
            ("equiv", "≡"), ("sim", "∼"), ("simeq", "≃"), ("cong", "≅"), ("propto", "∝"), ("ll", "≪"),
            ("gg", "≫"), ("prec", "≺"), ("succ", "≻"), ("preceq", "⪯"), ("succeq", "⪰"), ("leqslant", "⩽"),
            ("geqslant", "⩾"), ("doteq", "≐"), ("in", "∈"), ("notin", "∉"), ("ni", "∋"), ("subset", "⊂"),
            ("supset", "⊃"), ("subseteq", "⊆"), ("supseteq", "⊇"), ("perp", "⊥"), ("parallel", "∥"),
            ("mid", "∣"), ("nmid", "∤"), ("models", "⊨"), ("vdash", "⊢"), ("dashv", "⊣"), ("asymp", "≍"),
            ("to", "→"), ("rightarrow", "→"), ("leftarrow", "←"), ("gets", "←"), ("leftrightarrow", "↔"),
            ("Rightarrow", "⇒"), ("Leftarrow", "⇐"), ("Leftrightarrow", "⇔"), ("implies", "⟹"),
            ("impliedby", "⟸"), ("iff", "⟺"), ("mapsto", "↦"), ("longrightarrow", "⟶"),
            ("longleftarrow", "⟵"), ("Longrightarrow", "⟹"), ("Longleftarrow", "⟸"), ("longmapsto", "⟼"),
            ("uparrow", "↑"), ("downarrow", "↓"), ("Uparrow", "⇑"), ("Downarrow", "⇓"),
            ("nearrow", "↗"), ("searrow", "↘"), ("hookrightarrow", "↪"), ("rightharpoonup", "⇀"),
            ("forall", "∀"), ("exists", "∃"), ("nexists", "∄"), ("neg", "¬"), ("lnot", "¬"),
            ("therefore", "∴"), ("because", "∵"), ("prime", "′"), ("backslash", "\\"),
            ("colon", ":"), ("dots", "…"), ("ldots", "…"), ("cdots", "⋯"), ("vdots", "⋮"), ("ddots", "⋱"),
            ("&", "&amp;"),
        ] as [(String, String)] { t[name] = .op(text) }

        // Delimiters outside \left…\right.
        for (name, text, opening) in [
            ("{", "{", true), ("}", "}", false), ("lbrace", "{", true), ("rbrace", "}", false),
            ("lbrack", "[", true), ("rbrack", "]", false), ("langle", "⟨", true), ("rangle", "⟩", false),
            ("lvert", "|", true), ("rvert", "|", false), ("vert", "|", true), ("|", "‖", true),
            ("lVert", "‖", true), ("rVert", "‖", false), ("Vert", "‖", true), ("lfloor", "⌊", true),
            ("rfloor", "⌋", false), ("lceil", "⌈", true), ("rceil", "⌉", false),
        ] as [(String, String, Bool)] { t[name] = .fence(text, opening: opening) }

        // Large operators.
        for (name, text, limits) in [
            ("sum", "∑", true), ("prod", "∏", true), ("coprod", "∐", true), ("bigcup", "⋃", true),
            ("bigcap", "⋂", true), ("bigoplus", "⨁", true), ("bigotimes", "⨂", true), ("bigodot", "⨀", true),
            ("bigvee", "⋁", true), ("bigwedge", "⋀", true), ("bigsqcup", "⨆", true), ("biguplus", "⨄", true),
            ("int", "∫", false), ("iint", "∬", false), ("iiint", "∭", false), ("oint", "∮", false),
        ] as [(String, String, Bool)] { t[name] = .largeOp(text, limits: limits) }

        // Named functions.
        for name in [
            "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
            "coth", "exp", "ln", "log", "lg", "arg", "ker", "dim", "hom", "deg",
        ] { t[name] = .function(name, limits: false) }
        for name in ["max", "min", "lim", "sup", "inf", "det", "gcd", "Pr", "liminf", "limsup"] {
            t[name] = .function(name, limits: true)
        }
        t["liminf"] = .function("lim inf", limits: true)
        t["limsup"] = .function("lim sup", limits: true)

        // Spaces.
        for (name, width) in [
            (",", "0.1667em"), ("thinspace", "0.1667em"), (":", "0.2222em"), (">", "0.2222em"),
            ("medspace", "0.2222em"), (";", "0.2778em"), ("thickspace", "0.2778em"), ("!", "-0.1667em"),
            ("negthinspace", "-0.1667em"), ("negmedspace", "-0.2222em"), ("negthickspace", "-0.2778em"),
            (" ", "0.3333em"), ("\t", "0.3333em"), ("\n", "0.3333em"), ("\r", "0.3333em"), ("enspace", "0.5em"),
            ("quad", "1em"), ("qquad", "2em"),
        ] as [(String, String)] { t[name] = .space(width) }
        return t
    }()

    /// Non-ASCII input characters that mean a symbol (Greek letters are handled by `greekSlot`).
    static let unicode: [UInt32: Symbol] = {
        var t: [UInt32: Symbol] = [:]
        for (_, symbol) in table {
            switch symbol {
            case .op(let s, _), .ident(let s), .fence(let s, _), .largeOp(let s, _):
                let scalars = s.unicodeScalars
                if scalars.count == 1, let c = scalars.first, c.value >= 0x80 { t[c.value] = symbol }
            default: break
            }
        }
        t[0x2212] = .op("−")  // minus sign
        t[0x00B7] = .op("⋅")  // middle dot
        t[0x2219] = .op("∙")
        t[0x2032] = .op("′")
        t[0x22A5] = .op("⊥")  // \perp and \bot share it
        t[0x2016] = .fence("‖", opening: true)
        t[0x27E8] = .fence("⟨", opening: true)
        t[0x27E9] = .fence("⟩", opening: false)
        t[0x2223] = .op("∣")
        return t
    }()

    /// Delimiters after `\left`, `\right`, `\middle`, `\big…`: command name (or character) to text.
    static let delimiters: [String: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", "<": "⟨", ">": "⟩",
        "\\{": "{", "\\}": "}", "\\|": "‖", "\\lbrace": "{", "\\rbrace": "}", "\\lbrack": "[", "\\rbrack": "]",
        "\\langle": "⟨", "\\rangle": "⟩", "\\vert": "|", "\\lvert": "|", "\\rvert": "|", "\\Vert": "‖",
        "\\lVert": "‖", "\\rVert": "‖", "\\lfloor": "⌊", "\\rfloor": "⌋", "\\lceil": "⌈", "\\rceil": "⌉",
        "\\backslash": "\\", "\\uparrow": "↑", "\\downarrow": "↓", "\\updownarrow": "↕", "\\Uparrow": "⇑",
        "\\Downarrow": "⇓", "\\Updownarrow": "⇕", "⟨": "⟨", "⟩": "⟩", "‖": "‖", "⌊": "⌊", "⌋": "⌋", "⌈": "⌈",
        "⌉": "⌉",
    ]

    /// Accents: command → (mark, stretchy, under).
    static let accents: [String: (mark: String, stretchy: Bool, under: Bool)] = [
        "vec": ("→", false, false), "hat": ("^", false, false), "widehat": ("^", true, false),
        "bar": ("¯", false, false), "overline": ("‾", true, false), "tilde": ("~", false, false),
        "widetilde": ("~", true, false), "dot": ("˙", false, false), "ddot": ("¨", false, false),
        "dddot": ("⃛", false, false), "check": ("ˇ", false, false), "breve": ("˘", false, false),
        "acute": ("´", false, false), "grave": ("`", false, false), "mathring": ("˚", false, false),
        "overrightarrow": ("→", true, false), "overleftarrow": ("←", true, false),
        "overleftrightarrow": ("↔", true, false), "underline": ("‾", true, true),
        "underrightarrow": ("→", true, true), "underleftarrow": ("←", true, true),
    ]

    /// Font commands taking an argument, and the old-style switches (`{\bf x}`).
    static let fontCommands: [String: Variant] = [
        "mathbf": .bold, "mathrm": .upright, "mathit": .italic, "mathbb": .doubleStruck, "mathcal": .script,
        "mathscr": .script, "mathfrak": .fraktur, "mathsf": .sansSerif, "mathtt": .monospace,
        "boldsymbol": .boldItalic, "bm": .boldItalic, "mathnormal": .math,
    ]
    static let fontSwitches: [String: Variant] = [
        "bf": .bold, "rm": .upright, "it": .italic, "cal": .script, "sf": .sansSerif, "tt": .monospace,
    ]
}

/// Font of letters and digits.
enum Variant: Sendable {
    /// Default math: letters italic one by one, uppercase Greek upright.
    case math
    case upright, italic, bold, boldItalic, script, fraktur, doubleStruck, sansSerif, monospace

    /// First code point of A…Z, a…z (26 after), and 0…9 (nil: ASCII digits).
    private var latinBase: (letters: UInt32, digits: UInt32?) {
        switch self {
        case .math, .upright: (0, nil)
        case .italic: (0x1D434, nil)
        case .bold: (0x1D400, 0x1D7CE)
        case .boldItalic: (0x1D468, 0x1D7CE)
        case .script: (0x1D49C, nil)
        case .fraktur: (0x1D504, nil)
        case .doubleStruck: (0x1D538, 0x1D7D8)
        case .sansSerif: (0x1D5A0, 0x1D7E2)
        case .monospace: (0x1D670, 0x1D7F6)
        }
    }

    /// Letters that Unicode encodes outside the Mathematical Alphanumeric block.
    private static let holes: [UInt32: UInt32] = [
        0x1D455: 0x210E,  // italic h
        0x1D49D: 0x212C, 0x1D4A0: 0x2130, 0x1D4A1: 0x2131, 0x1D4A3: 0x210B, 0x1D4A4: 0x2110, 0x1D4A7: 0x2112,
        0x1D4A8: 0x2133, 0x1D4AD: 0x211B, 0x1D4BA: 0x212F, 0x1D4BC: 0x210A, 0x1D4C4: 0x2134,  // script
        0x1D506: 0x212D, 0x1D50B: 0x210C, 0x1D50C: 0x2111, 0x1D515: 0x211C, 0x1D51D: 0x2128,  // fraktur
        0x1D53A: 0x2102, 0x1D53F: 0x210D, 0x1D545: 0x2115, 0x1D547: 0x2119, 0x1D548: 0x211A,
        0x1D549: 0x211D, 0x1D551: 0x2124,  // double-struck
    ]

    /// Appends ASCII letter or digit `b` in this font (not for `.math` / `.upright`, which keep ASCII).
    func append(_ b: UInt8, to s: inout String) {
        let (letters, digits) = latinBase
        var cp: UInt32
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            guard letters != 0 else { s.unicodeScalars.append(Unicode.Scalar(b)); return }
            cp = letters + UInt32(b - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            guard letters != 0 else { s.unicodeScalars.append(Unicode.Scalar(b)); return }
            cp = letters + 26 + UInt32(b - UInt8(ascii: "a"))
        default:
            guard let digits else { s.unicodeScalars.append(Unicode.Scalar(b)); return }
            cp = digits + UInt32(b - UInt8(ascii: "0"))
        }
        if let hole = Variant.holes[cp] { cp = hole }
        s.unicodeScalars.append(Unicode.Scalar(cp)!)
    }

    /// Greek in this font: the text and whether it needs `mathvariant="normal"`.
    func greek(_ scalar: UInt32) -> (text: String, normal: Bool) {
        let plain = String(Unicode.Scalar(scalar)!)
        guard let (upper, index) = Variant.greekSlot(scalar) else { return (plain, false) }
        let base: UInt32
        switch self {
        case .bold: base = 0x1D6A8
        case .italic: base = 0x1D6E2
        case .boldItalic: base = 0x1D71C
        case .upright: return (plain, true)
        default: return (plain, upper)
        }
        let cp = base + (upper ? 0 : 26) + index
        return (String(Unicode.Scalar(cp)!), false)
    }

    /// Position of a Greek letter (or ∂ ∇ and variants) in the Mathematical Alphanumeric Greek blocks.
    static func greekSlot(_ s: UInt32) -> (upper: Bool, index: UInt32)? {
        switch s {
        case 0x391...0x3A1, 0x3A3...0x3A9: (true, s - 0x391)
        case 0x3F4: (true, 17)
        case 0x2207: (true, 25)
        case 0x3B1...0x3C9: (false, s - 0x3B1)
        case 0x2202: (false, 25)
        case 0x3F5: (false, 26)
        case 0x3D1: (false, 27)
        case 0x3F0: (false, 28)
        case 0x3D5: (false, 29)
        case 0x3F1: (false, 30)
        case 0x3D6: (false, 31)
        default: nil
        }
    }
}
